// Both locales carry the same keys, no empty strings, and a translation for every error code and platform.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/contract/index.ts';
import { PLATFORMS } from '../../shared/domain/platforms.ts';
import { enUS } from '../../renderer/src/i18n/en-US.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';

function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const zh = flatten(zhCN);
const en = flatten(enUS);

describe('locales', () => {
  it('have the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('have no empty strings and the same interpolation variables per key', () => {
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(en.get(key)!), key).toEqual(vars(text));
    }
  });

  it('translate every error code and platform', () => {
    for (const code of ERROR_CODES) {
      expect(zh.has(`errors.${code}`), code).toBe(true);
      expect(en.has(`errors.${code}`), code).toBe(true);
    }
    for (const platform of PLATFORMS) expect(zh.get(`platform.${platform}`)).toBeTruthy();
  });

  it('are really translated (Chinese in zh-CN, none in en-US)', () => {
    const cjk = /[\u4e00-\u9fff]/;
    expect(cjk.test(zh.get('nav.inbox')!)).toBe(true);
    // These quote Chinese on purpose: the phrase variables are named {买家} {订单号} {发货时间}, and the default
    // banned phrases are Chinese words.
    const quotesChinese = new Set(['rules.text', 'rules.bannedHint']);
    const englishWithChinese = [...en].filter(
      ([key, text]) => cjk.test(text) && !key.startsWith('platform.') && !quotesChinese.has(key),
    );
    expect(englishWithChinese).toEqual([]);
  });
});
