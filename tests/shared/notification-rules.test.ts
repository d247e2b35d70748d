import { describe, expect, it } from 'vitest';
import { isQuietTime } from '../../shared/domain/notification-rules.ts';

const at = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

describe('do-not-disturb window', () => {
  it.each([
    ['22:00', '08:00', '23:30', true],
    ['22:00', '08:00', '07:59', true],
    ['22:00', '08:00', '08:00', false],
    ['22:00', '08:00', '21:59', false],
    ['12:00', '14:00', '13:00', true],
    ['12:00', '14:00', '14:00', false],
    ['09:00', '09:00', '03:00', true],
  ])('from %s to %s at %s → %s', (from, to, now, quiet) => {
    expect(isQuietTime({ enabled: true, from, to }, at(now))).toBe(quiet);
  });

  it('is never quiet when switched off', () => {
    expect(isQuietTime({ enabled: false, from: '00:00', to: '00:00' }, at('12:00'))).toBe(false);
  });
});
