// The per-shop SQLite streams (`shops/<id>/shop.sqlite`, WAL): conversations, messages, orders, audit log. Reads
// run on the calling thread through a read connection; writes go to a writer thread with group commit: while
// one batch of a shop is being committed, everything that arrives queues into the next batch, so a burst of
// thousands of messages costs a handful of fsyncs. A write's promise resolves only once its batch is durable.
// Shops are spread over a few writer threads: an fsync waits on the disk, not the CPU, so they overlap.
import { chmodSync, closeSync, openSync } from 'node:fs';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConversationSummary, Message, Order, OrderLine } from '../../../shared/contract/index.ts';
import { withLines } from '../../../shared/domain/orders/order-lines.ts';
import {
  ORG_LOG,
  type AuditQuery,
  type OrderChange,
  type SecretStore,
  type ShopStreams,
  type StreamWrite,
} from '../../core/ports.ts';
import { loadOrCreateAuditKey, type AuditKey } from '../audit-key.ts';
import { shopDirectory } from '../file-storage.ts';
import { plaintextSecrets } from '../secrets/plaintext-secrets.ts';
import { verifyAuditFile } from './audit-verify.ts';
import { migrate } from './migrations.ts';
import { emptyBatch, type ConversationRow, type WorkerReply, type WorkerRequest, type WriteBatch } from './rows.ts';
import { conversationRow, messageRow } from './tables/inbox.ts';
import { orderChangeRow, orderRow } from './tables/orders.ts';
import { readRoster } from './tables/roster.ts';
import { readGoodsIn } from './tables/goods-in.ts';
import { PHOTO_EXISTS, PHOTO_READ, readPhoto } from './tables/photos.ts';
import { readStocktakes } from './tables/stocktakes.ts';
import { readChecklists } from './tables/checklists.ts';
import { createKpiDaysPool, type KpiDaysPool } from './kpi-days.ts';
import { kpiReader, type KpiReader } from './tables/kpi-facts.ts';
import { readSkus } from './tables/skus.ts';
import { readStockMovements, readStockPositions } from './tables/stock.ts';
import { AUDIT_COLUMNS, fromDbRow, type AuditDbRow } from './tables/audit-entries.ts';

type Reader = {
  db: DatabaseSync;
  conversations: StatementSync;
  messages: StatementSync;
  messagesBefore: StatementSync;
  search: StatementSync;
  searchShort: StatementSync;
  message: StatementSync;
  sending: StatementSync;
  ordersByBuyer: StatementSync;
  orders: StatementSync;
  order: StatementSync;
  awaitingShipment: StatementSync;
  onBoard: StatementSync;
  orderIds: StatementSync;
  findOrders: StatementSync;
  orderHistory: StatementSync;
  cursor: StatementSync;
  hasAudit: StatementSync;
  path: string;
  checkpointFile: string;
  kpi?: KpiReader;
  photo?: StatementSync;
  hasPhoto?: StatementSync;
};

type Pending = {
  batch: WriteBatch;
  conversationIndex: Map<string, number>;
  waiters: { resolve(): void; reject(error: Error): void }[];
};

