// When an order must ship and what being late costs (DOMAIN: ship by the promised time, default 48 h after payment;
// Taobao/Tmall compensate the buyer 5% of the price paid, at least ¥5 and at most ¥30). Print waves are the times of
// day the warehouse prints and packs (China time); an order whose deadline comes before the next wave cannot wait
// for it, so it is at risk. All of these are configuration: the figures below are the defaults.
import { CHINA_OFFSET_MS } from '../china-time.ts';
import type { Platform } from '../platforms.ts';

export type LatePenalty = Readonly<{ percent: number; minFen: number; maxFen: number }>;

/**
 * The compensation a late shipment costs, per platform. Taobao/Tmall's is DOMAIN's; Pinduoduo's is its published
 * 5% with ¥3–¥50; JD and Douyin name their own in their rules centres — until a shop sets them, Taobao's figures
 * stand in, and the board says the figure is an estimate.
 */
export const DEFAULT_LATE_PENALTY: Readonly<Record<Platform, LatePenalty>> = {
  taobao: { percent: 5, minFen: 500, maxFen: 3_000 },
  tmall: { percent: 5, minFen: 500, maxFen: 3_000 },
  pinduoduo: { percent: 5, minFen: 300, maxFen: 5_000 },
  jd: { percent: 5, minFen: 500, maxFen: 3_000 },
  douyin: { percent: 5, minFen: 500, maxFen: 3_000 },
};

/** Times of day (China time, minutes after midnight) the warehouse prints and packs. */
export const DEFAULT_PRINT_WAVES: readonly number[] = [10 * 60, 16 * 60];

const DAY_MS = 86_400_000;

/** The first print wave after `now` (epoch ms). */
export function nextPrintWave(now: number, waves: readonly number[] = DEFAULT_PRINT_WAVES): number {
  const local = now + CHINA_OFFSET_MS;
  const midnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const sorted = [...waves].sort((a, b) => a - b);
  for (let day = 0; day < 2; day += 1)
    for (const minutes of sorted) {
      const at = midnight + day * DAY_MS + minutes * 60_000 - CHINA_OFFSET_MS;
      if (at > now) return at;
    }
  return now + DAY_MS;
}

export type DeadlineState = 'ok' | 'at_risk' | 'overdue';

export function deadlineState(shipBy: number, now: number, nextWave: number): DeadlineState {
  if (now > shipBy) return 'overdue';
  return shipBy <= nextWave ? 'at_risk' : 'ok';
}

/** The compensation for shipping late: a share of what the buyer paid, within the platform's floor and cap. */
export function latePenaltyFen(amountFen: number, rule: LatePenalty): number {
  const share = Math.round((amountFen * rule.percent) / 100);
  return Math.min(rule.maxFen, Math.max(rule.minFen, share));
}

/** Platforms whose default late penalty is their published rule; for the others it stands in (an estimate). */
const PUBLISHED_PENALTY: ReadonlySet<Platform> = new Set(['taobao', 'tmall', 'pinduoduo']);

export type StoredShippingRule = Readonly<{ printWaves: readonly number[] | null; penalty: LatePenalty | null }>;
export type ShippingRule = Readonly<{
  printWaves: readonly number[];
  penalty: LatePenalty;
  overridden: readonly ('printWaves' | 'penalty')[];
  estimated: boolean;
}>;

/** A shop's shipping rule: what it set, the defaults for the rest (waves sorted). */
export function resolveShippingRule(platform: Platform, stored: StoredShippingRule): ShippingRule {
  return {
    printWaves: [...(stored.printWaves ?? DEFAULT_PRINT_WAVES)].sort((a, b) => a - b),
    penalty: stored.penalty ?? DEFAULT_LATE_PENALTY[platform],
    overridden: [
      ...(stored.printWaves !== null ? (['printWaves'] as const) : []),
      ...(stored.penalty !== null ? (['penalty'] as const) : []),
    ],
    estimated: stored.penalty === null && !PUBLISHED_PENALTY.has(platform),
  };
}
