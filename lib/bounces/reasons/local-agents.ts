import type { Reason } from '../schema';
import { phrases } from './pattern';

/**
 * Local delivery agents (the program that writes into the mailbox) report in their own words; once we know which
 * one spoke, its words map to a reason. An agent that failed without a known phrase is a mailer error.
 */
interface LocalAgent {
  name: string;
  says: RegExp;
  reasons: ReadonlyArray<readonly [Reason, RegExp]>;
}

const agents: readonly LocalAgent[] = [
  {
    name: 'dovecot',
    says: phrases('your message to <…> was automatically rejected:'),
    reasons: [
      ['mailboxfull', phrases('not enough disk space', 'quota exceeded')],
      ['userunknown', phrases("mailbox doesn't exist: ")],
    ],
  },
  {
    name: 'mail.local',
    says: phrases('mail\\.local: '),
    reasons: [
      ['mailboxfull', phrases('disc quota exceeded', 'mailbox full or quota exceeded')],
      ['systemerror', phrases('temporary file write error')],
      ['userunknown', phrases(
        ': invalid mailbox path', ': unknown user:', ': user missing home directory', ': user unknown',
      )],
    ],
  },
  {
    name: 'procmail',
    says: phrases('procmail: ', '/procmail '),
    reasons: [
      ['mailboxfull', phrases('quota exceeded while writing', 'user over quota')],
      ['systemerror', phrases('service unavailable')],
      ['systemfull', phrases('no space left to finish writing')],
    ],
  },
  {
    name: 'maildrop',
    says: phrases('maildrop: '),
    reasons: [
      ['mailboxfull', phrases('maildir over quota\\.')],
      ['userunknown', phrases('cannot find system user', 'invalid user specified\\.')],
    ],
  },
  {
    name: 'vpopmail',
    says: phrases('vdelivermail: '),
    reasons: [
      ['filtered', phrases('user does not exist, but will deliver to ')],
      ['mailboxfull', phrases('domain is over quota', 'user is over quota')],
      ['suspend', phrases('account is locked email bounced')],
      ['userunknown', phrases('sorry, no mailbox here by that name\\.')],
    ],
  },
  {
    name: 'vmailmgr',
    says: phrases('vdeliver: '),
    reasons: [
      ['mailboxfull', phrases('delivery failed due to system quota violation')],
      ['userunknown', phrases(
        'invalid or unknown base user or domain', 'invalid or unknown virtual user',
        'user name does not refer to a virtual user',
      )],
    ],
  },
];

/** The reason a local delivery agent's message gives, undefined when no agent speaks in `diagnostic`. */
export function localAgentReason(diagnostic: string, command: string): Reason | undefined {
  // Agents run after the SMTP session accepted the message: only DATA-time (or command-less) failures qualify.
  if (!diagnostic || (command && command !== 'DATA')) return undefined;
  const agent = agents.find((candidate) => candidate.says.test(diagnostic));
  if (!agent) return undefined;
  return agent.reasons.find(([, pattern]) => pattern.test(diagnostic))?.[0] ?? 'mailererror';
}
