// The report table's columns, in one place for the screen and the exports: the same headers, the same order and the
// same text in every cell, so that an exported file matches what the person saw, cell for cell. A number keeps its
// value in XLSX (with a number format that shows exactly the screen's text); CSV holds the text.
import type { KpiReport, KpiRow } from '../../contract/reports.ts';

/** change: a relative change against the period before (+12.5%). */
export type ColumnFormat = 'int' | 'percent' | 'seconds' | 'yuan' | 'ratio' | 'hours' | 'change';
export type Locale = 'zh-CN' | 'en-US';

export type ReportColumn = Readonly<{
  id: string;
  zh: string;
  en: string;
  format: Exclude<ColumnFormat, 'change'>;
  /** Which way is better, for colouring a change (none: neither, e.g. time paused or transfers). */
  better?: 'higher' | 'lower';
  value(row: KpiRow): number | null;
}>;

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { id: 'received', zh: '接待人数', en: 'Received', format: 'int', better: 'higher', value: (r) => r.received },
  { id: 'rounds', zh: '会话轮次', en: 'Rounds', format: 'int', better: 'higher', value: (r) => r.rounds },
  {
    id: 'firstResponse',
    zh: '首次响应(秒)',
    en: 'First response (s)',
    format: 'seconds',
    better: 'lower',
    value: (r) => (r.firstResponseMs === null ? null : r.firstResponseMs / 1000),
  },
  {
    id: 'averageResponse',
    zh: '平均响应(秒)',
    en: 'Avg. response (s)',
    format: 'seconds',
    better: 'lower',
    value: (r) => (r.averageResponseMs === null ? null : r.averageResponseMs / 1000),
  },
  { id: 'rate3m', zh: '3分钟响应率', en: '3-min rate', format: 'percent', better: 'higher', value: (r) => r.rate3m },
  {
    id: 'ruleRate',
    zh: '平台考核',
    en: 'Platform rule',
    format: 'percent',
    better: 'higher',
    value: (r) => r.ruleRate,
  },
  {
    id: 'answerRatio',
    zh: '答问比',
    en: 'Answer ratio',
    format: 'ratio',
    better: 'higher',
    value: (r) => r.answerRatio,
  },
  { id: 'inquiries', zh: '询单人数', en: 'Inquiries', format: 'int', better: 'higher', value: (r) => r.inquiries },
  {
    id: 'conversionNextDay',
    zh: '询单转化(次日)',
    en: 'Conversion (next day)',
    format: 'percent',
    better: 'higher',
    value: (r) => r.conversionNextDay,
  },
  {
    id: 'conversionFinal',
    zh: '询单转化(最终)',
    en: 'Conversion (final)',
    format: 'percent',
    better: 'higher',
    value: (r) => r.conversionFinal,
  },
  { id: 'sales', zh: '销售额(元)', en: 'Sales (¥)', format: 'yuan', better: 'higher', value: (r) => r.salesFen / 100 },
  {
    id: 'orderValue',
    zh: '客单价(元)',
    en: 'Order value (¥)',
    format: 'yuan',
    better: 'higher',
    value: (r) => (r.orderValueFen === null ? null : r.orderValueFen / 100),
  },
  {
    id: 'satisfaction',
    zh: '满意度',
    en: 'Satisfaction',
    format: 'percent',
    better: 'higher',
    value: (r) => r.satisfaction,
  },
  { id: 'ratings', zh: '评价数', en: 'Ratings', format: 'int', value: (r) => r.ratings },
  {
    id: 'online',
    zh: '在线(小时)',
    en: 'Online (h)',
    format: 'hours',
    better: 'higher',
    value: (r) => (r.onlineMs === null ? null : r.onlineMs / 3_600_000),
  },
  {
    id: 'paused',
    zh: '挂起(小时)',
    en: 'Paused (h)',
    format: 'hours',
    value: (r) => (r.pausedMs === null ? null : r.pausedMs / 3_600_000),
  },
  { id: 'transfersOut', zh: '转出', en: 'Transferred out', format: 'int', value: (r) => r.transfersOut },
  { id: 'transfersIn', zh: '转入', en: 'Transferred in', format: 'int', value: (r) => r.transfersIn },
];

/** The dash a cell shows when there is nothing to divide (no rounds, no ratings, not an agent row). */
export const NO_VALUE = '—';

const DIGITS: Readonly<Record<ColumnFormat, number>> = {
  int: 0,
  percent: 1,
  seconds: 1,
  yuan: 2,
  ratio: 2,
  hours: 1,
  change: 1,
};

