import { parseRecipients } from '../checks/address';
import { isAddressColumn, splitCsvLine } from '../import/csv';
import { listedAddress } from './address';

export const MAX_LISTED_ADDRESSES = 50_000;

export interface ParsedAddressList {
  /** Valid addresses as stored (see addressKey in lib/checks/address), without duplicates, in input order. */
  addresses: string[];
  /** Entries that are not addresses, as written (shortened), for the error message. */
  invalid: string[];
}

const delimiters = [',', ';', '\t'] as const;

/**
 * Reads pasted text or a file: either a CSV whose header row names an email column (other columns ignored),
 * or a plain list as a compose field takes it (one per line and/or separated by commas or semicolons,
 * `"Smit, Jan" <jan@example.com>` kept whole).
 */
export function parseAddressList(text: string): ParsedAddressList {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  const csv = headerIndex < 0 ? null : csvColumn(lines[headerIndex] ?? '');
  const entries = csv
    ? lines.slice(headerIndex + 1).map((line) => splitCsvLine(line, csv.delimiter)[csv.column] ?? '')
    : parseRecipients(text).map((recipient) => recipient.text);
  return validate(entries.map((entry) => entry.trim()).filter((entry) => entry !== ''));
}

function csvColumn(header: string): { delimiter: string; column: number } | null {
  for (const delimiter of delimiters) {
    const column = splitCsvLine(header, delimiter).findIndex(isAddressColumn);
    if (column >= 0) return { delimiter, column };
  }
  return null;
}

function validate(entries: string[]): ParsedAddressList {
  const addresses = new Set<string>();
  const invalid: string[] = [];
  for (const entry of entries) {
    const parsed = listedAddress.safeParse(entry);
    if (parsed.success) addresses.add(parsed.data);
    else invalid.push(entry.length > 80 ? `${entry.slice(0, 77)}...` : entry);
  }
  return { addresses: [...addresses], invalid };
}
