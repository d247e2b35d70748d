// Day sheets of each open shop, computed from its database on first read (shared/domain/reports/kpi.ts) and kept.
// A sheet is a cache of what is stored — never a counter: a change of the shop's rule, or a write to a day,
// recomputes it from the rows. A past day is recomputed when a chat with a round of that day still unanswered is
// touched (a reply after midnight), or when a round still waiting turns late with time alone. Today is kept per
// conversation: a reply recomputes that chat's part from its own rows, and the day is the sum of the parts (a sheet
// adds up per conversation — the same figures as computing the day at once, tested).
import {
  chinaDay,
  computeDaySheet,
  DAY_MS,
  dayStart,
  daySum,
  type ConversationFact,
  type DayInput,
  type DaySheet,
} from '../../../shared/domain/reports/kpi.ts';
import type { KpiRule } from '../../../shared/domain/reports/kpi-rules.ts';
import type { ShopStreams } from '../ports.ts';

type Cached = { sheet: DaySheet; dirty: boolean };
/** Today of a shop: the sum of a sheet per conversation, and the conversations to recompute. */
type Live = { day: string; sum: ReturnType<typeof daySum>; stale: Set<string> };

export interface KpiSheets {
  sheet(shopId: string, day: string, now: number): DaySheet;
  /** Something was written to the shop's day (of one chat, when given): its figures are recomputed on next read. */
  touch(shopId: string, day: string, conversationId?: string): void;
  forget(shopId: string): void;
}

function groupBy<T extends { conversationId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.conversationId);
    if (list) list.push(item);
    else out.set(item.conversationId, [item]);
  }
  return out;
}

export function createKpiSheets(
  deps: Readonly<{
    streams: ShopStreams;
    ruleOf(shopId: string): KpiRule;
    conversationOf(shopId: string, conversationId: string): ConversationFact | undefined;
  }>,
): KpiSheets {
  type Shop = {
    ruleKey: string;
    days: Map<string, Cached>;
    live: Live | null;
    /** The kept past days on which each chat has a round still unanswered; rebuilt after the kept days change. */
    unanswered: Map<string, string[]> | null;
  };
  const shops = new Map<string, Shop>();

  /** Which kept days a chat's new message may change (a reply to a round begun on an earlier day). */
  function unansweredDays(shop: Shop, conversationId: string): readonly string[] {
    if (shop.unanswered === null) {
      shop.unanswered = new Map();
      for (const [day, kept] of shop.days)
        for (const id of kept.sheet.unanswered) {
          const days = shop.unanswered.get(id);
          if (days) days.push(day);
          else shop.unanswered.set(id, [day]);
        }
    }
    return shop.unanswered.get(conversationId) ?? [];
  }

  function input(shopId: string, day: string, rule: KpiRule, now: number): Omit<DayInput, 'rounds' | 'messages'> {
    return { day, rule, ratings: [], conversationOf: (id) => deps.conversationOf(shopId, id), now };
  }

  function computeDay(shopId: string, day: string, rule: KpiRule, now: number): DaySheet {
    const start = dayStart(day);
    const reader = deps.streams.kpi(shopId);
    return computeDaySheet({
      ...input(shopId, day, rule, now),
      rounds: reader.rounds(start, start + DAY_MS),
      messages: reader.messages(start, start + DAY_MS),
      ratings: reader.ratings(start, start + DAY_MS),
    });
  }

  /** Today from the day's rows, split by conversation. */
  function computeLive(shopId: string, day: string, rule: KpiRule, now: number): Live {
    const start = dayStart(day);
    const reader = deps.streams.kpi(shopId);
    const rounds = groupBy(reader.rounds(start, start + DAY_MS));
    const messages = reader.messages(start, start + DAY_MS);
    const transfers = groupBy(messages.transfers);
    const ratings = groupBy(reader.ratings(start, start + DAY_MS));
    const ids = new Set([...rounds.keys(), ...messages.conversations.keys(), ...transfers.keys(), ...ratings.keys()]);
    const sum = daySum(day);
    const base = input(shopId, day, rule, now);
    for (const id of ids) {
      const conversation = messages.conversations.get(id);
      sum.set(
        id,
        computeDaySheet({
          ...base,
          rounds: rounds.get(id) ?? [],
          messages: {
            conversations: conversation ? new Map([[id, conversation]]) : new Map(),
            transfers: transfers.get(id) ?? [],
          },
          ratings: ratings.get(id) ?? [],
        }),
      );
    }
    return { day, sum, stale: new Set() };
  }

  function computePart(shopId: string, day: string, id: string, rule: KpiRule, now: number): DaySheet {
    const start = dayStart(day);
    const chat = deps.streams.kpi(shopId).chatDay(id, start, start + DAY_MS);
    return computeDaySheet({
      ...input(shopId, day, rule, now),
      rounds: chat.rounds,
      messages: chat.messages,
      ratings: chat.ratings,
    });
  }

  function liveSheet(shopId: string, shop: { live: Live | null }, day: string, rule: KpiRule, now: number): DaySheet {
    if (!shop.live || shop.live.day !== day) shop.live = computeLive(shopId, day, rule, now);
    const live = shop.live;
    // Chats whose waiting round turned late since they were computed.
    if (now >= live.sum.sheet().settlesAt)
      for (const [id, part] of live.sum.parts) if (now >= part.settlesAt) live.stale.add(id);
    for (const id of live.stale) live.sum.set(id, computePart(shopId, day, id, rule, now));
    live.stale.clear();
    return live.sum.sheet();
  }

  return {
    sheet(shopId, day, now) {
      const rule = deps.ruleOf(shopId);
      const ruleKey = JSON.stringify(rule);
      let shop = shops.get(shopId);
      if (!shop || shop.ruleKey !== ruleKey)
        shops.set(shopId, (shop = { ruleKey, days: new Map(), live: null, unanswered: null }));
      const today = chinaDay(now);
      if (day === today) return liveSheet(shopId, shop, day, rule, now);
      const cached = shop.days.get(day);
      if (cached && !cached.dirty && now < cached.sheet.settlesAt) return cached.sheet;
      const sheet = computeDay(shopId, day, rule, now);
      // A day still to come is not kept (nothing is stored for it yet).
      if (day < today) {
        shop.days.set(day, { sheet, dirty: false });
        shop.unanswered = null;
      }
      return sheet;
    },
    touch(shopId, day, conversationId) {
      const shop = shops.get(shopId);
      if (!shop) return;
      if (shop.live?.day === day) {
        if (conversationId === undefined) shop.live = null;
        else shop.live.stale.add(conversationId);
      }
      const cached = shop.days.get(day);
      if (cached) cached.dirty = true;
      // A reply to a round begun on an earlier day changes that day.
      // (Looked up in an index: this runs for every message of every open shop.)
      if (conversationId !== undefined)
        for (const other of unansweredDays(shop, conversationId)) if (other !== day) shop.days.get(other)!.dirty = true;
    },
    forget(shopId) {
      shops.delete(shopId);
    },
  };
}
