// The unified inbox: conversations across shops, routing, agents' status, search and the supervisor view.
import { z } from 'zod';
import { empty, ShopId, Timestamp } from './common.ts';
import { command, conversationTarget, defineMethods, event, query } from './define.ts';
import { MAX_IMAGE_BYTES, MEDIA_REF } from '../domain/image-file.ts';
import { Order } from './orders.ts';
import { QuickPhrase } from './shops.ts';

export const Buyer = z.object({ id: z.string(), nick: z.string() });

/** waiting: the buyer's round is unanswered · active: answered, still open · snoozed: set aside until the buyer writes · closed. */
export const ConversationStatus = z.enum(['waiting', 'active', 'snoozed', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** Routing groups (售前/售后); shops may name more. */
export const RoutingGroup = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'invalid group');
export const DEFAULT_GROUPS = ['presale', 'aftersale'] as const;

export const Transfer = z.object({
  fromId: z.string().nullable(),
  toId: z.string().nullable(),
  group: RoutingGroup.nullable(),
  reason: z.string(),
  at: Timestamp,
});
export type Transfer = z.infer<typeof Transfer>;

export const Tag = z.string().trim().min(1).max(20);

export const ConversationSummary = z.object({
  id: z.string(),
  shopId: ShopId,
  buyer: Buyer,
  lastMessage: z.object({ text: z.string(), at: Timestamp }),
  status: ConversationStatus,
  unread: z.number().int().nonnegative(),
  /** When the buyer's current unanswered round began; null when nothing waits for a reply. */
  waitingSince: Timestamp.nullable(),
  /** When the shop's platform response rule is breached for this round (waitingSince + window); null when not waiting. */
  dueAt: Timestamp.nullable(),
  group: RoutingGroup,
  /** The person serving this chat; null while it waits in the queue (or nobody holds it). */
  assigneeId: z.string().nullable(),
  assignedAt: Timestamp.nullable(),
  /** Who answered last and when: a returning buyer goes back to them within the shop's window (3 days). */
  lastAgent: z.object({ id: z.string(), at: Timestamp }).nullable(),
  tags: z.array(Tag).max(10),
  /** A private note for colleagues; never shown to the buyer. */
  note: z.string().max(500),
  /** The last transfer, so the receiver sees why the chat came to them. */
  transfer: Transfer.nullable(),
  updatedAt: Timestamp,
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const MessageKind = z.enum(['text', 'image', 'order', 'product', 'system']);

/**
 * An agent message on its way to the buyer: sending (queued for the shop's platform, retried while it is offline),
 * sent (the platform took it), failed (the platform refused it, with its reason; it can be sent again).
 */
export const DeliveryState = z.enum(['sending', 'sent', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryState>;
/** The note on a message `sending` while its platform cannot be reached (it goes when the platform is back). */
export const WAITING_FOR_PLATFORM = 'platform_unreachable';

export const Message = z.object({
  id: z.string(),
  conversationId: z.string(),
  shopId: ShopId,
  from: z.enum(['buyer', 'agent', 'system']),
  kind: MessageKind,
  /** text: the words; image: a caption; order: the buyer's words with the card; system: the reason or note. */
  text: z.string(),
  /**
   * image: its URL as the platform sent it (never fetched), or `media:<sha-256>.<ext>` for a picture stored here;
   * order: the order id; product: the SKU (商家编码); system: what happened (JSON).
   */
  ref: z.string().nullable(),
  /** The person who sent an agent message. */
  authorId: z.string().nullable(),
  at: Timestamp,
  /** Agent messages only: where the message stands with the platform (none for older messages). */
  delivery: z.object({ state: DeliveryState, note: z.string().nullable() }).nullable().optional(),
});
export type Message = z.infer<typeof Message>;

export const ShopCounts = z.object({
  unread: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
});
export type ShopCounts = z.infer<typeof ShopCounts>;

export const AgentStatus = z.enum(['online', 'paused', 'offline']);
export type AgentStatus = z.infer<typeof AgentStatus>;

/** A colleague as routing sees them: for the transfer dialog and the supervisor view. */
export const AgentInfo = z.object({
  id: z.string(),
  displayName: z.string(),
  roleLabel: z.string(),
  status: AgentStatus,
  /** Every window where the person is logged in is locked (locking does not change routing; the status stands). */
  locked: z.boolean(),
  /** Whether routing gives this person new chats now: online, taking part in routing (opt-in), with capacity. */
  receivesChats: z.boolean(),
  optIn: z.boolean(),
  groups: z.array(RoutingGroup),
  shopIds: z.union([z.literal('all'), z.array(ShopId)]),
  /** Current load (sum of chat costs) against capacity. */
  load: z.number().nonnegative(),
  capacity: z.number().int().nonnegative(),
  /** Chats held, and of those how many wait for this agent's reply (the oldest since when). */
  chats: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
  longestWaitSince: Timestamp.nullable(),
});
export type AgentInfo = z.infer<typeof AgentInfo>;

export const ShopLoad = z.object({
  shopId: ShopId,
  /** Buyers waiting for a reply, and of those how many nobody holds (the queue). */
  waiting: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  longestWaitSince: Timestamp.nullable(),
  /** Waiting past the platform's response window. */
  breached: z.number().int().nonnegative(),
  /** People who would be given a new chat of this shop now (online, taking part in routing, with capacity). */
  agentsReceiving: z.number().int().nonnegative(),
  /** People logged in and online here who take no part in routing (the owner, a supervisor not opted in). */
  onlineNotReceiving: z.number().int().nonnegative(),
  /** What the shop does with a chat nobody can take: the main account, or the pool. */
  whenNobodyOnline: z.enum(['mainAccount', 'pool']),
});
export type ShopLoad = z.infer<typeof ShopLoad>;

export const SupervisorView = z.object({
  at: Timestamp,
  agents: z.array(AgentInfo),
  shops: z.array(ShopLoad),
  /** The last transfers in scope, newest first. */
  transfers: z.array(
    z.object({ shopId: ShopId, conversationId: z.string(), buyerNick: z.string(), transfer: Transfer }),
  ),
});
export type SupervisorView = z.infer<typeof SupervisorView>;

/** What a locked desk may show: how many buyers wait, never who or what they wrote. */
export const LockedSummary = z.object({
  /** Chats held by this person that wait for a reply. */
  mine: z.number().int().nonnegative(),
  /** Chats nobody holds in the person's shops. */
  queued: z.number().int().nonnegative(),
});
export type LockedSummary = z.infer<typeof LockedSummary>;

/**
 * A search hit: a message containing the words, a buyer whose nickname does, or an order whose number or tracking
 * number does (the hit opens the buyer's chat).
 */
export const SearchHit = z.object({
  match: z.enum(['message', 'buyer', 'order']),
  conversation: ConversationSummary,
  message: Message.nullable(),
  order: Order.nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

const ConversationId = z.string().min(1).max(128);
const ChatRef = z.object({ shopId: ShopId, conversationId: ConversationId }).strict();
/** A command on one chat: its entry goes into the shop's log, naming the conversation. */
const chatAudit = { log: 'shop', target: conversationTarget } as const;

export const inboxMethods = defineMethods('inbox', {
  /**
   * urgent: waiting chats by breach time, then the rest by activity · queue: waiting chats nobody holds, in the
   * multiplexer's fair order · mine: chats the caller holds · recent: by last activity.
   */
  'inbox.listConversations': query(
    z
      .object({
        shopId: ShopId.nullable().default(null),
        view: z.enum(['urgent', 'queue', 'mine', 'recent']).default('urgent'),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
    z.array(ConversationSummary),
    'inbox.view',
  ),
  /** The newest `limit` messages, or the page before the message `before` (history paging). */
  'inbox.listMessages': query(
    z
      .object({
        shopId: ShopId,
        conversationId: ConversationId,
        limit: z.number().int().min(1).max(500).default(50),
        before: z.string().min(1).max(128).nullable().default(null),
      })
      .strict(),
    z.object({ messages: z.array(Message), more: z.boolean() }),
    'inbox.view',
  ),
  'inbox.markRead': command(ChatRef, z.null(), 'inbox.view', chatAudit),
  'inbox.counts': query(empty, z.record(z.string(), ShopCounts), 'inbox.view'),
  /** Sends an agent's reply; refused with `banned_phrase` (details: phrase, suggestion) by the language guard. */
  'inbox.reply': command(
    ChatRef.extend({
      text: z.string().trim().max(2000),
      /** A card sent with the reply: one of this buyer's orders in this shop, or a product the shop sells. */
      card: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('order'), orderId: z.string().min(1).max(128) }).strict(),
          z.object({ kind: z.literal('product'), sku: z.string().min(1).max(64) }).strict(),
        ])
        .optional(),
      /** A picture sent with the reply (PNG, JPEG, GIF or WebP, at most 700 KB), as base64; the text is its caption. */
      image: z
        .object({
          data: z
            .string()
            .min(8)
            .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 4)
            .base64(),
        })
        .strict()
        .optional(),
    })
      .strict()
      .refine((input) => input.text !== '' || input.card !== undefined || input.image !== undefined, {
        message: 'a reply needs text, a card or a picture',
      })
      .refine((input) => input.card === undefined || input.image === undefined, {
        message: 'a picture and a card go in separate replies',
      }),
    Message,
    'inbox.reply',
    chatAudit,
  ),
  /**
   * The caller's routing status: online takes chats, paused (挂起) keeps only returning buyers, offline none. A
   * locked desk may set it too (a person leaving the desk pauses; the idle pause a shop asks for runs while locked).
   */
  'inbox.setStatus': command(
    z.object({ status: AgentStatus }).strict(),
    AgentInfo,
    'inbox.reply',
    { log: 'org', target: 'self' },
    { whenLocked: true },
  ),
  /** For the lock screen: how many buyers wait for the caller and in the queue of their shops (counts only). */
  'inbox.lockedSummary': query(empty, LockedSummary, 'inbox.view', { whenLocked: true }),
  /** Colleagues who serve the shop (or every shop in scope), with status and load. */
  'inbox.agents': query(
    z.object({ shopId: ShopId.nullable().default(null) }).strict(),
    z.array(AgentInfo),
    'inbox.view',
  ),
  /** Sends a reply the platform refused once more (after the agent changed nothing, or the platform's rule changed). */
  'inbox.resend': command(
    ChatRef.extend({ messageId: z.string().min(1).max(128) }).strict(),
    Message,
    'inbox.reply',
    chatAudit,
  ),
  /** A picture stored in this shop (the `media:` reference of a message), as base64 with its type. */
  'inbox.media': query(
    ChatRef.extend({ ref: z.string().regex(MEDIA_REF) }).strict(),
    z.object({ mime: z.string(), data: z.string() }),
    'inbox.view',
  ),
  /** Takes a chat nobody holds; `conflict` when someone else got it first. */
  'inbox.claim': command(ChatRef, ConversationSummary, 'inbox.reply', chatAudit),
  /** Hands the chat to a colleague (who must be online or paused) or back to a group's queue, with a reason. */
  'inbox.transfer': command(
    ChatRef.extend({
      to: z.union([
        z.object({ agentId: z.string().min(1).max(64) }).strict(),
        z.object({ group: RoutingGroup }).strict(),
      ]),
      reason: z.string().trim().min(1).max(200),
    }).strict(),
    ConversationSummary,
    'inbox.reply',
    chatAudit,
  ),
  /** A supervisor takes a chat from whoever holds it. */
  'inbox.takeOver': command(ChatRef, ConversationSummary, 'inbox.supervise', chatAudit),
  'inbox.close': command(ChatRef, ConversationSummary, 'inbox.reply', chatAudit),
  /** Sets the chat aside until the buyer writes again. */
  'inbox.snooze': command(ChatRef, ConversationSummary, 'inbox.reply', chatAudit),
  'inbox.setNote': command(
    ChatRef.extend({ note: z.string().max(500), tags: z.array(Tag).max(10) }).strict(),
    ConversationSummary,
    'inbox.reply',
    chatAudit,
  ),
  /** The caller's own quick phrases (shown after the shop's). */
  'inbox.myPhrases': query(empty, z.array(QuickPhrase), 'inbox.reply'),
  'inbox.setMyPhrases': command(
    z.object({ quickPhrases: z.array(QuickPhrase).max(100) }).strict(),
    z.array(QuickPhrase),
    'inbox.reply',
    {
      log: 'org',
      target: 'self',
    },
  ),
  /** Full-text search (trigram, so Chinese works) across the shops in scope. */
  'inbox.search': query(
    z
      .object({
        // NUL and other control characters never reach SQLite (a NUL ends the pattern early, or breaks the FTS query).
        query: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .regex(/^\P{Cc}*$/u, 'a search may not contain control characters'),
        shopId: ShopId.nullable().default(null),
        status: ConversationStatus.nullable().default(null),
        assigneeId: z.string().min(1).max(64).nullable().default(null),
        from: z.number().int().nonnegative().nullable().default(null),
        to: z.number().int().nonnegative().nullable().default(null),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.array(SearchHit),
    'inbox.view',
  ),
  /** Live load per agent and per shop, queue depth, longest wait, recent transfers (scope: the caller's shops). */
  'inbox.supervisor': query(empty, SupervisorView, 'inbox.supervise'),
});

/** A message added to a conversation (a buyer's, or an agent's reply), with the conversation as it now stands. */
const MessageAdded = z.object({
  shopId: ShopId,
  conversation: ConversationSummary,
  message: Message,
  /** The shop's total unread count after this message. */
  shopUnread: z.number().int().nonnegative(),
});

export const inboxEvents = {
  'inbox.messageReceived': event(MessageAdded, 'inbox.view'),
  'inbox.replied': event(MessageAdded, 'inbox.view'),
  /** A system note in the history: a transfer (with its reason) or a take-over. */
  'inbox.noteAdded': event(MessageAdded, 'inbox.view'),
  /** An agent message's delivery to the platform changed (sent, refused, sending again). */
  'inbox.messageUpdated': event(
    z.object({ shopId: ShopId, conversationId: z.string(), message: Message }),
    'inbox.view',
  ),
  'inbox.conversationUpdated': event(
    z.object({
      shopId: ShopId,
      conversation: ConversationSummary,
      shopUnread: z.number().int().nonnegative(),
    }),
    'inbox.view',
  ),
} as const;
