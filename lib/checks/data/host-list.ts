/**
 * Entries of a one-host-per-line list (`#` starts a comment), lower-cased, in file order, without repeats.
 * Shared by the shortener list parser and lib/checks/data/generate.ts so the shipped modules and the
 * user-supplied lists are read the same way.
 */
export function hostListEntries(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const hash = line.indexOf('#');
    const entry = (hash === -1 ? line : line.slice(0, hash)).trim().toLowerCase();
    if (entry) seen.add(entry);
  }
  return [...seen];
}
