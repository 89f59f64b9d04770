/**
 * Recipient addresses as bounce texts write them: bare, in angle brackets, after "rfc822;", inside quotes, glued to
 * punctuation. Addresses come back lower-cased, the form suppressions are keyed by.
 */

// Local part: a quoted string (RFC 5322 allows dots and more inside) or the usual atext; domain: labels or a literal.
const localPart = String.raw`(?:"[^"\r\n]{1,64}"|[a-z0-9!#$%&'*+/=?^_\`{|}~.-]{1,64})`;
const label = '[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?';
const domainPart = String.raw`(?:\[[0-9a-f:.]+\]|${label}(?:\.${label})*)`;
const addressSource = `${localPart}@${domainPart}`;
const anyAddress = new RegExp(addressSource, 'gi');
const wholeAddress = new RegExp(`^${addressSource}$`, 'i');

/**
 * True for a plausible mailbox address on the Internet: the domain needs a dot (or is a literal), which rejects
 * the host-local and source-routed forms some reports carry ("@relay:user@server").
 */
export function isEmailAddress(text: string): boolean {
  if (text.length < 3 || text.length > 254 || !wholeAddress.test(text)) return false;
  const domain = text.slice(text.lastIndexOf('@') + 1);
  return domain.includes('.') || domain.startsWith('[');
}

/** Every address in `text`, in order of appearance, lower-cased and de-duplicated. */
export function findAddresses(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(anyAddress)) {
    const address = tidy(match[0]);
    if (isEmailAddress(address) && !found.includes(address)) found.push(address);
  }
  return found;
}

/**
 * The address a field value or a line names: `<a@b>` wins over a bare address (the bracketed one is the mailbox in
 * "Name <a@b>" and "rfc822; <a@b>"), otherwise the first address. '' when there is none.
 */
export function extractAddress(text: string): string {
  const value = text.replace(/^\s*rfc822\s*;/i, '');
  for (const match of value.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)) {
    const address = tidy(match[1] ?? '');
    if (isEmailAddress(address)) return address;
  }
  return findAddresses(value)[0] ?? '';
}

function tidy(address: string): string {
  // Trailing dots and dashes are sentence punctuation ("... to kijitora@example.jp."), never part of a domain.
  return address.replace(/[.-]+$/, '').toLowerCase();
}
