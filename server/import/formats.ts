import { z } from 'zod';
import type { BounceClass, BounceSource } from '../../lib/api/suppression';
import { normalizeAddress } from '../../lib/checks/address';
import { columnKey, isAddressColumn, splitCsvLine } from '../../lib/import/csv';

/** One address of an ESP's suppression export, as it will be listed. */
export interface ImportEntry {
  address: string;
  class: BounceClass;
  /** 'suppressed' (lib/bounces: "an ESP refused because of its own list") unless the export says more. */
  reason: string;
  status: string | null;
  diagnostic: string | null;
  source: BounceSource;
  at: number;
}

export type ExportFormat = 'ses-json' | 'postmark-json' | 'postmark-csv' | 'sendgrid-csv' | 'csv' | 'lines';

export interface ParsedExport {
  format: ExportFormat;
  entries: ImportEntry[];
  /** Entries that are not one address, as written. */
  invalid: string[];
}

// `aws sesv2 list-suppressed-destinations` (LastUpdateTime: ISO 8601, or epoch seconds with cli_timestamp_format=none).
const sesExport = z.object({
  SuppressedDestinationSummaries: z.array(
    z.object({
      EmailAddress: z.string(),
      Reason: z.enum(['BOUNCE', 'COMPLAINT']),
      LastUpdateTime: z.union([z.string(), z.number()]).optional(),
    }),
  ),
});

// Postmark `GET /message-streams/{stream}/suppressions/dump`.
const postmarkExport = z.object({
  Suppressions: z.array(
    z.object({
      EmailAddress: z.string(),
      SuppressionReason: z.string(),
      CreatedAt: z.string().optional(),
    }),
  ),
});

/**
 * Reads a suppression export: SES or Postmark JSON, a CSV whose header names an address column (SendGrid's
 * `email,created,reason,status`, Postmark's `EmailAddress,SuppressionReason,Origin,CreatedAt`, any other), or one
 * address per line. `now` dates entries the export does not date.
 */
export function parseSuppressionExport(text: string, now: number): ParsedExport {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{')) return parseJsonExport(body, now);
  const lines = body.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '').map(columnKey);
  const addressColumn = header.findIndex(isAddressColumn);
  if (addressColumn < 0) {
    return collect('lines', lines.map((line) => ({ raw: line.trim(), class: 'manual', reason: 'manual', source: 'manual', at: now })));
  }
  const column = (name: string) => header.indexOf(name);
  const postmark = column('suppressionreason') >= 0;
  const sendgrid = !postmark && header[addressColumn] === 'email' && column('created') >= 0;
  const format: ExportFormat = postmark ? 'postmark-csv' : sendgrid ? 'sendgrid-csv' : 'csv';
  const reasonColumn = postmark ? column('suppressionreason') : column('reason');
  const statusColumn = column('status');
  const timeColumn = ['createdat', 'created', 'lastupdatetime', 'date'].map(column).find((i) => i >= 0) ?? -1;
  return collect(
    format,
    lines.slice(1).map((line) => {
      const cells = splitCsvLine(line);
      const cell = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
      const at = parseTime(cell(timeColumn)) ?? now;
      const raw = cell(addressColumn);
      if (postmark) return { raw, ...postmarkClass(cell(reasonColumn)), source: 'postmark', at };
      if (!sendgrid) return { raw, class: 'manual', reason: 'manual', source: 'manual', at };
      const status = /^[245]\.\d{1,3}\.\d{1,3}$/.test(cell(statusColumn)) ? cell(statusColumn) : null;
      const diagnostic = cell(reasonColumn).slice(0, 2000) || null;
      return { raw, class: 'hard', reason: 'suppressed', status, diagnostic, source: 'sendgrid', at };
    }),
  );
}

function parseJsonExport(body: string, now: number): ParsedExport {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('The file starts like JSON but is not valid JSON');
  }
  const ses = sesExport.safeParse(json);
  if (ses.success) {
    return collect(
      'ses-json',
      ses.data.SuppressedDestinationSummaries.map((row) => ({
        raw: row.EmailAddress,
        class: row.Reason === 'COMPLAINT' ? 'complaint' : 'hard',
        reason: row.Reason === 'COMPLAINT' ? 'feedback' : 'suppressed',
        source: 'ses',
        at: parseTime(row.LastUpdateTime) ?? now,
      })),
    );
  }
  const postmark = postmarkExport.safeParse(json);
  if (postmark.success) {
    return collect(
      'postmark-json',
      postmark.data.Suppressions.map((row) => ({
        raw: row.EmailAddress,
        ...postmarkClass(row.SuppressionReason),
        source: 'postmark',
        at: parseTime(row.CreatedAt) ?? now,
      })),
    );
  }
  throw new Error('JSON that is neither an SES list-suppressed-destinations answer nor a Postmark suppression dump');
}

function postmarkClass(reason: string): Pick<ImportEntry, 'class' | 'reason'> {
  if (reason === 'SpamComplaint') return { class: 'complaint', reason: 'feedback' };
  if (reason === 'ManualSuppression') return { class: 'manual', reason: 'manual' };
  return { class: 'hard', reason: 'suppressed' };
}

type RawEntry = Omit<ImportEntry, 'address' | 'status' | 'diagnostic'> &
  Partial<Pick<ImportEntry, 'status' | 'diagnostic'>> & { raw: string };

function collect(format: ExportFormat, raws: RawEntry[]): ParsedExport {
  const entries = new Map<string, ImportEntry>();
  const invalid: string[] = [];
  for (const { raw, ...entry } of raws) {
    const address = normalizeAddress(raw);
    if (address === null || address.length > 320 || !z.email().safeParse(address).success) invalid.push(raw);
    else if (!entries.has(address)) entries.set(address, { status: null, diagnostic: null, ...entry, address });
  }
  return { format, entries: [...entries.values()], invalid };
}


/** Epoch seconds or milliseconds, or a date string; undefined when absent or unreadable. */
function parseTime(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  const ms = Number.isFinite(number) ? (number < 1e11 ? number * 1000 : number) : Date.parse(String(value));
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) : undefined;
}

