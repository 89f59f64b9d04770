import type { Reason } from './schema';

/**
 * What a parser read about one recipient, before codes are normalised and the reason decided. Every source (RFC 3464
 * fields, MTA text formats, ARF, auto-replies, SES notifications) produces these; classify.ts finishes them.
 */
export interface DeliveryRecord {
  recipient: string;
  /** Raw diagnostic text (may span lines); '' when the report has none. */
  diagnostic: string;
  status?: string;
  replyCode?: string;
  /** Diagnostic-Code type ('SMTP', 'X-UNIX', ...). */
  diagnosticType?: string;
  /** SMTP command the failure followed, when the format says so. */
  command?: string;
  action?: string;
  remoteMta?: string;
  /** A reason the format's own wording implies; decide.ts treats some as final and some as provisional. */
  hint?: Reason;
  feedbackType?: string;
  /** Surrounding prose read together with the diagnostic when codes and reason are decided (not shown). */
  context?: string;
}

/** What one parser made of a whole message. */
export interface ReadResult {
  /** Which reader produced the records (for benchmarks and debugging, not part of the result contract). */
  source: string;
  records: DeliveryRecord[];
  reportingMta?: string;
}
