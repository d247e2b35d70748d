// The inbox: conversations per shop, fed by connectors, served by agents. A conversation waits from a buyer's
// first unanswered message until an agent replies; its `dueAt` is when the shop's platform response rule is
// breached. Routing (../routing/router.ts) decides who holds each chat; this service applies its decisions to the
// summaries, persists them and announces them. Summaries are indexed in memory (loaded when the shop opens);
// messages live only in the streams. Nothing is announced before it is durable, so nothing a person has seen can
// be lost by a crash.
import {
  AppError,
  grants,
  type ConversationSummary,
  type InboxSettings,
  type Message,
  type MethodInput,
  type SearchHit,
  type SessionInfo,
  type ShopCounts,
  type ShopLoad,
  type Transfer,
} from '../../../shared/contract/index.ts';
import { multiplexQueue } from '../../../shared/domain/queue-multiplexer.ts';
import { DEFAULT_BANNED_PHRASES, findBannedPhrase } from '../../../shared/domain/reply-rules.ts';
import { byRecency, firstInOrder, mostUrgent } from '../../../shared/domain/urgency.ts';
import { changesBetween } from '../command.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CommandTx } from '../module.ts';
import type {
  BotReplyIn,
  BuyerMessageIn,
  DeliveryWrite,
  Ids,
  MessagePage,
  ResponseRound,
  ShopStreams,
  StreamWrite,
} from '../ports.ts';
import type { Assignment, RoutedChat, Router } from '../routing/router.ts';

/** Message bodies are untrusted and bounded; longer ones are cut here, at the door, with a visible mark. */
export const MAX_MESSAGE_CHARS = 8000;
/** Transfers kept for the supervisor view. */
const RECENT_TRANSFERS = 20;

type ShopIndex = {
  conversations: Map<string, ConversationSummary>;
  byBuyer: Map<string, string>;
  unread: number;
  waiting: number;
};

// Derived from the contract, never written beside it by hand.
export type ConversationView = MethodInput<'inbox.listConversations'>['view'];
export type TransferTarget = MethodInput<'inbox.transfer'>['to'];
/** What a person's change writes through: the command's unit of work (its audit entry joins the write). */
export type ChangeTx = Pick<CommandTx, 'write' | 'record'>;
/** The summary fields an audit entry compares before and after a change to a chat. */
const AUDITED_FIELDS = ['status', 'assigneeId', 'group', 'note', 'tags', 'unread'] as const;

export type SearchOptions = Readonly<Omit<MethodInput<'inbox.search'>, 'query'>>;

/** A reply as the inbox makes it: words, and a card or a stored picture (`media:` ref) with them. */
export type ReplyInput = Readonly<
  Pick<MethodInput<'inbox.reply'>, 'shopId' | 'conversationId' | 'text' | 'card'> & { imageRef?: string }
>;

