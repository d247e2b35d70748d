// Core events reach the store at most once per animation frame: events are queued as they arrive and applied
// as one batch in the next frame, whatever the arrival rate. A hidden tab gets no animation frames, so a timer
// flushes there instead (browsers run it about once a second), keeping the queue short.
import { events as eventMap, type AnyEvent, type Bridge, type EventName } from '../../../shared/contract/index.ts';

const HIDDEN_TAB_FLUSH_MS = 250;

/**
 * `perEvent` applies every event on its own, as it arrives: the naive pattern, kept only so that the `arrival`
 * benchmark can measure what batching saves (open the page with `?pump=per-event`).
 */
export function startEventPump(
  bridge: Bridge,
  apply: (batch: AnyEvent[]) => void,
  options: Readonly<{ perEvent?: boolean }> = {},
): () => void {
  if (options.perEvent) {
    const unsubscribers = (Object.keys(eventMap) as EventName[]).map((name) =>
      bridge.on(name, (payload) => apply([{ name, payload } as AnyEvent])),
    );
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }
  let queue: AnyEvent[] = [];
  let scheduled = false;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length > 0) apply(batch);
  };
  const unsubscribers = (Object.keys(eventMap) as EventName[]).map((name) =>
    bridge.on(name, (payload) => {
      queue.push({ name, payload } as AnyEvent);
      if (!scheduled) {
        scheduled = true;
        frame = requestAnimationFrame(flush);
        timer = setTimeout(flush, HIDDEN_TAB_FLUSH_MS);
      }
    }),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
