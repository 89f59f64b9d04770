import type { ParsedMail } from '../mime';
import type { DeliveryRecord } from '../record';
import type { Reason } from '../schema';
import { findCommand } from '../smtp';
import { hintFrom, type HintTable } from './hints';
import { scanBlocks, type ScanOptions } from './scan';
import type { TextFormat } from './types';

/** A text format described by its markers instead of code: most small MTAs need nothing more. */
export interface BlockFormatSpec extends ScanOptions {
  name: string;
  detect(mail: ParsedMail): boolean;
  /** The format's own sentences for particular failures. */
  hints?: HintTable;
  /** A reason the whole notice implies when no sentence does (some products send one notice per failure kind). */
  defaultHint?: (diagnostic: string) => Reason | undefined;
  /** Keep only the lines of a block that carry the explanation (the rest is layout). */
  keepLine?: (line: string) => boolean;
  /** Use the lines before the first recipient as every recipient's explanation (the notice states it once). */
  sharedPreamble?: boolean;
  textOverFields?: boolean;
  fullerText?: boolean;
}

export function blockFormat(spec: BlockFormatSpec): TextFormat {
  return {
    name: spec.name,
    detect: spec.detect,
    textOverFields: spec.textOverFields,
    fullerText: spec.fullerText,
    parse(mail) {
      const { blocks, preamble } = scanBlocks(mail.text, spec);
      return blocks.map((block): DeliveryRecord => {
        const own = spec.keepLine ? block.lines.filter(spec.keepLine) : block.lines;
        const lines = spec.sharedPreamble ? [...preamble, ...own] : own;
        const diagnostic = lines.join('\n');
        return {
          recipient: block.recipient,
          diagnostic,
          command: findCommand(diagnostic) || undefined,
          hint: (spec.hints && hintFrom(spec.hints, diagnostic)) || spec.defaultHint?.(diagnostic),
        };
      });
    },
  };
}
