import type { ParsedMail } from '../mime';
import type { DeliveryRecord } from '../record';

/**
 * One family of text bounce formats (the notices an MTA writes when it is not writing RFC 3464, or writes it only
 * beside its own text). `detect` is cheap and looks at headers and fixed sentences; `parse` reads the recipients.
 * A family that detects but finds no recipient lets the next one try.
 */
export interface TextFormat {
  name: string;
  /**
   * True when this format's text quotes the remote reply in full where its RFC 3464 Diagnostic-Code field is cut
   * short (Postfix folds and truncates the field): then the text wins over the field when it contains it.
   */
  fullerText?: boolean;
  /**
   * True when the format's own text is the better source and its RFC 3464 part only repeats it with generic codes
   * (OpenSMTPD writes "Status: 4.0.0" for every failure): then the text records are used and the fields ignored.
   */
  textOverFields?: boolean;
  detect(mail: ParsedMail): boolean;
  parse(mail: ParsedMail): DeliveryRecord[];
}
