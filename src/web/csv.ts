/**
 * CSV for spreadsheet users (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote
 * or line break, quotes doubled). System names and log messages come from the storage arrays, so a
 * cell starting with = + - @ (or a tab/CR that some spreadsheets skip before one) would run as a
 * formula when opened: such cells get a leading apostrophe, which spreadsheets show as text.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function formatCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers are written as numbers: a negative growth rate is data, not a formula.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsvRow(values: readonly CsvValue[]): string {
  return `${values.map(formatCsvCell).join(',')}\r\n`;
}

export function formatCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map(formatCsvRow).join('');
}

/** A Content-Disposition value for a download; the name is ours, never user input. */
export function attachmentName(base: string, at: number): string {
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `attachment; filename="${base}-${stamp}.csv"`;
}
