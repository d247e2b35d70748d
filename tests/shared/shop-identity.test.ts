import { describe, expect, it } from 'vitest';
import {
  defaultShortName,
  distinctShortName,
  nextShopColour,
  SHOP_PALETTE,
} from '../../shared/domain/shop-identity.ts';

/** WCAG relative luminance contrast against white. */
function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe('telling shops apart', () => {
  it('gives shops of one brand on different platforms different short names', () => {
    expect(defaultShortName('棉语家居旗舰店', 'tmall')).toBe('棉天');
    expect(defaultShortName('棉语家居京东专营店', 'jd')).toBe('棉京');
    expect(defaultShortName('  小鹿森林', 'douyin')).toBe('小抖');
  });

  it('gives a second shop of one brand on one platform a short name of its own', () => {
    const others = [{ name: '棉语家居旗舰店', shortName: '棉天' }];
    expect(distinctShortName('棉语家纺专卖店', 'tmall', others)).toBe('棉纺');
    expect(distinctShortName('小鹿森林女装', 'tmall', others)).toBe('小天');
    const many: { name: string; shortName: string }[] = [];
    for (let i = 1; i <= 12; i += 1) {
      const name = `棉语分店${i}`;
      many.push({ name, shortName: distinctShortName(name, 'jd', many) });
    }
    expect(new Set(many.map((s) => s.shortName)).size).toBe(12);
    expect(many.every((s) => [...s.shortName].length <= 4)).toBe(true);
  });

  it('picks a colour no shop uses, and white text stays readable on every one', () => {
    expect(nextShopColour([])).toBe(SHOP_PALETTE[0]);
    expect(nextShopColour([SHOP_PALETTE[0], SHOP_PALETTE[1].toUpperCase()])).toBe(SHOP_PALETTE[2]);
    const twenty = SHOP_PALETTE.reduce<string[]>((used) => [...used, nextShopColour(used)], []);
    expect(new Set(twenty).size).toBe(20);
    expect(nextShopColour(twenty)).toBe(SHOP_PALETTE[0]);
    for (const colour of SHOP_PALETTE) expect([colour, contrastWithWhite(colour) >= 4.5]).toEqual([colour, true]);
  });
});
