/**
 * One quoted CSV field (RFC 4180): fields holding a comma, a quote or a line break are
 * wrapped in quotes, inner quotes doubled. Text that Excel would run as a formula
 * (=, +, -, @ first) gets a leading apostrophe, so a name like "=HYPERLINK(…)" stays text.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A whole CSV file for Excel: UTF-8 with a byte-order mark (without it Excel reads
 * Vietnamese as Windows-1252) and CRLF line ends as RFC 4180 says.
 */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}
