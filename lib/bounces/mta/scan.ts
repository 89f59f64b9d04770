import { extractAddress, findAddresses, isEmailAddress } from '../address';
import type { ParsedMail } from '../mime';
import { toLines } from '../text';

/**
 * The shape most text bounces share: some preamble, then for each failed recipient a line naming the address
 * followed by the lines that explain it, then the returned message. Formats differ in their markers and in how a
 * recipient line looks; `scanBlocks` takes those as options.
 */

export interface Block {
  recipient: string;
  /** Text on the recipient line after the address, then the following lines of the block. */
  lines: string[];
}

export interface ScanOptions {
  /** The report starts after the first line matching one of these (the whole text when none matches). */
  start?: readonly RegExp[];
  /** The report ends at the first line matching one of these (the returned message follows). */
  end?: readonly RegExp[];
  /** Returns the address (and what follows it) when a line introduces a recipient; default `addressLed`. */
  recipientLine?: (line: string) => RecipientLine | undefined;
  /** How a block ends besides the next recipient line: at a blank line, or only at the end of the report. */
  blockEnd?: 'blank' | 'report';
}

export interface RecipientLine {
  address: string;
  rest: string;
}

// Optional bullet (*, >>>, --), optional quote or bracket, the address, its closing mark and an optional
// "<mailto:...>" (Outlook), then ":" or a space or the end; the rest of the line is captured.
const addressLedLine = new RegExp(
  String.raw`^\s*(?:[*>-]+\s+|[*>-]+(?=<))?(?:["'<]|&lt;)?([^\s"'<>:]+@[^\s"'<>]+?)(?:["'>]|&gt;)?` +
    String.raw`(?:<mailto:[^>]*>)?(?::(?!\/)|(?=\s)|$)(.*)$`,
  'i',
);

/**
 * A line that starts with an address: "  user@example.jp", "<user@example.jp>:", "\"user@example.jp\":",
 * "user@example.jp: 550 ...", "* user@example.jp", ">>> user@example.jp <user@example.jp>".
 */
export function addressLed(line: string): RecipientLine | undefined {
  const match = addressLedLine.exec(line);
  if (!match) return undefined;
  const address = extractAddress(match[1] ?? '');
  if (!isEmailAddress(address)) return undefined;
  return { address, rest: (match[2] ?? '').trim() };
}

/** A recipient line introduced by one of `labels` ("Recipient address: ...", "Unknown user: ..."). */
export function labelled(labels: readonly RegExp[]): (line: string) => RecipientLine | undefined {
  return (line) => {
    for (const label of labels) {
      const match = label.exec(line);
      if (!match) continue;
      const address = extractAddress(line.slice(match.index + match[0].length));
      if (address) return { address, rest: line.trim() };
    }
    return undefined;
  };
}

/** Recipient blocks of a report; `preamble` holds the report lines before the first recipient. */
export function scanBlocks(text: string, options: ScanOptions = {}): { blocks: Block[]; preamble: string[] } {
  const lines = toLines(text);
  const startAt = options.start ? lines.findIndex((line) => options.start?.some((re) => re.test(line))) : -1;
  const recipientLine = options.recipientLine ?? addressLed;
  const blocks: Block[] = [];
  const preamble: string[] = [];
  let current: Block | undefined;
  let closed = false;
  for (const line of lines.slice(startAt + 1)) {
    if (options.end?.some((re) => re.test(line))) break;
    const found = recipientLine(line);
    if (found) {
      current = { recipient: found.address, lines: found.rest ? [found.rest] : [] };
      blocks.push(current);
      closed = false;
      continue;
    }
    if (!current) {
      if (line.trim()) preamble.push(line.trim());
      continue;
    }
    if (closed) continue;
    if (!line.trim()) {
      if (options.blockEnd === 'blank' && current.lines.length > 0) closed = true;
      continue;
    }
    current.lines.push(line.trim());
  }
  return { blocks: mergeRepeats(blocks), preamble };
}

/** One block per address: a report that repeats itself (Mail.ru writes it in Russian and English) keeps the
 * shorter explanation, which is the one without the repeated boilerplate. */
function mergeRepeats(blocks: Block[]): Block[] {
  const byAddress = new Map<string, Block>();
  for (const block of blocks) {
    const seen = byAddress.get(block.recipient);
    const length = (lines: string[]): number => lines.join(' ').length;
    if (!seen || (block.lines.length > 0 && (seen.lines.length === 0 || length(block.lines) < length(seen.lines)))) {
      byAddress.set(block.recipient, block);
    }
  }
  return [...byAddress.values()];
}

/** Addresses that belong to the bounce's own envelope (its sender, the reporting daemon): never the failed one. */
export function ownAddresses(mail: ParsedMail): Set<string> {
  return new Set([...findAddresses(mail.header('from')), ...findAddresses(mail.header('to'))]);
}
