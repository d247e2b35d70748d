import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatCountdown } from '../../renderer/src/format.ts';
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
