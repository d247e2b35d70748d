// The bench harness: each benchmark returns a table and a RESULT line. Figures are measured, never asserted.
export type BenchRow = Readonly<Record<string, string | number>>;
export type BenchOutcome = Readonly<{
  title: string;
  rows: readonly BenchRow[];
  result: Readonly<Record<string, number | string>>;
  notes?: readonly string[];
}>;
export type Benchmark = () => Promise<BenchOutcome>;

export function formatTable(rows: readonly BenchRow[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]!);
  const cell = (value: string | number | undefined) =>
    typeof value === 'number' ? formatNumber(value) : (value ?? '');
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(columns),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map((row) => line(columns.map((c) => cell(row[c])))),
  ].join('\n');
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(4);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function resultLine(name: string, result: Readonly<Record<string, number | string>>): string {
  return `RESULT ${name} ${Object.entries(result)
    .map(([key, value]) => `${key}=${typeof value === 'number' ? formatNumber(value) : value}`)
    .join(' ')}`;
}
