// The event bus: core services emit typed events; each subscriber is a caller (a window or a connection) and
// receives only events its current session may see — the permission the event needs and the shop it concerns.
import {
  canAccessShop,
  events,
  grants,
  grantsInShop,
  type AnyEvent,
  type Caller,
} from '../../../shared/contract/index.ts';

export type EventListener = (event: AnyEvent) => void;

export interface EventBus {
  emit(event: AnyEvent): void;
  subscribe(caller: Caller, listener: EventListener): () => void;
  /** For the core's own modules: every event, unfiltered (a policy cache following shop changes). */
  listen(listener: EventListener): () => void;
  /** The windows and connections subscribed now (to re-derive their sessions after a roster change). */
  callers(): Caller[];
}

export function mayReceive(caller: Caller, event: AnyEvent): boolean {
  const session = caller.session;
  if (session === null || session.locked) return false;
  const def = events[event.name];
  const { shopId } = event.payload;
  if (shopId !== null && !canAccessShop(session, shopId)) return false;
  if ('toPerson' in def && def.toPerson && (event.payload as { personId?: string }).personId !== session.userId)
    return false;
  if (def.permission === 'session') return true;
  return grants(shopId === null ? session.grants : grantsInShop(session, shopId), def.permission);
}

export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const subscribers = new Map<EventListener, Caller>();
  const internal = new Set<EventListener>();
  return {
    emit(event) {
      for (const listener of internal) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
      for (const [listener, caller] of subscribers) {
        if (!mayReceive(caller, event)) continue;
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(caller, listener) {
      subscribers.set(listener, caller);
      return () => void subscribers.delete(listener);
    },
    callers: () => [...new Set(subscribers.values())],
    listen(listener) {
      internal.add(listener);
      return () => void internal.delete(listener);
    },
  };
}
