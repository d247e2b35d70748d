// The method map: every call the renderer can make, with its input schema, output schema and the permission it
// needs ('public': anyone, 'session': any logged-in person, or a node of the permission tree). Methods are
// `domain.verb`. Every input field that names a shop — by shop id, archive id, in a list or nested — is declared in
// the method's `shopScope` and checked against the session's shops by dispatch; a top-level `shopId` is declared
// by default. A contract test walks every input schema and fails on a shop-naming field no scope rule covers.
import { z } from 'zod';
import type { Permission } from './permissions.ts';
import {
  AppInfo,
  AppSettings,
  Language,
  NotificationSettings,
  QuickPhrase,
  ArchiveId,
  ArchivedShop,
  ConnectorSettings,
  ShopChanges,
  AgentInfo,
  AgentStatus,
  ConversationStatus,
  ConversationSummary,
  InboxSettings,
  LockedSummary,
  Message,
  RoutingGroup,
  SearchHit,
  SupervisorView,
  Tag,
  NewShop,
  Order,
  SessionInfo,
  Shop,
  ShopCounts,
  ShopId,
  StorageNotice,
} from './schemas.ts';

export type MethodPermission = 'public' | 'session' | Permission;

/**
 * Paths in a method's validated input that name shops: `shopId`, `to.shopId`, `shopIds[]`. A path whose last key
 * ends in `archiveId` names the shop the archive belongs to.
 */
export type ShopScope = readonly string[];

export type MethodDef = Readonly<{
  input: z.ZodType;
  output: z.ZodType;
  permission: MethodPermission;
  whenLocked?: boolean;
  shopScope: ShopScope;
  /** Shop-naming paths that are deliberately not scope-checked, each for a stated reason (none reads or changes shop data). */
  shopScopeExempt: ShopScope;
}>;

const empty = z.object({}).strict();
const ConversationId = z.string().min(1).max(128);
const ChatRef = z.object({ shopId: ShopId, conversationId: ConversationId }).strict();

function method<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  permission: MethodPermission,
  options: Readonly<{ whenLocked?: boolean; shopScope?: ShopScope; shopScopeExempt?: ShopScope }> = {},
) {
  const topLevelShopId = input instanceof z.ZodObject && Object.hasOwn(input.shape, 'shopId') ? ['shopId'] : [];
  return {
    input,
    output,
    permission,
    whenLocked: options.whenLocked ?? false,
    shopScope: options.shopScope ?? topLevelShopId,
    shopScopeExempt: options.shopScopeExempt ?? [],
  } as const;
}

