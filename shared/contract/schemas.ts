// Entity schemas shared by the core, the hosts and the renderer. Output schemas double as a filter: zod strips
// keys a schema does not name, so nothing internal (password hashes, paths) can leak through a method's output.
import { z } from 'zod';
import { PERMISSIONS } from './permissions.ts';
import { PLATFORMS } from '../domain/platforms.ts';
import { SHOP_ID_PATTERN } from '../domain/shop-id.ts';

export const ShopId = z.string().regex(SHOP_ID_PATTERN, 'invalid shop id');
export const PlatformSchema = z.enum(PLATFORMS);
export const GrantSchema = z.union([z.enum(PERMISSIONS), z.literal('*')]);
export const SELLER_LEVELS = ['heart', 'diamond', 'crown', 'gold_crown', 'tmall'] as const;
export const SellerLevel = z.enum(SELLER_LEVELS);
const Timestamp = z.number().int().nonnegative();
const HexColour = z.string().regex(/^#[0-9a-f]{6}$/i);
/** Visible text a person typed: trimmed, non-empty, bounded. */
const Label = (max: number) => z.string().trim().min(1).max(max);

export const QuickPhrase = z.object({
  code: z.string().regex(/^[a-z0-9_-]{1,16}$/i, 'a code is 1–16 letters, digits, - or _'),
  group: Label(12),
  text: Label(500),
});
export type QuickPhrase = z.infer<typeof QuickPhrase>;
export const BannedPhrase = z.object({ phrase: Label(30), suggestion: Label(100) });

/** A shop's inbox settings, resolved: platform defaults (DOMAIN.md) where the shop set nothing. */
export const InboxSettings = z.object({
  responseWindowSeconds: z.number().int().min(10).max(86_400),
  warnAfterSeconds: z.number().int().min(10).max(3600),
  reassignAfterSeconds: z.number().int().min(0).max(3600),
  divertOfflineAfterMinutes: z.number().int().min(1).max(240),
  autoCloseAfterMinutes: z.number().int().min(1).max(1440),
  returningBuyerDays: z.number().int().min(0).max(30),
  whenNobodyOnline: z.enum(['mainAccount', 'pool']),
  balance: z.enum(['weight', 'load']),
  /** Pause (挂起) an agent of this shop after this many idle minutes, announced first; null: never (the default). */
  pauseWhenIdleMinutes: z.number().int().min(1).max(240).nullable(),
  quickPhrases: z.array(QuickPhrase).max(200),
  /** The shop's own banned phrases; the defaults always apply too. */
  bannedPhrases: z.array(BannedPhrase).max(200),
});
export type InboxSettings = z.infer<typeof InboxSettings>;

export const Shop = z.object({
  id: ShopId,
  platform: PlatformSchema,
  name: Label(60),
  /** What the rail shows on the shop's avatar (default: the name's first character and the platform's). */
  shortName: Label(4),
  mainAccount: Label(60),
  sellerLevel: SellerLevel,
  colour: HexColour,
  demo: z.boolean(),
  archived: z.boolean(),
  /** Place in the shop rail (and the Ctrl+N shortcut order). */
  position: z.number().int().nonnegative(),
  createdAt: Timestamp,
  connector: z.object({
    kind: z.string(),
    hasCredentials: z.boolean(),
    /** How the credentials are kept: encrypted by the OS keychain, or only as plaintext on this machine. */
    protection: z.enum(['os', 'plaintext']).nullable(),
  }),
  inbox: InboxSettings,
});
export type Shop = z.infer<typeof Shop>;

export const ArchiveId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}--\d{1,16}$/, 'invalid archive id');
export const ArchivedShop = z.object({ archiveId: ArchiveId, shop: Shop, archivedAt: Timestamp });
export type ArchivedShop = z.infer<typeof ArchivedShop>;

export const ShopChanges = z
  .object({
    platform: PlatformSchema.optional(),
    name: Label(60).optional(),
    shortName: Label(4).optional(),
    mainAccount: Label(60).optional(),
    sellerLevel: SellerLevel.optional(),
    colour: HexColour.optional(),
  })
  .strict();

export const ConnectorSettings = z
  .object({
    kind: z.string().min(1).max(32),
    /** New credentials; omitted keeps the stored ones, null removes them. */
    credentials: z.object({ appKey: z.string().trim().min(1).max(200), appSecret: z.string().min(1).max(500) }).strict().nullable().optional(),
  })
  .strict();

