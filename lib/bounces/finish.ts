import { decideReason } from './decide';
import { findRemoteHost } from './hosts';
import type { DeliveryRecord } from './record';
import { classOf, type BounceResult } from './schema';
import { findCommand, findReplyCode, isReplyCode } from './smtp';
import { findStatus, isStatusCode, preferStatus } from './status';
import { sweep } from './text';

const actions = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'] as const;
type Action = (typeof actions)[number];
const actionAliases: Record<string, Action> = { expired: 'delayed', failure: 'failed', deliverable: 'delivered' };

/**
 * Diagnostic text as shown to people and matched by rules: whitespace collapsed, embedded HTML dropped, and the
 * "550-5.7.1 " prefixes of a multi-line SMTP reply removed so the sentence reads as one.
 */
export function cleanDiagnostic(text: string, replyCode: string, status: string): string {
  let out = sweep(text.replace(/<html>[\s\S]*<\/html>/i, ' '));
  if (replyCode && out.includes(`${replyCode}-`)) {
    const prefixes = new RegExp(`${replyCode}[- ](?:${status.replaceAll('.', '\\.')}\\s*)?`, 'g');
    out = `${replyCode} ${status ? `${status} ` : ''}${sweep(out.replace(prefixes, ' '))}`;
  }
  return out.slice(0, 2000);
}

/** True when the codes (or the words, for reports without codes) say the failure is temporary. */
function isTemporary(status: string, diagnostic: string): boolean {
  const text = `${status} ${diagnostic}`;
  const code = findStatus(text) || findReplyCode(text);
  if (code.startsWith('5')) return false;
  return code.startsWith('4') || /\s(?:temporar|persistent)/i.test(text);
}

/** Normalises one record's codes, decides its reason and class, and shapes the public result. */
export function finishRecord(record: DeliveryRecord, reportingMta = ''): BounceResult {
  const shown = sweep(record.diagnostic);
  const context = sweep(record.context ?? '');
  // Codes and reason are read from the prose and the diagnostic together; the prose alone when it already
  // quotes the diagnostic.
  const raw = !context ? shown : context.toLowerCase().includes(shown.toLowerCase()) ? context : `${context} ${shown}`;
  const inText = findStatus(raw);
  const replyInText = findReplyCode(raw, inText);
  const status = preferStatus(isStatusCode(record.status ?? '') ? (record.status ?? '') : '', inText, replyInText);
  let replyCode = isReplyCode(record.replyCode ?? '') ? (record.replyCode ?? '') : replyInText;
  // A reply code of another class than the status is a different line of the transcript; look for a matching one.
  if (status && replyCode && status[0] !== replyCode[0]) replyCode = findReplyCode(raw, status[0]);
  const diagnostic = cleanDiagnostic(raw, replyCode, status);
  const command = record.command ?? findCommand(diagnostic);
  // The server named in the diagnostic itself first; the surrounding prose also names our own relay.
  const remoteMta = record.remoteMta || findRemoteHost(shown) || findRemoteHost(diagnostic);
  const recipientDomain = record.recipient.slice(record.recipient.lastIndexOf('@') + 1);
  const action = normaliseAction(record.action);
  const reason = decideReason({
    hint: record.hint,
    status,
    replyCode,
    diagnostic,
    diagnosticType: record.diagnosticType ?? 'SMTP',
    command,
    action: action ?? '',
    recipientDomain,
    remoteMta,
    reportingMta,
  });
  const { class: resultClass, hard } = classOf(reason, isTemporary(status, diagnostic));
  const quiet = reason === 'feedback' || reason === 'vacation';
  const result: BounceResult = {
    recipient: record.recipient,
    reason,
    class: resultClass,
    hard,
    status: status || null,
    replyCode: quiet || !replyCode ? null : replyCode,
    diagnostic: shown ? cleanDiagnostic(shown, replyCode, status) : diagnostic,
  };
  const failed = /^[45]/.test(status || replyCode) ? 'failed' : undefined;
  const finalAction = reason === 'expired' ? 'delayed' : reason === 'delivered' ? 'delivered' : action ?? failed;
  if (finalAction && !quiet) result.action = finalAction;
  if (remoteMta) result.remoteMta = remoteMta;
  if (record.feedbackType) result.feedbackType = record.feedbackType;
  return result;
}

function normaliseAction(value: string | undefined): Action | undefined {
  const word = (value ?? '').toLowerCase().trim();
  if ((actions as readonly string[]).includes(word)) return word as Action;
  return actionAliases[word];
}
