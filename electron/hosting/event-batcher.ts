// Gathers core events for one window or connection and sends at most one batch per interval (about a frame), so
// a burst of thousands of messages costs the renderer one wake-up instead of thousands. After a quiet interval
// the first events go at the end of the current turn (everything one commit released travels together) instead
// of waiting out a whole interval. Each event is checked again against the caller's session when the batch goes:
// an event queued before a logout or a lock is never delivered after it.
import { EVENT_BATCH_MS, type AnyEvent, type Caller } from '../../shared/contract/index.ts';
import { mayReceive } from '../core/events/event-bus.ts';

export interface EventBatcher {
  push(event: AnyEvent): void;
  flush(): void;
  dispose(): void;
}

export function createEventBatcher(
  caller: Caller,
  send: (events: AnyEvent[]) => void,
  intervalMs = EVENT_BATCH_MS,
): EventBatcher {
  let pending: AnyEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSent = Number.NEGATIVE_INFINITY;
  const flush = () => {
    timer = null;
    if (pending.length === 0) return;
    const batch = pending.filter((event) => mayReceive(caller, event));
    pending = [];
    if (batch.length === 0) return;
    lastSent = performance.now();
    send(batch);
  };
  return {
    push(event) {
      pending.push(event);
      timer ??= setTimeout(flush, Math.max(0, lastSent + intervalMs - performance.now()));
    },
    flush() {
      if (timer) clearTimeout(timer);
      flush();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = [];
    },
  };
}
