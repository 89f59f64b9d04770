import { extractAddress } from '../address';
import { toLines } from '../text';
import { blockFormat } from './block-format';
import { addressLed } from './scan';
import type { TextFormat } from './types';

/**
 * Mail security gateways and appliances that write their own notices: Trend Micro InterScan MSS, MailMarshal, and
 * an unnamed appliance Sisimai calls X3 ("Delivery to the following recipients failed permanently: * user@...").
 */

export const interScan: TextFormat = {
  name: 'interscan',
  detect: (mail) => /"?InterScan/.test(mail.header('from')) ||
    /Mail could not be delivered|メッセージを配信できません。|メール配信に失敗しました/
      .test(mail.header('subject')),
  parse(mail) {
    const records = new Map<string, { diagnostic: string; command?: string }>();
    let current: { diagnostic: string; command?: string } | undefined;
    for (const line of toLines(mail.text)) {
      if (/^Content-Type: message\//i.test(line)) break;
      const named = /(?:Unable to deliver message to|RCPT TO:)\s*<([^<>\s]+@[^<>\s]+)>/i.exec(line);
      if (named) {
        const address = extractAddress(named[1] ?? '');
        current = records.get(address) ?? { diagnostic: '' };
        records.set(address, current);
        if (/Unable to deliver /.test(line)) current.diagnostic = line.trim();
        if (/^Sent <<< /.test(line)) current.command = 'RCPT';
        continue;
      }
      const reply = /^Received >>> (.*)$/.exec(line.trim());
      if (reply && current) current.diagnostic = reply[1] ?? '';
    }
    // "Unable to deliver message to <user>" is all InterScan says when the address was refused outright.
    return [...records.entries()].map(([recipient, record]) => ({
      recipient,
      ...record,
      hint: record.diagnostic.includes('Unable to deliver') ? 'userunknown' as const : undefined,
    }));
  },
};

export const mailMarshal = blockFormat({
  name: 'mailmarshal',
  detect: (mail) => /^Undeliverable Mail: /.test(mail.header('subject')) && /^Your message:/m.test(mail.text),
  start: [/^Could not be delivered because of/],
  end: [/^Additional Information/],
  recipientLine: (line) => (/^ {4}\S+@\S+\s*$/.test(line) ? addressLed(line) : undefined),
  sharedPreamble: true,
  keepLine: () => false,
});

export const x3 = blockFormat({
  name: 'x3',
  detect: (mail) => /^Delivery status notification$/.test(mail.header('subject').trim()) &&
    /This is an automatically generated Delivery Status Notification\./.test(mail.text),
  start: [/This is an automatically generated Delivery Status Notification\./],
  end: [/^Content-Type: message\//i],
  recipientLine: (line) => (/^\s+\* \S+@/.test(line) ? addressLed(line) : undefined),
  keepLine: (line) => /^(?:SMTP:|Routing: )/.test(line),
});
