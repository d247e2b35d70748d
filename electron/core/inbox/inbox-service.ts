// The inbox: conversations per shop, fed by connectors. A conversation waits from a buyer's first unanswered
// message until an agent replies. Summaries of every conversation are indexed in memory (loaded from the shop's
// streams when the shop opens); messages live only in the streams. A message is announced to sessions only after
// it is durable, so nothing a person has seen can be lost by a crash.
import { AppError, type ConversationSummary, type Message, type SessionInfo, type ShopCounts } from '../../../shared/contract/index.ts';
import { findBannedPhrase } from '../../../shared/domain/reply-rules.ts';
import { mostUrgent } from '../../../shared/domain/urgency.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { BuyerMessageIn, Ids, ShopStreams } from '../ports.ts';

/** Message bodies are untrusted and bounded; longer ones are cut here, at the door, with a visible mark. */
export const MAX_MESSAGE_CHARS = 8000;

type ShopIndex = { conversations: Map<string, ConversationSummary>; byBuyer: Map<string, string>; unread: number; waiting: number };

export interface InboxService {
  openShop(shopId: string): Promise<void>;
  closeShop(shopId: string): Promise<void>;
  ingestBuyerMessage(message: BuyerMessageIn): Promise<void>;
  listConversations(session: SessionInfo, shopId: string | null, limit: number): ConversationSummary[];
  listMessages(shopId: string, conversationId: string, limit: number): Message[];
  markRead(shopId: string, conversationId: string): Promise<void>;
  reply(shopId: string, conversationId: string, text: string, at: number): Promise<Message>;
  counts(session: SessionInfo): Record<string, ShopCounts>;
}

export function createInboxService(deps: Readonly<{ ids: Ids; bus: EventBus; streams: ShopStreams }>): InboxService {
  const shops = new Map<string, ShopIndex>();

  function index(shopId: string): ShopIndex {
    const shop = shops.get(shopId);
    if (!shop) throw new AppError('not_found', `shop ${shopId} is not open`);
    return shop;
  }

  function requireConversation(shopId: string, conversationId: string): ConversationSummary {
    const conversation = shops.get(shopId)?.conversations.get(conversationId);
    if (!conversation) throw new AppError('not_found', `no conversation ${conversationId} in shop ${shopId}`);
    return conversation;
  }

  /** Replaces a summary and keeps the shop's running totals (recounting per message would be O(conversations)). */
  function put(shop: ShopIndex, next: ConversationSummary): void {
    const previous = shop.conversations.get(next.id);
    shop.unread += next.unread - (previous?.unread ?? 0);
    shop.waiting += (next.status === 'waiting' ? 1 : 0) - (previous?.status === 'waiting' ? 1 : 0);
    shop.conversations.set(next.id, next);
    shop.byBuyer.set(next.buyer.id, next.id);
  }

  function visibleShopIds(session: SessionInfo): string[] {
    return [...shops.keys()].filter((id) => session.shopIds === 'all' || session.shopIds.includes(id));
  }

  return {
    async openShop(shopId) {
      if (shops.has(shopId)) return;
      await deps.streams.open(shopId);
      const shop: ShopIndex = { conversations: new Map(), byBuyer: new Map(), unread: 0, waiting: 0 };
      for (const conversation of deps.streams.conversations(shopId)) put(shop, conversation);
      shops.set(shopId, shop);
    },
    async closeShop(shopId) {
      if (!shops.delete(shopId)) return;
      await deps.streams.close(shopId);
    },
    async ingestBuyerMessage(incoming) {
      const shop = index(incoming.shopId);
      const text = incoming.text.length > MAX_MESSAGE_CHARS ? `${incoming.text.slice(0, MAX_MESSAGE_CHARS)}…` : incoming.text;
      const existingId = shop.byBuyer.get(incoming.buyer.id);
      const previous = existingId === undefined ? undefined : shop.conversations.get(existingId);
      const conversationId = previous?.id ?? deps.ids.next('conv');
      const message: Message = { id: deps.ids.next('msg'), conversationId, shopId: incoming.shopId, from: 'buyer', text, at: incoming.at };
      const conversation: ConversationSummary = {
        id: conversationId,
        shopId: incoming.shopId,
        buyer: { id: incoming.buyer.id, nick: incoming.buyer.nick },
        lastMessage: { text, at: incoming.at },
        status: 'waiting',
        unread: (previous?.unread ?? 0) + 1,
        waitingSince: previous?.waitingSince ?? incoming.at,
        updatedAt: incoming.at,
      };
      put(shop, conversation);
      await deps.streams.write(incoming.shopId, { conversations: [conversation], messages: [message] });
      if (shops.get(incoming.shopId) !== shop) return;
      deps.bus.emit({ name: 'inbox.messageReceived', payload: { shopId: incoming.shopId, conversation: shop.conversations.get(conversationId) ?? conversation, message, shopUnread: shop.unread } });
    },
    listConversations(session, shopId, limit) {
      const ids = visibleShopIds(session).filter((id) => shopId === null || id === shopId);
      function* candidates() {
        for (const id of ids) yield* shops.get(id)!.conversations.values();
      }
      return mostUrgent(candidates(), limit);
    },
    listMessages(shopId, conversationId, limit) {
      requireConversation(shopId, conversationId);
      return deps.streams.messages(shopId, conversationId, limit);
    },
    async markRead(shopId, conversationId) {
      const current = requireConversation(shopId, conversationId);
      if (current.unread === 0) return;
      const shop = index(shopId);
      const conversation = { ...current, unread: 0 };
      put(shop, conversation);
      await deps.streams.write(shopId, { conversations: [conversation] });
      deps.bus.emit({ name: 'inbox.conversationUpdated', payload: { shopId, conversation, shopUnread: shop.unread } });
    },
    async reply(shopId, conversationId, text, at) {
      const current = requireConversation(shopId, conversationId);
      const banned = findBannedPhrase(text);
      if (banned) throw new AppError('banned_phrase', 'the reply contains a banned phrase', banned);
      const shop = index(shopId);
      const message: Message = { id: deps.ids.next('msg'), conversationId, shopId, from: 'agent', text, at };
      // A reply answers the buyer's round: nothing waits any more, and what the agent saw is read.
      const conversation: ConversationSummary = { ...current, lastMessage: { text, at }, status: 'active', unread: 0, waitingSince: null, updatedAt: at };
      put(shop, conversation);
      await deps.streams.write(shopId, { conversations: [conversation], messages: [message] });
      deps.bus.emit({ name: 'inbox.replied', payload: { shopId, conversation: shop.conversations.get(conversationId) ?? conversation, message, shopUnread: shop.unread } });
      return message;
    },
    counts(session) {
      const counts: Record<string, ShopCounts> = {};
      for (const id of visibleShopIds(session)) {
        const shop = shops.get(id)!;
        counts[id] = { unread: shop.unread, waiting: shop.waiting };
      }
      return counts;
    },
  };
}
