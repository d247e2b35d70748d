// Small display helpers shared by the pages.
import type { TFunction } from 'i18next';

export function formatDuration(ms: number, t: TFunction): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t('time.seconds', { count: seconds });
  if (seconds < 3600) return t('time.minutes', { count: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t('time.hours', { count: Math.floor(seconds / 3600) });
  return t('time.days', { count: Math.floor(seconds / 86_400) });
}

/** A countdown precise where it matters: seconds in the last minute, minutes and seconds up to ten minutes. */
export function formatCountdown(ms: number, t: TFunction): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t('time.seconds', { count: seconds });
  if (seconds < 600) return t('time.minutesSeconds', { m: Math.floor(seconds / 60), s: seconds % 60 });
  return formatDuration(ms, t);
}

/**
 * A text that depends only on the language and one whole number (a countdown to the second, an unread count), made
 * once and then looked up. i18next's t() resolves the key, the plural rule and the interpolation on every call, which
 * was the largest single part of rendering an inbox row; under a burst every visible row renders every frame, yet
 * the list shows only a few hundred distinct values.
 */
const rememberedTexts = new Map<string, string>();
let rememberedLanguage = '';
const REMEMBERED_TEXTS_MAX = 10_000;

export function rememberedText(language: string, key: string, value: number, make: () => string): string {
  if (language !== rememberedLanguage) {
    rememberedTexts.clear();
    rememberedLanguage = language;
  }
  const id = `${key}|${value}`;
  let text = rememberedTexts.get(id);
  if (text === undefined) {
    if (rememberedTexts.size >= REMEMBERED_TEXTS_MAX) rememberedTexts.clear();
    text = make();
    rememberedTexts.set(id, text);
  }
  return text;
}

/**
 * Every time on screen is China time, as the platforms count deadlines, counted hours and days — whatever zone this
 * computer is set to (a colleague abroad sees the times the buyers and the platform see).
 */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

// Building an Intl formatter costs far more than using one (toLocaleString builds one per call): one per language.
const clocks = new Map<string, Intl.DateTimeFormat>();
const stamps = new Map<string, Intl.DateTimeFormat>();
const yuan = new Map<string, Intl.NumberFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, language: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(language);
  if (!format)
    cache.set(language, (format = new Intl.DateTimeFormat(language, { ...options, timeZone: DISPLAY_TIME_ZONE })));
  return format;
}

/** Month, day and minute (a deadline, a message). */
export function formatClock(at: number, language: string): string {
  return formatter(clocks, language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(
    at,
  );
}

/** The full date and time to the second (an audit entry, a sync). */
export function formatDateTime(at: number, language: string): string {
  return formatter(stamps, language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at);
}

export function formatYuan(fen: number, language: string): string {
  let format = yuan.get(language);
  if (!format) yuan.set(language, (format = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' })));
  return format.format(fen / 100);
}
