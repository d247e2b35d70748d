// Core events that make request/response data stale: one table from event to the query keys it invalidates (the
// roster page's data follows roster edits here and synced from the platform). Events the live inbox store handles
// are not listed; a person told their roster edit was overruled also gets a notice.
import type { AnyEvent } from '../../../shared/contract/index.ts';
import { queryClient } from './query-client.ts';

type QueryEvent = Extract<
  AnyEvent,
  {
    name:
      | `roster.${string}`
      | `inventory.${string}`
      | `orders.${string}`
      | `shipping.${string}`
      | `checklists.${string}`
      | `reports.${string}`;
  }
>;

export const QUERY_KEYS_OF = {
  'roster.changed': (payload) => [
    ['roster', 'people'],
    ['roster', 'organisationSync'],
    ['roster', 'conflicts'],
    ['roster', 'shop', payload.shopId],
    // What a person may do follows any roster change ("what can X do", "view as").
    ['roster', 'explain'],
    ['roster', 'viewAs'],
  ],
  'roster.syncChanged': (payload) => [['roster', 'shop', payload.shopId]],
  'roster.organisationSyncChanged': () => [['roster', 'organisationSync']],
  'roster.editOverruled': () => [['roster', 'conflicts']],
  'inventory.changed': () => [['inventory']],
  'inventory.syncChanged': () => [['inventory', 'stock']],
  'orders.changed': () => [['orders'], ['shipping']],
  'shipping.changed': () => [['shipping']],
  'checklists.changed': () => [['checklists']],
  'reports.changed': () => [['reports']],
  // Nothing goes stale while an import runs; its dialog listens (onImportProgress).
  'orders.importProgress': () => [],
} satisfies { [E in QueryEvent['name']]: (payload: Extract<QueryEvent, { name: E }>['payload']) => unknown[][] };

export type OverruledListener = (payload: Extract<QueryEvent, { name: 'roster.editOverruled' }>['payload']) => void;
const overruledListeners = new Set<OverruledListener>();

export function onEditOverruled(listener: OverruledListener): () => void {
  overruledListeners.add(listener);
  return () => void overruledListeners.delete(listener);
}

export type ImportProgressListener = (
  payload: Extract<QueryEvent, { name: 'orders.importProgress' }>['payload'],
) => void;
const importProgressListeners = new Set<ImportProgressListener>();

export function onImportProgress(listener: ImportProgressListener): () => void {
  importProgressListeners.add(listener);
  return () => void importProgressListeners.delete(listener);
}

export function isQueryEvent(event: AnyEvent): event is QueryEvent {
  return event.name in QUERY_KEYS_OF;
}

/** Invalidates what a batch of events made stale (each key once per batch). */
export function invalidateFor(events: readonly QueryEvent[]): void {
  const keys = new Map<string, unknown[]>();
  for (const event of events) {
    const of = QUERY_KEYS_OF[event.name] as (payload: unknown) => unknown[][];
    for (const key of of(event.payload)) {
      // A shop-less roster change concerns every shop's roster.
      const effective = key[2] === null ? key.slice(0, 2) : key;
      keys.set(JSON.stringify(effective), effective);
    }
    if (event.name === 'roster.editOverruled') for (const listener of overruledListeners) listener(event.payload);
    if (event.name === 'orders.importProgress') for (const listener of importProgressListeners) listener(event.payload);
  }
  for (const key of keys.values()) void queryClient.invalidateQueries({ queryKey: key });
}
