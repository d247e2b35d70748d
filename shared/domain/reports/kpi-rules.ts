// How each platform scores a shop's customer service (DOMAIN.md), as defaults for a shop's own rule: the hours in
// which it counts, what it counts (conversation rounds, or buyers per day), the reply time that is on time, and the
// monthly floor with the least sample it is assessed on. A shop may change any of them (its document's `kpi`);
// changing the counted hours recomputes every day shown. Figures no platform publishes are marked `estimate`.
import type { Platform } from '../platforms.ts';

export type KpiUnit = 'rounds' | 'buyers';

export type KpiRule = Readonly<{
  /**
   * rounds: every conversation round that starts in the counted hours (Taobao/Tmall, JD); buyers: each buyer who
   * wrote in the counted hours once per day, on time only if every one of their rounds there was (Pinduoduo, Douyin).
   */
  unit: KpiUnit;
  /** Counted hours, China time, [from, to): a round counts by the time its buyer's first message came. */
  countedFrom: number;
  countedTo: number;
  /** A first human reply within this many seconds (inclusive) is on time. */
  onTimeSeconds: number;
  /** The monthly floor of the on-time share (0–1), and the least rounds or buyers it is assessed on. */
  floor: number;
  minSample: number;
  /** Satisfaction: the floor of satisfied ratings (4 or 3 on the 0–4 scale) and the least ratings it is assessed on. */
  satisfactionFloor: number;
  minRatings: number;
  /** JD also watches the average first reply (seconds); null where the platform does not. */
  averageReplySeconds: number | null;
  /** True where a figure is our assumption, not a published one (said in the UI). */
  estimate: boolean;
}>;

/** The 3-minute rate every report shows beside the platform's own rule. */
export const THREE_MINUTES_MS = 180_000;

/** Inquiry conversion: paid by the end of the next day (T+1), and finally by the end of day T+3 (settled on T+4). */
export const CONVERSION_NEXT_DAY = 1;
export const CONVERSION_FINAL_DAYS = 3;

/** Taobao and Tmall: the 3-minute manual rate over rounds 09:00–23:00, floor 90% with ≥ 100 rounds; satisfaction ≥ 70% with ≥ 30. */
const TAOBAO_RULE: KpiRule = {
  unit: 'rounds',
  countedFrom: 9,
  countedTo: 23,
  onTimeSeconds: 180,
  floor: 0.9,
  minSample: 100,
  satisfactionFloor: 0.7,
  minRatings: 30,
  averageReplySeconds: null,
  estimate: false,
};

export const DEFAULT_KPI_RULES: Readonly<Record<Platform, KpiRule>> = {
  taobao: TAOBAO_RULE,
  tmall: TAOBAO_RULE,
  // A 3-minute manual rate and the average response; JD publishes neither its hours nor its floors.
  jd: { ...TAOBAO_RULE, countedFrom: 8, averageReplySeconds: 60, estimate: true },
  // Buyers per day, 08:00–23:00: a buyer with any message unanswered, or answered after 60 minutes, is invalid.
  pinduoduo: { ...TAOBAO_RULE, unit: 'buyers', countedFrom: 8, onTimeSeconds: 3600, estimate: true },
  // People, human agents only, a 3-minute rate, 08:00–23:00.
  douyin: { ...TAOBAO_RULE, unit: 'buyers', countedFrom: 8, estimate: true },
};

/** What a shop stores: its changes to the platform's rule (null: the default). */
export type StoredKpiRule = Readonly<{
  countedFrom: number | null;
  countedTo: number | null;
  floor: number | null;
  minSample: number | null;
}>;

export function resolveKpiRule(platform: Platform, stored: StoredKpiRule | undefined): KpiRule {
  const base = DEFAULT_KPI_RULES[platform];
  if (!stored) return base;
  return {
    ...base,
    countedFrom: stored.countedFrom ?? base.countedFrom,
    countedTo: stored.countedTo ?? base.countedTo,
    floor: stored.floor ?? base.floor,
    minSample: stored.minSample ?? base.minSample,
  };
}

/**
 * How many more on-time rounds (or buyers) bring `onTime` of `total` up to the floor: n with
 * (onTime + n) / (total + n) ≥ floor. Zero when the figure is at or above it.
 */
export function neededToRecover(onTime: number, total: number, floor: number): number {
  if (total === 0 || onTime / total >= floor) return 0;
  if (floor >= 1) return Number.POSITIVE_INFINITY;
  return Math.ceil((floor * total - onTime) / (1 - floor) - 1e-9);
}