export interface InboxService {
  openShop(shopId: string): Promise<void>;
  closeShop(shopId: string): Promise<void>;
  ingestBuyerMessage(message: BuyerMessageIn): Promise<void>;
  /**
   * The platform's automatic reply in a buyer's chat: kept in the history as a reply by nobody (the bot). It answers
   * nothing: the buyer still waits, the round runs on, and the chat's last message in the list stays the buyer's.
   */
  ingestBotReply(reply: BotReplyIn): Promise<void>;
  listConversations(
    session: SessionInfo,
    shopId: string | null,
    view: ConversationView,
    limit: number,
  ): ConversationSummary[];
  listMessages(shopId: string, conversationId: string, limit: number, before: string | null): MessagePage;
  conversation(shopId: string, conversationId: string): ConversationSummary | undefined;
  /** The buyer's conversation in the shop (a buyer has one per shop). */
  conversationOfBuyer(shopId: string, buyerId: string): ConversationSummary | undefined;
  markRead(shopId: string, conversationId: string, tx: ChangeTx): Promise<void>;
  /** An agent's reply; `delivery` (the outbox row) when the shop's platform is to receive it. */
  reply(
    session: SessionInfo,
    input: ReplyInput,
    tx: ChangeTx & Readonly<{ at: number }>,
    delivery: ((messageId: string, at: number) => DeliveryWrite) | null,
  ): Promise<Message>;
  claim(
    session: SessionInfo,
    shopId: string,
    conversationId: string,
    tx: ChangeTx & Readonly<{ at: number }>,
  ): Promise<ConversationSummary>;
  transfer(
    session: SessionInfo,
    shopId: string,
    conversationId: string,
    to: TransferTarget,
    reason: string,
    tx: ChangeTx & Readonly<{ at: number }>,
  ): Promise<ConversationSummary>;
  takeOver(
    session: SessionInfo,
    shopId: string,
    conversationId: string,
    tx: ChangeTx & Readonly<{ at: number }>,
  ): Promise<ConversationSummary>;
  /** Closed, or snoozed until the buyer writes again: either way the chat leaves its agent's load. */
  setAside(
    session: SessionInfo,
    shopId: string,
    conversationId: string,
    status: 'closed' | 'snoozed',
    tx: ChangeTx & Readonly<{ at: number }>,
  ): Promise<ConversationSummary>;
  setNote(
    session: SessionInfo,
    shopId: string,
    conversationId: string,
    note: string,
    tags: readonly string[],
    tx: ChangeTx,
  ): Promise<ConversationSummary>;
  search(session: SessionInfo, query: string, options: SearchOptions): SearchHit[];
  counts(session: SessionInfo): Record<string, ShopCounts>;
  /** Persists and announces routing's decisions. */
  applyAssignments(assignments: readonly Assignment[]): Promise<void>;
  /** Time-based rules: routing's sweep, and closing answered chats idle past the shop's auto-close time. */
  sweep(at: number): Promise<void>;
  shopLoads(
    session: SessionInfo,
    presenceIn: (shopId: string) => { receiving: number; onlineNotReceiving: number },
    at: number,
  ): ShopLoad[];
  /** Per agent: chats held that wait for a reply, and the oldest wait among them. */
  waitingByAgent(): Map<string, { waiting: number; longestWaitSince: number | null }>;
  recentTransfers(
    session: SessionInfo,
  ): { shopId: string; conversationId: string; buyerNick: string; transfer: Transfer }[];
}

export type InboxDeps = Readonly<{
  ids: Ids;
  bus: EventBus;
  streams: ShopStreams;
  router: Router;
  settingsOf(shopId: string): InboxSettings;
}>;

export const chatKey = (shopId: string, conversationId: string) => `${shopId}/${conversationId}`;

function splitKey(key: string): [string, string] {
  const at = key.indexOf('/');
  return [key.slice(0, at), key.slice(at + 1)];
}

export function routedChat(c: ConversationSummary): RoutedChat {
  // A chat transferred during its current round is not routed back to whoever handed it away.
  const handedOffBy =
    c.transfer !== null && c.waitingSince !== null && c.transfer.at >= c.waitingSince ? c.transfer.fromId : null;
  return {
    key: chatKey(c.shopId, c.id),
    shopId: c.shopId,
    buyerId: c.buyer.id,
    group: c.group,
    waitingSince: c.waitingSince,
    dueAt: c.dueAt,
    lastAgent: c.lastAgent,
    handedOffBy,
  };
}

