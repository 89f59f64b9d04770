/** Small string helpers shared by the bounce parsers. Pure, no dependencies. */

/**
 * Collapses whitespace to single spaces and trims. A trailing " --..." is cut because bounce texts often run into a
 * MIME boundary or a signature separator that says nothing about the failure.
 */
export function sweep(text: string): string {
  const out = text.replace(/\s+/g, ' ').trim();
  // Only a " --" that starts a boundary-like token is cut; text that uses "-- " as punctuation or rules keeps all.
  if (out.includes('-- ')) return out;
  const cut = out.indexOf(' --');
  return cut > 0 ? out.slice(0, cut).trimEnd() : out;
}

/** Splits on LF after normalising CRLF/CR and tabs, the shape every line-based parser here expects. */
export function toLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n');
}

