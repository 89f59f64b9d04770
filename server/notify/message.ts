import type { BounceClass } from '../../lib/api/suppression';
import { reasonInWords } from '../../lib/checks/reasons';
import type { BounceNotice } from '../db/notifications';

export interface NoticeMail {
  to: string;
  subject: string;
  text: string;
}

/** The mail telling a sender that one of their mails bounced (or drew a spam complaint), in plain words. */
export function noticeMail(notice: BounceNotice): NoticeMail {
  const complaint = notice.kind === 'complaint';
  const what = complaint ? 'was reported as spam by' : 'bounced at';
  // Only counted bounces are queued, so the class is never `ignore`; the fallback keeps the type honest.
  const bounceClass: BounceClass = notice.class === 'ignore' ? 'soft' : notice.class;
  const when = new Date(notice.occurredAt).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
  const mail = notice.subject === null ? 'a mail no longer in the 14-day log' : `“${notice.subject}”`;
  const status = notice.suppressed
    ? 'suppressed: Bounce Guard now warns anyone in your organisation who writes to this address.'
    : 'not suppressed (yet): Bounce Guard counts it and suppresses the address if it keeps failing.';
  return {
    to: notice.to,
    subject: `${complaint ? 'Spam complaint' : 'Bounced'}: ${notice.address}`,
    text: [
      `Your mail ${what} ${notice.address}.`,
      '',
      `Mail:    ${mail}`,
      `When:    ${when}`,
      `Why:     ${reasonInWords(notice.reason, bounceClass)}`,
      `Address: ${status}`,
      '',
      'You get this because your Bounce Guard notifications are set to email; to stop them, set them to in_app',
      'or none (PUT /v1/me/notifications).',
      '',
    ].join('\n'),
  };
}