/** A PIN unlocks a locked session on a shared desk: 4 to 8 digits. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

export const methods = {
  'app.info': method(empty, AppInfo, 'public'),
  'app.notices': method(empty, z.array(StorageNotice), 'session'),

  'settings.get': method(empty, AppSettings, 'public', { whenLocked: true }),
  /** The interface language is a device preference that the login page can change too. */
  'settings.setLanguage': method(z.object({ language: Language }).strict(), AppSettings, 'public', { whenLocked: true }),
  /** Notification preferences of this device: anyone logged in may mute shops or set quiet hours. */
  // Muted shops are this device's preference, shared by whoever uses it: a person saves the whole list, including
  // shops of colleagues they do not serve; muting reads and changes no shop data.
  'settings.setNotifications': method(z.object({ notifications: NotificationSettings }).strict(), AppSettings, 'session', {
    shopScopeExempt: ['notifications.mutedShopIds[]'],
  }),
  'settings.update': method(AppSettings.pick({ idleLockMinutes: true }).strict(), AppSettings, 'settings.app'),

  'session.login': method(
    z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    SessionInfo,
    'public',
  ),
  'session.current': method(empty, SessionInfo.nullable(), 'public'),
  'session.logout': method(empty, z.null(), 'session', { whenLocked: true }),
  'session.lock': method(empty, SessionInfo, 'session'),
  'session.unlock': method(z.object({ secret: z.string().min(1).max(256) }).strict(), SessionInfo, 'session', { whenLocked: true }),
  'session.setPin': method(z.object({ pin: Pin, password: z.string().min(1).max(256) }).strict(), SessionInfo, 'session'),
  /**
   * Browser mode: a short-lived, single-use token with which this tab resumes its session after a reload (kept in
   * the tab's sessionStorage, never in the URL). Logging out revokes it; a restart of the console ends it.
   */
  'session.resumeToken': method(empty, z.object({ token: z.string(), expiresAt: z.number().int() }), 'session', { whenLocked: true }),
  'session.resume': method(z.object({ token: z.string().min(20).max(100) }).strict(), SessionInfo, 'public'),

  'shops.list': method(empty, z.array(Shop), 'session'),
  'shops.add': method(NewShop.strict(), Shop, 'settings.shops', { shopScope: ['copyRulesFrom'] }),
  'shops.update': method(
    ShopChanges.extend({ shopId: ShopId }).refine((input) => Object.keys(input).length > 1, 'nothing to change'),
    Shop,
    'settings.shops',
  ),
  /** Response rules, routing options, quick phrases and the banned list of one shop. */
  'shops.updateInbox': method(
    InboxSettings.partial().extend({ shopId: ShopId }).strict().refine((input) => Object.keys(input).length > 1, 'nothing to change'),
    Shop,
    'inbox.supervise',
  ),
  'shops.setConnector': method(ConnectorSettings.extend({ shopId: ShopId }), Shop, 'settings.shops'),
  /** Moves the shop's folder into the archive: its data is kept and it can be restored. */
  'shops.archive': method(z.object({ shopId: ShopId }).strict(), ArchivedShop, 'settings.shops'),
  'shops.listArchived': method(empty, z.array(ArchivedShop), 'settings.shops'),
  'shops.restore': method(z.object({ archiveId: ArchiveId }).strict(), Shop, 'settings.shops', { shopScope: ['archiveId'] }),

  /**
   * urgent: waiting chats by breach time, then the rest by activity · queue: waiting chats nobody holds, in the
   * multiplexer's fair order · mine: chats the caller holds · recent: by last activity.
   */
  'inbox.listConversations': method(
    z.object({
      shopId: ShopId.nullable().default(null),
      view: z.enum(['urgent', 'queue', 'mine', 'recent']).default('urgent'),
      limit: z.number().int().min(1).max(500).default(200),
    }).strict(),
    z.array(ConversationSummary),
    'inbox.view',
  ),
  /** The newest `limit` messages, or the page before the message `before` (history paging). */
  'inbox.listMessages': method(
    z.object({
      shopId: ShopId,
      conversationId: ConversationId,
      limit: z.number().int().min(1).max(500).default(50),
      before: z.string().min(1).max(128).nullable().default(null),
    }).strict(),
    z.object({ messages: z.array(Message), more: z.boolean() }),
    'inbox.view',
  ),
  'inbox.markRead': method(ChatRef, z.null(), 'inbox.view'),
  'inbox.counts': method(empty, z.record(z.string(), ShopCounts), 'inbox.view'),
  /** Sends an agent's reply; refused with `banned_phrase` (details: phrase, suggestion) by the language guard. */
  'inbox.reply': method(
    ChatRef.extend({
      text: z.string().trim().max(2000),
      /** A card sent with the reply: one of this buyer's orders in this shop. */
      card: z.object({ kind: z.literal('order'), orderId: z.string().min(1).max(128) }).strict().optional(),
    })
      .strict()
      .refine((input) => input.text !== '' || input.card !== undefined, 'a reply needs text or a card'),
    Message,
    'inbox.reply',
  ),
  /**
   * The caller's routing status: online takes chats, paused (挂起) keeps only returning buyers, offline none. A
   * locked desk may set it too (a person leaving the desk pauses; the idle pause a shop asks for runs while locked).
   */
  'inbox.setStatus': method(z.object({ status: AgentStatus }).strict(), AgentInfo, 'inbox.reply', { whenLocked: true }),
  /** For the lock screen: how many buyers wait for the caller and in the queue of their shops (counts only). */
  'inbox.lockedSummary': method(empty, LockedSummary, 'inbox.view', { whenLocked: true }),
  /** Colleagues who serve the shop (or every shop in scope), with status and load. */
  'inbox.agents': method(z.object({ shopId: ShopId.nullable().default(null) }).strict(), z.array(AgentInfo), 'inbox.view'),
  /** Takes a chat nobody holds; `conflict` when someone else got it first. */
  'inbox.claim': method(ChatRef, ConversationSummary, 'inbox.reply'),
  /** Hands the chat to a colleague (who must be online or paused) or back to a group's queue, with a reason. */
  'inbox.transfer': method(
    ChatRef.extend({
      to: z.union([z.object({ agentId: z.string().min(1).max(64) }).strict(), z.object({ group: RoutingGroup }).strict()]),
      reason: z.string().trim().min(1).max(200),
    }).strict(),
    ConversationSummary,
    'inbox.reply',
  ),
  /** A supervisor takes a chat from whoever holds it. */
  'inbox.takeOver': method(ChatRef, ConversationSummary, 'inbox.supervise'),
  'inbox.close': method(ChatRef, ConversationSummary, 'inbox.reply'),
  /** Sets the chat aside until the buyer writes again. */
  'inbox.snooze': method(ChatRef, ConversationSummary, 'inbox.reply'),
  'inbox.setNote': method(ChatRef.extend({ note: z.string().max(500), tags: z.array(Tag).max(10) }).strict(), ConversationSummary, 'inbox.reply'),
  /** The caller's own quick phrases (shown after the shop's). */
  'inbox.myPhrases': method(empty, z.array(QuickPhrase), 'inbox.reply'),
  'inbox.setMyPhrases': method(z.object({ quickPhrases: z.array(QuickPhrase).max(100) }).strict(), z.array(QuickPhrase), 'inbox.reply'),
  /** Full-text search (trigram, so Chinese works) across the shops in scope. */
  'inbox.search': method(
    z.object({
      // NUL and other control characters never reach SQLite (a NUL ends the pattern early, or breaks the FTS query).
      query: z.string().trim().min(1).max(100).regex(/^\P{Cc}*$/u, 'a search may not contain control characters'),
      shopId: ShopId.nullable().default(null),
      status: ConversationStatus.nullable().default(null),
      assigneeId: z.string().min(1).max(64).nullable().default(null),
      from: z.number().int().nonnegative().nullable().default(null),
      to: z.number().int().nonnegative().nullable().default(null),
      limit: z.number().int().min(1).max(200).default(50),
    }).strict(),
    z.array(SearchHit),
    'inbox.view',
  ),
  /** Live load per agent and per shop, queue depth, longest wait, recent transfers (scope: the caller's shops). */
  'inbox.supervisor': method(empty, SupervisorView, 'inbox.supervise'),

  'orders.list': method(
    z.object({
      shopId: ShopId.nullable().default(null),
      buyerId: z.string().min(1).max(128).nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    z.array(Order),
    'orders.view',
  ),
} as const satisfies Record<string, MethodDef>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller sends (defaults not yet applied). */
export type MethodInputIn<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type MethodInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
