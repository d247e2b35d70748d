// Cells exported to CSV or XLSX are opened by spreadsheet programs, which run a cell starting with =, +, -, @, a tab
// or a carriage return as a formula (CSV injection). Text that starts so gets a leading apostrophe, which every
// spreadsheet shows as text and hides; numbers stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}