/** A cell's text: the screen shows it, CSV stores it. */
export function formatCell(format: ColumnFormat, value: number | null): string {
  if (value === null) return NO_VALUE;
  if (format === 'percent') return `${(value * 100).toFixed(DIGITS.percent)}%`;
  // As XLSX's three-part format shows it: a sign from the value itself, even where the digits round to 0.
  if (format === 'change') return `${value > 0 ? '+' : value < 0 ? '-' : ''}${Math.abs(value * 100).toFixed(1)}%`;
  return value.toFixed(DIGITS[format]);
}

/** The change of a figure against the period before, relative to it; none where there was nothing before. */
export function relativeChange(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return (now - before) / Math.abs(before);
}

/** The XLSX number format that shows a value exactly as formatCell writes it. */
export const XLSX_FORMATS: Readonly<Record<ColumnFormat, string>> = {
  int: '0',
  percent: '0.0%',
  seconds: '0.0',
  yuan: '0.00',
  ratio: '0.00',
  hours: '0.0',
  change: '+0.0%;-0.0%;0.0%',
};

/** The first column's header, by what the rows are. */
export const KEY_HEADERS: Readonly<Record<'agent' | 'group' | 'shop' | 'day', { zh: string; en: string }>> = {
  agent: { zh: '客服', en: 'Agent' },
  group: { zh: '分组', en: 'Group' },
  shop: { zh: '店铺', en: 'Shop' },
  day: { zh: '日期', en: 'Day' },
};
export const TOTAL_LABEL = { zh: '合计', en: 'Total' } as const;
/** The header of a figure's change column when comparing: the figure's own header and this. */
export const CHANGE_LABEL = { zh: '较上期', en: 'vs. previous' } as const;
export const NOBODY_LABEL = { zh: '无人回复', en: 'Nobody (unanswered)' } as const;
export const GROUP_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  presale: { zh: '售前', en: 'Pre-sale' },
  aftersale: { zh: '售后', en: 'After-sale' },
};

export const header = (column: Pick<ReportColumn, 'zh' | 'en'>, locale: Locale) =>
  locale === 'zh-CN' ? column.zh : column.en;

/** What the first cell of a row says: a person's or shop's name, a day, a group's name, or "nobody". */
export function rowLabel(by: keyof typeof KEY_HEADERS, row: Pick<KpiRow, 'key' | 'label'>, locale: Locale): string {
  const pick = (l: { zh: string; en: string }) => (locale === 'zh-CN' ? l.zh : l.en);
  if (by === 'agent' && row.key === '') return pick(NOBODY_LABEL);
  if (by === 'group') return GROUP_LABELS[row.key] ? pick(GROUP_LABELS[row.key]!) : row.label;
  return row.label;
}

export type ReportCell = Readonly<{ format: ColumnFormat; value: number | null }>;
export type ReportLine = Readonly<{ label: string; cells: readonly ReportCell[]; total: boolean }>;

/** The header of each figure's column: the figure, and when comparing its change against the period before. */
export function reportHeader(by: keyof typeof KEY_HEADERS, locale: Locale, compare: boolean): string[] {
  return [
    header(KEY_HEADERS[by], locale),
    ...REPORT_COLUMNS.flatMap((c) =>
      compare ? [header(c, locale), `${header(c, locale)} ${header(CHANGE_LABEL, locale)}`] : [header(c, locale)],
    ),
  ];
}

/**
 * The table's lines, the total last: each figure's value, and when comparing its change against the same row of the
 * period before. The screen, CSV and XLSX are all made from these.
 */
export function reportLines(
  report: Pick<KpiReport, 'by' | 'rows' | 'total' | 'previous'>,
  locale: Locale,
  compare: boolean,
): ReportLine[] {
  const before = new Map(report.previous.rows.map((row) => [row.key, row]));
  const cells = (row: KpiRow, previous: KpiRow | undefined): ReportCell[] =>
    REPORT_COLUMNS.flatMap((c) => {
      const value = c.value(row);
      if (!compare) return [{ format: c.format, value }];
      const change = relativeChange(value, previous ? c.value(previous) : null);
      return [
        { format: c.format, value },
        { format: 'change' as const, value: change },
      ];
    });
  return [
    ...report.rows.map((row) => ({
      label: rowLabel(report.by, row, locale),
      cells: cells(row, before.get(row.key)),
      total: false,
    })),
    { label: header(TOTAL_LABEL, locale), cells: cells(report.total, report.previous.total), total: true },
  ];
}

/** The table as text, header first, total last: what the screen shows and what CSV holds. */
export function reportTable(
  report: Pick<KpiReport, 'by' | 'rows' | 'total' | 'previous'>,
  locale: Locale,
  compare = false,
): string[][] {
  return [
    reportHeader(report.by, locale, compare),
    ...reportLines(report, locale, compare).map((line) => [
      line.label,
      ...line.cells.map((cell) => formatCell(cell.format, cell.value)),
    ]),
  ];
}
