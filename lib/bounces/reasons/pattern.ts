/**
 * Builds one case-insensitive pattern from phrase sources. Phrases are regex sources so one line can cover the
 * variants servers write ("no such (user|mailbox|recipient)"); `…` stands for "anything in between, same line",
 * the way a phrase with a name or number in its middle is written ("user … does not exist").
 */
export function phrases(...sources: string[]): RegExp {
  const body = sources.map((source) => source.replaceAll('…', '.*?')).join('|');
  return new RegExp(`(?:${body})`, 'i');
}
