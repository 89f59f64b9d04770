import { normalizeParsed, parseRecipients, type ParsedAddress } from './address';
import { addressProblems } from './malformed';
import { suggestDomain, type TypoContext } from './typos';

/** What the checks make of one typed address, as the CLI's `check-address` prints it. */
export interface AddressReport {
  input: string;
  /** normalizeAddress of the input, or null when it is not one address. */
  address: string | null;
  /** True when no server would refuse the address for its form (malformed.ts). */
  valid: boolean;
  /** What is wrong with its form, in plain words. */
  problems: string[];
  /** The full address the user probably meant (typos.ts), local part as typed; null unless that one is valid. */
  suggestion: string | null;
}

const nobody: TypoContext = { frequentDomains: new Map(), trustedDomains: new Set() };

/** The malformed and typo checks on one address, without a draft; `ctx` adds the user's own domains. */
export function checkAddress(input: string, ctx: TypoContext = nobody): AddressReport {
  const recipients = parseRecipients(input);
  const [only] = recipients;
  if (only === undefined || recipients.length > 1) {
    const problem = only === undefined ? 'it is empty' : `it holds ${recipients.length} addresses, not one`;
    return { input, address: null, valid: false, problems: [problem], suggestion: null };
  }
  const problems = addressProblems(only);
  return { input, address: normalizeParsed(only), valid: problems.length === 0, problems, suggestion: fixed(only, ctx) };
}

/** The address with its domain fixed, when that makes it a valid one (`jan@@gmial.com` stays broken either way). */
function fixed(parsed: ParsedAddress, ctx: TypoContext): string | null {
  if (parsed.local === '' || parsed.domain === '') return null;
  const domain = suggestDomain(parsed.domain, ctx);
  if (domain === null) return null;
  const suggestion = `${parsed.local}@${domain}`;
  const [reparsed] = parseRecipients(suggestion);
  return reparsed !== undefined && addressProblems(reparsed).length === 0 ? suggestion : null;
}
