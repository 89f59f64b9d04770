/**
 * Host names in diagnostic texts: which server answered ("host mx.example.jp[192.0.2.1] said:"). Used to recognise
 * the receiving provider when the report has no Remote-MTA field.
 */

// Where MTAs put the remote host name, as [before, after] around it.
const sandwiched: ReadonlyArray<readonly [string, string]> = [
  ['host ', ' said: '], // Postfix
  ['host ', ' talk to me: '],
  ['while talking to ', ':'], // Sendmail
  ['host ', ' ['], // Exim
  [' by ', '. ['], // Gmail
  ['delivery failed for the following reason: ', ' with'],
  ['remote system: ', '('], // Sun Messaging Server
  ['smtp server <', '>'],
  ['-mta: ', '>'],
];
const startAfter = ['generating server: ']; // Exchange
const existUntil = [' did not like our ']; // DragonFly

/** True for a plausible DNS host name (labels of letters, digits and hyphens, a non-numeric top label). */
function isHostName(text: string): boolean {
  if (text.length < 4 || text.length > 255 || !text.includes('.')) return false;
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(text)) return false;
  return !/^\d+$/.test(text.slice(text.lastIndexOf('.') + 1));
}

/** The remote host a diagnostic names, '' when none; with several candidates the longest name wins. */
export function findRemoteHost(diagnostic: string): string {
  if (!diagnostic) return '';
  const text = diagnostic.toLowerCase().replace(/([([<])/g, ' $1').replace(/([)\]>:;])/g, '$1 ');
  let region = text;
  const pair = sandwiched.find(([before, after]) => {
    const start = text.indexOf(before);
    return start >= 0 && text.indexOf(after, start + before.length) > start + before.length;
  });
  if (pair) {
    const start = text.indexOf(pair[0]) + pair[0].length;
    region = text.slice(start, text.indexOf(pair[1], start));
  } else {
    const after = startAfter.find((marker) => text.includes(marker));
    const until = existUntil.find((marker) => text.includes(marker));
    if (after) region = text.slice(text.indexOf(after) + after.length);
    else if (until) region = text.slice(0, text.indexOf(until));
  }
  const hosts = region
    .split(/\s+/)
    .map((token) => token.replace(/[()[\]<>:;]/g, '').replace(/\.+$/, ''))
    .filter(isHostName);
  return hosts.reduce((longest, host) => (host.length > longest.length ? host : longest), '');
}
