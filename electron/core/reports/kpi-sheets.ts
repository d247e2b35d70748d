// Day sheets of each open shop, computed from its database on first read (shared/domain/reports/kpi.ts) and kept.
// A sheet is a cache of what is stored — never a counter: a change of the shop's rule, or a write to a day,
// recomputes it from the rows. A past day is recomputed when a chat with a round of that day still unanswered is
// touched (a reply after midnight), or when a round still waiting turns late with time alone. Today is kept per
// conversation: a reply recomputes that chat's part from its own rows, and the day is the sum of the parts (a sheet
// adds up per conversation — the same figures as computing the day at once, tested).
// Past days are computed from the stored rows and the stored facts of their chats (computeStoredDays); `prepare`
// has the days a report is about to read computed off the main thread first (ShopStreams.kpiDays), and a sheet that
// arrives after something touched its day, or a chat it holds waiting, is kept only as dirty (recomputed on read).
import {
  chinaDay,
  computeDaySheet,
  computeStoredDays,
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
  /**
   * Has the past days of these shops that are not kept computed off the main thread, so that the `sheet` reads that
   * follow find them. A failure there is logged and leaves the days to be computed on read.
   */
  prepare(shopIds: readonly string[], days: readonly string[], now: number): Promise<void>;
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
    onError(error: unknown): void;
  }>,
): KpiSheets {
  /** Days being computed off the main thread, and what was touched meanwhile (the sheets may predate it). */
  type Flight = { days: ReadonlySet<string>; touchedDays: Set<string>; touchedChats: Set<string>; done: Promise<void> };
  type Shop = {
    ruleKey: string;
    days: Map<string, Cached>;
    live: Live | null;
    /** The kept past days on which each chat has a round still unanswered; rebuilt after the kept days change. */
    unanswered: Map<string, string[]> | null;
    flights: Set<Flight>;
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

  /** The shop's kept figures, dropped when its rule changed. */
  function shopOf(shopId: string, rule: KpiRule): Shop {
    const ruleKey = JSON.stringify(rule);
    let shop = shops.get(shopId);
    if (!shop || shop.ruleKey !== ruleKey)
      shops.set(shopId, (shop = { ruleKey, days: new Map(), live: null, unanswered: null, flights: new Set() }));
    return shop;
  }

  function keep(shop: Shop, day: string, sheet: DaySheet, dirty: boolean): void {
    shop.days.set(day, { sheet, dirty });
    shop.unanswered = null;
  }

  /** A kept sheet still standing at `now` (not touched since, and no waiting round of it turned late). */
  const standing = (cached: Cached | undefined, now: number) =>
    cached !== undefined && !cached.dirty && now < cached.sheet.settlesAt;

  function prepareShop(shopId: string, days: readonly string[], now: number): Promise<void> {
    const rule = deps.ruleOf(shopId);
    const shop = shopOf(shopId, rule);
    const today = chinaDay(now);
    const flying = (day: string) => [...shop.flights].find((f) => f.days.has(day));
    const waits = new Set<Promise<void>>();
    const wanted: string[] = [];
    for (const day of days) {
      if (day >= today || standing(shop.days.get(day), now)) continue;
      const flight = flying(day);
      if (flight) waits.add(flight.done);
      else wanted.push(day);
    }
    if (wanted.length > 0) {
      const flight: Flight = {
        days: new Set(wanted),
        touchedDays: new Set(),
        touchedChats: new Set(),
        done: Promise.resolve(),
      };
      flight.done = deps.streams
        .kpiDays(shopId, wanted, rule, now)
        .then((sheets) => {
          // The shop's figures were dropped meanwhile (closed, or its rule changed): these are of no use.
          if (shops.get(shopId) !== shop) return;
          sheets.forEach((sheet, i) => {
            const day = wanted[i]!;
            if (standing(shop.days.get(day), now)) return; // computed on read meanwhile: newer
            const touched =
              flight.touchedDays.has(day) || [...flight.touchedChats].some((id) => sheet.unanswered.has(id));
            keep(shop, day, sheet, touched);
          });
        })
        .catch(deps.onError)
        .finally(() => shop.flights.delete(flight));
      shop.flights.add(flight);
      waits.add(flight.done);
    }
    return Promise.all(waits).then(() => undefined);
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
      const shop = shopOf(shopId, rule);
      const today = chinaDay(now);
      if (day === today) return liveSheet(shopId, shop, day, rule, now);
      const cached = shop.days.get(day);
      if (standing(cached, now)) return cached!.sheet;
      const [sheet] = computeStoredDays(deps.streams.kpi(shopId), [day], rule, now);
      // A day still to come is not kept (nothing is stored for it yet).
      if (day < today) keep(shop, day, sheet!, false);
      return sheet!;
    },
    async prepare(shopIds, days, now) {
      await Promise.all(shopIds.map((shopId) => prepareShop(shopId, days, now)));
    },
    touch(shopId, day, conversationId) {
      const shop = shops.get(shopId);
      if (!shop) return;
      for (const flight of shop.flights) {
        flight.touchedDays.add(day);
        if (conversationId !== undefined) flight.touchedChats.add(conversationId);
      }
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
