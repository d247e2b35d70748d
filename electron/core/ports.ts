// Everything the core needs from the outside world arrives through these ports (STYLE.md #4): time, ids,
// storage, connectors, secrets, logging. Hosts build real ones; tests pass fakes. Nothing here knows Electron.
import type {
  ConversationFact,
  DayMessages,
  DaySheet,
  OrderFact,
  PresenceFact,
  RatingFact,
  RoundFact,
} from '../../shared/domain/reports/kpi.ts';
import type { KpiRule } from '../../shared/domain/reports/kpi-rules.ts';
import type {
  AppSettings,
  AuditProblem,
  ChecklistTask,
  ChecklistTemplate,
  ConversationSummary,
  DeliveryState,
  GoodsInBatch,
  Message,
  Order,
  OrderLine,
  Photo,
  Sku,
} from '../../shared/contract/index.ts';
import type { z } from 'zod';
import type { StoredAuditEntry } from './audit/stored-entry.ts';
import type { ShopDocument } from './shops/shop-document.ts';
import type { PeopleDocument } from './sessions/people-document.ts';
import type { RosterLog, RosterWrite } from './roster/roster-store.ts';
import type { RosterOp } from '../../shared/domain/roster/roster-ops.ts';
import type { SkuAllocation, StockMovement, StockQuantities } from '../../shared/domain/stock/stock-ledger.ts';
import type { CountLine } from '../../shared/domain/stock/stocktake.ts';

export type TimerHandle = { readonly id: unknown };

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface Ids {
  /** A fresh unique id with a readable prefix, e.g. `conv_…`. */
  next(prefix: string): string;
}

/** What happened when a corrupt document was replaced by its newest good backup on open. */
export type DocumentRecovery = Readonly<{ file: string; quarantinedAs: string; restoredFrom: string; reason: string }>;

/** A small JSON document, validated on read, written durably; `update` resolves once the change is on disk. */
export interface JsonDocument<T> {
  readonly data: T;
  /** Set when opening had to quarantine the file and restore a backup. */
  readonly recovery: DocumentRecovery | null;
  update(mutate: (draft: T) => void): Promise<void>;
}

export type ArchivedShopDocument = Readonly<{ archiveId: string; archivedAt: number; document: ShopDocument }>;

/** A shop's folder is damaged or half-made (no readable document, not a plain folder, not a database). */
export class DamagedShopError extends Error {
  readonly shopId: string;

  constructor(shopId: string, reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = 'DamagedShopError';
    this.shopId = shopId;
  }
}

/** Where the first-run demo seed stands: null before it began, `started` until every step of it is on disk. */
export type SeedState = 'started' | 'complete';

export interface Storage {
  /** Ids of the shops that have a data folder (a shop still being assembled when the process died has none). */
  listShopIds(): Promise<string[]>;
  /** Throws `DamagedShopError` when the folder is damaged or half-made. */
  openShop(shopId: string): Promise<JsonDocument<ShopDocument>>;
  /** Assembles the shop's folder aside and makes it appear in one step; `conflict` when it exists. */
  createShop(shopId: string, initial: ShopDocument): Promise<JsonDocument<ShopDocument>>;
  /** Moves a (closed) shop's folder into the archive; returns the archive id. */
  archiveShop(shopId: string, at: number): Promise<string>;
  listArchived(): Promise<ArchivedShopDocument[]>;
  /** An archived shop's document, where it lies in the archive (restoring edits it there first). */
  openArchivedShop(archiveId: string): Promise<JsonDocument<ShopDocument>>;
  /** Moves an archived folder back; returns the shop id. Fails with `conflict` when that shop exists. */
  restoreShop(archiveId: string): Promise<string>;
  /** Moves a damaged shop folder out of the shops (nothing is deleted); returns where it now lies. */
  quarantineShop(shopId: string, at: number): Promise<string>;
  openPeople(initial: () => PeopleDocument): Promise<JsonDocument<PeopleDocument>>;
  seedState(): Promise<SeedState | null>;
  setSeedState(state: SeedState): Promise<void>;
  /** Stores a picture in the shop's folder (durably, named by its SHA-256); returns its file name. */
  putMedia(shopId: string, bytes: Uint8Array, extension: string): Promise<string>;
  /** A stored picture by the name putMedia gave, or null when there is none. */
  readMedia(shopId: string, name: string): Promise<Uint8Array | null>;
}

/**
 * An audit entry as the core hands it to storage: everything but its position and hashes (the writer adds them).
 * The schema it is stored with inside documents (audit/stored-entry.ts) defines it.
 */
