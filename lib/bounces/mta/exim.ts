import { extractAddress, isEmailAddress } from '../address';
import type { DeliveryRecord } from '../record';
import type { Reason } from '../schema';
import { findCommand } from '../smtp';
import { toLines } from '../text';
import { failedRecipientsHeader } from './generic';
import { hintFrom, type HintTable } from './hints';
import type { TextFormat } from './types';

/**
 * Exim (and services running it: Mail.ru, cPanel hosts, MXLogic): "This message was created automatically by mail
 * delivery software", then each failed address indented two spaces with its explanation indented deeper, then
 * "------ This is a copy of the message, including all the headers. ------". Exim sets X-Failed-Recipients.
 */
const subjects = new RegExp([
  'Delivery Status Notification', 'Mail delivery failed', 'Mail failure', 'Message frozen', 'Warning: message ',
  'error\\(s\\) in forwarding or filtering',
].join('|'));
const starts = [
  'This message was created automatically by ',
  'A message that you sent was rejected by the local scan',
  'A message that you sent contained one or more recipient addresses ',
  'A message that you sent could not be delivered to all of its recipients',
  ' has been frozen',
  ' was frozen on arrival',
  ' router encountered the following error(s):',
];
const ends = [
  /^-{5,6} This is a copy of the message/,
  /^Included is a copy of the message header:/,
  /^Content-Type: message\/rfc822/i,
];

const eximSentences: HintTable = [
  ['userunknown', ['user not found']],
  ['hostunknown', [
    'all host address lookups failed permanently', 'all relevant MX records point to non-existent hosts',
    'Unrouteable address',
  ]],
  ['mailboxfull', ['mailbox is full', 'error: quota exceed']],
  ['notaccept', ['an MX or SRV record indicated no SMTP service', 'no host found for existing SMTP connection']],
  ['syntaxerror', [
    'angle-brackets nested too deep', 'expected word or "<"', 'domain missing in source-routed address',
    'malformed address:',
  ]],
  ['systemerror', [
    'delivery to file forbidden', 'delivery to pipe forbidden', 'local delivery failed', 'LMTP error after ',
  ]],
  ['contenterror', ['Too many "Received" headers']],
];
// Exim's own words for a message still queued or given up after retries.
const delayed = [
  'retry timeout exceeded', 'No action is required on your part',
  'retry time not reached for any host after a long failure period',
  'all hosts have been failing for a long time and were last tried', 'Delay reason: ', 'has been frozen',
  'was frozen on arrival by ',
];

/** "  user@example.jp", "  user@example.jp:", "  <user@example.jp>: 550 ..." (MXLogic), or "... <user@x>: why". */
function recipientOf(line: string, thirdParty: boolean): { address: string; rest: string } | undefined {
  if (!/^ {2}\S/.test(line) || !line.includes('@') || line.includes('pipe to |')) return undefined;
  if (line[2] === '<' && !thirdParty) return undefined;
  const bracketed = /<([^<>\s]+@[^<>\s]+)>:\s*(.*)$/.exec(line);
  if (bracketed) return { address: extractAddress(bracketed[1] ?? ''), rest: bracketed[2] ?? '' };
  const colon = line.lastIndexOf(': ');
  const address = extractAddress(line.slice(2, colon > 2 ? colon : undefined));
  return isEmailAddress(address) ? { address, rest: colon > 2 ? line.slice(colon + 2) : '' } : undefined;
}

function eximHint(diagnostic: string, command: string): Reason | undefined {
  if (command === 'EHLO' || command === 'HELO') return 'blocked';
  if (command === 'MAIL') return 'onhold'; // the sender was refused: decide from the words
  const known = hintFrom(eximSentences, diagnostic);
  if (known) return known;
  if (delayed.some((sentence) => diagnostic.includes(sentence))) return 'expired';
  return diagnostic.includes('pipe to |') ? 'mailererror' : undefined;
}

export const exim: TextFormat = {
  name: 'exim',
  detect(mail) {
    const thirdParty = ['x-mx-bounce', 'x-mxl-hash', 'x-mxl-notehash'].some((name) => mail.headers.has(name));
    const messageId = mail.header('message-id');
    let signals = 0;
    if (mail.header('from').includes('Mail Delivery System')) signals += 1;
    if (/^<[^-@]{6,7}-[^-@]{6}-[^-@]{2}@/.test(messageId)) signals += 1;
    if (subjects.test(mail.header('subject'))) signals += 1;
    return thirdParty || messageId.startsWith('<mxl~') || signals >= 2;
  },
  parse(mail) {
    const thirdParty = ['x-mx-bounce', 'x-mxl-hash', 'x-mxl-notehash'].some((name) => mail.headers.has(name));
    const records: Array<DeliveryRecord & { alias?: string }> = [];
    let reading = false;
    const skipped: string[] = [];
    for (const line of toLines(mail.text)) {
      if (ends.some((re) => re.test(line))) break;
      if (!reading) {
        reading = starts.some((start) => line.includes(start));
        if (!reading) continue;
      }
      if (!line.trim()) continue;
      const found = recipientOf(line, thirdParty);
      if (found && found.address !== records.at(-1)?.recipient) {
        records.push({ recipient: found.address, diagnostic: found.rest });
        continue;
      }
      const generated = /(?:\(generated from |generated by )(\S+@\S+?)\)?$/.exec(line.trim());
      const current = records.at(-1);
      if (!current) {
        // A pipe or file delivery ("pipe to |/usr/bin/prog") names the address it was generated by instead.
        if (generated) {
          const diagnostic = [...skipped, line.trim()].join('\n');
          records.push({ recipient: extractAddress(generated[1] ?? ''), diagnostic });
        }
        else if (/^\s/.test(line)) skipped.push(line.trim());
        continue;
      }
      if (generated) current.alias = extractAddress(generated[1] ?? '');
      current.diagnostic += `\n${line.trim()}`;
    }
    if (records.length === 0) {
      // No address in the text (a local name such as "  kijitora"): X-Failed-Recipients has it, the indented lines
      // are its explanation.
      const diagnostic = skipped.filter((line) => !starts.some((start) => line.includes(start))).join('\n');
      const command = findCommand(diagnostic);
      const hint = eximHint(diagnostic, command);
      return failedRecipientsHeader(mail)
        .map((recipient) => ({ recipient, diagnostic, command: command || undefined, hint }));
    }
    return records.map(({ alias, ...record }) => {
      const fromSession = /SMTP error from remote |LMTP error after /.test(record.diagnostic);
      const command = fromSession ? findCommand(record.diagnostic) : '';
      return {
        ...record,
        recipient: record.recipient.includes('@') ? record.recipient : alias ?? record.recipient,
        command: command || undefined,
        hint: eximHint(record.diagnostic, command),
      };
    });
  },
};
