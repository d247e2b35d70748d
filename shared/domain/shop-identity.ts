// How a shop is told apart at a glance in the rail: its short name (two characters by default: the first of its
// name and its platform's, so that 棉语 on Tmall and 棉语 on JD read 棉天 and 棉京) and its colour, by default the
// first of a palette of distinct colours that no other shop uses yet. Both are editable per shop.
import type { Platform } from './platforms.ts';

/** Distinct hues, each dark enough for white text on it (WCAG AA, 4.5:1). */
export const SHOP_PALETTE = [
  '#c41d48',
  '#1d39c4',
  '#237804',
  '#531dab',
  '#ad4e00',
  '#006d75',
  '#9e1068',
  '#0958d9',
  '#4d7300',
  '#874d00',
  '#391085',
  '#a8071a',
  '#0b6e99',
  '#3f6600',
  '#d4380d',
  '#10239e',
  '#614700',
  '#c41d7f',
  '#00474f',
  '#434343',
] as const;

const PLATFORM_CHAR: Readonly<Record<Platform, string>> = {
  tmall: '天',
  taobao: '淘',
  jd: '京',
  pinduoduo: '拼',
  douyin: '抖',
};

export const SHORT_NAME_MAX = 4;

export function defaultShortName(name: string, platform: Platform): string {
  const first = [...name.trim()][0] ?? '?';
  return `${first}${PLATFORM_CHAR[platform]}`;
}

/**
 * A short name for a new shop that no other shop has: the default, or else its first character with the first
 * character where its name differs from the shops already called so (棉语家纺专卖店 beside 棉语家居旗舰店 → 棉纺),
 * or else the first free combination.
 */
export function distinctShortName(
  name: string,
  platform: Platform,
  others: readonly Readonly<{ name: string; shortName: string }>[],
): string {
  const taken = new Set(others.map((o) => o.shortName));
  const base = defaultShortName(name, platform);
  if (!taken.has(base)) return base;
  const chars = [...name.trim()];
  const first = chars[0] ?? '?';
  const rivals = others.filter((o) => o.shortName === base).map((o) => [...o.name.trim()]);
  const differsAt = chars.findIndex((c, i) => i > 0 && rivals.every((r) => r[i] !== c));
  const candidates = [
    ...(differsAt > 0 ? [`${first}${chars[differsAt]}`] : []),
    ...chars.slice(1).map((c) => `${first}${c}`),
    ...chars.slice(1).map((c) => `${PLATFORM_CHAR[platform]}${c}`),
  ];
  for (const candidate of candidates) if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}${n}`)) return `${base}${n}`.slice(0, SHORT_NAME_MAX);
}

/** The first palette colour no shop uses; when all are taken, the least used. */
export function nextShopColour(used: readonly string[]): string {
  const counts = new Map<string, number>(SHOP_PALETTE.map((colour) => [colour, 0]));
  for (const colour of used) {
    const key = colour.toLowerCase();
    if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
  }
  let best: string = SHOP_PALETTE[0];
  for (const colour of SHOP_PALETTE) if (counts.get(colour)! < counts.get(best)!) best = colour;
  return best;
}