export type AuditDraft = Readonly<z.output<typeof StoredAuditEntry>>;

/** An audit entry as stored: its position in the log and its place in the hash chain. */
export type AuditRow = AuditDraft & Readonly<{ n: number; prevHash: string; hash: string }>;

/** A refused call that matters (forbidden, failed login, wrong PIN, locked session): kept beside the chain. */
export type SecurityEventRow = Readonly<{
  at: number;
  actorId: string | null;
  login: string | null;
  connectionId: string;
  origin: string;
  action: string;
  method: string;
  detail: string;
}>;

/** The key under which the streams keep the organisation's log (`<data dir>/org.sqlite`); never a shop id. */
export const ORG_LOG = '@org';

export type AuditQuery = Readonly<{
  actorId: string | null;
  /** Only entries of these people (a supervisor's group); null or absent: anyone. */
  actorIds?: readonly string[] | null;
  action: string | null;
  shopId: string | null;
  from: number | null;
  to: number | null;
  text: string | null;
}>;

export type AuditVerifyResult = Readonly<{
  entries: number;
  checkpoints: number;
  checkpointedEntries: number;
  problems: AuditProblem[];
}>;

/** A response round: from the buyer's first unanswered message to the first reply (KPIs count these). */
export type ResponseRound = Readonly<{
  conversationId: string;
  startedAt: number;
  answeredAt: number | null;
  agentId: string | null;
  /** The chat's routing group when the round began (kept by the first write of the round; absent: unknown). */
  group?: string;
}>;

/** A photo as stored: its bytes, named by their SHA-256. */
export type StoredPhoto = Readonly<{
  id: string;
  mime: Photo['mime'];
  data: Uint8Array;
  at: number;
  byId: string | null;
}>;

export type StreamWrite = Readonly<{
  conversations?: readonly ConversationSummary[];
  messages?: readonly Message[];
  orders?: readonly Order[];
  /** Entries of the command whose data this write holds: chained in the same transaction. */
  audit?: readonly AuditDraft[];
  securityEvents?: readonly SecurityEventRow[];
  rounds?: readonly ResponseRound[];
  orderChanges?: readonly OrderChange[];
  /** The connector's position after what this write holds. */
  connectorCursor?: string;
  roster?: RosterWrite;
  /** SKUs of the business's catalogue, added or changed (the organisation's log). */
  skus?: readonly Sku[];
  /** Stock movements and allocations (the organisation's log). */
  stock?: StockWrite;
  /** Goods-in inspections (the organisation's log), with their movement in `stock`. */
  goodsIn?: readonly GoodsInBatch[];
  /** Photos kept as evidence (the organisation's log); one already kept is left as it is. */
  photos?: readonly StoredPhoto[];
  /** Stocktake sheets as they now stand (the organisation's log), with a posting's movements in `stock`. */
  stocktakes?: readonly StoredSheet[];
  /** Checklist templates (as they now stand) and ticks of a shop. */
  checklists?: ChecklistWrite;
  /** Where agent messages stand with the platform (the reply's own `sending`, then `sent` or `failed`). */
  deliveries?: readonly DeliveryWrite[];
  /** Buyers' ratings (a shop's) and presence changes (the organisation's log) that the reports read. */
  kpiFacts?: KpiFactsWrite;
}>;

/** The reports' day-range reads of one log: [from, to) in ms. */
export type KpiReader = Readonly<{
  rounds(from: number, to: number): RoundFact[];
  /** The messages of [from, to), counted per conversation (messageCounter), and the transfers. */
  messages(from: number, to: number): DayMessages;
  ratings(from: number, to: number): RatingFact[];
  /** One conversation's rounds, messages and ratings of [from, to) (a live sheet recomputes a chat at a time). */
  chatDay(
    conversationId: string,
    from: number,
    to: number,
  ): Readonly<{ rounds: RoundFact[]; messages: DayMessages; ratings: RatingFact[] }>;
  paidOrders(from: number, to: number): OrderFact[];
  presence(to: number): PresenceFact[];
  /** The stored facts (buyer, group, waiting round) of these chats; a chat not stored is left out. */
  conversationFacts(ids: readonly string[]): Map<string, ConversationFact>;
}>;

export type KpiFactsWrite = Readonly<{ ratings?: readonly RatingFact[]; presence?: readonly PresenceFact[] }>;

