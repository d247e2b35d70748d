// CIEDE2000 against Sharma, Wu and Dalal's published test pairs, and sRGB → Lab against known values.
import { describe, expect, it } from 'vitest';
import { ciede2000, srgbToLab } from '../../shared/domain/checklists/colour.ts';

describe('CIEDE2000', () => {
  it.each([
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [[50, 2.8361, -74.02], [50, 0, -82.7485], 3.4412],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[50, 0, 0], [50, 0, 0], 0],
  ] as const)('%j vs %j → %s', (one, two, expected) => {
    const [L1, a1, b1] = one;
    const [L2, a2, b2] = two;
    expect(ciede2000({ L: L1, a: a1, b: b1 }, { L: L2, a: a2, b: b2 })).toBeCloseTo(expected, 4);
    // Symmetric.
    expect(ciede2000({ L: L2, a: a2, b: b2 }, { L: L1, a: a1, b: b1 })).toBeCloseTo(expected, 4);
  });

  it('converts sRGB to Lab (D65)', () => {
    const white = srgbToLab(255, 255, 255);
    expect(white.L).toBeCloseTo(100, 2);
    expect(Math.abs(white.a) + Math.abs(white.b)).toBeLessThan(0.01);
    const red = srgbToLab(255, 0, 0);
    expect(red.L).toBeCloseTo(53.24, 1);
    expect(red.a).toBeCloseTo(80.09, 1);
    expect(red.b).toBeCloseTo(67.2, 1);
    // An off-white T-shirt against a pure white listing photo: visible side by side.
    expect(ciede2000(srgbToLab(255, 255, 255), srgbToLab(245, 240, 228))).toBeGreaterThan(3);
  });
});
