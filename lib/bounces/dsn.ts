import { extractAddress } from './address';

/**
 * RFC 3464 delivery status fields (message/delivery-status): per-message fields, then one group per recipient.
 * Real reports fold long Diagnostic-Code lines, omit the blank line between groups, write "rfc822;" in any case or
 * not at all, and add a "(comment)" after the status; all of that is accepted here.
 */

export interface DsnRecipient {
  recipient: string;
  originalRecipient?: string;
  action?: string;
  status?: string;
  /** Text after the status code, e.g. "permanent failure" from "5.0.0 (permanent failure)". */
  statusComment?: string;
  /** Diagnostic-Code type, upper-case: 'SMTP', 'X-UNIX', ... */
  diagnosticType?: string;
  diagnostic?: string;
  remoteMta?: string;
}

export interface DeliveryStatusReport {
  reportingMta?: string;
  recipients: DsnRecipient[];
}

type Field = [name: string, value: string];

/** Field lines of a delivery-status body, continuation lines joined to the field they continue. */
function fields(text: string): Field[] {
  const out: Field[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const last = out.at(-1);
    if (/^[ \t]+\S/.test(line) && last) {
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const match = /^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (match) out.push([(match[1] ?? '').toLowerCase(), (match[2] ?? '').trim()]);
    else if (line.trim()) out.push(['', line.trim()]); // a non-field line ends the previous field's folding
  }
  return out.filter(([name]) => name !== '');
}

/** "dns; mx.example.com" → "mx.example.com" (the type before ";" is dropped). */
function afterType(value: string): string {
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim();
}

function hostValue(value: string): string {
  const host = afterType(value).replace(/^[<[(]+|[>\])]+$/g, '').split(/\s+/)[0] ?? '';
  return host.toLowerCase().replace(/\.$/, '');
}

/** Parses delivery-status text; groups without a usable recipient address are dropped. */
export function parseDeliveryStatus(text: string): DeliveryStatusReport {
  const report: DeliveryStatusReport = { recipients: [] };
  let current: Partial<DsnRecipient> | undefined;
  const groups: Array<Partial<DsnRecipient>> = [];
  let afterFinal = false;
  const open = (): Partial<DsnRecipient> => {
    afterFinal = false;
    current = {};
    groups.push(current);
    return current;
  };
  for (const [name, value] of fields(text)) {
    if (current?.recipient !== undefined && ['action', 'status', 'diagnostic-code', 'remote-mta'].includes(name)) {
      afterFinal = true;
    }
    switch (name) {
      case 'reporting-mta':
        report.reportingMta ??= hostValue(value);
        break;
      case 'original-recipient':
      case 'x-actual-recipient': {
        // Usually Original- precedes Final-Recipient; Postfix and SES write it after. It opens a new group only
        // when the current one already has one, or has fields after its Final-Recipient.
        const complete = current && (current.originalRecipient !== undefined || afterFinal);
        const group = !current || complete ? open() : current;
        group.originalRecipient ??= extractAddress(value) || undefined;
        break;
      }
      case 'final-recipient': {
        const group = !current || current.recipient !== undefined ? open() : current;
        group.recipient = extractAddress(value);
        afterFinal = false;
        break;
      }
      case 'action':
        (current ?? open()).action ??= value.toLowerCase().split(/[\s(]/)[0];
        break;
      case 'status': {
        const group = current ?? open();
        const match = /^([245]\.\d{1,3}\.\d{1,3})\s*(?:\((.*)\)|(.*))?$/.exec(value);
        group.status ??= match?.[1] ?? value;
        const comment = (match?.[2] ?? match?.[3] ?? '').trim();
        if (comment) group.statusComment = comment;
        break;
      }
      case 'diagnostic-code': {
        const group = current ?? open();
        const semicolon = value.indexOf(';');
        const type = semicolon > 0 ? value.slice(0, semicolon).trim().toUpperCase() : 'SMTP';
        group.diagnosticType ??= type === 'X-POSTFIX' ? 'SMTP' : type;
        group.diagnostic = [group.diagnostic, afterType(value)].filter(Boolean).join(' ');
        break;
      }
      case 'remote-mta':
        (current ?? open()).remoteMta ??= hostValue(value);
        break;
      default:
        break;
    }
  }
  for (const group of groups) {
    const recipient = group.recipient || group.originalRecipient;
    if (recipient) report.recipients.push({ ...group, recipient });
  }
  return report;
}

/** True when `text` carries RFC 3464 recipient fields (some reports put them in the text/plain part). */
export function hasDeliveryStatusFields(text: string): boolean {
  return /^Final-Recipient[ \t]*:/im.test(text) && /^(?:Action|Status)[ \t]*:/im.test(text);
}
