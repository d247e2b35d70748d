// Customer-service KPIs computed from what is stored — the response rounds, the messages, the ratings, the orders and
// the presence timeline — never from running counters. A day of a shop becomes a sheet of sums per agent and per
// routing group (sums add up over days, shops and agents); the ratios are taken only when rows are shown.
//
// The rules, as the platforms count them (DOMAIN.md):
// - A round runs from the buyer's first unanswered message to the first reply by a person: bot replies and system
//   notes (a transfer, a take-over) do not end it; a transfer mid-round leaves the round running, and it is credited
//   to whoever answers it. A chat snoozed or closed without a reply ends its round unanswered (the platform still
//   counts it, as not on time); a chat reopened later starts a new round, so a reopened chat's response is measured
//   from the buyer's new message, not from days before. A round belongs to the day and hours its first message came
//   in (China time), even if it is answered after midnight or after the counted hours end.
// - On time: replied within the threshold, inclusive (3 min 0 s is on time, 3 min 0.001 s is not).
// - Conversations received: a buyer who wrote and to whom a person replied on that day, once per shop and day.
import { CHINA_OFFSET_MS } from '../china-time.ts';
import { CONVERSION_FINAL_DAYS, CONVERSION_NEXT_DAY, THREE_MINUTES_MS, type KpiRule } from './kpi-rules.ts';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The key for rounds nobody answered (and for figures of no agent). */
export const NOBODY = '';

export type RoundFact = Readonly<{
  conversationId: string;
  startedAt: number;
  answeredAt: number | null;
  agentId: string | null;
}>;
export type MessageFact = Readonly<{
  conversationId: string;
  from: 'buyer' | 'agent' | 'system';
  /** The person who wrote an agent message; null for the platform's bot (an auto-reply). */
  authorId: string | null;
  at: number;
  /** A system note of a transfer: from whom, and to whom (null: to a group). */
  transfer?: Readonly<{ fromId: string | null; toId: string | null }>;
}>;
export type RatingFact = Readonly<{ conversationId: string; agentId: string | null; score: number; at: number }>;
export type ConversationFact = Readonly<{
  buyerId: string;
  group: string;
  /** When the round the buyer still waits on began (null: nobody waits). */
  waitingSince: number | null;
}>;
export type OrderFact = Readonly<{ buyerId: string; paidAt: number; amountFen: number }>;
/** A status change of a person; personId '*' marks a start of the console (everyone offline until they log in). */
export type PresenceFact = Readonly<{ personId: string; status: 'online' | 'paused' | 'offline'; at: number }>;

export type KpiSums = {
  rounds: number;
  answered: number;
  responseMsSum: number;
  /** The first round of each buyer's day, when answered: its wait. */
  firstCount: number;
  firstMsSum: number;
  /** Rounds in the counted hours, and those answered within 3 minutes. */
  counted: number;
  countedOnTime: number;
  /** The platform's own rule: rounds or buyers in its hours, and those on time by its threshold. */
  ruleUnits: number;
  ruleOnTime: number;
  received: number;
  buyerMessages: number;
  agentMessages: number;
  transfersOut: number;
  transfersIn: number;
  ratings: number;
  satisfied: number;
};

export const emptySums = (): KpiSums => ({
  rounds: 0,
  answered: 0,
  responseMsSum: 0,
  firstCount: 0,
  firstMsSum: 0,
  counted: 0,
  countedOnTime: 0,
  ruleUnits: 0,
  ruleOnTime: 0,
  received: 0,
  buyerMessages: 0,
  agentMessages: 0,
  transfersOut: 0,
  transfersIn: 0,
  ratings: 0,
  satisfied: 0,
});

export function addSums(into: KpiSums, from: Readonly<KpiSums>): KpiSums {
  for (const key of Object.keys(from) as (keyof KpiSums)[]) into[key] += from[key];
  return into;
}

/** A buyer who asked before buying (a pre-sale chat received that day), for inquiry conversion. */
export type Inquiry = Readonly<{ buyerId: string; askedAt: number; agentId: string; group: string; day: string }>;

/** A round that waited longest in the counted hours (the platform-rule watch lists the worst). */
export type SlowRound = Readonly<{
  conversationId: string;
  startedAt: number;
  /** null: never answered. */
  waitMs: number | null;
  agentId: string | null;
}>;

