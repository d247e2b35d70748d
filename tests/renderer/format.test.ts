import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatClock, formatCountdown, formatDateTime } from '../../renderer/src/format.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';

// The real Chinese strings with the interpolation i18next does.
const t = ((key: string, options: Record<string, unknown>) => {
  const template = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN) as string;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
}) as unknown as TFunction;

describe('countdowns', () => {
  it('show seconds in the last minute and minutes with seconds up to ten minutes', () => {
    expect(formatCountdown(42_900, t)).toBe('42 秒');
    expect(formatCountdown(170_000, t)).toBe('2 分 50 秒');
    expect(formatCountdown(12 * 60_000, t)).toBe('12 分钟');
    expect(formatCountdown(-5, t)).toBe('0 秒');
  });
});

describe('times on screen', () => {
  it('are China time whatever zone the computer is set to', () => {
    // 23:30 UTC on 10 November is 07:30 on the 11th in China, in whatever zone this test runs.
    const at = Date.parse('2026-11-10T23:30:00Z');
    expect(formatClock(at, 'zh-CN')).toBe('11/11 07:30');
    expect(formatDateTime(at, 'en-US')).toBe('11/11/2026, 07:30:00 AM');
  });
});