// Under Node's type stripping the sources run as .ts; compiled for Electron they are .js. A packaged app cannot
// start a worker from inside app.asar, so electron-builder.yml unpacks this one file next to it.
const WORKER_PATH = fileURLToPath(
  new URL(`./write-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
).replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);

/** Adds a write's rows to a batch's table. A loop, not push(...items): an import's write can hold more rows than a
 * call takes arguments. */
function appendRows<T, R>(
  tables: WriteBatch['tables'],
  name: string,
  items: readonly T[],
  toRow: (item: T) => R,
): void {
  const into = (tables[name] ??= []) as R[];
  for (const item of items) into.push(toRow(item));
}

const same = <T>(item: T): T => item;

type Row = Record<string, never>;

function toConversation(shopId: string, row: Row): ConversationSummary {
  return {
    id: row.id,
    shopId,
    buyer: { id: row.buyer_id, nick: row.buyer_nick },
    lastMessage: { text: row.last_text, at: row.last_at },
    status: row.status,
    unread: row.unread,
    waitingSince: row.waiting_since,
    dueAt: row.due_at,
    group: row.grp,
    assigneeId: row.assignee_id,
    assignedAt: row.assigned_at,
    lastAgent: row.last_agent_id === null ? null : { id: row.last_agent_id, at: row.last_agent_at },
    tags: JSON.parse(row.tags) as string[],
    note: row.note,
    transfer: row.transfer === null ? null : (JSON.parse(row.transfer) as ConversationSummary['transfer']),
    updatedAt: row.updated_at,
  };
}

/** The shape of a stored line, checked by hand: every order row read (a board of 50,000 at a shop's opening) has it. */
function isLine(value: unknown): value is OrderLine {
  const line = value as Partial<OrderLine> | null;
  return (
    typeof line === 'object' &&
    line !== null &&
    typeof line.sku === 'string' &&
    typeof line.title === 'string' &&
    typeof line.quantity === 'number' &&
    (line.amountFen === null || typeof line.amountFen === 'number') &&
    typeof line.gift === 'boolean'
  );
}

/** An order's stored lines; none stored (written before migration 019) or unreadable: the one line of its row. */
function linesOf(row: Row): OrderLine[] | undefined {
  if (row.lines === null) return undefined;
  try {
    const parsed = JSON.parse(row.lines) as unknown;
    return Array.isArray(parsed) && parsed.length > 0 && parsed.every(isLine) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function toOrder(shopId: string, row: Row): Order {
  return withLines({
    id: row.id,
    shopId,
    buyerId: row.buyer_id,
    sku: row.sku,
    title: row.title,
    amountFen: row.amount_fen,
    paidAt: row.paid_at,
    shipBy: row.ship_by,
    status: row.status,
    statusAt: row.status_at,
    trackingNumber: row.tracking_number,
    quantity: row.quantity,
    courier: row.courier,
    consigneeName: row.consignee_name,
    consigneePhone: row.consignee_phone,
    address: row.address,
    buyerNote: row.buyer_note,
    sellerMemo: row.seller_memo,
    shipmentSync: row.shipment_sync,
    shipmentNote: row.shipment_note,
    lines: linesOf(row),
  });
}

function toMessage(shopId: string, row: Row): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    shopId,
    from: row.sender,
    kind: row.kind,
    text: row.text,
    ref: row.ref,
    authorId: row.author_id,
    at: row.at,
    ...(row.delivery_state ? { delivery: { state: row.delivery_state, note: row.delivery_note } } : {}),
  };
}

const MESSAGE_COLUMNS =
  'm.seq, m.id, m.conversation_id, m.sender, m.kind, m.text, m.ref, m.author_id, m.at, d.state AS delivery_state, d.note AS delivery_note';
/** Messages with where each agent message stands with the platform (migration 006). */
const MESSAGES = 'messages m LEFT JOIN message_delivery d ON d.message_id = m.id';

/** LIKE wildcards in a search are literal text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function likePattern(query: string): string {
  return `%${escapeLike(query)}%`;
}

/**
 * Chats, nicknames, notes and orders are private to the user: the database is created 600 before SQLite opens it
 * (SQLite gives its -wal and -shm files the database's mode), and an older install's files are tightened.
 */
function makePrivate(path: string): void {
  if (process.platform === 'win32') return;
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export type StreamStats = { batches: number; messages: number };

/**
 * Writer threads; each shop stays on one, so its batches commit in order. A thread commits its shops one after
 * another; more threads let different shops' commits overlap. At 1,000 msgs/s over 20 shops (the `arrival` setup)
 * the acknowledgement's p99 measured 76, 66, 40 and 37 ms with 1, 2, 4 and 8 threads (one run each, on a noisy
 * 2-core machine where a commit's fsync takes ~0.5 ms: the tail is waiting for a CPU, not for the disk).
 */
export const WRITER_THREADS = 4;

/** Where a log's database and the signed copy of its head lie: a shop's folder, or the data folder for the org log. */
export function auditPaths(root: string, key: string): { database: string; checkpointFile: string } {
  if (key === ORG_LOG) return { database: join(root, 'org.sqlite'), checkpointFile: join(root, 'org.audit-head.json') };
  const directory = shopDirectory(root, key);
  return { database: join(directory, 'shop.sqlite'), checkpointFile: join(directory, 'audit-head.json') };
}

/** Entries per signed checkpoint inside the database (the 15-minute rule adds more on a quiet log). */
export const CHECKPOINT_EVERY = 1000;

export type ShopStreamsOptions = Readonly<{
  writerThreads?: number;
  /** The audit signing key; default: made or read in the data folder, sealed by `secrets` (default plaintext). */
  auditKey?: AuditKey;
  secrets?: SecretStore;
  checkpointEvery?: number;
  /** Threads computing report figures (kpiDays); default: the machine's cores, at most 4. */
  kpiThreads?: number;
}>;

/** Builds the WHERE clause of an audit page (parameters in order). */
function auditWhere(
  query: AuditQuery,
  columns: Readonly<{ actor: string; login?: string }>,
): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (query.actorId !== null) {
    parts.push(`${columns.actor} = ?`);
    params.push(query.actorId);
  }
  if (query.actorIds !== undefined && query.actorIds !== null) {
    parts.push(query.actorIds.length === 0 ? '0' : `${columns.actor} IN (${query.actorIds.map(() => '?').join(', ')})`);
    params.push(...query.actorIds);
  }
  if (query.action !== null) {
    if (query.action.endsWith('.')) {
      parts.push("action LIKE ? ESCAPE '\\'");
      params.push(`${escapeLike(query.action)}%`);
    } else {
      parts.push('action = ?');
      params.push(query.action);
    }
  }
  if (query.from !== null) {
    parts.push('at >= ?');
    params.push(query.from);
  }
  if (query.to !== null) {
    parts.push('at <= ?');
    params.push(query.to);
  }
  return { sql: parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`, params };
}

