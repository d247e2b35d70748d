// The push-event map: `domain.pastTense` → payload schema and the permission a session needs to receive it.
// Every payload names the shop it concerns, so the event bus can drop it for sessions that do not serve that shop;
// `shopId: null` marks an event of this device or organisation, for everyone holding its permission.
import { z } from 'zod';
import type { MethodPermission } from './methods.ts';
import { AppSettings, ConversationSummary, Message, ShopId } from './schemas.ts';

type EventDef = Readonly<{ payload: z.ZodType<{ shopId: string | null }>; permission: Exclude<MethodPermission, 'public'> }>;

function event<P extends z.ZodType<{ shopId: string | null }>>(payload: P, permission: EventDef['permission']) {
  return { payload, permission } as const;
}

/** A message added to a conversation (a buyer's, or an agent's reply), with the conversation as it now stands. */
const MessageAdded = z.object({
  shopId: ShopId,
  conversation: ConversationSummary,
  message: Message,
  /** The shop's total unread count after this message. */
  shopUnread: z.number().int().nonnegative(),
});

export const events = {
  'inbox.messageReceived': event(MessageAdded, 'inbox.view'),
  'inbox.replied': event(MessageAdded, 'inbox.view'),
  /** A system note in the history: a transfer (with its reason) or a take-over. */
  'inbox.noteAdded': event(MessageAdded, 'inbox.view'),
  'inbox.conversationUpdated': event(z.object({
    shopId: ShopId,
    conversation: ConversationSummary,
    shopUnread: z.number().int().nonnegative(),
  }), 'inbox.view'),
  'shops.changed': event(z.object({ shopId: ShopId }), 'session'),
  /** This device's preferences changed (in another window or tab): every open window follows. */
  'settings.changed': event(z.object({ shopId: z.null(), settings: AppSettings }), 'session'),
} as const satisfies Record<string, EventDef>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export type AnyEvent = { [E in EventName]: Readonly<{ name: E; payload: EventPayload<E> }> }[EventName];