export type DaySheet = Readonly<{
  day: string;
  /** Per agent and routing group: `${agentId}\t${group}` (agentId '' for rounds nobody answered). */
  byAgentGroup: ReadonlyMap<string, KpiSums>;
  /** Per routing group, counting each buyer once (the shop's own figures). */
  byGroup: ReadonlyMap<string, KpiSums>;
  inquiries: readonly Inquiry[];
  slowest: readonly SlowRound[];
}>;

export const agentGroupKey = (agentId: string, group: string) => `${agentId}\t${group}`;
export function splitAgentGroup(key: string): { agentId: string; group: string } {
  const tab = key.indexOf('\t');
  return { agentId: key.slice(0, tab), group: key.slice(tab + 1) };
}

/** The China calendar day of a time, as YYYY-MM-DD. */
export function chinaDay(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
/** When a China day starts (UTC ms). */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}
export function addDays(day: string, days: number): string {
  return chinaDay(dayStart(day) + days * DAY_MS + HOUR_MS);
}
/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to && out.length < 400; day = addDays(day, 1)) out.push(day);
  return out;
}
/** The hour of the China day a time falls in, as a fraction (10:30 → 10.5). */
function chinaHour(at: number): number {
  return ((((at + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}
export function inCountedHours(at: number, rule: Pick<KpiRule, 'countedFrom' | 'countedTo'>): boolean {
  const hour = chinaHour(at);
  return hour >= rule.countedFrom && hour < rule.countedTo;
}

export type DayInput = Readonly<{
  day: string;
  rule: KpiRule;
  /** Rounds that started on the day. */
  rounds: readonly RoundFact[];
  /** Messages of the day. */
  messages: readonly MessageFact[];
  ratings: readonly RatingFact[];
  conversationOf(conversationId: string): ConversationFact | undefined;
  /** Now: a round still waiting and not yet past the threshold is undecided, counted neither on time nor late. */
  now: number;
}>;

const SLOWEST_KEPT = 5;

/** One shop's day as sums per agent and group. */
export function computeDaySheet(input: DayInput): DaySheet {
  const { rule } = input;
  const byAgentGroup = new Map<string, KpiSums>();
  const byGroup = new Map<string, KpiSums>();
  const groupOf = (conversationId: string) => input.conversationOf(conversationId)?.group ?? 'presale';
  const sums = (agentId: string | null, group: string) => {
    const key = agentGroupKey(agentId ?? NOBODY, group);
    let s = byAgentGroup.get(key);
    if (!s) byAgentGroup.set(key, (s = emptySums()));
    return s;
  };
  const groupSums = (group: string) => {
    let s = byGroup.get(group);
    if (!s) byGroup.set(group, (s = emptySums()));
    return s;
  };
  const both = (agentId: string | null, group: string, apply: (s: KpiSums) => void) => {
    apply(sums(agentId, group));
    apply(groupSums(group));
  };

  // Rounds, in order of their start within each conversation.
  const rounds = [...input.rounds].sort((a, b) => a.startedAt - b.startedAt);
  const firstSeen = new Set<string>();
  const buyerRule = new Map<string, { units: number; worst: RoundFact | null; worstWait: number; first: RoundFact }>();
  const slowest: SlowRound[] = [];
  const ruleLimit = rule.onTimeSeconds * 1000;
  for (const round of rounds) {
    const group = groupOf(round.conversationId);
    const wait = round.answeredAt === null ? null : round.answeredAt - round.startedAt;
    const open =
      round.answeredAt === null && input.conversationOf(round.conversationId)?.waitingSince === round.startedAt;
    const undecided = (limit: number) => open && input.now - round.startedAt <= limit;
    const counted = inCountedHours(round.startedAt, rule);
    const first = !firstSeen.has(round.conversationId);
    firstSeen.add(round.conversationId);
    both(round.agentId, group, (s) => {
      s.rounds += 1;
      if (wait !== null) {
        s.answered += 1;
        s.responseMsSum += wait;
        if (first) {
          s.firstCount += 1;
          s.firstMsSum += wait;
        }
      }
      if (counted && !undecided(THREE_MINUTES_MS)) {
        s.counted += 1;
        if (wait !== null && wait <= THREE_MINUTES_MS) s.countedOnTime += 1;
      }
      if (counted && !undecided(ruleLimit)) {
        if (rule.unit === 'rounds') {
          s.ruleUnits += 1;
          if (wait !== null && wait <= ruleLimit) s.ruleOnTime += 1;
        }
      }
    });
    if (!counted || undecided(ruleLimit)) continue;
    slowest.push({
      conversationId: round.conversationId,
      startedAt: round.startedAt,
      waitMs: wait,
      agentId: round.agentId,
    });
    if (rule.unit === 'buyers') {
      // A buyer's day counts once, on time only if every counted round was; the round that decided it is credited.
      const late = wait === null ? Number.POSITIVE_INFINITY : wait;
      const entry = buyerRule.get(round.conversationId);
      if (!entry) buyerRule.set(round.conversationId, { units: 1, worst: round, worstWait: late, first: round });
      else if (late > entry.worstWait) Object.assign(entry, { worst: round, worstWait: late });
    }
  }
  for (const [conversationId, entry] of buyerRule) {
    const group = groupOf(conversationId);
    const onTime = entry.worstWait <= ruleLimit;
    const credited = onTime ? entry.first : entry.worst!;
    both(credited.agentId, group, (s) => {
      s.ruleUnits += 1;
      if (onTime) s.ruleOnTime += 1;
    });
  }
  slowest.sort(
    (a, b) =>
      (b.waitMs ?? Number.POSITIVE_INFINITY) - (a.waitMs ?? Number.POSITIVE_INFINITY) || a.startedAt - b.startedAt,
  );

  // Messages: who wrote to whom that day.
  type ConvDay = {
    buyerMessages: number;
    firstBuyerAt: number | null;
    agents: Map<string, number>;
    lastAgent: string | null;
  };
  const days = new Map<string, ConvDay>();
  const messages = [...input.messages].sort((a, b) => a.at - b.at);
  for (const m of messages) {
    let d = days.get(m.conversationId);
    if (!d)
      days.set(m.conversationId, (d = { buyerMessages: 0, firstBuyerAt: null, agents: new Map(), lastAgent: null }));
    if (m.from === 'buyer') {
      d.buyerMessages += 1;
      d.firstBuyerAt ??= m.at;
    } else if (m.from === 'agent' && m.authorId !== null) {
      d.agents.set(m.authorId, (d.agents.get(m.authorId) ?? 0) + 1);
      d.lastAgent = m.authorId;
    } else if (m.from === 'system' && m.transfer) {
      const group = groupOf(m.conversationId);
      if (m.transfer.fromId !== null) sums(m.transfer.fromId, group).transfersOut += 1;
      if (m.transfer.toId !== null) sums(m.transfer.toId, group).transfersIn += 1;
      groupSums(group).transfersOut += 1;
    }
  }
  const inquiries: Inquiry[] = [];
  for (const [conversationId, d] of days) {
    const group = groupOf(conversationId);
    const shop = groupSums(group);
    shop.buyerMessages += d.buyerMessages;
    for (const [agentId, count] of d.agents) {
      const s = sums(agentId, group);
      s.agentMessages += count;
      shop.agentMessages += count;
      if (d.buyerMessages > 0) {
        s.received += 1;
        s.buyerMessages += d.buyerMessages;
      }
    }
    if (d.buyerMessages > 0 && d.agents.size > 0) {
      shop.received += 1;
      const buyer = input.conversationOf(conversationId);
      if (buyer && group === 'presale')
        inquiries.push({
          buyerId: buyer.buyerId,
          askedAt: d.firstBuyerAt!,
          agentId: d.lastAgent!,
          group,
          day: input.day,
        });
    }
  }
  for (const r of input.ratings) {
    const group = groupOf(r.conversationId);
    both(r.agentId, group, (s) => {
      s.ratings += 1;
      if (r.score >= 3) s.satisfied += 1;
    });
  }
  return { day: input.day, byAgentGroup, byGroup, inquiries, slowest: slowest.slice(0, SLOWEST_KEPT) };
}

export type Conversion = {
  inquiries: number;
  paidNextDay: number;
  paidFinal: number;
  salesFen: number;
  payingBuyers: number;
};
export const emptyConversion = (): Conversion => ({
  inquiries: 0,
  paidNextDay: 0,
  paidFinal: 0,
  salesFen: 0,
  payingBuyers: 0,
});

/**
 * Inquiry conversion: each inquiry paid by the end of the next day, and by the end of day T+3 (final); an order is
 * credited once, to the buyer's latest inquiry before it was paid (and to that inquiry's agent). `keyOf` picks the
 * row an inquiry adds to.
 */
export function convert(
  inquiries: readonly Inquiry[],
  orders: readonly OrderFact[],
  keyOf: (inquiry: Inquiry) => string | null,
): Map<string, Conversion> {
  const byBuyer = new Map<string, Inquiry[]>();
  for (const q of inquiries) {
    const list = byBuyer.get(q.buyerId);
    if (list) list.push(q);
    else byBuyer.set(q.buyerId, [q]);
  }
  for (const list of byBuyer.values()) list.sort((a, b) => a.askedAt - b.askedAt);
  const paid = new Map<Inquiry, { first: number; sales: number }>();
  for (const order of orders) {
    const list = byBuyer.get(order.buyerId);
    if (!list) continue;
    let credited: Inquiry | null = null;
    for (const q of list) if (q.askedAt < order.paidAt) credited = q;
    if (!credited || order.paidAt >= dayStart(credited.day) + (CONVERSION_FINAL_DAYS + 1) * DAY_MS) continue;
    const entry = paid.get(credited);
    if (entry) {
      entry.first = Math.min(entry.first, order.paidAt);
      entry.sales += order.amountFen;
    } else paid.set(credited, { first: order.paidAt, sales: order.amountFen });
  }
  const out = new Map<string, Conversion>();
  for (const q of inquiries) {
    const key = keyOf(q);
    if (key === null) continue;
    let c = out.get(key);
    if (!c) out.set(key, (c = emptyConversion()));
    c.inquiries += 1;
    const entry = paid.get(q);
    if (!entry) continue;
    c.paidFinal += 1;
    c.payingBuyers += 1;
    c.salesFen += entry.sales;
    if (entry.first < dayStart(q.day) + (CONVERSION_NEXT_DAY + 1) * DAY_MS) c.paidNextDay += 1;
  }
  return out;
}

/** Time online and paused per person within [from, to), from the presence timeline (sorted by time). */
export function presenceTime(
  facts: readonly PresenceFact[],
  from: number,
  to: number,
): Map<string, { onlineMs: number; pausedMs: number }> {
  const out = new Map<string, { onlineMs: number; pausedMs: number }>();
  const current = new Map<string, { status: PresenceFact['status']; since: number }>();
  const close = (personId: string, at: number) => {
    const open = current.get(personId);
    if (!open || open.status === 'offline') return;
    const start = Math.max(open.since, from);
    const end = Math.min(at, to);
    if (end <= start) return;
    let t = out.get(personId);
    if (!t) out.set(personId, (t = { onlineMs: 0, pausedMs: 0 }));
    if (open.status === 'online') t.onlineMs += end - start;
    else t.pausedMs += end - start;
  };
  for (const fact of facts) {
    if (fact.at >= to) break;
    if (fact.personId === '*') {
      for (const personId of current.keys()) close(personId, fact.at);
      current.clear();
      continue;
    }
    close(fact.personId, fact.at);
    current.set(fact.personId, { status: fact.status, since: fact.at });
  }
  for (const personId of current.keys()) close(personId, to);
  return out;
}

/** The ratios a row shows, from its sums (null where there is nothing to divide). */
export function ratios(s: Readonly<KpiSums>) {
  const div = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    firstResponseMs: div(s.firstMsSum, s.firstCount),
    averageResponseMs: div(s.responseMsSum, s.answered),
    rate3m: div(s.countedOnTime, s.counted),
    ruleRate: div(s.ruleOnTime, s.ruleUnits),
    answerRatio: div(s.agentMessages, s.buyerMessages),
    satisfaction: div(s.satisfied, s.ratings),
  };
}

/** Facts grouped by the China day of their time (a round by its start: one answered after midnight stays on its day). */
export function byChinaDay<T>(items: readonly T[], timeOf: (item: T) => number): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const day = chinaDay(timeOf(item));
    const list = out.get(day);
    if (list) list.push(item);
    else out.set(day, [item]);
  }
  return out;
}