/** The ledger as it stands: each SKU's sums, the locks of orders not yet shipped or released, the allocations. */
export type StockPositions = Readonly<{
  quantities: Map<string, StockQuantities>;
  locks: readonly Readonly<{ sku: string; shopId: string; orderId: string; quantity: number }>[];
  allocations: Map<string, SkuAllocation>;
}>;

/** A stocktake sheet as stored: its lines with the book when it was made (the view adds titles, marks, variances). */
export type StoredSheet = Readonly<{
  id: string;
  createdAt: number;
  createdBy: string;
  status: 'counting' | 'posted';
  lines: readonly CountLine[];
  postedAt: number | null;
  postedBy: string | null;
}>;

/** What a stock command writes: movements (effective deltas) and allocations. */
export type StockWrite = Readonly<{
  movements?: readonly StockMovement[];
  allocations?: readonly Readonly<{ sku: string; allocation: SkuAllocation }>[];
}>;

/** One agent message's standing with the platform, as stored (migration 006). */
export type DeliveryWrite = Readonly<{
  messageId: string;
  state: DeliveryState;
  note: string | null;
  attempts: number;
  at: number;
}>;

export type MessagePage = Readonly<{ messages: Message[]; more: boolean }>;

/** A shop's append-heavy streams (per-shop SQLite in the product). `write` resolves once the data is durable. */
export interface ShopStreams {
  open(shopId: string): Promise<void>;
  close(shopId: string): Promise<void>;
  closeAll(): Promise<void>;
  conversations(shopId: string): ConversationSummary[];
  /** The newest `limit` messages, or the `limit` before message `before`; oldest first. */
  messages(shopId: string, conversationId: string, limit: number, before?: string | null): MessagePage;
  /** Messages containing `query` (newest first), within [from, to] when given. */
  search(
    shopId: string,
    query: string,
    options: Readonly<{ from: number | null; to: number | null; limit: number }>,
  ): Message[];
  message(shopId: string, messageId: string): Message | null;
  /** The business's product catalogue (kept in the organisation's database, ORG_LOG). */
  skus(key: string): Sku[];
  /** The stock ledger's balances per SKU, the open locks and the allocations (ORG_LOG). */
  stockPositions(key: string): StockPositions;
  /** Every stocktake sheet, oldest first (ORG_LOG). */
  stocktakeSheets(key: string): StoredSheet[];
  /** A shop's checklist templates (as stored; validated by the core) and every tick. */
  checklists(shopId: string): { templates: unknown[]; ticks: StoredChecklistTick[]; tasks: unknown[] };
  /** Every goods-in batch, oldest first (ORG_LOG). */
  goodsInBatches(key: string): GoodsInBatch[];
  /** One kept photo (ORG_LOG), or null. */
  photo(key: string, id: string): StoredPhoto | null;
  /** Whether a photo is kept (ORG_LOG), without reading its bytes. */
  hasPhoto(key: string, id: string): boolean;
  /** One SKU's movements, newest first. */
  stockMovements(key: string, sku: string, limit: number): StockMovement[];
  /** Day-range reads for the reports: rounds, messages, ratings, paid orders (a shop's), presence (ORG_LOG). */
  kpi(key: string): KpiReader;
  /**
   * Sheets of past days of an open shop, computed from its stored rows off the main thread (computeStoredDays in
   * worker threads, each on its own read-only connection): a month of a busy shop is tens of thousands of rows.
   */
  kpiDays(shopId: string, days: readonly string[], rule: KpiRule, now: number): Promise<DaySheet[]>;
  /** Agent messages the platform has not yet taken, in the order they were sent (the delivery outbox). */
  sendingMessages(shopId: string): Message[];
  orders(shopId: string, buyerId: string | null, limit: number): Order[];
  order(shopId: string, orderId: string): Order | null;
  /** Every order number of the shop (an import tells new orders from known ones in one read). */
  orderIds(shopId: string): Set<string>;
  /** The shop's orders waiting to be shipped. */
  ordersAwaitingShipment(shopId: string): Order[];
  /** The shipping board's orders: waiting to ship, blocked by a refund, or shipped here and not yet taken. */
  ordersOnBoard(shopId: string): Order[];
  /** Orders whose number or tracking number contains `query` (exact matches first). */
  findOrders(shopId: string, query: string, limit: number): Order[];
  orderHistory(shopId: string, orderId: string): OrderChange[];
  /** The connector's last stored position. */
  connectorCursor(shopId: string): string | null;
  /** A log's roster operations, outbox, pull position and checklist (a shop's, or ORG_LOG's). */
  rosterLog(key: string): Promise<RosterLog>;
  /** A page of a log's entries, newest first, with the count matching the query. */
  auditEntries(key: string, query: AuditQuery, offset: number, limit: number): { rows: AuditRow[]; total: number };
  hasAuditEntry(key: string, id: string): boolean;
  securityEvents(
    query: AuditQuery,
    offset: number,
    limit: number,
  ): { rows: (SecurityEventRow & { seq: number })[]; total: number };
  /** Recomputes the log's chain and checks its signed checkpoints (against the console's audit key). */
  verifyAudit(key: string): Promise<AuditVerifyResult>;
  /** Signs a checkpoint of the log now if it grew since the last one (the 15-minute rule). */
  checkpointAudit(key: string, at: number): Promise<void>;
  write(shopId: string, write: StreamWrite): Promise<void>;
  /** Resolves when every write made so far is durable (or failed). */
  flushAll(): Promise<void>;
}

