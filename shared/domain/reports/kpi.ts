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
  /** The chat's routing group when the round began; null or absent: count it under the chat's group now. */
  group?: string | null;
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
/** A conversation's messages of one day, counted: all a day sheet needs of them. */
export type ConversationDay = {
  buyerMessages: number;
  firstBuyerAt: number | null;
  /** Messages by each person (the bot's replies are not counted). */
  agents: Map<string, number>;
  /** Who wrote the day's last reply by a person. */
  lastAgent: string | null;
  lastAgentAt: number;
};
/** A system note of a transfer in a conversation. */
export type TransferFact = Readonly<{ conversationId: string; fromId: string | null; toId: string | null }>;
export type DayMessages = Readonly<{
  conversations: ReadonlyMap<string, ConversationDay>;
  transfers: readonly TransferFact[];
}>;

/**
 * Counts a day's messages, one at a time in any order (storage feeds its rows straight in: a month of 20 busy shops
 * is a million messages, and no object is made per message).
 */
export function messageCounter() {
  const conversations = new Map<string, ConversationDay>();
  const transfers: TransferFact[] = [];
  return {
    /** A buyer's message, or a reply (authorId null: the platform's bot). */
    add(conversationId: string, fromBuyer: boolean, authorId: string | null, at: number): void {
      let d = conversations.get(conversationId);
      if (!d)
        conversations.set(
          conversationId,
          (d = { buyerMessages: 0, firstBuyerAt: null, agents: new Map(), lastAgent: null, lastAgentAt: -Infinity }),
        );
      if (fromBuyer) {
        d.buyerMessages += 1;
        if (d.firstBuyerAt === null || at < d.firstBuyerAt) d.firstBuyerAt = at;
      } else if (authorId !== null) {
        d.agents.set(authorId, (d.agents.get(authorId) ?? 0) + 1);
        if (at >= d.lastAgentAt) {
          d.lastAgent = authorId;
          d.lastAgentAt = at;
        }
      }
    },
    transfer(transfer: TransferFact): void {
      transfers.push(transfer);
    },
    result: (): DayMessages => ({ conversations, transfers }),
  };
}

/** The day's messages counted (system notes other than transfers count for nothing). */
export function countMessages(messages: readonly MessageFact[]): DayMessages {
  const counter = messageCounter();
  for (const m of messages) {
    if (m.from !== 'system') counter.add(m.conversationId, m.from === 'buyer', m.authorId, m.at);
    else if (m.transfer) counter.transfer({ conversationId: m.conversationId, ...m.transfer });
  }
  return counter.result();
}
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

const SUM_KEYS = Object.keys(emptySums()) as (keyof KpiSums)[];

export function addSums(into: KpiSums, from: Readonly<KpiSums>): KpiSums {
  for (const key of SUM_KEYS) into[key] += from[key];
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
  /** Conversations with a round of this day not answered (a reply later, even after midnight, changes the day). */
  unanswered: ReadonlySet<string>;
  /** When a round still waiting turns late and the sheet changes with time alone (Infinity: not before a write). */
  settlesAt: number;
}>;

export const agentGroupKey = (agentId: string, group: string) => `${agentId}\t${group}`;
export function splitAgentGroup(key: string): { agentId: string; group: string } {
  const tab = key.indexOf('\t');
  return { agentId: key.slice(0, tab), group: key.slice(tab + 1) };
}

/** The last day chinaDay computed, and its bounds: most calls (one per message) fall on the same day. */
let lastDay = { day: '', from: 0, to: 0 };

/** The China calendar day of a time, as YYYY-MM-DD. (China keeps no summer time: every day is 24 hours.) */
export function chinaDay(at: number): string {
  if (at >= lastDay.from && at < lastDay.to) return lastDay.day;
  const day = new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const from = dayStart(day);
  lastDay = { day, from, to: from + DAY_MS };
  return day;
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
  /** Messages of the day, counted. */
  messages: DayMessages;
  ratings: readonly RatingFact[];
  conversationOf(conversationId: string): ConversationFact | undefined;
  /** Now: a round still waiting and not yet past the threshold is undecided, counted neither on time nor late. */
  now: number;
}>;

