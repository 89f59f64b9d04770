import { readComplaint } from './arf';
import { readAutoReply } from './autoreply';
import { hasDeliveryStatusFields, parseDeliveryStatus, type DsnRecipient } from './dsn';
import { findSesNotification } from './esp/ses';
import type { ParsedMail } from './mime';
import { genericText, originalFollows } from './mta/generic';
import { textFormats } from './mta/index';
import type { TextFormat } from './mta/types';
import type { DeliveryRecord, ReadResult } from './record';
import { sweep, toLines } from './text';

/**
 * Which reader understands a message, in order of how certain its signals are: complaint reports and SES
 * notifications are self-describing; RFC 3464 fields are structured but often thin, so a known MTA text format
 * is read beside them and fills in the SMTP command and fuller wording; auto-replies and the generic text reader
 * come last.
 */
export function readMessage(mail: ParsedMail): ReadResult | undefined {
  const complaint = readComplaint(mail);
  if (complaint) return { source: 'arf', records: complaint };
  const ses = findSesNotification(mail.text);
  if (ses) return { source: 'ses', records: ses };

  const dsn = readDeliveryStatus(mail);
  const { format, records: textRecords } = readText(mail);
  if (format?.textOverFields && textRecords.length > 0) return { source: format.name, records: textRecords };
  if (dsn.recipients.length > 0) {
    const records = mergeWithText(dsn.recipients, textRecords, format);
    // A single-recipient report's prose often says what its fields do not ("the address couldn't be found",
    // "in reply to RCPT TO command"), so it is read together with them (as Sisimai does).
    const only = records.length === 1 ? records[0] : undefined;
    if (only && (!format || format === genericText)) only.context = humanText(mail);
    return { source: format ? `dsn+${format.name}` : 'dsn', records, reportingMta: dsn.reportingMta };
  }
  if (format && format !== genericText && textRecords.length > 0) return { source: format.name, records: textRecords };

  const autoReply = readAutoReply(mail);
  if (autoReply) return { source: 'autoreply', records: autoReply };
  if (format === genericText && textRecords.length > 0) return { source: genericText.name, records: textRecords };
  return undefined;
}

/**
 * The first text format that recognises the message and finds recipients in it; when formats recognise it but find
 * none (the recipients are only in RFC 3464 fields), the first of them still names the format.
 */
function readText(mail: ParsedMail): { format?: TextFormat; records: DeliveryRecord[] } {
  let recognised: TextFormat | undefined;
  for (const format of textFormats) {
    if (!format.detect(mail)) continue;
    recognised ??= format;
    const records = format.parse(mail);
    if (records.length > 0) return { format, records };
  }
  return { format: recognised, records: [] };
}

function readDeliveryStatus(mail: ParsedMail): ReturnType<typeof parseDeliveryStatus> {
  if (mail.deliveryStatus.length > 0) {
    const reports = mail.deliveryStatus.map(parseDeliveryStatus);
    const reportingMta = reports.find((report) => report.reportingMta)?.reportingMta;
    return { reportingMta, recipients: reports.flatMap((report) => report.recipients) };
  }
  if (hasDeliveryStatusFields(mail.text)) {
    // Reports whose fields sit in the text part: read from the first field on, so the prose above stays out.
    const start = mail.text.search(/^(?:Reporting-MTA|Original-Recipient|Final-Recipient)[ \t]*:/im);
    return parseDeliveryStatus(mail.text.slice(Math.max(start, 0)));
  }
  return { recipients: [] };
}

/**
 * RFC 3464 recipients, completed from the text report: the command and format hint always, the wording when the
 * Diagnostic-Code is missing or the text holds it whole (Postfix cuts long replies in the field, not in the text).
 */
function mergeWithText(
  recipients: DsnRecipient[],
  textRecords: DeliveryRecord[],
  format: TextFormat | undefined,
): DeliveryRecord[] {
  const generic = !format || format === genericText;
  const unique = new Map<string, DsnRecipient>();
  for (const recipient of recipients) if (!unique.has(recipient.recipient)) unique.set(recipient.recipient, recipient);
  const list = [...unique.values()];
  return list.map((dsn) => {
    const text = textRecords.find((record) => record.recipient === dsn.recipient) ??
      (list.length === 1 && textRecords.length === 1 ? textRecords[0] : undefined);
    // A Status: comment ("4.0.0 (example.net: host name lookup failure)") is the only explanation some MTAs give.
    const fromField = dsn.diagnostic ?? dsn.statusComment ?? '';
    const fromText = text?.diagnostic ?? '';
    const fieldEmpty = !/\D/.test(fromField.replace(/\s/g, ''));
    const textHasField = format?.fullerText === true && fromText !== '' &&
      sweep(fromText).toLowerCase().includes(sweep(fromField).toLowerCase());
    return {
      recipient: dsn.recipient,
      // The fuller wording is shown; text that adds to the field without containing it is read, not shown.
      diagnostic: fieldEmpty || textHasField ? fromText || fromField : fromField,
      context: fieldEmpty || textHasField ? text?.context : (text?.context ?? fromText) || undefined,
      status: dsn.status,
      diagnosticType: dsn.diagnosticType,
      command: text?.command,
      action: dsn.action,
      remoteMta: dsn.remoteMta ?? text?.remoteMta,
      // A generic reading's program sentences decide only when the report has no Diagnostic-Code of its own.
      hint: generic && !fieldEmpty ? undefined : text?.hint,
    };
  });
}

const banner = /^(?:Content-|This is a MIME|This is a multi|This is an auto|This multi-part|###|\*\*\*|--)/;

/** The notice's prose: text lines before the returned message, without MIME leftovers and banner lines. */
function humanText(mail: ParsedMail): string {
  const lines: string[] = [];
  for (const line of toLines(mail.text)) {
    if (originalFollows.some((re) => re.test(line))) break;
    const trimmed = line.trim();
    if (!trimmed || banner.test(trimmed)) continue;
    if (/--- (?:The follow|Transcript)/.test(trimmed)) continue;
    lines.push(trimmed);
  }
  return lines.join(' ');
}
