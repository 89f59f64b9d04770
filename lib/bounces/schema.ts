import { z } from 'zod';

/**
 * Sisimai's reason vocabulary (https://libsisimai.org/en/reason/), so our records read like every other bounce tool's
 * and the corpus we test against can be compared one to one.
 */
export const reasons = [
  'authfailure', 'badreputation', 'blocked', 'contenterror', 'delivered', 'exceedlimit', 'expired', 'failedstarttls',
  'feedback', 'filtered', 'hasmoved', 'hostunknown', 'mailboxfull', 'mailererror', 'mesgtoobig', 'networkerror',
  'norelaying', 'notaccept', 'notcompliantrfc', 'onhold', 'policyviolation', 'rejected', 'requireptr',
  'securityerror', 'spamdetected', 'speeding', 'suppressed', 'suspend', 'syntaxerror', 'systemerror', 'systemfull',
  'toomanyconn', 'undefined', 'userunknown', 'vacation', 'virusdetected',
] as const;
export const reasonSchema = z.enum(reasons);
export type Reason = z.infer<typeof reasonSchema>;

/**
 * What a bounce means for the suppression list (architecture.md "Policy defaults"): hard → suppress now,
 * soft → count, block → the address is fine but the sender or the content is not (never suppress),
 * complaint → suppress, ignore → not a failure at all (auto-replies, delivery reports).
 */
export const resultClassSchema = z.enum(['hard', 'soft', 'block', 'complaint', 'ignore']);
export type ResultClass = z.infer<typeof resultClassSchema>;

/** One failed (or reported) recipient of one message. */
export const bounceResultSchema = z.object({
  /** Lower-cased address as the report names it. */
  recipient: z.string().min(3).max(320),
  reason: reasonSchema,
  class: resultClassSchema,
  /** Sisimai's `hardbounce`: true only for reasons that say the address itself is gone. */
  hard: z.boolean(),
  /** Enhanced status code (RFC 3463) as reported, null when the report gives none. */
  status: z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/).nullable(),
  /** SMTP reply code (RFC 5321), null when the report gives none. */
  replyCode: z.string().regex(/^[2-5]\d\d$/).nullable(),
  /** The remote server's words (or the reporting system's), whitespace collapsed; '' when there are none. */
  diagnostic: z.string().max(2000),
  action: z.enum(['failed', 'delayed', 'delivered', 'relayed', 'expanded']).optional(),
  remoteMta: z.string().max(255).optional(),
  /** ARF Feedback-Type (abuse, fraud, opt-out, ...), only for complaints. */
  feedbackType: z.string().max(64).optional(),
});
export type BounceResult = z.infer<typeof bounceResultSchema>;

/** A reason's class; `hard: 'if-permanent'` is Sisimai's rule for notaccept (5xx: hard, 4xx: soft). */
interface ReasonPolicy {
  class: ResultClass;
  hard: boolean | 'if-permanent';
}

const hard: ReasonPolicy = { class: 'hard', hard: true };
const soft: ReasonPolicy = { class: 'soft', hard: false };
const block: ReasonPolicy = { class: 'block', hard: false };
const ignore: ReasonPolicy = { class: 'ignore', hard: false };

export const reasonClass: Record<Reason, ReasonPolicy> = {
  userunknown: hard,
  hostunknown: hard,
  hasmoved: hard,
  notaccept: { class: 'hard', hard: 'if-permanent' }, // null MX or "does not accept mail": gone unless temporary
  // The mailbox or the receiving system has a problem that may pass: count, suppress when it repeats.
  mailboxfull: soft,
  suspend: soft,
  filtered: soft, // the recipient's own filter or a disabled mailbox; repeated refusals mean stop
  expired: soft,
  networkerror: soft,
  systemerror: soft,
  systemfull: soft,
  mailererror: soft,
  syntaxerror: soft,
  onhold: soft,
  undefined: soft,
  suppressed: soft, // an ESP refused because of its own list; Sisimai does not call that hard
  // The address is fine; the sender (IP, domain, authentication, rate) or the content is not.
  blocked: block,
  spamdetected: block,
  policyviolation: block,
  authfailure: block,
  securityerror: block,
  virusdetected: block,
  contenterror: block,
  notcompliantrfc: block,
  rejected: block, // the envelope sender was refused, not the recipient
  badreputation: block,
  requireptr: block,
  norelaying: block,
  failedstarttls: block,
  speeding: block,
  toomanyconn: block,
  mesgtoobig: block,
  exceedlimit: block,
  feedback: { class: 'complaint', hard: false },
  vacation: ignore,
  delivered: ignore,
};

/** Class and hard flag of a reason; `temporary` is whether the report's codes say 4xx (only notaccept cares). */
export function classOf(reason: Reason, temporary: boolean): { class: ResultClass; hard: boolean } {
  const policy = reasonClass[reason];
  if (policy.hard !== 'if-permanent') return { class: policy.class, hard: policy.hard };
  return temporary ? { class: 'soft', hard: false } : { class: 'hard', hard: true };
}
