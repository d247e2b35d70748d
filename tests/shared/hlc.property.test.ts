// The hybrid logical clock: stamps never go back, always pass what was received, sort as (time, counter, node),
// survive a restart from the last stamp, and refuse to wrap their counter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createHybridClock,
  decodeHlc,
  encodeHlc,
  HLC_MAX_COUNTER,
  HlcOverflowError,
  hlcTime,
} from '../../shared/domain/hlc.ts';

const node = fc.stringMatching(/^[a-z0-9]{1,12}$/);

describe('hybrid logical clock', () => {
  it('encodes and decodes, and string order is (ms, counter, node) order', () => {
    const parts = fc.record({
      ms: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      counter: fc.integer({ min: 0, max: HLC_MAX_COUNTER }),
      node,
    });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const [x, y] = [encodeHlc(a), encodeHlc(b)];
        expect(decodeHlc(x)).toEqual(a);
        expect(hlcTime(x)).toBe(a.ms);
        const byParts = a.ms - b.ms || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(x < y ? -1 : x > y ? 1 : 0)).toBe(Math.sign(byParts));
      }),
    );
  });

  it('is monotonic under any wall clock (jumps back included) and passes every stamp it receives', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('send' as const), wall: fc.integer({ min: 0, max: 2_000 }) }),
      fc.record({
        kind: fc.constant('receive' as const),
        wall: fc.integer({ min: 0, max: 2_000 }),
        remoteMs: fc.integer({ min: 0, max: 3_000 }),
        remoteCounter: fc.integer({ min: 0, max: 50 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        let wall = 0;
        const clock = createHybridClock('local', () => 1_700_000_000_000 + wall);
        let previous = '';
        let received = '';
        for (const s of steps) {
          wall = s.wall;
          if (s.kind === 'receive') {
            const remote = encodeHlc({ ms: 1_700_000_000_000 + s.remoteMs, counter: s.remoteCounter, node: 'zz' });
            clock.receive(remote);
            if (remote > received) received = remote;
          } else {
            const stamp = clock.send();
            expect(stamp > previous).toBe(true);
            expect(stamp > received).toBe(true);
            // Follows the wall clock where it is ahead.
            expect(hlcTime(stamp)).toBeGreaterThanOrEqual(1_700_000_000_000 + s.wall);
            previous = stamp;
          }
        }
      }),
    );
  });

  it('resumes after a restart from its last stamp, even when the wall clock went back', () => {
    let wall = 5_000;
    const first = createHybridClock('a', () => wall);
    first.send();
    first.receive(encodeHlc({ ms: 9_000, counter: 7, node: 'b' }));
    const last = first.last()!;
    wall = 1_000;
    const restarted = createHybridClock('a', () => wall, last);
    expect(restarted.send() > last).toBe(true);
  });

  it('reports how far a received stamp runs ahead of the wall clock, and keeps it', () => {
    const clock = createHybridClock('a', () => 1_000);
    expect(clock.receive(encodeHlc({ ms: 601_000, counter: 0, node: 'b' }))).toBe(600_000);
    expect(hlcTime(clock.send())).toBe(601_000);
  });

  it('refuses to wrap its counter within one millisecond', () => {
    const clock = createHybridClock('a', () => 42);
    for (let i = 0; i <= HLC_MAX_COUNTER; i += 1) clock.send();
    expect(() => clock.send()).toThrow(HlcOverflowError);
    expect(() => clock.receive(encodeHlc({ ms: 42, counter: HLC_MAX_COUNTER, node: 'b' }))).toThrow(HlcOverflowError);
  });

  it('rejects malformed stamps and node ids', () => {
    expect(() => decodeHlc('12-ab-x')).toThrow();
    expect(() => createHybridClock('bad node', () => 0)).toThrow();
  });
});
