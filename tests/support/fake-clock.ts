// A manual clock for core tests: time moves only when the test advances it, and due timers run in order.
import type { Clock, TimerHandle } from '../../electron/core/ports.ts';

export type FakeClock = Clock & { advance(ms: number): void; pending(): number };

export function createFakeClock(start = Date.UTC(2026, 10, 22, 2, 0, 0)): FakeClock {
  let now = start;
  let serial = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      serial += 1;
      // Like the real clock, time is whole milliseconds.
      timers.set(serial, { at: now + Math.max(0, Math.ceil(ms)), callback });
      return { id: serial };
    },
    clearTimeout(handle: TimerHandle) {
      timers.delete(handle.id as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].callback();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}
