// The report table's columns, in one place for the screen and the exports: the same headers, the same order and the
// same text in every cell, so that an exported file matches what the person saw, cell for cell. A number keeps its
// value in XLSX (with a number format that shows exactly the screen's text); CSV holds the text.
import type { KpiRow } from '../../contract/reports.ts';

export type ColumnFormat = 'int' | 'percent' | 'seconds' | 'yuan' | 'ratio' | 'hours';
export type Locale = 'zh-CN' | 'en-US';

export type ReportColumn = Readonly<{
  id: string;
  zh: string;
  en: string;
  format: ColumnFormat;
  value(row: KpiRow): number | null;
}>;

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { id: 'received', zh: '接待人数', en: 'Received', format: 'int', value: (r) => r.received },
  { id: 'rounds', zh: '会话轮次', en: 'Rounds', format: 'int', value: (r) => r.rounds },
  {
    id: 'firstResponse',
    zh: '首次响应(秒)',
    en: 'First response (s)',
    format: 'seconds',
    value: (r) => (r.firstResponseMs === null ? null : r.firstResponseMs / 1000),
  },
  {
    id: 'averageResponse',
    zh: '平均响应(秒)',
    en: 'Avg. response (s)',
    format: 'seconds',
    value: (r) => (r.averageResponseMs === null ? null : r.averageResponseMs / 1000),
  },
  { id: 'rate3m', zh: '3分钟响应率', en: '3-min rate', format: 'percent', value: (r) => r.rate3m },
  { id: 'ruleRate', zh: '平台考核', en: 'Platform rule', format: 'percent', value: (r) => r.ruleRate },
  { id: 'answerRatio', zh: '答问比', en: 'Answer ratio', format: 'ratio', value: (r) => r.answerRatio },
  { id: 'inquiries', zh: '询单人数', en: 'Inquiries', format: 'int', value: (r) => r.inquiries },
  {
    id: 'conversionNextDay',
    zh: '询单转化(次日)',
    en: 'Conversion (next day)',
    format: 'percent',
    value: (r) => r.conversionNextDay,
  },
  {
    id: 'conversionFinal',
    zh: '询单转化(最终)',
    en: 'Conversion (final)',
    format: 'percent',
    value: (r) => r.conversionFinal,
  },
  { id: 'sales', zh: '销售额(元)', en: 'Sales (¥)', format: 'yuan', value: (r) => r.salesFen / 100 },
  {
    id: 'orderValue',
    zh: '客单价(元)',
    en: 'Order value (¥)',
    format: 'yuan',
    value: (r) => (r.orderValueFen === null ? null : r.orderValueFen / 100),
  },
  { id: 'satisfaction', zh: '满意度', en: 'Satisfaction', format: 'percent', value: (r) => r.satisfaction },
  { id: 'ratings', zh: '评价数', en: 'Ratings', format: 'int', value: (r) => r.ratings },
  {
    id: 'online',
    zh: '在线(小时)',
    en: 'Online (h)',
    format: 'hours',
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

const DIGITS: Readonly<Record<ColumnFormat, number>> = { int: 0, percent: 1, seconds: 1, yuan: 2, ratio: 2, hours: 1 };

/** A cell's text: the screen shows it, CSV stores it. */
export function formatCell(format: ColumnFormat, value: number | null): string {
  if (value === null) return NO_VALUE;
  if (format === 'percent') return `${(value * 100).toFixed(DIGITS.percent)}%`;
  return value.toFixed(DIGITS[format]);
}

/** The XLSX number format that shows a value exactly as formatCell writes it. */
export const XLSX_FORMATS: Readonly<Record<ColumnFormat, string>> = {
  int: '0',
  percent: '0.0%',
  seconds: '0.0',
  yuan: '0.00',
  ratio: '0.00',
  hours: '0.0',
};

/** The first column's header, by what the rows are. */
export const KEY_HEADERS: Readonly<Record<'agent' | 'group' | 'shop' | 'day', { zh: string; en: string }>> = {
  agent: { zh: '客服', en: 'Agent' },
  group: { zh: '分组', en: 'Group' },
  shop: { zh: '店铺', en: 'Shop' },
  day: { zh: '日期', en: 'Day' },
};
export const TOTAL_LABEL = { zh: '合计', en: 'Total' } as const;
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

/** The table as text, header first, total last: what the screen shows and what CSV holds. */
export function reportTable(
  rows: readonly KpiRow[],
  total: KpiRow,
  by: keyof typeof KEY_HEADERS,
  locale: Locale,
): string[][] {
  const head = [header(KEY_HEADERS[by], locale), ...REPORT_COLUMNS.map((c) => header(c, locale))];
  const line = (row: KpiRow, label: string) => [
    label,
    ...REPORT_COLUMNS.map((c) => formatCell(c.format, c.value(row))),
  ];
  return [head, ...rows.map((row) => line(row, rowLabel(by, row, locale))), line(total, header(TOTAL_LABEL, locale))];
}