export type BuyerMessageIn = Readonly<{
  shopId: string;
  buyer: Readonly<{ id: string; nick: string }>;
  text: string;
  at: number;
  /** text by default; an image carries its URL in `ref`, an order card the order id. */
  kind?: 'text' | 'image' | 'order';
  ref?: string | null;
  /** The platform's hint where the buyer came from (an order page → after-sale); else the shop's first group. */
  group?: string;
  /** The connector's position after this delivery, stored with it in one transaction: a restart resumes here. */
  cursor?: string;
}>;

export type StoredChecklistTick = Readonly<{
  templateId: string;
  period: string;
  itemId: string;
  done: boolean;
  byId: string;
  byName: string;
  at: number;
  note: string;
  /** Photo ids (ORG_LOG's photos): the pictures a photo check compared. */
  photos: readonly string[];
}>;
export type ChecklistWrite = Readonly<{
  templates?: readonly ChecklistTemplate[];
  ticks?: readonly StoredChecklistTick[];
  tasks?: readonly ChecklistTask[];
}>;

/** An order as a connector delivers it: new, or an update of one already known (same id). */
/** An order as a connector delivers it: lines may be left out for an order of one line (its sku, title, quantity). */
export type OrderIn = Omit<Order, 'lines'> & Readonly<{ lines?: readonly OrderLine[]; cursor?: string }>;

/** A change to a known order, kept beside it: what the delivery changed, and what it tried to change but may not. */
export type OrderChange = Readonly<{
  orderId: string;
  at: number;
  changes: Readonly<Record<string, Readonly<{ from: unknown; to: unknown }>>>;
  kept?: Readonly<Record<string, unknown>>;
}>;

/** What a connector delivers into the core; each promise resolves once the delivery is durable (its ack). */
export interface ConnectorSink {
  buyerMessage(message: BuyerMessageIn): Promise<void>;
  /** A new order, or an update of a known one (its history is kept, nothing is silently replaced). */
  order(order: OrderIn): Promise<void>;
  /** A buyer's satisfaction rating of their chat (0–4), as the platform reports it. */
  rating?(rating: RatingIn): Promise<void>;
  /** The platform's own automatic reply in a chat (its 机器人/自动回复): kept, and it does not answer the buyer. */
  botReply?(reply: BotReplyIn): Promise<void>;
}

export type BotReplyIn = Readonly<{ shopId: string; buyerId: string; text: string; at: number }>;

export type RatingIn = Readonly<{ shopId: string; buyerId: string; score: number; at: number }>;

/** An agent's message as the console hands it to the shop's platform (its id is the idempotency key). */
export type OutgoingMessage = Readonly<{
  messageId: string;
  shopId: string;
  conversationId: string;
  buyerId: string;
  kind: 'text' | 'image' | 'order' | 'product';
  text: string;
  /** order: the order id; product: the SKU; image: the stored picture's reference. */
  ref: string | null;
  image?: Readonly<{ mime: string; bytes: Uint8Array }>;
}>;

/**
 * The platform's answer to a message: taken, or refused for a reason that sending again will not change (a link the
 * platform forbids, a picture it rejects). A rejected promise means "not now" (offline, timed out): sent again later.
 */
export type SendOutcome = Readonly<{ result: 'sent' }> | Readonly<{ result: 'refused'; reason: string }>;

