// The five platforms and their default rules (DOMAIN.md). These are defaults for per-shop configuration,
// never constants in logic: a shop's own settings override any of them.
export const PLATFORMS = ['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin'] as const;
export type Platform = (typeof PLATFORMS)[number];

export type PlatformRules = Readonly<{
  /** A buyer's round must get a manual reply within this many seconds to count as on time. */
  responseWindowSeconds: number;
  /** Hours of the day (local, [from, to)) in which response rounds are counted. */
  countedHours: readonly [number, number];
  /** Warn the agent when a buyer has waited this long. */
  warnAfterSeconds: number;
  /** A paid order must ship within this many hours of payment, unless the item promises its own date. */
  shipWithinHours: number;
}>;

export const DEFAULT_PLATFORM_RULES: Readonly<Record<Platform, PlatformRules>> = {
  tmall: { responseWindowSeconds: 180, countedHours: [9, 23], warnAfterSeconds: 100, shipWithinHours: 48 },
  taobao: { responseWindowSeconds: 180, countedHours: [9, 23], warnAfterSeconds: 100, shipWithinHours: 48 },
  // JD's counted hours are not published [unverified]; the 3-minute manual rate is.
  jd: { responseWindowSeconds: 180, countedHours: [8, 23], warnAfterSeconds: 100, shipWithinHours: 48 },
  pinduoduo: { responseWindowSeconds: 3600, countedHours: [8, 23], warnAfterSeconds: 100, shipWithinHours: 48 },
  douyin: { responseWindowSeconds: 180, countedHours: [8, 23], warnAfterSeconds: 100, shipWithinHours: 48 },
};

/** Brand colours used for the platform badge (the shop itself has its own colour). */
export const PLATFORM_COLOURS: Readonly<Record<Platform, string>> = {
  tmall: '#d4002a',
  taobao: '#c74300',
  jd: '#c81623',
  pinduoduo: '#c8201a',
  douyin: '#161823',
};
