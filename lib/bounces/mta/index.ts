import { courier } from './courier';
import { exchange2003, exchange2007 } from './exchange';
import { exim } from './exim';
import { interScan, mailMarshal, x3 } from './gateways';
import { genericText } from './generic';
import { gmail, googleGroups } from './google';
import { imailServer } from './imail';
import { fml } from './lists';
import { openSmtpd } from './opensmtpd';
import { postfix } from './postfix';
import { qmail } from './qmail';
import { sendmail } from './sendmail';
import type { TextFormat } from './types';
import { v5sendmail } from './v5sendmail';
import { zoho } from './zoho';

/**
 * Text formats in the order they are tried: specific families first (their detection is strict), the generic reader
 * last, for formats nobody described. Each family file says which products write its format.
 */
export const textFormats: readonly TextFormat[] = [
  googleGroups, gmail, exim, exchange2003, exchange2007, interScan, fml, zoho, v5sendmail, sendmail, qmail,
  openSmtpd, courier, imailServer, mailMarshal, x3, postfix, genericText,
];
