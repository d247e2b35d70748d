// Core events reach the store at most once per animation frame: events are queued as they arrive and applied
// as one batch in the next frame, whatever the arrival rate.
import { events as eventMap, type AnyEvent, type Bridge, type EventName } from '../../../shared/contract/index.ts';

export function startEventPump(bridge: Bridge, apply: (batch: AnyEvent[]) => void): () => void {
  let queue: AnyEvent[] = [];
  let scheduled = false;
  const flush = () => {
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
        requestAnimationFrame(flush);
      }
    }),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
