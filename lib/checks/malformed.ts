import { canonicalDomain, type ParsedAddress } from './address';
import { knownTlds } from './known-domains';
import { draftAddresses } from './recipients';
import type { CheckContext, Draft, Finding } from './types';

/**
 * Addresses no server will accept (RFC 5321/5322 syntax, as mail servers enforce it in practice). Severity block:
 * such a recipient bounces for certain, usually straight away.
 *
 * Decisions: a quoted local part (`"jan doe"@example.com`) is valid syntax and passes. An IP literal in brackets
 * (`jan@[192.0.2.1]`, `jan@[IPv6:2001:db8::1]`) is valid (RFC 5321 §4.1.3) and passes when the address inside is
 * well-formed; a bare IP (`jan@192.0.2.1`) fails as an all-number ending. Non-ASCII (RFC 6531) is allowed in the
 * local part and, as IDN, in the domain. The ending must be a top-level domain of the DNS root (IANA's list in
 * data/tlds.ts): `jan@example.con` can never be delivered; the typo check offers the fix.
 */

/** Not RFC 5322 atext, a dot or non-ASCII (RFC 6531); `@` and spaces have their own messages. */
const notLocalChar = /[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-\u0080-\uffff@\s]/;
const notDomainChar = /[^a-z0-9.-]/;
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv6 = /^IPv6:[0-9a-f:.]{2,45}$/i;
const quotedLocal = /^"(?:[^"\\]|\\.)*"$/;
const digitsOnly = /^\d+$/;
const hyphenAtLabelEdge = /(?:^|\.)-|-(?:\.|$)/;
const longLabel = /[^.]{64}/;
/** The TLD: the last label, when some label comes before it. */
const lastLabel = /[^.]\.+([^.]+)$/;

/** What is wrong with one address, in plain words (empty when nothing is). */
export function addressProblems(parsed: ParsedAddress): string[] {
  const { address, local, domain } = parsed;
  if (!address.includes('@')) return ['it has no @'];
  const problems: string[] = [];
  if (address.length > 254) problems.push('it is longer than the 254 characters an address may have');
  if (local === '') problems.push('there is nothing before the @');
  else problems.push(...localProblems(local));
  if (domain === '') problems.push('there is nothing after the @');
  else problems.push(...domainProblems(domain));
  return problems;
}

function localProblems(local: string): string[] {
  if (quotedLocal.test(local)) return [];
  const problems: string[] = [];
  if (local.includes('@')) problems.push('it has more than one @');
  if (/\s/.test(local)) problems.push('it has a space before the @');
  const bad = notLocalChar.exec(local);
  if (bad) problems.push(`it has a character not allowed before the @: ${JSON.stringify(bad[0])}`);
  if (local.startsWith('.') || local.endsWith('.')) problems.push('the part before the @ starts or ends with a dot');
  if (local.includes('..')) problems.push('the part before the @ has two dots in a row');
  if (local.length > 64) problems.push('the part before the @ is longer than 64 characters');
  return problems;
}

function domainProblems(domain: string): string[] {
  if (domain.startsWith('[')) return literalProblems(domain);
  const problems: string[] = [];
  if (/\s/.test(domain)) problems.push('it has a space after the @');
  if (domain.startsWith('.')) problems.push('the domain starts with a dot');
  if (domain.endsWith('.')) problems.push('the domain ends with a dot');
  if (domain.includes('..')) problems.push('the domain has two dots in a row');
  const ascii = canonicalDomain(domain.replace(/\s/g, ''));
  if (ascii === null) {
    problems.push('the domain is not a valid international domain name');
    return problems;
  }
  const bad = notDomainChar.exec(ascii);
  if (bad) problems.push(`the domain has a character not allowed there: ${JSON.stringify(bad[0])}`);
  if (hyphenAtLabelEdge.test(ascii)) problems.push('a part of the domain starts or ends with a hyphen');
  if (longLabel.test(ascii)) problems.push('a part of the domain is longer than 63 characters');
  const tld = lastLabel.exec(ascii)?.[1];
  if (tld === undefined) problems.push('the domain has no ending such as .com');
  else if (digitsOnly.test(tld)) problems.push('the domain ends in a number (an IP address must be in brackets)');
  else if (tld.length === 1) problems.push(`the domain ending ".${tld}" is too short`);
  else if (!knownTlds.has(tld)) problems.push(`there is no top-level domain ".${tld}"`);
  return problems;
}

function literalProblems(domain: string): string[] {
  const inner = domain.endsWith(']') ? domain.slice(1, -1) : null;
  if (inner !== null && (ipv4.test(inner) || ipv6.test(inner))) return [];
  return ['the IP address in brackets after the @ is not valid'];
}

export function checkMalformed(draft: Draft, _ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const parsed of draftAddresses(draft)) {
    const problems = addressProblems(parsed);
    if (problems.length === 0) continue;
    const subject = parsed.address === '' ? parsed.text : parsed.address;
    findings.push({
      id: `malformed:${subject.toLowerCase()}`,
      kind: 'malformed',
      severity: 'block',
      subject,
      message: `"${subject}" is not a valid email address: ${problems.join('; ')}.`,
    });
  }
  return findings;
}
