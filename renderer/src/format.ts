// Small display helpers shared by the pages.
import type { TFunction } from 'i18next';

export function formatDuration(ms: number, t: TFunction): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t('time.seconds', { count: seconds });
  if (seconds < 3600) return t('time.minutes', { count: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t('time.hours', { count: Math.floor(seconds / 3600) });
  return t('time.days', { count: Math.floor(seconds / 86_400) });
}

export function formatClock(at: number, language: string): string {
  return new Date(at).toLocaleString(language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function formatYuan(fen: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}
