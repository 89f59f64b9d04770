import { extractAddress } from '../address';
import { blockFormat } from './block-format';

/** Zoho Mail: "user@example.jp Invalid Address, ERROR_CODE :550, ..." or "[Status: Error, Address: <...>, ...]". */
export const zoho = blockFormat({
  name: 'zoho',
  detect: (mail) => /mailer-daemon@mail\.zoho\.com/i.test(mail.header('from')) &&
    /This message was created automatically by mail delivery/.test(mail.text),
  start: [/This message was created automatically by mail delivery/],
  end: [/^Received:/i],
  recipientLine(line) {
    if (!/ERROR_CODE :|^\[Status: /.test(line)) return undefined;
    const address = extractAddress(line);
    return address ? { address, rest: line } : undefined;
  },
  blockEnd: 'blank',
  hints: [['expired', ['Host not reachable']]],
});
