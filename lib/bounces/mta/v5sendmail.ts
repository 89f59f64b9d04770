import { extractAddress, findAddresses } from '../address';
import { parseHeaderBlock, type ParsedMail } from '../mime';
import type { DeliveryRecord } from '../record';
import { findCommand } from '../smtp';
import { toLines } from '../text';
import type { TextFormat } from './types';

/**
 * Old Sendmail (V5 and early V8) and its relatives: no RFC 3464 part, only a session transcript in which each failed
 * recipient appears as "554 <user@host>... reason" or after ">>> RCPT To:<user@host>", the lines above it saying
 * which server and command it was ("While talking to mx.example.org:", ">>> MAIL From:...", "<<< 550 ...").
 */
const transcriptStart = /^\s*-+ ?Transcript of session follows -+/;
const transcriptEnd = /^\s*-+ ?(?:Unsent message follows|No message was collected) -+/;

interface Block {
  recipient: string;
  lines: string[];
  command: string;
  host: string;
}

function transcriptBlocks(text: string): { blocks: Block[]; transcript: string[] } {
  const blocks: Block[] = [];
  const transcript: string[] = [];
  let reading = false;
  let host = '';
  let command = '';
  let pending: string[] = [];
  let open: Block | undefined;
  for (const raw of toLines(text)) {
    if (transcriptStart.test(raw)) { reading = true; continue; }
    if (!reading) continue;
    if (transcriptEnd.test(raw)) break;
    const line = raw.trim();
    if (!line) continue;
    transcript.push(line);
    const talking = /^while talking to ([^\s:]+):?/i.exec(line);
    if (talking) {
      host = (talking[1] ?? '').toLowerCase().replace(/\.$/, '');
      command = '';
      pending = [];
      open = undefined;
      continue;
    }
    if (line.startsWith('>>> ')) {
      command = findCommand(line) || command;
      const rcpt = /RCPT To:\s*<?([^\s<>]+@[^\s<>]+)>?/i.exec(line);
      if (rcpt) {
        open = { recipient: extractAddress(rcpt[1] ?? ''), lines: [line], command: 'RCPT', host };
        blocks.push(open);
      } else pending.push(line);
      continue;
    }
    // "554 <user@host>... reason": the line that names a failed recipient ("<<< " lines only quote the server).
    const named = /^\d{3}[ -]<([^\s<>]+@[^\s<>]+)>\.\.\./.exec(line);
    if (named) {
      const recipient = extractAddress(named[1] ?? '');
      if (open?.recipient === recipient) open.lines.push(line);
      else blocks.push({ recipient, lines: [...pending, line], command, host });
      open = undefined;
      pending = [];
      command = '';
      continue;
    }
    if (open) open.lines.push(line);
    else pending.push(line);
  }
  return { blocks, transcript };
}

function originalRecipient(mail: ParsedMail, text: string): string {
  const original = parseHeaderBlock(mail.originalHeaders);
  const unsent = Math.max(0, text.search(/^\s*-+ ?(?:Unsent message follows|No message was collected)/m));
  const inline = /^To:\s*(.+)$/m.exec(text.slice(unsent));
  return findAddresses(original.get('to')?.[0] ?? inline?.[1] ?? '')[0] ?? '';
}

export const v5sendmail: TextFormat = {
  name: 'v5sendmail',
  detect: (mail) => /^\s*-+ ?Transcript of session follows/m.test(mail.text) &&
    /^\s*-+ ?(?:Unsent message follows|No message was collected)/m.test(mail.text) &&
    !/The following addresses had/i.test(mail.text) && mail.deliveryStatus.length === 0,
  parse(mail) {
    const { blocks, transcript } = transcriptBlocks(mail.text);
    const records = new Map<string, DeliveryRecord>();
    for (const block of blocks) {
      if (!block.recipient || records.has(block.recipient)) continue;
      records.set(block.recipient, {
        recipient: block.recipient,
        diagnostic: block.lines.join('\n'),
        command: block.command || undefined,
        remoteMta: block.host || undefined,
      });
    }
    if (records.size > 0) return [...records.values()];
    // Nothing but a deferral in the transcript: the returned message's To: is who it was for.
    const recipient = originalRecipient(mail, mail.text);
    return recipient ? [{ recipient, diagnostic: transcript.join('\n') }] : [];
  },
};
