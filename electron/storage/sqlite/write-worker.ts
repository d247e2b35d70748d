// The writer thread: owns one write connection per shop database and commits each batch in one transaction with
// synchronous=FULL, so a batch costs one fsync of the WAL however many messages it holds. Running here, the fsyncs
// never stall the main thread's event loop. Shortly after acknowledging batches it brings the full-text index up
// to date (and on open, catches up whatever a crash left unindexed): search may trail a commit by up to 200 ms,
// but an acknowledgement never waits for indexing.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { parentPort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest, WriteBatch } from './rows.ts';

type Writer = {
  db: DatabaseSync;
  upsertConversation: StatementSync;
  insertMessage: StatementSync;
  upsertOrder: StatementSync;
  insertAudit: StatementSync;
  upsertRound: StatementSync;
  insertOrderChange: StatementSync;
  setCursor: StatementSync;
  indexSince: StatementSync;
  markIndexed: StatementSync;
  /** The last message seq in the full-text index (kept in search_index_state, in the same transaction). */
  indexed: number;
  indexScheduled: boolean;
};

const writers = new Map<string, Writer>();
const port = parentPort!;

function open(path: string): Writer {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  const indexed = (db.prepare('SELECT indexed_seq AS seq FROM search_index_state').get() as { seq: number }).seq;
  const writer: Writer = {
    db,
    indexed,
    indexScheduled: false,
    indexSince: db.prepare('INSERT INTO messages_fts (rowid, text) SELECT seq, text FROM messages WHERE seq > ? AND seq <= ? ORDER BY seq'),
    markIndexed: db.prepare('UPDATE search_index_state SET indexed_seq = ?'),
    upsertConversation: db.prepare(
      `INSERT INTO conversations (id, buyer_id, buyer_nick, status, unread, waiting_since, last_text, last_at, updated_at,
         due_at, grp, assignee_id, assigned_at, last_agent_id, last_agent_at, tags, note, transfer)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET buyer_nick = excluded.buyer_nick, status = excluded.status, unread = excluded.unread,
         waiting_since = excluded.waiting_since, last_text = excluded.last_text, last_at = excluded.last_at, updated_at = excluded.updated_at,
         due_at = excluded.due_at, grp = excluded.grp, assignee_id = excluded.assignee_id, assigned_at = excluded.assigned_at,
         last_agent_id = excluded.last_agent_id, last_agent_at = excluded.last_agent_at, tags = excluded.tags, note = excluded.note,
         transfer = excluded.transfer`,
    ),
    insertMessage: db.prepare('INSERT OR IGNORE INTO messages (id, conversation_id, sender, kind, text, ref, author_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    upsertRound: db.prepare(
      `INSERT INTO rounds (conversation_id, started_at, answered_at, agent_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_id, started_at) DO UPDATE SET answered_at = excluded.answered_at, agent_id = excluded.agent_id`,
    ),
    // The core has merged a known order with what it keeps (orders/order-book.ts): this stores the merged row.
    upsertOrder: db.prepare(
      `INSERT INTO orders (id, buyer_id, sku, title, amount_fen, paid_at, ship_by, status, status_at, tracking_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET buyer_id = excluded.buyer_id, sku = excluded.sku, title = excluded.title, amount_fen = excluded.amount_fen,
         paid_at = excluded.paid_at, ship_by = excluded.ship_by, status = excluded.status, status_at = excluded.status_at, tracking_number = excluded.tracking_number`,
    ),
    insertOrderChange: db.prepare('INSERT INTO order_history (order_id, at, change) VALUES (?, ?, ?)'),
    setCursor: db.prepare('INSERT INTO connector_cursor (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value'),
    insertAudit: db.prepare('INSERT INTO audit_log (at, actor, action, details) VALUES (?, ?, ?, ?)'),
  };
  index(writer);
  return writer;
}

