// A report from day sheets: rows by agent, group, shop or day; the total; the period before for comparison; the
// daily series for the chart. Whoever sees the whole business reads each shop's own figures (every buyer once, the
// rounds nobody answered included); a supervisor or an agent reads the sums of the people in their scope only.
import type { KpiReport, KpiRow, ReportDimension, ReportScope } from '../../../shared/contract/index.ts';
import {
  addDays,
  addSums,
  convert,
  dayStart,
  daysBetween,
  DAY_MS,
  emptyConversion,
  emptySums,
  NOBODY,
  presenceTime,
  ratios,
  splitAgentGroup,
  type Conversion,
  type DaySheet,
  type Inquiry,
  type KpiSums,
  type OrderFact,
  type PresenceFact,
} from '../../../shared/domain/reports/kpi.ts';
import { CONVERSION_FINAL_DAYS } from '../../../shared/domain/reports/kpi-rules.ts';

export type ReportSources = Readonly<{
  sheet(shopId: string, day: string): DaySheet;
  paidOrders(shopId: string, from: number, to: number): OrderFact[];
  presence(to: number): PresenceFact[];
  agentName(personId: string): string;
  shopName(shopId: string): string;
}>;

export type ReportRequest = Readonly<{
  from: string;
  to: string;
  by: ReportDimension;
  shopIds: readonly string[];
  scope: ReportScope;
  /** null: everyone (the whole business); else only these people's figures. */
  agents: ReadonlySet<string> | null;
  today: string;
  now: number;
}>;

type Acc = { sums: KpiSums; conversion: Conversion; inquiries: Inquiry[] };
const emptyAcc = (): Acc => ({ sums: emptySums(), conversion: emptyConversion(), inquiries: [] });

function toRow(key: string, label: string, acc: Acc, presence: { onlineMs: number; pausedMs: number } | null): KpiRow {
  const s = acc.sums;
  const c = acc.conversion;
  const r = ratios(s);
  const div = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    key,
    label,
    rounds: s.rounds,
    answered: s.answered,
    firstResponseMs: r.firstResponseMs,
    averageResponseMs: r.averageResponseMs,
    counted: s.counted,
    countedOnTime: s.countedOnTime,
    rate3m: r.rate3m,
    ruleUnits: s.ruleUnits,
    ruleOnTime: s.ruleOnTime,
    ruleRate: r.ruleRate,
    received: s.received,
    buyerMessages: s.buyerMessages,
    agentMessages: s.agentMessages,
    answerRatio: r.answerRatio,
    inquiries: c.inquiries,
    paidNextDay: c.paidNextDay,
    paidFinal: c.paidFinal,
    conversionNextDay: div(c.paidNextDay, c.inquiries),
    conversionFinal: div(c.paidFinal, c.inquiries),
    salesFen: c.salesFen,
    orderValueFen: c.payingBuyers === 0 ? null : Math.round(c.salesFen / c.payingBuyers),
    ratings: s.ratings,
    satisfaction: r.satisfaction,
    onlineMs: presence?.onlineMs ?? null,
    pausedMs: presence?.pausedMs ?? null,
    transfersOut: s.transfersOut,
    transfersIn: s.transfersIn,
  };
}

/** The figures of a period: rows keyed by the dimension, the total, and the total of each day. */
function gather(sources: ReportSources, req: ReportRequest, from: string, to: string) {
  const rows = new Map<string, Acc>();
  const total = emptyAcc();
  const daily = new Map<string, Acc>();
  const whole = req.agents === null;
  const acc = (map: Map<string, Acc>, key: string) => {
    let a = map.get(key);
    if (!a) map.set(key, (a = emptyAcc()));
    return a;
  };
  const days = daysBetween(from, to).filter((day) => day <= req.today);
  for (const shopId of req.shopIds) {
    const inquiries: { inquiry: Inquiry; keys: string[] }[] = [];
    for (const day of days) {
      const sheet = sources.sheet(shopId, day);
      const dayAcc = acc(daily, day);
      const keyOf = (agentId: string, group: string) =>
        req.by === 'agent' ? agentId : req.by === 'group' ? group : req.by === 'shop' ? shopId : day;
      if (whole && req.by !== 'agent') {
        for (const [group, sums] of sheet.byGroup) {
          addSums(acc(rows, keyOf(NOBODY, group)).sums, sums);
          addSums(total.sums, sums);
          addSums(dayAcc.sums, sums);
        }
      } else {
        for (const [key, sums] of sheet.byAgentGroup) {
          const { agentId, group } = splitAgentGroup(key);
          if (!whole && !req.agents!.has(agentId)) continue;
          addSums(acc(rows, keyOf(agentId, group)).sums, sums);
          if (!whole) {
            addSums(total.sums, sums);
            addSums(dayAcc.sums, sums);
          }
        }
        // The whole business's total counts each buyer once, whichever agents served them.
        if (whole)
          for (const sums of sheet.byGroup.values()) {
            addSums(total.sums, sums);
            addSums(dayAcc.sums, sums);
          }
      }
      for (const q of sheet.inquiries)
        if (whole || req.agents!.has(q.agentId)) inquiries.push({ inquiry: q, keys: [keyOf(q.agentId, q.group), day] });
    }
    if (inquiries.length === 0) continue;
    // Orders paid from the first day until the last day's final window closes, of this shop's buyers.
    const orders = sources.paidOrders(shopId, dayStart(from), dayStart(to) + (CONVERSION_FINAL_DAYS + 1) * DAY_MS);
    const byInquiry = new Map(inquiries.map((q) => [q.inquiry, q.keys]));
    const converted = convert(
      inquiries.map((q) => q.inquiry),
      orders,
      (q) => `${byInquiry.get(q)![0]}\n${byInquiry.get(q)![1]}`,
    );
    for (const [key, c] of converted) {
      const [rowKey, day] = key.split('\n') as [string, string];
      for (const target of [acc(rows, rowKey).conversion, total.conversion, acc(daily, day).conversion])
        for (const k of Object.keys(c) as (keyof Conversion)[]) target[k] += c[k];
    }
  }
  return { rows, total, daily, days };
}

