import { extractAddress } from '../address';
import type { Reason } from '../schema';
import { findReplyCode } from '../smtp';
import { findStatus } from '../status';
import { toLines } from '../text';
import { blockFormat } from './block-format';
import type { TextFormat } from './types';

/**
 * Microsoft Exchange notices. Exchange 2000/2003: "did not reach the following recipient(s):", the address "on"
 * a date, and an MSEXCH diagnostic whose hexadecimal code names the failure. Exchange 2007 and later (Office 365,
 * Outlook.com): "Diagnostic information for administrators:", the address alone on a line, and
 * "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'".
 */

const msexchCodes: Record<string, Reason> = {
  '000C05A6': 'userunknown', // Unknown Recipient
  '000C0595': 'filtered', // Ambiguous Recipient
  '00010256': 'systemerror',
  '000D06B5': 'systemerror',
  '00120270': 'networkerror',
  '00050311': 'contenterror',
  '000502CC': 'contenterror',
  '000B0981': 'securityerror',
  '000B099C': 'onhold',
  '000B09AA': 'onhold',
  '000B09B6': 'onhold',
};

// Exchange's NDR "subjects" (the component and failure it reports).
const ndrCodes: Record<string, Reason> = {
  'SMTPSEND.DNS.NonExistentDomain': 'hostunknown',
  'SMTPSEND.DNS.MxLoopback': 'networkerror',
  'RESOLVER.ADR.BadPrimary': 'systemerror',
  'RESOLVER.ADR.RecipNotFound': 'userunknown',
  'RESOLVER.ADR.RecipientNotFound': 'userunknown',
  'RESOLVER.ADR.ExRecipNotFound': 'userunknown',
  'RESOLVER.ADR.RecipLimit': 'toomanyconn',
  'RESOLVER.ADR.InvalidInSmtp': 'systemerror',
  'RESOLVER.ADR.Ambiguous': 'systemerror',
  'RESOLVER.RST.AuthRequired': 'securityerror',
  'RESOLVER.RST.NotAuthorized': 'rejected',
  'RESOLVER.RST.RecipSizeLimit': 'exceedlimit',
  'QUEUE.Expired': 'expired',
};

export const exchange2003 = blockFormat({
  name: 'exchange2003',
  detect(mail) {
    if (mail.headers.has('x-ms-embedded-report')) return true;
    const mailer = mail.header('x-mailer');
    if (/^(?:Internet Mail Service \(|Microsoft Exchange Server Internet Mail Connector)/.test(mailer)) return true;
    if (mail.header('x-mimeole').startsWith('Produced By Microsoft Exchange')) return true;
    return (mail.headers.get('received') ?? []).some((value) => value.includes(' with Internet Mail Service ('));
  },
  start: [/did not reach the following recipient/, /following recipient\(s\) could not be reached:/],
  recipientLine(line) {
    const match = /^\s*(?:SMTP=)?(\S+@\S+) on /i.exec(line);
    const address = match ? extractAddress(match[1] ?? '') : '';
    return address ? { address, rest: '' } : undefined;
  },
  defaultHint: (diagnostic) => msexchCodes[/MSEXCH:[^(]*\(([0-9A-F]{8})\)/.exec(diagnostic)?.[1] ?? ''],
});

// Where the returned headers start, in the languages Exchange writes.
const exchange2007End = new RegExp(`^(?:${[
  'Original Message Headers', 'Original message headers:', ".*tes de message d'origine :",
  'Intestazioni originali del messaggio:', 'Ursprungshuvuden:',
].join('|')})`);
const administratorsSection = new RegExp([
  'Error Details', 'Diagnostic information for administrators:', 'Informations de diagnostic pour les administrateurs',
  'Informazioni di diagnostica per gli amministratori', 'Diagnostisk information f',
].join('|'));

function exchangeRecipient(line: string): string {
  const trimmed = line.trim();
  const labelled = /^Recipient Address:\s*(\S+)$/i.exec(trimmed)?.[1];
  const bare = !trimmed.includes(' ') && trimmed.includes('@') ? trimmed : labelled;
  return bare ? extractAddress(bare) : '';
}

export const exchange2007: TextFormat = {
  name: 'exchange2007',
  detect(mail) {
    let signals = 0;
    if (/Undeliverable|Non_remis_|Non remis |Non recapitabile|Olevererbart/.test(mail.header('subject'))) signals += 1;
    if (/postmaster@outlook\.com|\.onmicrosoft\.com/i.test(mail.header('from'))) signals += 1;
    if (/ RESOLVER\.| QUEUE\./.test(mail.text)) signals += 1;
    if (administratorsSection.test(mail.text)) signals += 1;
    if (mail.headers.has('content-language')) signals += 1;
    return signals >= 2;
  },
  parse(mail) {
    // The address appears alone on a line (in the prose and again in the administrators' section) or after
    // "Recipient Address:"; the lines with reply or status codes are the explanation, the rest is layout.
    const records = new Map<string, string[]>();
    let current: string[] | undefined;
    for (const line of toLines(mail.text)) {
      if (exchange2007End.test(line)) break;
      const address = exchangeRecipient(line);
      if (address) {
        current = records.get(address) ?? [];
        records.set(address, current);
      } else if (current && (findReplyCode(line) || findStatus(line) || /Remote Server /.test(line))) {
        current.push(line.trim());
      }
    }
    return [...records.entries()].map(([recipient, lines]) => {
      const diagnostic = lines.join('\n');
      const ndr = / ((?:RESOLVER|QUEUE|SMTPSEND)\.[A-Za-z.]+);/.exec(` ${diagnostic}`)?.[1] ?? '';
      return { recipient, diagnostic, hint: ndrCodes[ndr] };
    });
  },
};
