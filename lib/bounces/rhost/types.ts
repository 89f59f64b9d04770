import type { Facts } from '../decide';
import type { Reason } from '../schema';

/**
 * A mailbox provider whose replies are documented well enough to read more precisely than the generic rules can
 * (Google's and Microsoft's published SMTP error lists, Yahoo's error codes, ...).
 */
export interface Provider {
  name: string;
  /** Recipient domains the provider hosts (exact or parent domain). */
  domains: readonly string[];
  /** Host name suffixes of its inbound servers, matched against Remote-MTA and Reporting-MTA. */
  hosts: readonly string[];
  /** The provider's own error-code scheme in a reply ("LPN007_416", "AUP#CXBL"): recognises it by its words. */
  marker?: RegExp;
  read(facts: Facts): Reason | undefined;
}

/** One documented reply: the words, and optionally the reply and status codes it comes with. */
export interface ReplyRule {
  reason: Reason;
  text: RegExp;
  reply?: RegExp;
  status?: RegExp;
}

/** The first rule whose words (and codes, when given) match. */
export function firstRule(rules: readonly ReplyRule[], facts: Facts): Reason | undefined {
  return rules.find((rule) =>
    rule.text.test(facts.diagnostic) &&
    (!rule.reply || rule.reply.test(facts.replyCode)) &&
    (!rule.status || rule.status.test(facts.status)),
  )?.reason;
}

/** Rules from [reason, phrase...] rows when codes do not matter. */
export function phraseRules(rows: ReadonlyArray<readonly [Reason, ...string[]]>): ReplyRule[] {
  return rows.map(([reason, ...texts]) => ({
    reason,
    text: new RegExp(texts.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i'),
  }));
}
