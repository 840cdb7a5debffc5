// CSV as spreadsheets read it (RFC 4180): one writer for every export.

export type CsvValue = string | number | null;

/** A text a spreadsheet would run as a formula (=, +, -, @, tab, return first) gets a leading apostrophe. */
function toCsvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The header and the rows, CRLF line ends. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => `${row.map(toCsvField).join(',')}\r\n`).join('');
}
