// Day sheets of each open shop, computed from its database on first read (shared/domain/reports/kpi.ts) and kept:
// a past day is read once, today is recomputed when something happened in the shop (a message, a reply, a transfer,
// a rating) or after half a minute (a round still waiting turns late with time alone). A sheet is a cache of what is
// stored — never a counter: a change of the shop's rule, or a write to a day, recomputes it from the rows.
import {
  chinaDay,
  computeDaySheet,
  DAY_MS,
  dayStart,
  type ConversationFact,
  type DaySheet,
} from '../../../shared/domain/reports/kpi.ts';
import type { KpiRule } from '../../../shared/domain/reports/kpi-rules.ts';
import type { ShopStreams } from '../ports.ts';

/** How long today's sheet stands without events (undecided rounds become late as time passes). */
export const TODAY_REFRESH_MS = 30_000;

type Cached = { sheet: DaySheet; dirty: boolean; computedAt: number };

export interface KpiSheets {
  sheet(shopId: string, day: string, now: number): DaySheet;
  /** Something was written to the shop's day: its sheet is recomputed on the next read. */
  touch(shopId: string, day: string): void;
  forget(shopId: string): void;
}

export function createKpiSheets(
  deps: Readonly<{
    streams: ShopStreams;
    ruleOf(shopId: string): KpiRule;
    conversationOf(shopId: string, conversationId: string): ConversationFact | undefined;
  }>,
): KpiSheets {
  const shops = new Map<string, { ruleKey: string; days: Map<string, Cached> }>();

  function compute(shopId: string, day: string, rule: KpiRule, now: number): DaySheet {
    const start = dayStart(day);
    const end = start + DAY_MS;
    const reader = deps.streams.kpi(shopId);
    return computeDaySheet({
      day,
      rule,
      rounds: reader.rounds(start, end),
      messages: reader.messages(start, end),
      ratings: reader.ratings(start, end),
      conversationOf: (id) => deps.conversationOf(shopId, id),
      now,
    });
  }

  return {
    sheet(shopId, day, now) {
      const rule = deps.ruleOf(shopId);
      const ruleKey = JSON.stringify(rule);
      let shop = shops.get(shopId);
      if (!shop || shop.ruleKey !== ruleKey) shops.set(shopId, (shop = { ruleKey, days: new Map() }));
      const cached = shop.days.get(day);
      const dayEnd = dayStart(day) + DAY_MS;
      const fresh =
        cached && !cached.dirty && (cached.computedAt >= dayEnd || now - cached.computedAt < TODAY_REFRESH_MS);
      if (fresh) return cached.sheet;
      const sheet = compute(shopId, day, rule, now);
      // A day still to come is not kept (nothing is stored for it yet).
      if (day <= chinaDay(now)) shop.days.set(day, { sheet, dirty: false, computedAt: now });
      return sheet;
    },
    touch(shopId, day) {
      const cached = shops.get(shopId)?.days.get(day);
      if (cached) cached.dirty = true;
    },
    forget(shopId) {
      shops.delete(shopId);
    },
  };
}
