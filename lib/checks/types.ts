import type { Suppression } from '../api/suppression';

export type RecipientField = 'to' | 'cc' | 'bcc';

/** One recipient as the user typed or picked it: a chip, or text still in the typing box. */
export interface DraftRecipient {
  field: RecipientField;
  /** What the UI holds: `a@b`, `Name <a@b>`, or free text from the typing box. */
  raw: string;
  source: 'chip' | 'pending';
}

/** Everything the checks may look at; produced by a webmail adapter, never by the checks themselves. */
export interface Draft {
  composeId: string;
  recipients: DraftRecipient[];
  subject: string;
  bodyText: string;
  /** `href` of every link in the body, as written (wrappers such as google.com/url?q= not yet removed). */
  links: string[];
}

export type Severity = 'block' | 'warn' | 'info';
export type FindingKind = 'bounced' | 'malformed' | 'typo' | 'shortlink';

export interface RecipientFix {
  type: 'replace-recipient';
  field: RecipientField;
  /** The recipient's raw text as the adapter reported it, to find the chip again. */
  from: string;
  to: string;
}

export interface Finding {
  /** Stable across reruns for the same problem, so UI state (dismissed, focused) survives. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** The address or link the finding is about, shown to the user. */
  subject: string;
  message: string;
  fix?: { label: string; action: RecipientFix };
}

export type CheckName = FindingKind;

/** What the checks know beyond the draft; built once per change of facts or settings, not per keystroke. */
export interface CheckContext {
  /** Suppression rows by normalized address (see normalizeAddress). */
  facts: ReadonlyMap<string, Suppression>;
  /** Domains this user sends to, with counts; learned locally, never uploaded. */
  frequentDomains: ReadonlyMap<string, number>;
  /** Domains the user said are theirs or trusted: never flagged as typos. */
  trustedDomains: ReadonlySet<string>;
  /** Shortener host names (lower case): the shipped list plus the user's additions. */
  shorteners: ReadonlySet<string>;
  enabled: Readonly<Record<CheckName, boolean>>;
  now: number;
}
