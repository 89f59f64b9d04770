import { messageIdKey } from '../address';

const headerEnd = /\r?\n\r?\n/;

/**
 * The Message-ID of the mail a bounce answers: the bounce's own In-Reply-To when the reporting MTA set one, else
 * the Message-ID among the returned headers (RFC 3464's third part, text/rfc822-headers or message/rfc822),
 * which is the first Message-ID header inside the body. Null when neither is there.
 */
export function answeredMessageId(text: string): string | null {
  const split = headerEnd.exec(text);
  const headers = split === null ? text : text.slice(0, split.index);
  const body = split === null ? '' : text.slice(split.index + split[0].length);
  const inReplyTo = /^In-Reply-To:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]+>)/im.exec(headers)?.[1];
  const returned = /^Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]+>)/im.exec(body)?.[1];
  const found = inReplyTo ?? returned;
  return found === undefined ? null : messageIdKey(found);
}
