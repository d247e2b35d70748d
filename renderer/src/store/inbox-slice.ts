// Conversations, threads and colleagues as the core last reported them. Event batches are applied here, once per
// frame; actions call the core and let its events (or its answer) update the projection.
import type { StateCreator } from 'zustand';
import {
  type AppSettings,
  grants,
  type AgentInfo,
  type AgentStatus,
  type AnyEvent,
  type AppErrorData,
  type ConversationSummary,
  type Message,
  type Order,
  type MethodInput,
  type QuickPhrase,
  type SearchHit,
  type SessionInfo,
} from '../../../shared/contract/index.ts';
import { api } from '../api.ts';
import { applyLanguage } from '../i18n/index.ts';
import { invalidateFor } from '../query/event-queries.ts';
import { trimConversations } from './conversation-window.ts';
import type { ConsoleState } from './index.ts';

/** mine: chats I hold · waiting: buyers waiting for a reply, in queue order · all: by last activity. */
export type InboxTab = 'mine' | 'waiting' | 'all';

/** What the inbox shows for one shop (or for all shops): kept per shop, so switching back restores it. */
export type ShopView = Readonly<{ selectedConversationId: string | null; tab: InboxTab }>;
export const DEFAULT_VIEW: ShopView = { selectedConversationId: null, tab: 'waiting' };
export const ALL_SHOPS_VIEW = '*';

export type Thread = Readonly<{ messages: readonly Message[]; more: boolean; loadingOlder: boolean }>;
export type SearchFilters = Readonly<{
  shopId: string | null;
  status: ConversationSummary['status'] | null;
  assigneeId: string | null;
  from: number | null;
  to: number | null;
}>;
export type SearchState = Readonly<{
  query: string;
  filters: SearchFilters;
  hits: readonly SearchHit[] | null;
  error: AppErrorData | null;
}>;

export function viewKey(activeShopId: string | null): string {
  return activeShopId ?? ALL_SHOPS_VIEW;
}

export function activeView(state: Pick<ConsoleState, 'views' | 'activeShopId'>): ShopView {
  return state.views[viewKey(state.activeShopId)] ?? DEFAULT_VIEW;
}

export type InboxSlice = {
  conversations: Map<string, ConversationSummary>;
  conversationsLoaded: boolean;
  /** Some conversations were dropped from the window (see conversation-window.ts): counts are lower bounds. */
  conversationsTrimmed: boolean;
  views: Readonly<Record<string, ShopView>>;
  setTab(tab: InboxTab): void;
  threads: Map<string, Thread>;
  buyerOrders: Map<string, Order[]>;
  agents: readonly AgentInfo[];
  /** This person's own quick phrases (after the shop's in the composer). */
  myPhrases: readonly QuickPhrase[];
  setMyPhrases(phrases: QuickPhrase[]): Promise<AppErrorData | null>;
  myStatus: AgentStatus | null;
  /** Whether routing gives this person new chats now (online and taking part in routing). */
  myReceivesChats: boolean;
  search: SearchState | null;
  loadConversations(): Promise<void>;
  loadAgents(): Promise<void>;
  setStatus(status: AgentStatus): Promise<AppErrorData | null>;
  openConversation(conversation: ConversationSummary): Promise<void>;
  loadOlder(conversation: ConversationSummary): Promise<void>;
  closeConversation(): void;
  /** A reply with, at most, one card or one picture (base64). */
  reply(
    conversation: ConversationSummary,
    text: string,
    attachment?: Readonly<Pick<MethodInput<'inbox.reply'>, 'card' | 'image'>>,
  ): Promise<AppErrorData | null>;
  /** Sends a reply the platform refused once more. */
  resend(conversation: ConversationSummary, messageId: string): Promise<AppErrorData | null>;
  claim(conversation: ConversationSummary): Promise<AppErrorData | null>;
  transfer(
    conversation: ConversationSummary,
    to: { agentId: string } | { group: string },
    reason: string,
  ): Promise<AppErrorData | null>;
  takeOver(conversation: ConversationSummary): Promise<AppErrorData | null>;
  setAside(conversation: ConversationSummary, status: 'closed' | 'snoozed'): Promise<AppErrorData | null>;
  setNote(conversation: ConversationSummary, note: string, tags: string[]): Promise<AppErrorData | null>;
  runSearch(query: string, filters: SearchFilters): Promise<void>;
  clearSearch(): void;
  applyEvents(events: readonly AnyEvent[]): void;
};