/** Adds every message committed since the last call to the full-text index, in one transaction. */
function index(writer: Writer): void {
  const last = (writer.db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM messages').get() as { seq: number }).seq;
  if (last <= writer.indexed) return;
  // The index is rebuilt from the messages after a crash, so its commits need no fsync of their own.
  writer.db.exec('PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE');
  try {
    writer.indexSince.run(writer.indexed, last);
    writer.markIndexed.run(last);
    writer.db.exec('COMMIT');
    writer.indexed = last;
  } catch (error) {
    writer.db.exec('ROLLBACK');
    throw error;
  } finally {
    writer.db.exec('PRAGMA synchronous = FULL');
  }
}

function write(writer: Writer, batch: WriteBatch): void {
  writer.db.exec('BEGIN IMMEDIATE');
  try {
    for (const m of batch.messages) writer.insertMessage.run(m.id, m.conversationId, m.sender, m.kind, m.text, m.ref, m.authorId, m.at);
    for (const c of batch.conversations) {
      writer.upsertConversation.run(
        c.id, c.buyerId, c.buyerNick, c.status, c.unread, c.waitingSince, c.lastText, c.lastAt, c.updatedAt,
        c.dueAt, c.group, c.assigneeId, c.assignedAt, c.lastAgentId, c.lastAgentAt, c.tags, c.note, c.transfer,
      );
    }
    for (const r of batch.rounds) writer.upsertRound.run(r.conversationId, r.startedAt, r.answeredAt, r.agentId);
    for (const o of batch.orders) writer.upsertOrder.run(o.id, o.buyerId, o.sku, o.title, o.amountFen, o.paidAt, o.shipBy, o.status, o.statusAt, o.trackingNumber);
    for (const c of batch.orderChanges) writer.insertOrderChange.run(c.orderId, c.at, c.change);
    if (batch.connectorCursor !== null) writer.setCursor.run(batch.connectorCursor);
    for (const a of batch.audit) writer.insertAudit.run(a.at, a.actor, a.action, a.details);
    writer.db.exec('COMMIT');
  } catch (error) {
    writer.db.exec('ROLLBACK');
    throw error;
  }
}

/** How long new messages may wait for the full-text index: indexing in bigger runs costs far fewer commits. */
const INDEX_DELAY_MS = 200;

/**
 * Indexing runs at most every INDEX_DELAY_MS per shop, as a timer on this thread: it never delays an
 * acknowledgement (writes already queued go first), and a shop receiving a message every few milliseconds is
 * indexed in one transaction per interval rather than one per commit. Search trails a commit by up to that much.
 */
function scheduleIndexing(writer: Writer): void {
  if (writer.indexScheduled) return;
  writer.indexScheduled = true;
  setTimeout(() => {
    writer.indexScheduled = false;
    if (!writer.db.isOpen) return;
    try {
      index(writer);
    } catch {
      /* not fatal: the acknowledged batches stand, and the next batch (or the next open) indexes them */
    }
  }, INDEX_DELAY_MS);
}

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  switch (request.t) {
    case 'open':
      try {
        writers.set(request.shopId, open(request.path));
        reply = { t: 'opened', shopId: request.shopId };
      } catch (error) {
        reply = { t: 'opened', shopId: request.shopId, error: String(error) };
      }
      break;
    case 'write': {
      const writer = writers.get(request.shopId);
      try {
        if (!writer) throw new Error(`shop ${request.shopId} is not open`);
        write(writer, request.batch);
        port.postMessage({ t: 'written', batchId: request.batchId } satisfies WorkerReply);
        scheduleIndexing(writer);
        return;
      } catch (error) {
        reply = { t: 'written', batchId: request.batchId, error: String(error) };
      }
      break;
    }
    case 'close':
      writers.get(request.shopId)?.db.close();
      writers.delete(request.shopId);
      reply = { t: 'closed', shopId: request.shopId };
      break;
    default:
      request satisfies never;
      return;
  }
  port.postMessage(reply);
});
