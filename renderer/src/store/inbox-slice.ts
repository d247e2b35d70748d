// Conversations and messages as the core last reported them. Event batches are applied here, once per frame.
import type { StateCreator } from 'zustand';
import { grants, type AnyEvent, type AppErrorData, type ConversationSummary, type Message, type Order } from '../../../shared/contract/index.ts';
import { api } from '../api.ts';
import type { ConsoleState } from './index.ts';

/** What the inbox shows for one shop (or for all shops): kept per shop, so switching back restores it. */
export type ShopView = Readonly<{ selectedConversationId: string | null; filter: 'waiting' | 'all' }>;
export const DEFAULT_VIEW: ShopView = { selectedConversationId: null, filter: 'waiting' };
export const ALL_SHOPS_VIEW = '*';

export function viewKey(activeShopId: string | null): string {
  return activeShopId ?? ALL_SHOPS_VIEW;
}

export function activeView(state: Pick<ConsoleState, 'views' | 'activeShopId'>): ShopView {
  return state.views[viewKey(state.activeShopId)] ?? DEFAULT_VIEW;
}

export type InboxSlice = {
  conversations: Map<string, ConversationSummary>;
  conversationsLoaded: boolean;
  views: Readonly<Record<string, ShopView>>;
  setFilter(filter: ShopView['filter']): void;
  messages: Map<string, Message[]>;
  buyerOrders: Map<string, Order[]>;
  loadConversations(): Promise<void>;
  openConversation(conversation: ConversationSummary): Promise<void>;
  closeConversation(): void;
  reply(conversation: ConversationSummary, text: string): Promise<AppErrorData | null>;
  applyEvents(events: readonly AnyEvent[]): void;
};

const MAX_MESSAGES_KEPT = 500;

export const createInboxSlice: StateCreator<ConsoleState, [], [], InboxSlice> = (set, get) => ({
  conversations: new Map(),
  conversationsLoaded: false,
  views: {},
  setFilter(filter) {
    const key = viewKey(get().activeShopId);
    set((state) => ({ views: { ...state.views, [key]: { ...activeView(state), filter } } }));
  },
  messages: new Map(),
  buyerOrders: new Map(),
  async loadConversations() {
    const [list, counts] = await Promise.all([api().invoke('inbox.listConversations', { limit: 500 }), api().invoke('inbox.counts', {})]);
    set({
      conversations: list.ok ? new Map(list.value.map((c) => [c.id, c])) : new Map(),
      counts: counts.ok ? counts.value : {},
      conversationsLoaded: true,
    });
  },
  async openConversation(conversation) {
    const key = viewKey(get().activeShopId);
    set((state) => ({ views: { ...state.views, [key]: { ...activeView(state), selectedConversationId: conversation.id } } }));
    const { shopId, id } = conversation;
    const [messages, orders] = await Promise.all([
      api().invoke('inbox.listMessages', { shopId, conversationId: id }),
      grants(get().session?.grants ?? [], 'orders.view') ? api().invoke('orders.list', { shopId, buyerId: conversation.buyer.id }) : null,
    ]);
    if (messages.ok) set((state) => ({ messages: new Map(state.messages).set(id, messages.value.messages) }));
    if (orders?.ok) set((state) => ({ buyerOrders: new Map(state.buyerOrders).set(id, orders.value) }));
    if (conversation.unread > 0) await api().invoke('inbox.markRead', { shopId, conversationId: id });
  },
  async reply(conversation, text) {
    const result = await api().invoke('inbox.reply', { shopId: conversation.shopId, conversationId: conversation.id, text });
    return result.ok ? null : result.error;
  },
  closeConversation() {
    const key = viewKey(get().activeShopId);
    set((state) => ({ views: { ...state.views, [key]: { ...activeView(state), selectedConversationId: null } } }));
  },
  applyEvents(events) {
    const state = get();
    let conversations: Map<string, ConversationSummary> | null = null;
    let messages: Map<string, Message[]> | null = null;
    let counts: ConsoleState['counts'] | null = null;
    let shopsChanged = false;
    for (const event of events) {
      switch (event.name) {
        case 'inbox.messageReceived':
        case 'inbox.replied':
        case 'inbox.conversationUpdated': {
          const { conversation, shopId, shopUnread } = event.payload;
          conversations ??= new Map(state.conversations);
          conversations.set(conversation.id, conversation);
          counts ??= { ...state.counts };
          const previous = counts[shopId] ?? { unread: 0, waiting: 0 };
          counts[shopId] = { ...previous, unread: shopUnread };
          if (event.name !== 'inbox.conversationUpdated' && state.messages.has(conversation.id)) {
            messages ??= new Map(state.messages);
            const list = [...(messages.get(conversation.id) ?? []), event.payload.message];
            messages.set(conversation.id, list.slice(-MAX_MESSAGES_KEPT));
          }
          break;
        }
        case 'shops.changed':
          shopsChanged = true;
          break;
        default:
          event satisfies never;
      }
    }
    if (conversations || messages || counts) {
      set({
        ...(conversations ? { conversations } : {}),
        ...(messages ? { messages } : {}),
        ...(counts ? { counts } : {}),
      });
    }
    if (shopsChanged) void get().loadShops();
  },
});

