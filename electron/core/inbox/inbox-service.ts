// The inbox: conversations per shop, fed by connectors. A conversation waits from a buyer's first unanswered
// message until an agent replies. This foundation keeps conversations in memory with a bounded history per
// conversation; durable per-shop SQLite storage replaces the maps behind the same methods (issue #3).
import { AppError, type ConversationSummary, type Message, type SessionInfo, type ShopCounts } from '../../../shared/contract/index.ts';
import { byUrgency } from '../../../shared/domain/urgency.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { BuyerMessageIn, Clock, Ids } from '../ports.ts';

/** Message bodies are untrusted and bounded; longer ones are cut here, at the door, with a visible mark. */
export const MAX_MESSAGE_CHARS = 8000;

type Conversation = { summary: ConversationSummary; messages: Message[] };

export interface InboxService {
  ingestBuyerMessage(message: BuyerMessageIn): void;
  listConversations(session: SessionInfo, shopId: string | null, limit: number): ConversationSummary[];
  listMessages(shopId: string, conversationId: string, limit: number): Message[];
  markRead(shopId: string, conversationId: string): void;
  counts(session: SessionInfo): Record<string, ShopCounts>;
  forgetShop(shopId: string): void;
}

export function createInboxService(
  deps: Readonly<{ clock: Clock; ids: Ids; bus: EventBus; maxMessagesPerConversation?: number; shopIsVisible: (shopId: string) => boolean }>,
): InboxService {
  const maxMessages = deps.maxMessagesPerConversation ?? 500;
  const shops = new Map<string, Map<string, Conversation>>();
  const byBuyer = new Map<string, string>();
  // Kept as running totals: recounting per message would make ingest O(conversations).
  const unreadByShop = new Map<string, number>();

  function shopConversations(shopId: string): Map<string, Conversation> {
    let conversations = shops.get(shopId);
    if (!conversations) shops.set(shopId, (conversations = new Map()));
    return conversations;
  }

  function unreadOf(shopId: string): number {
    return unreadByShop.get(shopId) ?? 0;
  }

  function addUnread(shopId: string, delta: number): number {
    const unread = unreadOf(shopId) + delta;
    unreadByShop.set(shopId, unread);
    return unread;
  }

  function requireConversation(shopId: string, conversationId: string): Conversation {
    const conversation = shops.get(shopId)?.get(conversationId);
    if (!conversation) throw new AppError('not_found', `no conversation ${conversationId} in shop ${shopId}`);
    return conversation;
  }

  function visibleShopIds(session: SessionInfo): string[] {
    return [...shops.keys()].filter((id) => deps.shopIsVisible(id) && (session.shopIds === 'all' || session.shopIds.includes(id)));
  }

  return {
    ingestBuyerMessage(incoming) {
      const conversations = shopConversations(incoming.shopId);
      const buyerKey = `${incoming.shopId}\u0000${incoming.buyer.id}`;
      const existingId = byBuyer.get(buyerKey);
      let conversation = existingId === undefined ? undefined : conversations.get(existingId);
      const text = incoming.text.length > MAX_MESSAGE_CHARS ? `${incoming.text.slice(0, MAX_MESSAGE_CHARS)}…` : incoming.text;
      if (!conversation) {
        const id = deps.ids.next('conv');
        conversation = {
          summary: {
            id,
            shopId: incoming.shopId,
            buyer: { id: incoming.buyer.id, nick: incoming.buyer.nick },
            lastMessage: { text, at: incoming.at },
            status: 'waiting',
            unread: 0,
            waitingSince: incoming.at,
            updatedAt: incoming.at,
          },
          messages: [],
        };
        conversations.set(id, conversation);
        byBuyer.set(buyerKey, id);
      }
      const message: Message = { id: deps.ids.next('msg'), conversationId: conversation.summary.id, shopId: incoming.shopId, from: 'buyer', text, at: incoming.at };
      conversation.messages.push(message);
      if (conversation.messages.length > maxMessages) conversation.messages.splice(0, conversation.messages.length - maxMessages);
      const previous = conversation.summary;
      conversation.summary = {
        ...previous,
        buyer: { id: incoming.buyer.id, nick: incoming.buyer.nick },
        lastMessage: { text, at: incoming.at },
        status: 'waiting',
        unread: previous.unread + 1,
        waitingSince: previous.waitingSince ?? incoming.at,
        updatedAt: incoming.at,
      };
      deps.bus.emit({
        name: 'inbox.messageReceived',
        payload: { shopId: incoming.shopId, conversation: conversation.summary, message, shopUnread: addUnread(incoming.shopId, 1) },
      });
    },
    listConversations(session, shopId, limit) {
      const ids = shopId === null ? visibleShopIds(session) : visibleShopIds(session).filter((id) => id === shopId);
      const all: ConversationSummary[] = [];
      for (const id of ids) for (const c of shops.get(id)?.values() ?? []) all.push(c.summary);
      return all.sort(byUrgency).slice(0, limit);
    },
    listMessages(shopId, conversationId, limit) {
      return requireConversation(shopId, conversationId).messages.slice(-limit);
    },
    markRead(shopId, conversationId) {
      const conversation = requireConversation(shopId, conversationId);
      const { unread } = conversation.summary;
      if (unread === 0) return;
      conversation.summary = { ...conversation.summary, unread: 0 };
      const shopUnread = addUnread(shopId, -unread);
      deps.bus.emit({ name: 'inbox.conversationUpdated', payload: { shopId, conversation: conversation.summary, shopUnread } });
    },
    counts(session) {
      const counts: Record<string, ShopCounts> = {};
      for (const id of visibleShopIds(session)) {
        let waiting = 0;
        for (const c of shops.get(id)?.values() ?? []) if (c.summary.status === 'waiting') waiting += 1;
        counts[id] = { unread: unreadOf(id), waiting };
      }
      return counts;
    },
    forgetShop(shopId) {
      shops.delete(shopId);
      unreadByShop.delete(shopId);
    },
  };
}