/** The days a report of [from, to] reads: the period up to today, and the period as long before it (comparison). */
export function reportDays(from: string, to: string, today: string): string[] {
  const length = daysBetween(from, to).length;
  return daysBetween(addDays(from, -length), to).filter((day) => day <= today);
}

export function buildReport(sources: ReportSources, req: ReportRequest): Omit<KpiReport, 'computedAt'> {
  const { rows, total, daily, days } = gather(sources, req, req.from, req.to);
  const start = dayStart(req.from);
  const end = Math.min(dayStart(req.to) + DAY_MS, req.now);
  // Presence up to the period's end, read once: it covers the period before too.
  const facts = req.by === 'agent' ? sources.presence(end) : null;
  const presence = facts ? presenceTime(facts, start, end) : null;
  const label = (key: string) =>
    req.by === 'agent'
      ? key === NOBODY
        ? ''
        : sources.agentName(key)
      : req.by === 'shop'
        ? sources.shopName(key)
        : key;
  // Everyone in scope has a row, even on a quiet day (their online time still shows).
  if (req.by === 'agent' && req.agents !== null)
    for (const id of req.agents) if (!rows.has(id)) rows.set(id, emptyAcc());
  if (req.by === 'day') for (const day of days) if (!rows.has(day)) rows.set(day, emptyAcc());
  const out = [...rows]
    .map(([key, acc]) =>
      toRow(
        key,
        label(key),
        acc,
        presence && key !== NOBODY ? (presence.get(key) ?? { onlineMs: 0, pausedMs: 0 }) : null,
      ),
    )
    .sort((a, b) =>
      req.by === 'day'
        ? a.key.localeCompare(b.key)
        : b.received - a.received || a.label.localeCompare(b.label, 'zh-CN'),
    );
  let online: { onlineMs: number; pausedMs: number } | null = null;
  if (presence) {
    online = { onlineMs: 0, pausedMs: 0 };
    for (const row of out) {
      online.onlineMs += row.onlineMs ?? 0;
      online.pausedMs += row.pausedMs ?? 0;
    }
  }
  const length = daysBetween(req.from, req.to).length;
  const prevTo = addDays(req.from, -1);
  const prevFrom = addDays(req.from, -length);
  const previous = gather(sources, req, prevFrom, prevTo);
  const prevPresence = facts ? presenceTime(facts, dayStart(prevFrom), dayStart(prevTo) + DAY_MS) : null;
  // Each row beside its own row of the period before: the same key, or by day the day as many days earlier.
  const previousRows = out.map((row) => {
    const key = req.by === 'day' ? addDays(row.key, -length) : row.key;
    const acc = previous.rows.get(key) ?? emptyAcc();
    const online = prevPresence && key !== NOBODY ? (prevPresence.get(key) ?? { onlineMs: 0, pausedMs: 0 }) : null;
    return toRow(row.key, req.by === 'day' ? key : row.label, acc, online);
  });
  let prevOnline: { onlineMs: number; pausedMs: number } | null = null;
  if (prevPresence) {
    prevOnline = { onlineMs: 0, pausedMs: 0 };
    for (const row of previousRows) {
      prevOnline.onlineMs += row.onlineMs ?? 0;
      prevOnline.pausedMs += row.pausedMs ?? 0;
    }
  }
  // Today is live; a day's inquiry conversion settles when its final window (T+3) has closed.
  const unsettled = addDays(req.today, -CONVERSION_FINAL_DAYS);
  return {
    from: req.from,
    to: req.to,
    by: req.by,
    shopIds: [...req.shopIds],
    scope: req.scope,
    rows: out,
    total: toRow('', '', total, online),
    previous: { from: prevFrom, to: prevTo, total: toRow('', '', previous.total, prevOnline), rows: previousRows },
    series: days.map((day) => {
      const row = toRow(day, day, daily.get(day) ?? emptyAcc(), null);
      return {
        day,
        received: row.received,
        rate3m: row.rate3m,
        averageResponseMs: row.averageResponseMs,
        ruleRate: row.ruleRate,
      };
    }),
    provisionalFrom: req.to >= unsettled ? (req.from > unsettled ? req.from : unsettled) : null,
    timeZone: 'Asia/Shanghai',
  };
}
