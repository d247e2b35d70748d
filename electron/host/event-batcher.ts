// Gathers core events for one window or connection and sends them as one batch per interval (about a frame), so
// a burst of thousands of messages costs the renderer one wake-up instead of thousands.
import { EVENT_BATCH_MS, type AnyEvent } from '../../shared/contract/index.ts';

export interface EventBatcher {
  push(event: AnyEvent): void;
  flush(): void;
  dispose(): void;
}

export function createEventBatcher(send: (events: AnyEvent[]) => void, intervalMs = EVENT_BATCH_MS): EventBatcher {
  let pending: AnyEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    send(batch);
  };
  return {
    push(event) {
      pending.push(event);
      timer ??= setTimeout(flush, intervalMs);
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
