// The push-event map: `domain.pastTense` → payload schema and the permission a session needs to receive it.
// Every payload names the shop it concerns, so the event bus can drop it for sessions that do not serve that shop.
import { z } from 'zod';
import type { MethodPermission } from './methods.ts';
import { ConversationSummary, Message, ShopId } from './schemas.ts';

type EventDef = Readonly<{ payload: z.ZodType<{ shopId: string }>; permission: Exclude<MethodPermission, 'public'> }>;

function event<P extends z.ZodType<{ shopId: string }>>(payload: P, permission: EventDef['permission']) {
  return { payload, permission } as const;
}

export const events = {
  'inbox.messageReceived': event(z.object({
    shopId: ShopId,
    conversation: ConversationSummary,
    message: Message,
    /** The shop's total unread count after this message. */
    shopUnread: z.number().int().nonnegative(),
  }), 'inbox.view'),
  'inbox.conversationUpdated': event(z.object({
    shopId: ShopId,
    conversation: ConversationSummary,
    shopUnread: z.number().int().nonnegative(),
  }), 'inbox.view'),
  'inbox.replied': event(z.object({
    shopId: ShopId,
    conversation: ConversationSummary,
    message: Message,
    shopUnread: z.number().int().nonnegative(),
  }), 'inbox.view'),
  'shops.changed': event(z.object({ shopId: ShopId }), 'session'),
} as const satisfies Record<string, EventDef>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export type AnyEvent = { [E in EventName]: Readonly<{ name: E; payload: EventPayload<E> }> }[EventName];
