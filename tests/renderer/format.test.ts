import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatClock, formatCountdown, formatDateTime, rememberedText } from '../../renderer/src/format.ts';
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

describe('remembered texts', () => {
  it('make a text once per language, key and value, and again in another language', () => {
    let made = 0;
    const make = (text: string) => () => ((made += 1), text);
    expect(rememberedText('zh-CN', 'inbox.unread', 3, make('3 条未读'))).toBe('3 条未读');
    expect(rememberedText('zh-CN', 'inbox.unread', 3, make('changed'))).toBe('3 条未读');
    expect(rememberedText('zh-CN', 'inbox.unread', 4, make('4 条未读'))).toBe('4 条未读');
    expect(rememberedText('zh-CN', 'inbox.waited', 3, make('已等 3 秒'))).toBe('已等 3 秒');
    expect(made).toBe(3);
    // Switching the language forgets every text of the old one.
    expect(rememberedText('en-US', 'inbox.unread', 3, make('3 unread'))).toBe('3 unread');
    expect(rememberedText('zh-CN', 'inbox.unread', 3, make('3 条未读'))).toBe('3 条未读');
    expect(made).toBe(5);
  });
});