const SLOWEST_KEPT = 5;

/** A round added to sums: its wait (null: never answered), whether it was the buyer's first, and what it counts in. */
function addRound(
  s: KpiSums,
  wait: number | null,
  first: boolean,
  counts3m: boolean,
  countsRuleRound: boolean,
  ruleLimit: number,
): void {
  s.rounds += 1;
  if (wait !== null) {
    s.answered += 1;
    s.responseMsSum += wait;
    if (first) {
      s.firstCount += 1;
      s.firstMsSum += wait;
    }
  }
  if (counts3m) {
    s.counted += 1;
    if (wait !== null && wait <= THREE_MINUTES_MS) s.countedOnTime += 1;
  }
  if (countsRuleRound) {
    s.ruleUnits += 1;
    if (wait !== null && wait <= ruleLimit) s.ruleOnTime += 1;
  }
}

/** The order of the slowest rounds: the longest wait first (never answered before all), then the earliest. */
export function slowestFirst(a: SlowRound, b: SlowRound): number {
  return (b.waitMs ?? Number.POSITIVE_INFINITY) - (a.waitMs ?? Number.POSITIVE_INFINITY) || a.startedAt - b.startedAt;
}

/** Keeps the SLOWEST_KEPT slowest rounds in `slowest`, in that order. */
function keepSlowest(slowest: SlowRound[], round: SlowRound): void {
  if (slowest.length === SLOWEST_KEPT && slowestFirst(round, slowest[SLOWEST_KEPT - 1]!) >= 0) return;
  let i = slowest.length;
  while (i > 0 && slowestFirst(round, slowest[i - 1]!) < 0) i -= 1;
  slowest.splice(i, 0, round);
  if (slowest.length > SLOWEST_KEPT) slowest.pop();
}