export interface Connector {
  start(sink: ConnectorSink): void;
  stop(): void;
  /** Sends an agent's message to the buyer on the platform (a connector without it keeps replies in the console). */
  send?(message: OutgoingMessage): Promise<SendOutcome>;
  /**
   * Sets the stock the platform shows for these SKUs (库存同步: the latest figure per SKU). A rejected promise means
   * "not now" (offline): the console sends the figures again later.
   */
  syncStock?(items: readonly Readonly<{ sku: string; quantity: number }>[]): Promise<void>;
  /**
   * Tells the platform an order shipped (its courier and tracking number). A rejected promise means "not now"
   * (offline): the console sends it again later. The order id is the idempotency key.
   */
  confirmShipment?(
    shipment: Readonly<{ orderId: string; courier: string; trackingNumber: string }>,
  ): Promise<SendOutcome>;
  /** The platform's copy of the shop's roster, when this connector keeps one (see roster/roster-sync.ts). */
  readonly roster?: RosterHub;
}

/** What a platform answers to a roster op pushed to it. */
export type RosterPushResult = Readonly<{
  opId: string;
  /** `needs_person`: the platform's API cannot make this change; a person must, in the seller centre. */
  result: 'applied' | 'needs_person';
  instruction?: string;
}>;

/**
 * The shop's platform as the hub of its roster: it keeps every op it was sent (and its own changes) in one order,
 * answers each pushed op, and hands out what it holds after a cursor. Calls reject while the platform is offline.
 */
export interface RosterHub {
  online(): boolean;
  push(ops: readonly RosterOp[]): Promise<RosterPushResult[]>;
  pull(cursor: string | null, limit: number): Promise<{ ops: RosterOp[]; cursor: string }>;
  /** A doorbell: the platform has changes to pull, or went online or offline. Returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** The demo platform only: its switch, for trying offline editing by hand. */
  setOnline?(online: boolean): void;
  /** The demo platform only: an edit on the platform's side (its seller centre), for trying conflicts by hand. */
  remoteEdit?(
    entity: RosterOp['entity'],
    entityId: string,
    field: string,
    value: RosterOp['value'],
    actorName: string,
  ): RosterOp;
}

export type ConnectorContext = Readonly<{
  clock: Clock;
  shipWithinHours: number;
  /** Where the connector stood at its last durable delivery (null on its first start): it resumes from here. */
  resumeCursor: string | null;
}>;
export type ConnectorFactory = (
  shop: Readonly<{ id: string; platform: string }>,
  context: ConnectorContext,
) => Connector;

/** Demo data offered on first run, when no shop exists yet. */
export type DemoSeed = Readonly<{
  password: string;
  shops: readonly Readonly<
    Pick<ShopDocument['profile'], 'id' | 'platform' | 'name' | 'mainAccount' | 'sellerLevel' | 'colour'>
  >[];
  people: readonly Readonly<{
    login: string;
    displayName: string;
    roleLabel: string;
    kind: 'owner' | 'staff';
    grants: readonly string[];
    subAccounts: readonly Readonly<{ shopId: string; name: string }>[];
    routing?: Readonly<{ optIn: boolean; capacity: number; weight: number; groups: readonly string[] }>;
    /** The department (by name) and direct supervisor (by login) the roster starts them with. */
    department?: string;
    supervisorLogin?: string;
    /** Their phone on the staff profile (a Pinduoduo sub-account needs a number of its own). */
    phone?: string;
  }>[];
  /** The organisation's departments, each with its supervisor (by login). */
  departments?: readonly Readonly<{ name: string; supervisorLogin: string | null }>[];
  /** The product catalogue, listed in every demo shop. */
  skus?: readonly Readonly<{ code: string; title: string; priceFen: number }>[];
}>;

/** This device's preferences (settings.json): a validated file in browser mode, electron-store in Electron. */
export interface AppSettingsStore {
  load(): Promise<void>;
  get(): AppSettings;
  update(changes: Partial<AppSettings>): Promise<AppSettings>;
}

/** Seals connector credentials: with the OS keychain (Electron safeStorage) where it exists, else plaintext. */
export interface SecretStore {
  readonly protection: 'os' | 'plaintext';
  seal(plain: string): string;
  open(sealed: string): string;
}

export interface Logger {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

export type PasswordHasher = Readonly<{
  hash(password: string): Promise<string>;
  verify(password: string, encoded: string): Promise<boolean>;
}>;

export type CorePorts = Readonly<{
  appVersion: string;
  clock: Clock;
  ids: Ids;
  storage: Storage;
  streams: ShopStreams;
  /** Connector factories by kind (`demo`, later `open-api`). */
  connectors: Readonly<Record<string, ConnectorFactory>>;
  passwords: PasswordHasher;
  secrets: SecretStore;
  settings: AppSettingsStore;
  logger: Logger;
  /** When set and no shop exists, the core seeds these demo shops and people on start. */
  demo?: DemoSeed;
}>;
