import { checkBounced } from './bounced';
import { checkMalformed } from './malformed';
import { checkShortlinks } from './shortlinks';
import { checkTypos } from './typos';
import type { CheckContext, CheckName, Draft, Finding, Severity } from './types';

export type Check = (draft: Draft, ctx: CheckContext) => Finding[];

/** Every check, in the order their findings are listed within one severity. */
export const checks: Readonly<Record<CheckName, Check>> = {
  bounced: checkBounced,
  malformed: checkMalformed,
  typo: checkTypos,
  shortlink: checkShortlinks,
};

const severityRank: Record<Severity, number> = { block: 0, warn: 1, info: 2 };

/**
 * Runs the enabled checks over a draft: block before warn before info (stable within a severity), one finding per
 * problem (the same address in To and Cc, or the same link twice, gives one). A check that throws is skipped and
 * reported to `onError`: Bounce Guard fails open, so a bug never keeps the other checks (or Send) from working.
 */
export function runChecks(
  draft: Draft,
  ctx: CheckContext,
  onError?: (check: CheckName, error: unknown) => void,
): Finding[] {
  const byId = new Map<string, Finding>();
  for (const [name, check] of Object.entries(checks) as [CheckName, Check][]) {
    if (!ctx.enabled[name]) continue;
    try {
      for (const finding of check(draft, ctx)) if (!byId.has(finding.id)) byId.set(finding.id, finding);
    } catch (error) {
      onError?.(name, error);
    }
  }
  return [...byId.values()].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

export { normalizeAddress, parseRecipients, type ParsedAddress } from './address';
export { defaultShorteners, parseShortenerList } from './shortlinks';
export { suggestDomain } from './typos';
export type { CheckContext, CheckName, Draft, Finding } from './types';