export function createShopStreams(
  root: string,
  options: ShopStreamsOptions = {},
): ShopStreams & { stats(): StreamStats } {
  const writerThreads = options.writerThreads ?? WRITER_THREADS;
  let auditKey = options.auditKey ?? null;
  const key = () => (auditKey ??= loadOrCreateAuditKey(root, options.secrets ?? plaintextSecrets));
  const workers = Array.from({ length: writerThreads }, () => new Worker(WORKER_PATH));
  const workerOf = new Map<string, Worker>();
  let nextWorker = 0;
  let kpiPool: KpiDaysPool | null = null;
  const readers = new Map<string, Reader>();
  const pending = new Map<string, Pending>();
  const inFlight = new Map<number, Readonly<{ shopId: string; pending: Pending }>>();
  const busyShops = new Set<string>();
  const opening = new Map<string, { resolve(): void; reject(error: Error): void }>();
  const closing = new Map<string, () => void>();
  const checkpointing = new Map<string, () => void>();
  let nextBatchId = 1;
  let workerFailure: Error | null = null;
  const stats: StreamStats = { batches: 0, messages: 0 };

  const onError = (error: Error) => {
    workerFailure = error;
    for (const { pending: p } of inFlight.values()) for (const w of p.waiters) w.reject(error);
    inFlight.clear();
  };

  const onMessage = (reply: WorkerReply) => {
    switch (reply.t) {
      case 'opened': {
        const waiter = opening.get(reply.shopId);
        opening.delete(reply.shopId);
        if (reply.error) waiter?.reject(new Error(reply.error));
        else waiter?.resolve();
        break;
      }
      case 'written': {
        const done = inFlight.get(reply.batchId);
        if (!done) break;
        inFlight.delete(reply.batchId);
        busyShops.delete(done.shopId);
        const error = reply.error ? new Error(`writing shop data failed: ${reply.error}`) : null;
        for (const w of done.pending.waiters) {
          if (error) w.reject(error);
          else w.resolve();
        }
        flush(done.shopId);
        break;
      }
      case 'checkpointed':
        checkpointing.get(reply.shopId)?.();
        checkpointing.delete(reply.shopId);
        break;
      case 'closed':
        closing.get(reply.shopId)?.();
        closing.delete(reply.shopId);
        workerOf.delete(reply.shopId);
        break;
      default:
        reply satisfies never;
    }
  };

  for (const worker of workers) {
    worker.unref();
    worker.on('error', onError);
    worker.on('message', onMessage);
  }

  /**
   * Requests to each worker collected in this turn of the event loop, posted as one message: the shops that flush
   * together (one thread holds several) cost one postMessage — one wake-up of the thread — not one each. The order
   * of a worker's requests is kept.
   */
  const outbox = new Map<Worker, WorkerRequest[]>();
  const postOutbox = () => {
    for (const [worker, requests] of outbox) worker.postMessage(requests);
    outbox.clear();
  };

  function send(request: WorkerRequest): void {
    let worker = workerOf.get(request.shopId);
    if (!worker) {
      worker = workers[nextWorker++ % workers.length]!;
      workerOf.set(request.shopId, worker);
    }
    const queued = outbox.get(worker);
    if (queued) queued.push(request);
    else {
      if (outbox.size === 0) queueMicrotask(postOutbox);
      outbox.set(worker, [request]);
    }
  }

  function flush(shopId: string): void {
    if (busyShops.has(shopId)) return;
    const next = pending.get(shopId);
    if (!next) return;
    pending.delete(shopId);
    const batchId = nextBatchId++;
    busyShops.add(shopId);
    inFlight.set(batchId, { shopId, pending: next });
    stats.batches += 1;
    stats.messages += next.batch.tables.messages?.length ?? 0;
    send({ t: 'write', batchId, shopId, batch: next.batch });
  }

  function reader(shopId: string): Reader {
    const r = readers.get(shopId);
    if (!r) throw new Error(`shop ${shopId} streams are not open`);
    return r;
  }

  return {
    stats: () => ({ ...stats }),
    async open(shopId) {
      if (readers.has(shopId)) return;
      const { database: path, checkpointFile } = auditPaths(root, shopId);
      makePrivate(path);
      const db = new DatabaseSync(path);
      try {
        db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
        migrate(db, path);
      } catch (error) {
        db.close();
        throw error;
      }
      readers.set(shopId, {
        db,
        conversations: db.prepare('SELECT * FROM conversations'),
        messages: db.prepare(
          `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES} WHERE m.conversation_id = ? ORDER BY m.seq DESC LIMIT ?`,
        ),
        messagesBefore: db.prepare(
          `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES} WHERE m.conversation_id = ? AND m.seq < (SELECT seq FROM messages WHERE id = ?) ORDER BY m.seq DESC LIMIT ?`,
        ),
        // Trigram FTS answers queries of 3+ characters from the index; shorter ones (两个字 is common) scan.
        search: db.prepare(
          `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES} WHERE m.seq IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)
             AND m.at BETWEEN ? AND ? ORDER BY m.seq DESC LIMIT ?`,
        ),
        searchShort: db.prepare(
          `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES} WHERE m.text LIKE ? ESCAPE '\\' AND m.at BETWEEN ? AND ? ORDER BY m.seq DESC LIMIT ?`,
        ),
        message: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES} WHERE m.id = ?`),
        sending: db.prepare(
          `SELECT ${MESSAGE_COLUMNS} FROM message_delivery d JOIN messages m ON m.id = d.message_id WHERE d.state = 'sending' ORDER BY d.seq`,
        ),
        ordersByBuyer: db.prepare('SELECT * FROM orders WHERE buyer_id = ? ORDER BY ship_by LIMIT ?'),
        orders: db.prepare('SELECT * FROM orders ORDER BY ship_by LIMIT ?'),
        order: db.prepare('SELECT * FROM orders WHERE id = ?'),
        orderIds: db.prepare('SELECT id FROM orders'),
        awaitingShipment: db.prepare("SELECT * FROM orders WHERE status = 'awaiting_shipment'"),
        // The shipping board: what waits to ship (a refund asked before shipping blocks it), and shipments made
        // here that the platform has not taken.
        onBoard: db.prepare(
          `SELECT * FROM orders WHERE status = 'awaiting_shipment' OR (status = 'refunding' AND tracking_number IS NULL)
             OR (shipment_sync IS NOT NULL AND shipment_sync <> 'sent')`,
        ),
        findOrders: db.prepare(
          `SELECT * FROM orders WHERE id LIKE ? ESCAPE '\\' OR tracking_number LIKE ? ESCAPE '\\'
           ORDER BY (id = ? OR tracking_number = ?) DESC, paid_at DESC LIMIT ?`,
        ),
        orderHistory: db.prepare('SELECT order_id, at, change FROM order_history WHERE order_id = ? ORDER BY seq'),
        cursor: db.prepare('SELECT value FROM connector_cursor WHERE id = 1'),
        hasAudit: db.prepare('SELECT 1 FROM audit_entries WHERE id = ? LIMIT 1'),
        path,
        checkpointFile,
      });
      const audit = {
        signingKey: key().privateKey,
        every: options.checkpointEvery ?? CHECKPOINT_EVERY,
        file: checkpointFile,
      };
      await new Promise<void>((resolve, reject) => {
        opening.set(shopId, { resolve, reject });
        send({ t: 'open', shopId, path, audit });
      });
    },
    conversations(shopId) {
      return (reader(shopId).conversations.all() as Row[]).map((row) => toConversation(shopId, row));
    },
    messages(shopId, conversationId, limit, before = null) {
      const r = reader(shopId);
      // One extra row tells whether older history remains.
      const rows = (
        before === null
          ? r.messages.all(conversationId, limit + 1)
          : r.messagesBefore.all(conversationId, before, limit + 1)
      ) as Row[];
      const more = rows.length > limit;
      return {
        messages: rows
          .slice(0, limit)
          .reverse()
          .map((row) => toMessage(shopId, row)),
        more,
      };
    },
    search(shopId, query, options) {
      const r = reader(shopId);
      const from = options.from ?? 0;
      const to = options.to ?? Number.MAX_SAFE_INTEGER;
      const rows = (
        [...query].length >= 3
          ? r.search.all(`"${query.replace(/"/g, '""')}"`, from, to, options.limit)
          : r.searchShort.all(likePattern(query), from, to, options.limit)
      ) as Row[];
      return rows.map((row) => toMessage(shopId, row));
    },
    message(shopId, messageId) {
      const row = reader(shopId).message.get(messageId) as Row | undefined;
      return row ? toMessage(shopId, row) : null;
    },
    skus(key) {
      return readSkus(reader(key).db);
    },
    stocktakeSheets(key) {
      return readStocktakes(reader(key).db);
    },
    checklists(shopId) {
      return readChecklists(reader(shopId).db);
    },
    kpi(key) {
      const r = reader(key);
      return (r.kpi ??= kpiReader(r.db));
    },
    async kpiDays(shopId, days, rule, now) {
      reader(shopId);
      kpiPool ??= createKpiDaysPool(options.kpiThreads);
      return kpiPool.compute(auditPaths(root, shopId).database, days, rule, now);
    },
    goodsInBatches(key) {
      return readGoodsIn(reader(key).db);
    },
    photo(key, id) {
      const r = reader(key);
      return readPhoto((r.photo ??= r.db.prepare(PHOTO_READ)), id);
    },
    hasPhoto(key, id) {
      const r = reader(key);
      return (r.hasPhoto ??= r.db.prepare(PHOTO_EXISTS)).get(id) !== undefined;
    },
    stockPositions(key) {
      return readStockPositions(reader(key).db);
    },
    stockMovements(key, sku, limit) {
      return readStockMovements(reader(key).db, sku, limit);
    },
    ordersAwaitingShipment(shopId) {
      return (reader(shopId).awaitingShipment.all() as Row[]).map((row) => toOrder(shopId, row));
    },
    ordersOnBoard(shopId) {
      return (reader(shopId).onBoard.all() as Row[]).map((row) => toOrder(shopId, row));
    },
    sendingMessages(shopId) {
      return (reader(shopId).sending.all() as Row[]).map((row) => toMessage(shopId, row));
    },
    orders(shopId, buyerId, limit) {
      const r = reader(shopId);
      const rows = (buyerId === null ? r.orders.all(limit) : r.ordersByBuyer.all(buyerId, limit)) as Row[];
      return rows.map((row) => toOrder(shopId, row));
    },
    orderIds(shopId) {
      const ids = new Set<string>();
      for (const row of reader(shopId).orderIds.iterate() as Iterable<{ id: string }>) ids.add(row.id);
      return ids;
    },
    order(shopId, orderId) {
      const row = reader(shopId).order.get(orderId) as Row | undefined;
      return row === undefined ? null : toOrder(shopId, row);
    },
    findOrders(shopId, query, limit) {
      const pattern = likePattern(query);
      return (reader(shopId).findOrders.all(pattern, pattern, query, query, limit) as Row[]).map((row) =>
        toOrder(shopId, row),
      );
    },
    orderHistory(shopId, orderId) {
      const rows = reader(shopId).orderHistory.all(orderId) as { order_id: string; at: number; change: string }[];
      return rows.map((row) => ({
        orderId: row.order_id,
        at: row.at,
        ...(JSON.parse(row.change) as Pick<OrderChange, 'changes' | 'kept'>),
      }));
    },
    async rosterLog(logKey) {
      return readRoster(reader(logKey).db);
    },
    connectorCursor(shopId) {
      return (reader(shopId).cursor.get() as { value: string } | undefined)?.value ?? null;
    },
    auditEntries(logKey, query, offset, limit) {
      const { db } = reader(logKey);
      const where = auditWhere(query, { actor: 'actor_id' });
      const extra: string[] = [];
      const params = [...where.params];
      if (query.shopId !== null && logKey === ORG_LOG) {
        extra.push("(shop_id = ? OR (target_kind = 'shop' AND target_id = ?))");
        params.push(query.shopId, query.shopId);
      }
      if (query.text !== null) {
        const like = likePattern(query.text);
        extra.push(
          "(action LIKE ? ESCAPE '\\' OR target_id LIKE ? ESCAPE '\\' OR changes LIKE ? ESCAPE '\\' OR actor_name LIKE ? ESCAPE '\\')",
        );
        params.push(like, like, like, like);
      }
      const clause = [where.sql.replace(/^WHERE /, ''), ...extra].filter((part) => part !== '').join(' AND ');
      const sqlWhere = clause === '' ? '' : `WHERE ${clause}`;
      const total = (
        db.prepare(`SELECT count(*) AS total FROM audit_entries ${sqlWhere}`).get(...params) as { total: number }
      ).total;
      const rows = db
        .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_entries ${sqlWhere} ORDER BY seq DESC LIMIT ? OFFSET ?`)
        .all(...params, limit, offset) as AuditDbRow[];
      return { rows: rows.map(fromDbRow), total };
    },
    hasAuditEntry(logKey, id) {
      return reader(logKey).hasAudit.get(id) !== undefined;
    },
    securityEvents(query, offset, limit) {
      const { db } = reader(ORG_LOG);
      const where = auditWhere(query, { actor: 'actor_id' });
      const params = [...where.params];
      let sqlWhere = where.sql;
      if (query.text !== null) {
        const like = likePattern(query.text);
        sqlWhere = `${sqlWhere === '' ? 'WHERE' : `${sqlWhere} AND`} (action LIKE ? ESCAPE '\\' OR method LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\' OR login LIKE ? ESCAPE '\\')`;
        params.push(like, like, like, like);
      }
      const total = (
        db.prepare(`SELECT count(*) AS total FROM security_events ${sqlWhere}`).get(...params) as { total: number }
      ).total;
      const rows = db
        .prepare(
          `SELECT seq, at, actor_id AS actorId, login, connection_id AS connectionId, origin, action, method, detail FROM security_events ${sqlWhere} ORDER BY seq DESC LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset) as never[];
      return { rows, total };
    },
    verifyAudit(logKey) {
      const r = reader(logKey);
      return verifyAuditFile(r.path, key().publicKeys, r.checkpointFile);
    },
    checkpointAudit(logKey, at) {
      if (!readers.has(logKey)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        checkpointing.set(logKey, resolve);
        send({ t: 'checkpoint', shopId: logKey, at });
      });
    },
    write(shopId, write: StreamWrite) {
      if (workerFailure) return Promise.reject(workerFailure);
      if (!readers.has(shopId)) return Promise.reject(new Error(`shop ${shopId} streams are not open`));
      let p = pending.get(shopId);
      if (!p) {
        p = { batch: emptyBatch(), conversationIndex: new Map(), waiters: [] };
        pending.set(shopId, p);
        // Everything written in this turn of the event loop joins the batch; then it goes.
        queueMicrotask(() => flush(shopId));
      }
      const { tables, audit } = p.batch;
      const rows = <R>(name: string) => (tables[name] ??= []) as R[];
      if (write.conversations) {
        const conversations = rows<ConversationRow>('conversations');
        for (const c of write.conversations) {
          // A conversation updated twice in one batch is written once, in its latest state.
          const at = p.conversationIndex.get(c.id);
          if (at === undefined) {
            p.conversationIndex.set(c.id, conversations.length);
            conversations.push(conversationRow(c));
          } else conversations[at] = conversationRow(c);
        }
      }
      if (write.messages) appendRows(tables, 'messages', write.messages, messageRow);
      if (write.rounds) appendRows(tables, 'rounds', write.rounds, same);
      if (write.orders) appendRows(tables, 'orders', write.orders, orderRow);
      if (write.orderChanges) appendRows(tables, 'orderHistory', write.orderChanges, orderChangeRow);
      if (write.connectorCursor !== undefined) rows('connectorCursor').push(write.connectorCursor);
      for (const entry of write.audit ?? []) audit.push(entry);
      if (write.securityEvents) appendRows(tables, 'securityEvents', write.securityEvents, same);
      if (write.roster !== undefined) rows('roster').push(write.roster);
      if (write.deliveries !== undefined) appendRows(tables, 'delivery', write.deliveries, same);
      if (write.skus !== undefined) appendRows(tables, 'skus', write.skus, same);
      if (write.stock !== undefined) rows('stock').push(write.stock);
      if (write.goodsIn !== undefined) appendRows(tables, 'goodsIn', write.goodsIn, same);
      if (write.photos !== undefined) appendRows(tables, 'photos', write.photos, same);
      if (write.stocktakes !== undefined) appendRows(tables, 'stocktakes', write.stocktakes, same);
      if (write.checklists !== undefined) rows('checklists').push(write.checklists);
      if (write.kpiFacts !== undefined) rows('kpiFacts').push(write.kpiFacts);
      const target = p;
      return new Promise<void>((resolve, reject) => target.waiters.push({ resolve, reject }));
    },
    async flushAll() {
      const waits: Promise<void>[] = [];
      for (const p of [...pending.values(), ...[...inFlight.values()].map((f) => f.pending)])
        waits.push(new Promise((resolve) => p.waiters.push({ resolve, reject: () => resolve() })));
      await Promise.all(waits);
    },
    async close(shopId) {
      await this.flushAll();
      readers.get(shopId)?.db.close();
      readers.delete(shopId);
      await new Promise<void>((resolve) => {
        closing.set(shopId, resolve);
        send({ t: 'close', shopId });
      });
    },
    async closeAll() {
      for (const shopId of [...readers.keys()]) await this.close(shopId);
      await Promise.all([...workers.map((worker) => worker.terminate()), kpiPool?.close()]);
      kpiPool = null;
    },
  };
}