/** The inbox's data as it is before anyone logs in, and again after logout. */
export function initialInbox(): Pick<
  InboxSlice,
  | 'conversations'
  | 'conversationsLoaded'
  | 'conversationsTrimmed'
  | 'views'
  | 'threads'
  | 'buyerOrders'
  | 'agents'
  | 'myPhrases'
  | 'myStatus'
  | 'myReceivesChats'
  | 'search'
> {
  return {
    conversations: new Map(),
    conversationsLoaded: false,
    conversationsTrimmed: false,
    views: {},
    threads: new Map(),
    buyerOrders: new Map(),
    agents: [],
    myPhrases: [],
    myStatus: null,
    myReceivesChats: false,
    search: null,
  };
}

/** How long opening a chat may wait for its first page before the selection shows on its own. */
const SHOW_SELECTION_AFTER_MS = 120;

/** Messages kept per open thread; older pages are fetched again when scrolled back to. */
const MAX_MESSAGES_KEPT = 2000;
const PAGE = 50;

export const createInboxSlice: StateCreator<ConsoleState, [], [], InboxSlice> = (set, get) => {
  /** Puts what the core answered into the projection at once (its event follows within a frame anyway). */
  const accept = (
    result: { ok: true; value: ConversationSummary } | { ok: false; error: AppErrorData },
  ): AppErrorData | null => {
    if (!result.ok) return result.error;
    set((state) => ({ conversations: new Map(state.conversations).set(result.value.id, result.value) }));
    return null;
  };
  const ref = (c: ConversationSummary) => ({ shopId: c.shopId, conversationId: c.id });

  return {
    ...initialInbox(),
    async setMyPhrases(phrases) {
      const result = await api().invoke('inbox.setMyPhrases', { quickPhrases: phrases });
      if (!result.ok) return result.error;
      set({ myPhrases: result.value });
      return null;
    },
    setTab(tab) {
      const key = viewKey(get().activeShopId);
      set((state) => ({ views: { ...state.views, [key]: { ...activeView(state), tab } } }));
    },
    async loadConversations() {
      // The three views together: what is urgent, what I hold, and the most recent.
      const [urgent, mine, recent, counts] = await Promise.all([
        api().invoke('inbox.listConversations', { view: 'urgent', limit: 500 }),
        api().invoke('inbox.listConversations', { view: 'mine', limit: 500 }),
        api().invoke('inbox.listConversations', { view: 'recent', limit: 500 }),
        api().invoke('inbox.counts', {}),
      ]);
      const conversations = new Map<string, ConversationSummary>();
      for (const result of [recent, urgent, mine])
        if (result.ok) for (const c of result.value) conversations.set(c.id, c);
      set({
        conversations,
        counts: counts.ok ? counts.value : {},
        conversationsLoaded: true,
        conversationsTrimmed: [urgent, recent].some((r) => r.ok && r.value.length === 500),
      });
      await get().loadAgents();
      if (grants(get().session?.grants ?? [], 'inbox.reply')) {
        const phrases = await api().invoke('inbox.myPhrases', {});
        if (phrases.ok) set({ myPhrases: phrases.value });
      }
    },
    async loadAgents() {
      const result = await api().invoke('inbox.agents', {});
      if (!result.ok) return;
      const me = get().session?.userId;
      const mine = result.value.find((a) => a.id === me);
      set({ agents: result.value, myStatus: mine?.status ?? null, myReceivesChats: mine?.receivesChats ?? false });
    },
    async setStatus(status) {
      const result = await api().invoke('inbox.setStatus', { status });
      if (!result.ok) return result.error;
      set({ myStatus: result.value.status, myReceivesChats: result.value.receivesChats });
      void get().loadAgents();
      return null;
    },
    async openConversation(conversation) {
      const key = viewKey(get().activeShopId);
      const { shopId, id } = conversation;
      const selected = (state: ConsoleState) => ({
        views: { ...state.views, [key]: { ...(state.views[key] ?? DEFAULT_VIEW), selectedConversationId: id } },
      });
      // The thread and its selection render together, in one pass, once the first page is here (a few ms);
      // only a slow answer shows the selection (with a spinner) first.
      const early = setTimeout(() => set(selected), SHOW_SELECTION_AFTER_MS);
      const [page, orders] = await Promise.all([
        api().invoke('inbox.listMessages', { shopId, conversationId: id, limit: PAGE }),
        grants(get().session?.grants ?? [], 'orders.view')
          ? api().invoke('orders.list', { shopId, buyerId: conversation.buyer.id })
          : null,
      ]);
      clearTimeout(early);
      set((state) => ({
        ...selected(state),
        ...(page.ok
          ? {
              threads: new Map(state.threads).set(id, {
                messages: page.value.messages,
                more: page.value.more,
                loadingOlder: false,
              }),
            }
          : {}),
        ...(orders?.ok ? { buyerOrders: new Map(state.buyerOrders).set(id, orders.value) } : {}),
      }));
      if (conversation.unread > 0) await api().invoke('inbox.markRead', { shopId, conversationId: id });
    },
    async loadOlder(conversation) {
      const thread = get().threads.get(conversation.id);
      if (!thread || !thread.more || thread.loadingOlder || thread.messages.length === 0) return;
      const update = (next: Thread) => set((state) => ({ threads: new Map(state.threads).set(conversation.id, next) }));
      update({ ...thread, loadingOlder: true });
      const page = await api().invoke('inbox.listMessages', {
        ...ref(conversation),
        limit: PAGE,
        before: thread.messages[0]!.id,
      });
      const current = get().threads.get(conversation.id) ?? thread;
      if (!page.ok) return update({ ...current, loadingOlder: false });
      update({
        messages: [...page.value.messages, ...current.messages].slice(-MAX_MESSAGES_KEPT),
        more: page.value.more,
        loadingOlder: false,
      });
    },
    async reply(conversation, text, attachment) {
      const result = await api().invoke('inbox.reply', { ...ref(conversation), text, ...attachment });
      return result.ok ? null : result.error;
    },
    async resend(conversation, messageId) {
      const result = await api().invoke('inbox.resend', { ...ref(conversation), messageId });
      return result.ok ? null : result.error;
    },
    claim: async (conversation) => accept(await api().invoke('inbox.claim', ref(conversation))),
    transfer: async (conversation, to, reason) =>
      accept(await api().invoke('inbox.transfer', { ...ref(conversation), to, reason })),
    takeOver: async (conversation) => accept(await api().invoke('inbox.takeOver', ref(conversation))),
    setAside: async (conversation, status) =>
      accept(await api().invoke(status === 'closed' ? 'inbox.close' : 'inbox.snooze', ref(conversation))),
    setNote: async (conversation, note, tags) =>
      accept(await api().invoke('inbox.setNote', { ...ref(conversation), note, tags })),
    async runSearch(query, filters) {
      set({ search: { query, filters, hits: null, error: null } });
      const result = await api().invoke('inbox.search', { query, ...filters, limit: 100 });
      // A newer search may have started meanwhile: only the latest one shows.
      if (get().search?.query !== query || get().search?.filters !== filters) return;
      set({ search: { query, filters, hits: result.ok ? result.value : [], error: result.ok ? null : result.error } });
    },
    clearSearch: () => set({ search: null }),
    closeConversation() {
      const key = viewKey(get().activeShopId);
      set((state) => ({ views: { ...state.views, [key]: { ...activeView(state), selectedConversationId: null } } }));
    },
    applyEvents(events) {
      const state = get();
      let conversations: Map<string, ConversationSummary> | null = null;
      let threads: Map<string, Thread> | null = null;
      let counts: ConsoleState['counts'] | null = null;
      let shopsChanged = false;
      let unknownAgent = false;
      let settings: AppSettings | null = null;
      const queryEvents: Parameters<typeof invalidateFor>[0][number][] = [];
      let sessionUpdate: SessionInfo | null = null;
      for (const event of events) {
        switch (event.name) {
          case 'inbox.messageReceived':
          case 'inbox.replied':
          case 'inbox.noteAdded':
          case 'inbox.conversationUpdated': {
            const { conversation, shopId, shopUnread } = event.payload;
            conversations ??= new Map(state.conversations);
            conversations.set(conversation.id, conversation);
            counts ??= { ...state.counts };
            const previous = counts[shopId] ?? { unread: 0, waiting: 0 };
            counts[shopId] = { ...previous, unread: shopUnread };
            if (conversation.assigneeId !== null && !state.agents.some((a) => a.id === conversation.assigneeId))
              unknownAgent = true;
            if (event.name !== 'inbox.conversationUpdated' && state.threads.has(conversation.id)) {
              threads ??= new Map(state.threads);
              const thread = threads.get(conversation.id)!;
              if (!thread.messages.some((m) => m.id === event.payload.message.id)) {
                threads.set(conversation.id, {
                  ...thread,
                  messages: [...thread.messages, event.payload.message].slice(-MAX_MESSAGES_KEPT),
                });
              }
            }
            break;
          }
          case 'inbox.messageUpdated': {
            // A reply's delivery changed (sent, refused, waiting for the platform): the thread shows it in place.
            const { conversationId, message } = event.payload;
            const thread = (threads ?? state.threads).get(conversationId);
            const at = thread?.messages.findIndex((m) => m.id === message.id) ?? -1;
            if (!thread || at < 0) break;
            threads ??= new Map(state.threads);
            threads.set(conversationId, { ...thread, messages: thread.messages.with(at, message) });
            break;
          }
          case 'shops.changed':
            shopsChanged = true;
            break;
          case 'settings.changed':
            settings = event.payload.settings;
            break;
          case 'session.changed':
            // The roster changed what this person may do; this window keeps its own lock state.
            sessionUpdate = event.payload.session;
            break;
          case 'roster.changed':
          case 'roster.syncChanged':
          case 'roster.organisationSyncChanged':
          case 'roster.editOverruled':
          case 'inventory.changed':
          case 'inventory.syncChanged':
          case 'orders.importProgress':
          case 'orders.changed':
          case 'shipping.changed':
          case 'checklists.changed':
          case 'reports.changed':
            // Page data (TanStack Query), not the live inbox: see query/event-queries.ts.
            queryEvents.push(event);
            break;
          default:
            event satisfies never;
        }
      }
      if (conversations) {
        const pinned = new Set(
          Object.values(state.views)
            .map((v) => v.selectedConversationId)
            .filter((id): id is string => id !== null),
        );
        const trimmed = trimConversations(conversations, { me: state.session?.userId ?? null, pinned });
        if (trimmed !== conversations) {
          conversations = trimmed;
          if (!state.conversationsTrimmed) set({ conversationsTrimmed: true });
        }
      }
      if (conversations || threads || counts) {
        set({
          ...(conversations ? { conversations } : {}),
          ...(threads ? { threads } : {}),
          ...(counts ? { counts } : {}),
        });
      }
      if (settings) {
        // Changed in another window or tab: follow (language included).
        set({ settings });
        applyLanguage(settings.language);
      }
      // The chat on screen is being read: what arrives in it does not pile up as unread.
      const open = activeView(get()).selectedConversationId;
      const shown = open === null ? undefined : get().conversations.get(open);
      if (
        shown &&
        shown.unread > 0 &&
        document.hasFocus() &&
        events.some((e) => e.name === 'inbox.messageReceived' && e.payload.conversation.id === open)
      ) {
        void api().invoke('inbox.markRead', { shopId: shown.shopId, conversationId: shown.id });
      }
      if (shopsChanged) void get().loadShops();
      if (queryEvents.length > 0) invalidateFor(queryEvents);
      const current = get().session;
      if (sessionUpdate && current && current.userId === sessionUpdate.userId)
        set({ session: { ...sessionUpdate, locked: current.locked } });
      if (unknownAgent) void get().loadAgents();
    },
  };
};