export function createInboxService(deps: InboxDeps): InboxService {
  const { router } = deps;
  const shops = new Map<string, ShopIndex>();
  const transfers: { shopId: string; conversationId: string; buyerNick: string; transfer: Transfer }[] = [];

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

  /** Folds routing's changes into the summaries; returns the changed ones by shop (in memory only so far). */
  function fold(assignments: readonly Assignment[]): Map<string, Map<string, ConversationSummary>> {
    const touched = new Map<string, Map<string, ConversationSummary>>();
    if (assignments.length === 0) return touched;
    for (const change of assignments) {
      const [shopId, conversationId] = splitKey(change.key);
      const shop = shops.get(shopId);
      const current = shop?.conversations.get(conversationId);
      if (!shop || !current) continue;
      const next = { ...current, assigneeId: change.to, assignedAt: change.to === null ? null : change.at };
      put(shop, next);
      let forShop = touched.get(shopId);
      if (!forShop) touched.set(shopId, (forShop = new Map()));
      forShop.set(conversationId, next);
    }
    return touched;
  }

  /** Writes each shop's changed summaries (plus `extra` for one shop) and announces them once durable. */
  async function commit(
    touched: Map<string, Map<string, ConversationSummary>>,
    extra?: Readonly<{ shopId: string; write: StreamWrite }>,
    write: (shopId: string, write: StreamWrite) => Promise<void> = deps.streams.write,
  ): Promise<void> {
    // The common case, one message and no routing change, without the bookkeeping below (it runs per message).
    if (touched.size === 0) return extra ? write(extra.shopId, extra.write) : undefined;
    const shopIds = new Set([...touched.keys(), ...(extra ? [extra.shopId] : [])]);
    await Promise.all(
      [...shopIds].map(async (shopId) => {
        const changed = [...(touched.get(shopId)?.values() ?? [])];
        const own = extra?.shopId === shopId ? extra.write : {};
        // Callers take their own conversation out of `touched` (they announce it themselves): no overlap here.
        const conversations = [...(own.conversations ?? []), ...changed];
        await write(shopId, { ...own, conversations });
        const shop = shops.get(shopId);
        if (!shop) return;
        for (const c of changed) {
          deps.bus.emit({
            name: 'inbox.conversationUpdated',
            payload: { shopId, conversation: shop.conversations.get(c.id) ?? c, shopUnread: shop.unread },
          });
        }
      }),
    );
  }

  function requireMayAct(session: SessionInfo, conversation: ConversationSummary): void {
    if (conversation.assigneeId === null || conversation.assigneeId === session.userId) return;
    if (grants(session.grants, 'inbox.supervise')) return;
    throw new AppError('not_assignee', 'a colleague is serving this chat', { assigneeId: conversation.assigneeId });
  }

  /** Applies one change made by a person: routing first, then the summary, written and announced together. */
  async function change(
    shopId: string,
    conversationId: string,
    routing: (chat: RoutedChat) => Assignment[],
    update: (current: ConversationSummary) => ConversationSummary,
    tx: ChangeTx,
    write: Omit<StreamWrite, 'conversations'> = {},
  ): Promise<ConversationSummary> {
    const shop = index(shopId);
    const before = requireConversation(shopId, conversationId);
    const updated = update(before);
    // Routing refuses (throws) before it changes anything, so a refused action leaves no trace.
    const assignments = routing(routedChat(updated));
    put(shop, updated);
    const touched = fold(assignments);
    const conversation = shop.conversations.get(conversationId)!;
    touched.get(shopId)?.delete(conversationId);
    tx.record(changesBetween(before, conversation, AUDITED_FIELDS));
    await commit(touched, { shopId, write: { ...write, conversations: [conversation] } }, tx.write);
    const latest = shops.get(shopId)?.conversations.get(conversationId) ?? conversation;
    deps.bus.emit({
      name: 'inbox.conversationUpdated',
      payload: { shopId, conversation: latest, shopUnread: shop.unread },
    });
    for (const message of write.messages ?? [])
      deps.bus.emit({
        name: 'inbox.noteAdded',
        payload: { shopId, conversation: latest, message, shopUnread: shop.unread },
      });
    return latest;
  }

  function systemMessage(
    shopId: string,
    conversationId: string,
    text: string,
    event: Record<string, unknown>,
    authorId: string,
    at: number,
  ): Message {
    return {
      id: deps.ids.next('msg'),
      conversationId,
      shopId,
      from: 'system',
      kind: 'system',
      text,
      ref: JSON.stringify(event),
      authorId,
      at,
    };
  }

  function list(ids: string[], filter: (c: ConversationSummary) => boolean): Generator<ConversationSummary> {
    return (function* candidates() {
      for (const id of ids) for (const c of shops.get(id)!.conversations.values()) if (filter(c)) yield c;
    })();
  }

  return {
    async openShop(shopId) {
      if (shops.has(shopId)) return;
      await deps.streams.open(shopId);
      const shop: ShopIndex = { conversations: new Map(), byBuyer: new Map(), unread: 0, waiting: 0 };
      for (const conversation of deps.streams.conversations(shopId)) {
        put(shop, conversation);
        if (conversation.waitingSince !== null || conversation.assigneeId !== null) {
          router.restore(routedChat(conversation), conversation.assigneeId, conversation.assignedAt ?? 0);
        }
        if (conversation.transfer)
          transfers.push({
            shopId,
            conversationId: conversation.id,
            buyerNick: conversation.buyer.nick,
            transfer: conversation.transfer,
          });
      }
      transfers.sort((a, b) => b.transfer.at - a.transfer.at).splice(RECENT_TRANSFERS);
      shops.set(shopId, shop);
    },
    async closeShop(shopId) {
      const shop = shops.get(shopId);
      if (!shop) return;
      shops.delete(shopId);
      // Its chats leave routing; agents who held them get room for other shops' chats.
      const assignments: Assignment[] = [];
      for (const c of shop.conversations.values())
        if (router.assigneeOf(chatKey(shopId, c.id)) !== null || c.status === 'waiting')
          assignments.push(...router.release(chatKey(shopId, c.id), c.updatedAt));
      await deps.streams.close(shopId);
      await commit(fold(assignments));
    },
    async ingestBuyerMessage(incoming) {
      const shop = index(incoming.shopId);
      const settings = deps.settingsOf(incoming.shopId);
      const text =
        incoming.text.length > MAX_MESSAGE_CHARS ? `${incoming.text.slice(0, MAX_MESSAGE_CHARS)}…` : incoming.text;
      const existingId = shop.byBuyer.get(incoming.buyer.id);
      const previous = existingId === undefined ? undefined : shop.conversations.get(existingId);
      const conversationId = previous?.id ?? deps.ids.next('conv');
      const message: Message = {
        id: deps.ids.next('msg'),
        conversationId,
        shopId: incoming.shopId,
        from: 'buyer',
        kind: incoming.kind ?? 'text',
        text,
        ref: incoming.ref ?? null,
        authorId: null,
        at: incoming.at,
      };
      // A message to a chat nobody was waiting on opens a new response round.
      const newRound = previous === undefined || previous.waitingSince === null;
      const waitingSince = newRound ? incoming.at : previous!.waitingSince!;
      const conversation: ConversationSummary = {
        id: conversationId,
        shopId: incoming.shopId,
        buyer: { id: incoming.buyer.id, nick: incoming.buyer.nick },
        lastMessage: { text, at: incoming.at },
        status: 'waiting',
        unread: (previous?.unread ?? 0) + 1,
        waitingSince,
        dueAt: waitingSince + settings.responseWindowSeconds * 1000,
        group: previous?.group ?? incoming.group ?? 'presale',
        assigneeId: previous?.assigneeId ?? null,
        assignedAt: previous?.assignedAt ?? null,
        lastAgent: previous?.lastAgent ?? null,
        tags: previous?.tags ?? [],
        note: previous?.note ?? '',
        transfer: previous?.transfer ?? null,
        updatedAt: incoming.at,
      };
      put(shop, conversation);
      const touched = fold(router.waiting(routedChat(conversation), incoming.at));
      touched.get(incoming.shopId)?.delete(conversationId);
      const rounds: ResponseRound[] = newRound
        ? [{ conversationId, startedAt: incoming.at, answeredAt: null, agentId: null, group: conversation.group }]
        : [];
      const cursor = incoming.cursor === undefined ? {} : { connectorCursor: incoming.cursor };
      await commit(touched, {
        shopId: incoming.shopId,
        write: { conversations: [shop.conversations.get(conversationId)!], messages: [message], rounds, ...cursor },
      });
      if (shops.get(incoming.shopId) !== shop) return;
      deps.bus.emit({
        name: 'inbox.messageReceived',
        payload: {
          shopId: incoming.shopId,
          conversation: shop.conversations.get(conversationId) ?? conversation,
          message,
          shopUnread: shop.unread,
        },
      });
    },
    async ingestBotReply(incoming) {
      const shop = index(incoming.shopId);
      const conversationId = shop.byBuyer.get(incoming.buyerId);
      const conversation = conversationId === undefined ? undefined : shop.conversations.get(conversationId);
      if (!conversation) throw new AppError('not_found', `no chat with buyer ${incoming.buyerId}`);
      const text =
        incoming.text.length > MAX_MESSAGE_CHARS ? `${incoming.text.slice(0, MAX_MESSAGE_CHARS)}…` : incoming.text;
      const message: Message = {
        id: deps.ids.next('msg'),
        conversationId: conversation.id,
        shopId: incoming.shopId,
        from: 'agent',
        kind: 'text',
        text,
        ref: null,
        authorId: null,
        at: incoming.at,
      };
      await deps.streams.write(incoming.shopId, { messages: [message] });
      if (shops.get(incoming.shopId) !== shop) return;
      deps.bus.emit({
        name: 'inbox.replied',
        payload: {
          shopId: incoming.shopId,
          conversation: shop.conversations.get(conversation.id) ?? conversation,
          message,
          shopUnread: shop.unread,
        },
      });
    },
    listConversations(session, shopId, view, limit) {
      const ids = visibleShopIds(session).filter((id) => shopId === null || id === shopId);
      switch (view) {
        case 'urgent':
          return mostUrgent(
            list(ids, () => true),
            limit,
          );
        case 'recent':
          return firstInOrder(
            list(ids, () => true),
            limit,
            byRecency,
          );
        case 'mine':
          return mostUrgent(
            list(ids, (c) => c.assigneeId === session.userId),
            limit,
          );
        case 'queue':
          return multiplexQueue(
            [...list(ids, (c) => c.status === 'waiting' && c.assigneeId === null)].map((c) => ({
              id: c.id,
              shopId: c.shopId,
              dueAt: c.dueAt ?? 0,
              c,
            })),
            { limit, served: router.served() },
          ).map((q) => q.c);
        default:
          return view satisfies never;
      }
    },
    listMessages(shopId, conversationId, limit, before) {
      requireConversation(shopId, conversationId);
      return deps.streams.messages(shopId, conversationId, limit, before);
    },
    conversation: (shopId, conversationId) => shops.get(shopId)?.conversations.get(conversationId),
    conversationOfBuyer(shopId, buyerId) {
      const shop = shops.get(shopId);
      const id = shop?.byBuyer.get(buyerId);
      return id === undefined ? undefined : shop!.conversations.get(id);
    },
    async markRead(shopId, conversationId, tx) {
      const current = requireConversation(shopId, conversationId);
      if (current.unread === 0) return;
      const shop = index(shopId);
      const conversation = { ...current, unread: 0 };
      put(shop, conversation);
      tx.record({ unread: { from: current.unread, to: 0 } });
      await tx.write(shopId, { conversations: [conversation] });
      deps.bus.emit({ name: 'inbox.conversationUpdated', payload: { shopId, conversation, shopUnread: shop.unread } });
    },
    async reply(session, { shopId, conversationId, text, card, imageRef }, tx, delivery) {
      const { at } = tx;
      const current = requireConversation(shopId, conversationId);
      // Replying to someone else's chat needs a take-over (or a transfer) first: one voice per buyer.
      if (current.assigneeId !== null && current.assigneeId !== session.userId) {
        throw new AppError('not_assignee', 'a colleague is serving this chat', { assigneeId: current.assigneeId });
      }
      const banned = findBannedPhrase(text, [...deps.settingsOf(shopId).bannedPhrases, ...DEFAULT_BANNED_PHRASES]);
      if (banned) throw new AppError('banned_phrase', 'the reply contains a banned phrase', banned);
      const shop = index(shopId);
      // A card shows the buyer one of their own orders in this shop, never anyone else's.
      if (card?.kind === 'order' && deps.streams.order(shopId, card.orderId)?.buyerId !== current.buyer.id)
        throw new AppError('not_found', 'no such order of this buyer in this shop');
      const id = deps.ids.next('msg');
      const row = delivery?.(id, at) ?? null;
      const message: Message = {
        id,
        conversationId,
        shopId,
        from: 'agent',
        kind: imageRef ? 'image' : (card?.kind ?? 'text'),
        text,
        ref: imageRef ?? (card?.kind === 'order' ? card.orderId : card?.kind === 'product' ? card.sku : null),
        authorId: session.userId,
        at,
        ...(row ? { delivery: { state: row.state, note: row.note } } : {}),
      };
      const preview = imageRef ? '[图片]' : card ? `[${message.ref}]` : '';
      const rounds: ResponseRound[] =
        current.waitingSince === null
          ? []
          : [
              {
                conversationId,
                startedAt: current.waitingSince,
                answeredAt: at,
                agentId: session.userId,
                // Kept only if the round's first write had none (a round begun before groups were stored).
                group: current.group,
              },
            ];
      // A reply answers the buyer's round: nothing waits any more, and what the agent saw is read.
      const conversation: ConversationSummary = {
        ...current,
        lastMessage: { text: text === '' ? preview : text, at },
        status: 'active',
        unread: 0,
        waitingSince: null,
        dueAt: null,
        lastAgent: { id: session.userId, at },
        updatedAt: at,
      };
      put(shop, conversation);
      const touched = fold(
        router.answered(chatKey(shopId, conversationId), session.userId, routedChat(conversation), at),
      );
      touched.get(shopId)?.delete(conversationId);
      tx.record({
        message: { to: { id: message.id, kind: message.kind, text: message.text, ref: message.ref } },
        ...changesBetween(current, conversation, AUDITED_FIELDS),
      });
      await commit(
        touched,
        {
          shopId,
          write: {
            conversations: [shop.conversations.get(conversationId)!],
            messages: [message],
            rounds,
            ...(row ? { deliveries: [row] } : {}),
          },
        },
        tx.write,
      );
      deps.bus.emit({
        name: 'inbox.replied',
        payload: {
          shopId,
          conversation: shop.conversations.get(conversationId) ?? conversation,
          message,
          shopUnread: shop.unread,
        },
      });
      return message;
    },
    claim(session, shopId, conversationId, tx) {
      return change(
        shopId,
        conversationId,
        (chat) => router.claim(chat, session.userId, tx.at),
        (c) => c,
        tx,
      );
    },
    async transfer(session, shopId, conversationId, to, reason, tx) {
      const { at } = tx;
      const current = requireConversation(shopId, conversationId);
      requireMayAct(session, current);
      const settings = deps.settingsOf(shopId);
      const record: Transfer = {
        fromId: current.assigneeId ?? session.userId,
        toId: 'agentId' in to ? to.agentId : null,
        group: 'group' in to ? to.group : null,
        reason,
        at,
      };
      const note = systemMessage(shopId, conversationId, reason, { event: 'transfer', ...record }, session.userId, at);
      const result = await change(
        shopId,
        conversationId,
        (chat) => {
          return 'agentId' in to ? router.transferToAgent(chat, to.agentId, at) : router.transferToGroup(chat, at);
        },
        (c) => {
          // A chat handed to a group waits for its new agent like a buyer's new round.
          const waitingSince = c.waitingSince ?? ('group' in to ? at : null);
          return {
            ...c,
            group: 'group' in to ? to.group : c.group,
            status: waitingSince === null ? c.status : 'waiting',
            waitingSince,
            dueAt: waitingSince === null ? null : (c.dueAt ?? at + settings.responseWindowSeconds * 1000),
            transfer: record,
            updatedAt: at,
          };
        },
        tx,
        { messages: [note] },
      );
      transfers.unshift({ shopId, conversationId, buyerNick: current.buyer.nick, transfer: record });
      transfers.splice(RECENT_TRANSFERS);
      return result;
    },
    takeOver(session, shopId, conversationId, tx) {
      const { at } = tx;
      const current = requireConversation(shopId, conversationId);
      const note = systemMessage(
        shopId,
        conversationId,
        '',
        { event: 'takeOver', fromId: current.assigneeId, toId: session.userId, at },
        session.userId,
        at,
      );
      return change(
        shopId,
        conversationId,
        (chat) => router.takeOver(chat, session.userId, at),
        (c) => c,
        tx,
        { messages: [note] },
      );
    },
    setAside(session, shopId, conversationId, status, tx) {
      const { at } = tx;
      requireMayAct(session, requireConversation(shopId, conversationId));
      return change(
        shopId,
        conversationId,
        (chat) => router.release(chat.key, at),
        (c) => ({
          ...c,
          status,
          waitingSince: null,
          dueAt: null,
          unread: 0,
          assigneeId: null,
          assignedAt: null,
          updatedAt: at,
        }),
        tx,
      );
    },
    setNote(session, shopId, conversationId, note, tags, tx) {
      requireMayAct(session, requireConversation(shopId, conversationId));
      return change(
        shopId,
        conversationId,
        () => [],
        (c) => ({ ...c, note, tags: [...new Set(tags)] }),
        tx,
      );
    },
    search(session, query, options) {
      const ids = visibleShopIds(session).filter((id) => options.shopId === null || id === options.shopId);
      const passes = (conversation: ConversationSummary) =>
        (options.status === null || conversation.status === options.status) &&
        (options.assigneeId === null || conversation.assigneeId === options.assigneeId);
      const inRange = (at: number) =>
        (options.from === null || at >= options.from) && (options.to === null || at <= options.to);
      const needle = query.toLowerCase();
      // Order and tracking numbers first (an exact identifier), then buyers by nickname, then messages by recency.
      const orderHits: SearchHit[] = [];
      const buyerHits: SearchHit[] = [];
      const messageHits: SearchHit[] = [];
      for (const shopId of ids) {
        const shop = shops.get(shopId)!;
        for (const order of deps.streams.findOrders(shopId, query, options.limit)) {
          const conversationId = shop.byBuyer.get(order.buyerId);
          const conversation = conversationId === undefined ? undefined : shop.conversations.get(conversationId);
          if (conversation && passes(conversation) && inRange(order.paidAt))
            orderHits.push({ match: 'order', conversation, message: null, order });
        }
        for (const conversation of shop.conversations.values()) {
          if (buyerHits.length >= options.limit) break;
          if (
            conversation.buyer.nick.toLowerCase().includes(needle) &&
            passes(conversation) &&
            inRange(conversation.updatedAt)
          ) {
            buyerHits.push({ match: 'buyer', conversation, message: null, order: null });
          }
        }
        // Filters on the conversation are applied after the text match, so ask for more than the page.
        const messages = deps.streams.search(shopId, query, {
          from: options.from,
          to: options.to,
          limit: options.limit * 4,
        });
        for (const message of messages) {
          const conversation = shop.conversations.get(message.conversationId);
          if (conversation && passes(conversation))
            messageHits.push({ match: 'message', conversation, message, order: null });
        }
      }
      buyerHits.sort((a, b) => b.conversation.updatedAt - a.conversation.updatedAt);
      messageHits.sort((a, b) => b.message!.at - a.message!.at);
      return [...orderHits, ...buyerHits, ...messageHits].slice(0, options.limit);
    },
    counts(session) {
      const counts: Record<string, ShopCounts> = {};
      for (const id of visibleShopIds(session)) {
        const shop = shops.get(id)!;
        counts[id] = { unread: shop.unread, waiting: shop.waiting };
      }
      return counts;
    },
    applyAssignments: (assignments) => (assignments.length === 0 ? Promise.resolve() : commit(fold(assignments))),
    async sweep(at) {
      const idle: [string, string][] = [];
      for (const { chat } of router.held()) {
        if (chat.waitingSince !== null) continue;
        const [shopId, conversationId] = splitKey(chat.key);
        const conversation = shops.get(shopId)?.conversations.get(conversationId);
        if (conversation && at - conversation.updatedAt >= deps.settingsOf(shopId).autoCloseAfterMinutes * 60_000)
          idle.push([shopId, conversationId]);
      }
      const assignments = router.sweep(at);
      for (const [shopId, conversationId] of idle) {
        const shop = shops.get(shopId)!;
        const current = shop.conversations.get(conversationId)!;
        put(shop, { ...current, status: 'closed', assigneeId: null, assignedAt: null, updatedAt: current.updatedAt });
        assignments.push(...router.release(chatKey(shopId, conversationId), at));
      }
      const touched = fold(assignments);
      for (const [shopId, conversationId] of idle) {
        let forShop = touched.get(shopId);
        if (!forShop) touched.set(shopId, (forShop = new Map()));
        forShop.set(conversationId, shops.get(shopId)!.conversations.get(conversationId)!);
      }
      if (touched.size > 0) await commit(touched);
    },
    shopLoads(session, presenceIn, at) {
      return visibleShopIds(session).map((shopId) => {
        const shop = shops.get(shopId)!;
        let queued = 0;
        let breached = 0;
        let longest: number | null = null;
        for (const c of shop.conversations.values()) {
          if (c.status !== 'waiting' || c.waitingSince === null) continue;
          if (c.assigneeId === null) queued += 1;
          if (c.dueAt !== null && c.dueAt <= at) breached += 1;
          if (longest === null || c.waitingSince < longest) longest = c.waitingSince;
        }
        const presence = presenceIn(shopId);
        return {
          shopId,
          waiting: shop.waiting,
          queued,
          breached,
          longestWaitSince: longest,
          agentsReceiving: presence.receiving,
          onlineNotReceiving: presence.onlineNotReceiving,
          whenNobodyOnline: deps.settingsOf(shopId).whenNobodyOnline,
        };
      });
    },
    waitingByAgent() {
      const result = new Map<string, { waiting: number; longestWaitSince: number | null }>();
      for (const { chat, assigneeId } of router.held()) {
        if (chat.waitingSince === null) continue;
        const entry = result.get(assigneeId) ?? { waiting: 0, longestWaitSince: null };
        entry.waiting += 1;
        if (entry.longestWaitSince === null || chat.waitingSince < entry.longestWaitSince)
          entry.longestWaitSince = chat.waitingSince;
        result.set(assigneeId, entry);
      }
      return result;
    },
    recentTransfers(session) {
      return transfers.filter((t) => session.shopIds === 'all' || session.shopIds.includes(t.shopId));
    },
  };
}
