import { blockFormat } from './block-format';

/**
 * Mailing-list managers answering for a list address (fml): "You are not a member of this mailing list
 * <list@example.org>". The refused "recipient" is the list; the reason is about the sender.
 */
export const fml = blockFormat({
  name: 'fml',
  detect: (mail) => /^fml /i.test(mail.header('x-mlserver')),
  end: [/^Original mail as follows:/],
  recipientLine(line) {
    const match = /<([^<>\s]+@[^<>\s]+)>/.exec(line);
    return match ? { address: (match[1] ?? '').toLowerCase(), rest: line.trim() } : undefined;
  },
  hints: [
    ['rejected', [
      ' header may cause mail loop', 'NOT MEMBER article from ', 'reject mail from ', 'reject spammers:',
      'You are not a member of this mailing list',
    ]],
    ['systemerror', [' has detected a loop condition so that', 'Duplicated Message-ID', 'Loop Back Warning:']],
    ['securityerror', ['Security alert:']],
  ],
});
