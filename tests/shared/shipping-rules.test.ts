// Tracking-number shapes per courier, print waves and deadlines in China time, and the late-shipment penalty.
import { describe, expect, it } from 'vitest';
import { courierByName, trackingFits, type CourierCode } from '../../shared/domain/shipping/couriers.ts';
import {
  deadlineState,
  DEFAULT_LATE_PENALTY,
  latePenaltyFen,
  nextPrintWave,
  resolveShippingRule,
} from '../../shared/domain/shipping/deadline.ts';

/** A time in Shanghai (UTC+8) as epoch ms. */
const shanghai = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

describe('tracking numbers', () => {
  it.each([
    ['SF', 'SF1234567890123', true],
    ['SF', 'SF123456789012', true],
    ['SF', 'sf 1234-5678-90123', true],
    ['SF', 'SF12345678901', false],
    ['SF', 'YT1234567890123', false],
    ['ZTO', '78912345678901', true],
    ['ZTO', '78912345678', false],
    ['YTO', 'YT1234567890123', true],
    ['YTO', 'YT123456789012', false],
    ['YD', '4312345678901', true],
    ['YD', '431234567890123', true],
    ['YD', '43123456789012', false],
    ['STO', '773123456789', true],
    ['STO', '883123456789012', true],
    ['STO', '663123456789012', false],
    ['JT', 'JT123456789012', true],
    ['JT', 'JT12345678901', false],
    ['EMS', 'EA123456789CN', true],
    ['EMS', 'EA12345678CN', false],
    ['POST', '9812345678901', true],
    ['JD', 'JDX123456789012', true],
    ['JD', 'JDVA12345678901', true],
    ['JD', 'JDY123456789012', false],
  ] as const)('%s %s → %s', (courier, number, fits) => expect(trackingFits(courier as CourierCode, number)).toBe(fits));

  it('knows the couriers by the names exports and platforms use', () => {
    expect(courierByName('顺丰速运')).toBe('SF');
    expect(courierByName('顺丰')).toBe('SF');
    expect(courierByName('zto')).toBe('ZTO');
    expect(courierByName('某某物流')).toBeNull();
  });
});

describe('deadlines in China time', () => {
  it.each([
    // 09:00 → the 10:00 wave the same day; 10:00 exactly → 16:00; 17:00 → 10:00 the next day.
    [shanghai(2026, 12, 1, 9), shanghai(2026, 12, 1, 10)],
    [shanghai(2026, 12, 1, 10), shanghai(2026, 12, 1, 16)],
    [shanghai(2026, 12, 1, 17), shanghai(2026, 12, 2, 10)],
    // 01:00 in Shanghai is the previous day in UTC.
    [shanghai(2026, 12, 2, 1), shanghai(2026, 12, 2, 10)],
  ])('after %s the next wave is %s', (now, wave) => expect(nextPrintWave(now)).toBe(wave));

  it.each([
    ['ok', shanghai(2026, 12, 2, 12), shanghai(2026, 12, 1, 9)],
    ['at_risk', shanghai(2026, 12, 1, 9, 59), shanghai(2026, 12, 1, 9)],
    ['at_risk', shanghai(2026, 12, 1, 10), shanghai(2026, 12, 1, 9)],
    ['overdue', shanghai(2026, 12, 1, 8, 59), shanghai(2026, 12, 1, 9)],
  ] as const)('%s: ship by %s at %s', (state, shipBy, now) =>
    expect(deadlineState(shipBy, now, nextPrintWave(now))).toBe(state),
  );

  it.each([
    // Taobao: 5% of the price paid, at least ¥5, at most ¥30.
    ['taobao', 5_900, 500],
    ['taobao', 20_000, 1_000],
    ['tmall', 100_000, 3_000],
    ['pinduoduo', 2_000, 300],
    ['pinduoduo', 200_000, 5_000],
  ] as const)('%s, %s fen paid → %s fen', (platform, paid, penalty) =>
    expect(latePenaltyFen(paid, DEFAULT_LATE_PENALTY[platform])).toBe(penalty),
  );
});

describe("a shop's shipping rule", () => {
  it('keeps what the shop set, defaults the rest, and marks an unpublished default penalty as an estimate', () => {
    expect(resolveShippingRule('tmall', { printWaves: null, penalty: null })).toEqual({
      printWaves: [600, 960],
      penalty: { percent: 5, minFen: 500, maxFen: 3_000 },
      overridden: [],
      estimated: false,
    });
    expect(resolveShippingRule('jd', { printWaves: null, penalty: null }).estimated).toBe(true);
    const own = { percent: 8, minFen: 0, maxFen: 2_000 };
    expect(resolveShippingRule('jd', { printWaves: [900, 540], penalty: own })).toEqual({
      printWaves: [540, 900],
      penalty: own,
      overridden: ['printWaves', 'penalty'],
      estimated: false,
    });
    // The shop's waves decide the next one: at 12:00 with waves at 09:00 and 15:00, 15:00 is next.
    expect(nextPrintWave(shanghai(2026, 12, 3, 12), [540, 900])).toBe(shanghai(2026, 12, 3, 15));
  });
});
