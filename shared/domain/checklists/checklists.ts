// Daily checklists (DOMAIN's daily operations): each template recurs daily or weekly, is due at a time of day (China
// time) and is meant for a 岗位; a period's ticks say who did each item and when. A period is named by its China
// date (a week by its Monday), so "today" is the same list in every window and after a restart.
import { CHINA_OFFSET_MS } from '../china-time.ts';
export type Recurrence = Readonly<{ kind: 'daily' }> | Readonly<{ kind: 'weekly'; weekday: number }>;
export type ChecklistItemKind = 'tick' | 'photo';
export type ChecklistTemplateSeed = Readonly<{
  key: string;
  title: string;
  role: string;
  recurrence: Recurrence;
  /** Minutes after midnight, China time. */
  dueMinutes: number;
  items: readonly Readonly<{ id: string; text: string; kind?: ChecklistItemKind }>[];
}>;

/** The defaults every shop starts with (DOMAIN: daily operations checklist); each shop edits its own. */
export const DEFAULT_CHECKLISTS: readonly ChecklistTemplateSeed[] = [
  {
    key: 'goods-in',
    title: '进货验收',
    role: '库管',
    recurrence: { kind: 'daily' },
    dueMinutes: 11 * 60,
    items: [
      { id: 'stains', text: '浅色货逐件检查污渍' },
      { id: 'defects', text: '抽检破洞、纽扣、走线、拉链' },
      { id: 'aql', text: '按 AQL 抽样并在“进货验收”登记结果' },
    ],
  },
  {
    key: 'stock',
    title: '库存台账与抽盘',
    role: '库管',
    recurrence: { kind: 'daily' },
    dueMinutes: 18 * 60,
    items: [
      { id: 'ledger', text: '今日出入库已登记，期末 = 期初 + 入 − 出' },
      { id: 'count', text: '抽盘账实相符（差异超过 5 件复盘）' },
    ],
  },
  {
    key: 'photo',
    title: '新品图片色差检查',
    role: '设计',
    recurrence: { kind: 'weekly', weekday: 1 },
    dueMinutes: 17 * 60,
    items: [
      { id: 'colour', text: '上架图与实物颜色对比（色差 ΔE00 不超过阈值）', kind: 'photo' },
      { id: 'cast', text: '有色偏的图片已调整后再上架' },
    ],
  },
  {
    key: 'sales',
    title: '销售准备',
    role: '客服',
    recurrence: { kind: 'daily' },
    dueMinutes: 9 * 60 + 30,
    items: [
      { id: 'products', text: '熟悉今日主推商品卖点' },
      { id: 'sizes', text: '尺码建议表已更新' },
    ],
  },
  {
    key: 'shipping',
    title: '发货检查',
    role: '物流',
    recurrence: { kind: 'daily' },
    dueMinutes: 16 * 60,
    items: [
      { id: 'deadline', text: '按承诺时间发货（看“发货”页的即将超时）' },
      { id: 'check', text: '核对待发订单的地址、留言和优惠券' },
      { id: 'chase', text: '催办超过 2 小时未发的订单' },
    ],
  },
  {
    key: 'reviews',
    title: '差评跟进',
    role: '售后',
    recurrence: { kind: 'daily' },
    dueMinutes: 20 * 60,
    items: [{ id: 'follow', text: '24 小时内联系新差评的买家并记录处理结果' }],
  },
];

const DAY_MS = 86_400_000;

/** The China date of an instant, as YYYY-MM-DD. */
export function chinaDate(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight (China time) of a YYYY-MM-DD date, as epoch ms. */
export function chinaMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS;
}

/** The period a template's list of `at` belongs to: its day, or the Monday of its week. */
export function periodOf(recurrence: Recurrence, at: number): string {
  if (recurrence.kind === 'daily') return chinaDate(at);
  const local = new Date(at + CHINA_OFFSET_MS);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return chinaDate(at - (weekday - 1) * DAY_MS);
}

/** When a period's list is due: the due time on its day (a weekly list: on its weekday of that week). */
export function dueAt(recurrence: Recurrence, period: string, dueMinutes: number): number {
  const offsetDays = recurrence.kind === 'weekly' ? recurrence.weekday - 1 : 0;
  return chinaMidnight(period) + offsetDays * DAY_MS + dueMinutes * 60_000;
}

/** The periods before `period` (newest first), for the history. */
export function previousPeriods(recurrence: Recurrence, period: string, count: number): string[] {
  const step = recurrence.kind === 'daily' ? DAY_MS : 7 * DAY_MS;
  const start = chinaMidnight(period);
  return Array.from({ length: count }, (_, i) => chinaDate(start - (i + 1) * step));
}
