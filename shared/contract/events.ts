// The push-event map: `domain.pastTense` → payload schema and the permission a session needs to receive it, the
// spread of the domain maps. Every payload names the shop it concerns, so the event bus can drop it for sessions
// that do not serve that shop; `shopId: null` marks an event of this device or organisation, for everyone holding
// its permission.
import type { z } from 'zod';
import { auditEvents } from './audit.ts';
import type { EventDef } from './define.ts';
import { inboxEvents } from './inbox.ts';
import { inventoryEvents } from './inventory.ts';
import { ordersEvents } from './orders.ts';
import { shippingEvents } from './shipping.ts';
import { checklistsEvents } from './checklists.ts';
import { reportsEvents } from './reports.ts';
import { rosterEvents } from './roster.ts';
import { sessionEvents } from './session.ts';
import { settingsEvents } from './settings.ts';
import { shopsEvents } from './shops.ts';

export type { EventDef } from './define.ts';

export const events = {
  ...inboxEvents,
  ...shopsEvents,
  ...settingsEvents,
  ...auditEvents,
  ...rosterEvents,
  ...sessionEvents,
  ...inventoryEvents,
  ...ordersEvents,
  ...shippingEvents,
  ...checklistsEvents,
  ...reportsEvents,
} as const satisfies Record<string, EventDef>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export type AnyEvent = { [E in EventName]: Readonly<{ name: E; payload: EventPayload<E> }> }[EventName];
