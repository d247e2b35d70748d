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

// Building an Intl formatter costs far more than using one (toLocaleString builds one per call): one per language.
const clocks = new Map<string, Intl.DateTimeFormat>();
const yuan = new Map<string, Intl.NumberFormat>();

export function formatClock(at: number, language: string): string {
  let format = clocks.get(language);
  if (!format)
    clocks.set(
      language,
      (format = new Intl.DateTimeFormat(language, {
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })),
    );
  return format.format(at);
}

export function formatYuan(fen: number, language: string): string {
  let format = yuan.get(language);
  if (!format) yuan.set(language, (format = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' })));
  return format.format(fen / 100);
}
