/**
 * Reading suppression exports (pure; shared by the options page's import and the server's `import` command).
 * ESP exports put one address per row under a header naming the column: SendGrid `email`, Postmark
 * `EmailAddress`, Mailgun `address`, others `E-mail` / `Email Address` / `recipient`.
 */
const addressColumnNames = new Set(['email', 'emailaddress', 'address', 'recipient', 'recipientemail']);

/** A header cell reduced to its letters, lower case: `E-mail Address` → `emailaddress`. */
export function columnKey(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z]/g, '');
}

export function isAddressColumn(cell: string): boolean {
  return addressColumnNames.has(columnKey(cell));
}

/** One CSV record (RFC 4180 quoting), cells trimmed; exports do not put line breaks inside fields. */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  return cells;
}
