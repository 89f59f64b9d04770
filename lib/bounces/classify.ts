import { isEmailAddress } from './address';
import { decideReason } from './decide';
import { finishRecord, cleanDiagnostic } from './finish';
import { parseMail, type RawMessage } from './mime';
import { readMessage } from './read';
import { classOf, type BounceResult, type Reason, type ResultClass } from './schema';
import { findReplyCode } from './smtp';
import { findStatus, isStatusCode, preferStatus } from './status';

/**
 * Classifies one raw message (a bounce, a DSN, a complaint report or an auto-reply): one result per recipient it
 * reports, [] for anything that is not such a message (ordinary mail, empty or binary input).
 */
export async function classifyMessage(raw: RawMessage): Promise<BounceResult[]> {
  return (await classifyMessageWithSource(raw)).results;
}

/** Like classifyMessage, plus which reader recognised the message (for benchmarks and debugging). */
export async function classifyMessageWithSource(raw: RawMessage): Promise<{ source: string; results: BounceResult[] }> {
  const size = typeof raw === 'string' ? raw.length : raw.byteLength;
  if (size === 0) return { source: 'none', results: [] };
  const mail = await parseMail(raw);
  let read = readMessage(mail);
  // A notice that wraps the real bounce as an attached message (some gateways forward bounces that way).
  if (!read && mail.attachedMessage.length > 128) read = readMessage(await parseMail(mail.attachedMessage));
  if (!read) return { source: 'none', results: [] };
  const results = new Map<string, BounceResult>();
  for (const record of read.records) {
    // One result per address; a record without a usable address (a redacted report) says nothing we can keep.
    if (results.has(record.recipient) || !isEmailAddress(record.recipient)) continue;
    results.set(record.recipient, finishRecord(record, read.reportingMta));
  }
  return { source: read.source, results: [...results.values()] };
}

export interface DiagnosticInput {
  /** Enhanced status code as the ESP reports it ("5.1.1"). */
  status?: string;
  /** SMTP reply code ("550"). */
  replyCode?: string;
  /** The remote server's reply text ("smtp; 550 5.1.1 user unknown"). */
  diagnostic?: string;
  /** Recipient address or domain, so provider-specific replies (Gmail, Outlook) are read precisely. */
  recipient?: string;
  /** The SMTP command the failure followed, when the ESP says. */
  command?: string;
}

/**
 * The same reason engine for an ESP's per-recipient fields (SES, SendGrid, Mailgun, Postmark webhooks), where there
 * is no message to parse: just codes and the remote server's words.
 */
export function classifyDiagnostic(input: DiagnosticInput): { reason: Reason; class: ResultClass; hard: boolean } {
  const raw = (input.diagnostic ?? '').replace(/^\s*smtp;\s*/i, '');
  const inText = findStatus(raw);
  const status = preferStatus(isStatusCode(input.status ?? '') ? (input.status ?? '') : '', inText, '');
  const given = input.replyCode ?? '';
  const replyCode = /^[2-5]\d\d$/.test(given) ? given : findReplyCode(raw, status.slice(0, 1));
  const diagnostic = cleanDiagnostic(raw, replyCode, status);
  const domain = (input.recipient ?? '').slice((input.recipient ?? '').lastIndexOf('@') + 1);
  const reason = decideReason({
    status,
    replyCode,
    diagnostic,
    diagnosticType: 'SMTP',
    command: input.command ?? '',
    action: '',
    recipientDomain: domain,
    remoteMta: '',
    reportingMta: '',
  });
  const temporary = (status || replyCode).startsWith('4');
  return { reason, ...classOf(reason, temporary) };
}