/** One shop's day as sums per agent and group. */
export function computeDaySheet(input: DayInput): DaySheet {
  const { rule } = input;
  const byGroup = new Map<string, KpiSums>();
  // Each conversation is looked up once (a day's rounds, messages and ratings ask about it several times).
  const facts = new Map<string, ConversationFact | undefined>();
  const factOf = (conversationId: string) => {
    let fact = facts.get(conversationId);
    if (fact === undefined && !facts.has(conversationId))
      facts.set(conversationId, (fact = input.conversationOf(conversationId)));
    return fact;
  };
  const groupOf = (conversationId: string) => factOf(conversationId)?.group ?? 'presale';
  const byGroupAgent = new Map<string, Map<string, KpiSums>>();
  const sums = (agentId: string | null, group: string) => {
    let agents = byGroupAgent.get(group);
    if (!agents) byGroupAgent.set(group, (agents = new Map()));
    let s = agents.get(agentId ?? NOBODY);
    if (!s) agents.set(agentId ?? NOBODY, (s = emptySums()));
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
  const unanswered = new Set<string>();
  let settlesAt = Number.POSITIVE_INFINITY;
  const ruleLimit = rule.onTimeSeconds * 1000;
  for (const round of rounds) {
    // A round counts in the group its chat was in when it began (a chat moved to 售后 keeps its 售前 rounds there).
    const group = round.group ?? groupOf(round.conversationId);
    const wait = round.answeredAt === null ? null : round.answeredAt - round.startedAt;
    const open = round.answeredAt === null && factOf(round.conversationId)?.waitingSince === round.startedAt;
    const counted = inCountedHours(round.startedAt, rule);
    const first = !firstSeen.has(round.conversationId);
    if (first) firstSeen.add(round.conversationId);
    const counts3m = counted && !(open && input.now - round.startedAt <= THREE_MINUTES_MS);
    const countsRule = counted && !(open && input.now - round.startedAt <= ruleLimit);
    if (round.answeredAt === null) unanswered.add(round.conversationId);
    if (counted && open)
      for (const limit of [THREE_MINUTES_MS, ruleLimit])
        if (input.now - round.startedAt <= limit) settlesAt = Math.min(settlesAt, round.startedAt + limit + 1);
    addRound(sums(round.agentId, group), wait, first, counts3m, countsRule && rule.unit === 'rounds', ruleLimit);
    addRound(groupSums(group), wait, first, counts3m, countsRule && rule.unit === 'rounds', ruleLimit);
    if (!countsRule) continue;
    keepSlowest(slowest, {
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

  // Messages: who wrote to whom that day.
  for (const t of input.messages.transfers) {
    const group = groupOf(t.conversationId);
    if (t.fromId !== null) sums(t.fromId, group).transfersOut += 1;
    if (t.toId !== null) sums(t.toId, group).transfersIn += 1;
    groupSums(group).transfersOut += 1;
  }
  const inquiries: Inquiry[] = [];
  for (const [conversationId, d] of input.messages.conversations) {
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
      const buyer = factOf(conversationId);
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
  const byAgentGroup = new Map<string, KpiSums>();
  for (const [group, agents] of byGroupAgent)
    for (const [agentId, agentSums] of agents) byAgentGroup.set(agentGroupKey(agentId, group), agentSums);
  return { day: input.day, byAgentGroup, byGroup, inquiries, slowest, unanswered, settlesAt };
}

/** What computing past days needs of a shop's storage: the day-range reads, and the stored facts of its chats. */
export type StoredDays = Readonly<{
  rounds(from: number, to: number): readonly RoundFact[];
  messages(from: number, to: number): DayMessages;
  ratings(from: number, to: number): readonly RatingFact[];
  /** The stored facts (buyer, group, waiting round) of these chats; a chat not stored is left out. */
  conversationFacts(ids: readonly string[]): ReadonlyMap<string, ConversationFact>;
}>;

/**
 * Sheets of past days of one shop, from its stored rows: each day's rows are read, then the facts of every chat they
 * name in one read, then each day is computed. Used alike on the main thread and in the worker threads that compute
 * a month off it (electron/storage/sqlite/kpi-days.ts), so both give the same sheets.
 */
export function computeStoredDays(store: StoredDays, days: readonly string[], rule: KpiRule, now: number): DaySheet[] {
  const read = days.map((day) => {
    const start = dayStart(day);
    const end = start + DAY_MS;
    return {
      day,
      rounds: store.rounds(start, end),
      messages: store.messages(start, end),
      ratings: store.ratings(start, end),
    };
  });
  const ids = new Set<string>();
  for (const r of read) {
    for (const round of r.rounds) ids.add(round.conversationId);
    for (const id of r.messages.conversations.keys()) ids.add(id);
    for (const t of r.messages.transfers) ids.add(t.conversationId);
    for (const rating of r.ratings) ids.add(rating.conversationId);
  }
  const facts = store.conversationFacts([...ids]);
  return read.map((r) => computeDaySheet({ ...r, rule, now, conversationOf: (id) => facts.get(id) }));
}

/**
 * A day's sheet kept as the sum of sheets of its parts (each conversation's rounds, messages and ratings in one part
 * only): the same sheet as computed at once, since a sheet adds up per conversation. A part replaced is taken out of
 * the sums and the new one added; what no part holds any more leaves the sheet.
 */
export function daySum(day: string) {
  const parts = new Map<string, DaySheet>();
  const byAgentGroup = new Map<string, KpiSums>();
  const byGroup = new Map<string, KpiSums>();
  let summed: DaySheet | null = null;
  const apply = (into: Map<string, KpiSums>, from: ReadonlyMap<string, KpiSums>, sign: 1 | -1) => {
    for (const [key, sums] of from) {
      let s = into.get(key);
      if (!s) into.set(key, (s = emptySums()));
      for (const k of SUM_KEYS) s[k] += sign * sums[k];
      if (sign < 0 && SUM_KEYS.every((k) => s[k] === 0)) into.delete(key);
    }
  };
  const copy = (map: Map<string, KpiSums>) => new Map([...map].map(([key, sums]) => [key, { ...sums }]));
  return {
    parts: parts as ReadonlyMap<string, DaySheet>,
    set(id: string, part: DaySheet): void {
      const old = parts.get(id);
      if (old) {
        apply(byAgentGroup, old.byAgentGroup, -1);
        apply(byGroup, old.byGroup, -1);
      }
      parts.set(id, part);
      apply(byAgentGroup, part.byAgentGroup, 1);
      apply(byGroup, part.byGroup, 1);
      summed = null;
    },
    sheet(): DaySheet {
      if (summed) return summed;
      const inquiries: Inquiry[] = [];
      const slowest: SlowRound[] = [];
      const unanswered = new Set<string>();
      let settlesAt = Number.POSITIVE_INFINITY;
      for (const part of parts.values()) {
        inquiries.push(...part.inquiries);
        for (const round of part.slowest) keepSlowest(slowest, round);
        for (const id of part.unanswered) unanswered.add(id);
        settlesAt = Math.min(settlesAt, part.settlesAt);
      }
      return (summed = {
        day,
        byAgentGroup: copy(byAgentGroup),
        byGroup: copy(byGroup),
        inquiries,
        slowest,
        unanswered,
        settlesAt,
      });
    },
  };
}

/** A day's sheet from sheets of parts of it (see daySum). */
export function mergeSheets(day: string, parts: Iterable<DaySheet>): DaySheet {
  const sum = daySum(day);
  let n = 0;
  for (const part of parts) sum.set(String((n += 1)), part);
  return sum.sheet();
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

/** A stretch of a person's day online or paused (挂起); the gaps between are offline. */
export type PresenceSegment = Readonly<{ status: 'online' | 'paused'; from: number; to: number }>;

/**
 * Each person's stretches online and paused within [from, to), from the presence timeline (sorted by time): a status
 * holds until the person's next change, or until the console stopped or started again (personId '*').
 */
export function presenceSegments(
  facts: readonly PresenceFact[],
  from: number,
  to: number,
): Map<string, PresenceSegment[]> {
  const out = new Map<string, PresenceSegment[]>();
  const current = new Map<string, { status: PresenceFact['status']; since: number }>();
  const close = (personId: string, at: number) => {
    const open = current.get(personId);
    if (!open || open.status === 'offline') return;
    const start = Math.max(open.since, from);
    const end = Math.min(at, to);
    if (end <= start) return;
    const list = out.get(personId);
    const last = list?.[list.length - 1];
    // The same status twice in a row (a repeated change) is one stretch.
    if (last && last.status === open.status && last.to === start) list![list!.length - 1] = { ...last, to: end };
    else if (list) list.push({ status: open.status, from: start, to: end });
    else out.set(personId, [{ status: open.status, from: start, to: end }]);
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

/** Time online and paused in a person's stretches. */
export function segmentTotals(segments: readonly PresenceSegment[]): { onlineMs: number; pausedMs: number } {
  const t = { onlineMs: 0, pausedMs: 0 };
  for (const s of segments) {
    if (s.status === 'online') t.onlineMs += s.to - s.from;
    else t.pausedMs += s.to - s.from;
  }
  return t;
}

/** Time online and paused per person within [from, to): the sum of their stretches. */
export function presenceTime(
  facts: readonly PresenceFact[],
  from: number,
  to: number,
): Map<string, { onlineMs: number; pausedMs: number }> {
  const out = new Map<string, { onlineMs: number; pausedMs: number }>();
  for (const [personId, segments] of presenceSegments(facts, from, to)) out.set(personId, segmentTotals(segments));
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
