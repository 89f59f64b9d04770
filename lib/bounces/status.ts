import type { Reason } from './schema';

/**
 * Enhanced status codes (RFC 3463, RFC 5248 registry): finding them in free text, choosing between the Status:
 * field and the code inside the diagnostic, and what each specific code says about the reason. The code → reason
 * table follows Sisimai's SMTP/Status table; codes that say nothing specific (X.0.0, 5.5.0, ...) are left out.
 */

const statusPattern = /^[245]\.[0-7]\.\d{1,3}$/;

export function isStatusCode(text: string): boolean {
  return statusPattern.test(text);
}

// "X.Y.Z" not glued to a digit, dot, slash (versions, paths, IPs) or a "v" (software versions such as v4.2.1).
const inTextPattern = /(?<![\d./vV])([245])\.([0-7])\.(\d{1,3})(?![\d])/g;
const ipv4 = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g;

/**
 * The enhanced status code a diagnostic text carries, '' when none. With several, the most specific wins: X.0.0 and
 * 4.4.7 (a queue timeout that hides the real error) only when nothing else is there. `statusClass` ('4', '5')
 * restricts the search to that class.
 */
export function findStatus(text: string, statusClass = ''): string {
  if (text.length < 5) return '';
  const masked = text.replace(ipv4, (ip) => ip.replace(/\d/g, '*'));
  const specific: string[] = [];
  let vague = '';
  for (const match of masked.matchAll(inTextPattern)) {
    const code = `${match[1]}.${match[2]}.${match[3]}`;
    if (statusClass && !code.startsWith(statusClass)) continue;
    if (/^\d\.0\.0$/.test(code) || code === '4.4.7') vague = code;
    else specific.push(code);
  }
  const codes = vague ? [...specific, vague] : specific;
  return codes.reduce((chosen, code) => (chosen ? preferStatus(chosen, code, '') : code), '');
}

/**
 * Chooses between the code from the Status: field and the one found in the diagnostic text. The reply code breaks a
 * tie of classes; otherwise the more specific code wins, and codes that only name a protocol problem (X.5.x, 5.3.x,
 * 4.4.7, 4.7.0) yield to the code in the text.
 */
export function preferStatus(fieldCode: string, textCode: string, replyCode: string): string {
  if (!fieldCode || fieldCode.length < 5) return textCode || fieldCode;
  if (!textCode || textCode.length < 5) return fieldCode;
  if (fieldCode === textCode) return fieldCode;
  if (replyCode && fieldCode[0] !== textCode[0]) {
    if (replyCode[0] === fieldCode[0]) return fieldCode;
    if (replyCode[0] === textCode[0]) return textCode;
  }
  if (fieldCode.includes('.0.0')) return textCode.includes('.0.0') ? fieldCode : textCode;
  if (fieldCode.includes('.0') && !textCode.includes('.0')) return textCode;
  if (textCode.includes('.0.0')) return fieldCode;
  if (['4.4.7', '4.7.0'].includes(fieldCode) || fieldCode.startsWith('5.3.')) return textCode;
  if (/^\d\.5\.[1245]$/.test(fieldCode)) return textCode;
  if (fieldCode === '5.1.1') return textCode.includes('.0') || textCode.startsWith('5.5.') ? fieldCode : textCode;
  if (fieldCode === '5.1.3' && textCode.startsWith('5.7.')) return textCode;
  return fieldCode;
}

/** What a specific code says about the reason (RFC 3463 meanings, as Sisimai reads them); undefined when vague. */
export function statusReason(code: string): Reason | undefined {
  return byCode[code];
}

const byCode: Record<string, Reason> = {
  '2.1.5': 'delivered',
  '4.1.6': 'hasmoved', '4.1.7': 'rejected', '4.1.8': 'rejected', '4.1.9': 'systemerror',
  '4.2.1': 'blocked', '4.2.2': 'mailboxfull', '4.2.3': 'exceedlimit', '4.2.4': 'filtered',
  '4.3.1': 'systemfull', '4.3.2': 'notaccept', '4.3.3': 'systemerror', '4.3.5': 'systemerror',
  '4.4.1': 'expired', '4.4.2': 'networkerror', '4.4.3': 'systemerror', '4.4.4': 'networkerror',
  '4.4.5': 'systemfull', '4.4.6': 'networkerror', '4.4.7': 'expired', '4.4.8': 'networkerror',
  '4.5.3': 'systemerror', '4.5.5': 'systemerror',
  '4.6.0': 'contenterror', '4.6.2': 'contenterror', '4.6.5': 'contenterror',
  '4.7.1': 'blocked', '4.7.2': 'blocked', '4.7.5': 'securityerror', '4.7.6': 'securityerror',
  '4.7.7': 'securityerror', '4.7.12': 'securityerror', '4.7.15': 'securityerror', '4.7.16': 'mesgtoobig',
  '4.7.24': 'authfailure', '4.7.25': 'requireptr', '4.7.26': 'authfailure',
  '5.1.0': 'userunknown', '5.1.1': 'userunknown', '5.1.2': 'hostunknown', '5.1.3': 'userunknown',
  '5.1.4': 'filtered', '5.1.6': 'hasmoved', '5.1.7': 'rejected', '5.1.8': 'rejected', '5.1.9': 'systemerror',
  '5.1.10': 'notaccept',
  '5.2.0': 'filtered', '5.2.1': 'filtered', '5.2.2': 'mailboxfull', '5.2.3': 'exceedlimit', '5.2.4': 'filtered',
  '5.3.0': 'systemerror', '5.3.1': 'systemfull', '5.3.2': 'notaccept', '5.3.3': 'systemerror',
  '5.3.4': 'mesgtoobig', '5.3.5': 'systemerror',
  '5.4.0': 'networkerror', '5.4.3': 'systemerror', '5.4.4': 'hostunknown',
  '5.5.2': 'syntaxerror', '5.5.3': 'toomanyconn', '5.5.4': 'systemerror', '5.5.5': 'systemerror',
  '5.5.6': 'syntaxerror',
  '5.6.0': 'contenterror', '5.6.1': 'contenterror', '5.6.2': 'contenterror', '5.6.3': 'contenterror',
  '5.6.5': 'contenterror', '5.6.6': 'contenterror', '5.6.7': 'contenterror', '5.6.8': 'contenterror',
  '5.6.9': 'contenterror',
  '5.7.0': 'securityerror', '5.7.1': 'securityerror', '5.7.2': 'securityerror', '5.7.3': 'securityerror',
  '5.7.4': 'securityerror', '5.7.5': 'securityerror', '5.7.6': 'securityerror', '5.7.7': 'securityerror',
  '5.7.8': 'securityerror', '5.7.9': 'securityerror', '5.7.10': 'securityerror', '5.7.11': 'securityerror',
  '5.7.13': 'suspend', '5.7.14': 'securityerror', '5.7.15': 'securityerror', '5.7.16': 'mesgtoobig',
  '5.7.17': 'hasmoved', '5.7.18': 'hasmoved', '5.7.19': 'securityerror',
  '5.7.20': 'authfailure', '5.7.21': 'authfailure', '5.7.22': 'authfailure', '5.7.23': 'authfailure',
  '5.7.24': 'authfailure', '5.7.25': 'requireptr', '5.7.26': 'authfailure', '5.7.27': 'notaccept',
  '5.7.28': 'spamdetected', '5.7.29': 'authfailure', '5.7.30': 'failedstarttls',
};
