import { parseRecipients } from '../checks/address';
import { listedAddress } from './address';

export const MAX_LISTED_ADDRESSES = 50_000;

export interface ParsedAddressList {
  /** Valid addresses as stored (see suppressionKey), without duplicates, in input order. */
  addresses: string[];
  /** Entries that are not addresses, as written (shortened), for the error message. */
  invalid: string[];
}

// Header names of the address column in ESP exports: SendGrid `email`, Postmark `EmailAddress`,
// Mailgun `address`, others `E-mail` / `Email Address` / `recipient`.
const emailColumnNames = new Set(['email', 'emailaddress', 'address', 'recipient', 'recipientemail']);
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
    const column = splitCsvLine(header, delimiter).findIndex((cell) =>
      emailColumnNames.has(cell.toLowerCase().replace(/[^a-z]/g, '')),
    );
    if (column >= 0) return { delimiter, column };
  }
  return null;
}

/** One CSV record (RFC 4180 quoting); a quoted field spanning lines is not expected in address exports. */
function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
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