export const NewShop = z.object({
  platform: PlatformSchema,
  name: Label(60),
  /** Default: the name's first character and the platform's. */
  shortName: Label(4).optional(),
  mainAccount: Label(60),
  sellerLevel: SellerLevel.default('heart'),
  /** Default: a colour of the palette that no other shop uses. */
  colour: HexColour.optional(),
  /** How the shop connects to its platform (one of AppInfo.connectorKinds, or none). */
  connectorKind: z.string().min(1).max(32).default('none'),
  /** Start with the customer-service rules of this shop (response window, routing, phrases, banned list). */
  copyRulesFrom: ShopId.optional(),
});

export const SessionInfo = z.object({
  userId: z.string(),
  login: z.string(),
  displayName: z.string(),
  kind: z.enum(['owner', 'staff']),
  roleLabel: z.string(),
  grants: z.array(GrantSchema),
  /** 'all' for the owner; otherwise the shops where this person holds a sub-account. */
  shopIds: z.union([z.literal('all'), z.array(ShopId)]),
  /** Locked (idle or by hand): nothing but unlock, logout and the public calls until the person unlocks. */
  locked: z.boolean(),
  hasPin: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

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

export const MessageKind = z.enum(['text', 'image', 'order', 'system']);

export const Message = z.object({
  id: z.string(),
  conversationId: z.string(),
  shopId: ShopId,
  from: z.enum(['buyer', 'agent', 'system']),
  kind: MessageKind,
  /** text: the words; image: a caption; order: the buyer's words with the card; system: the reason or note. */
  text: z.string(),
  /** image: its URL as the platform sent it (never fetched); order: the order id; system: what happened (JSON). */
  ref: z.string().nullable(),
  /** The person who sent an agent message. */
  authorId: z.string().nullable(),
  at: Timestamp,
});
export type Message = z.infer<typeof Message>;


/** An order's state as the platforms name it: 待发货, 已发货, 已签收, 退款中, 已关闭. */
export const ORDER_STATUSES = ['awaiting_shipment', 'shipped', 'received', 'refunding', 'closed'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Order = z.object({
  id: z.string(),
  shopId: ShopId,
  buyerId: z.string(),
  sku: z.string(),
  title: z.string(),
  amountFen: z.number().int().nonnegative(),
  paidAt: Timestamp,
  shipBy: Timestamp,
  status: OrderStatus,
  /** When the order reached its current status. */
  statusAt: Timestamp,
  trackingNumber: z.string().max(64).nullable(),
});
export type Order = z.infer<typeof Order>;

export const ShopCounts = z.object({
  unread: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
});
export type ShopCounts = z.infer<typeof ShopCounts>;

/**
 * A storage event people must know about: a corrupt file was quarantined and its newest good backup restored, or a
 * shop's whole folder was damaged or half-made and was moved aside so that the console could start.
 */
export const StorageNotice = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('document_restored'),
    shopId: ShopId.nullable(),
    file: z.string(),
    quarantinedAs: z.string(),
    restoredFrom: z.string(),
    at: Timestamp,
  }),
  z.object({
    kind: z.literal('shop_quarantined'),
    shopId: ShopId,
    /** The shop's name when its document could still be read. */
    shopName: z.string().nullable(),
    quarantinedAs: z.string(),
    reason: z.string(),
    at: Timestamp,
  }),
]);
export type StorageNotice = z.infer<typeof StorageNotice>;

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export const Language = z.enum(LANGUAGES);

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM');

/** Desktop notifications for new chats and messages: on or off, shops muted, a do-not-disturb window. */
export const NotificationSettings = z.object({
  enabled: z.boolean(),
  mutedShopIds: z.array(ShopId).max(100),
  /** Quiet from `from` to `to` (local time; may wrap past midnight). */
  doNotDisturb: z.object({ enabled: z.boolean(), from: ClockTime, to: ClockTime }),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { enabled: true, mutedShopIds: [], doNotDisturb: { enabled: false, from: '22:00', to: '08:00' } };

/** Preferences of this device (settings.json), shared by every person who uses it. */
export const AppSettings = z.object({
  language: Language,
  /** Lock the session after this many minutes without input. */
  idleLockMinutes: z.number().int().min(1).max(240),
  notifications: NotificationSettings.default(DEFAULT_NOTIFICATION_SETTINGS),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DemoAccount = z.object({ login: z.string(), displayName: z.string(), roleLabel: z.string() });

export const AppInfo = z.object({
  version: z.string(),
  /** Demo data is present: the login page says so and lists the demo logins. */
  demo: z.boolean(),
  demoAccounts: z.array(DemoAccount),
  demoPassword: z.string().nullable(),
  /** Connector kinds this build has (the embedded demo platform; real bridges later). */
  connectorKinds: z.array(z.string()),
  secretProtection: z.enum(['os', 'plaintext']),
});
export type AppInfo = z.infer<typeof AppInfo>;

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
  transfers: z.array(z.object({ shopId: ShopId, conversationId: z.string(), buyerNick: z.string(), transfer: Transfer })),
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
