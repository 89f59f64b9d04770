/** Message-ID without the angle brackets and whitespace some sources keep and others drop. */
export function messageIdKey(raw: string): string {
  return raw.trim().replace(/^<(.*)>$/s, '$1').trim();
}
