// The writer thread: owns one write connection per shop database and commits each batch in one transaction with
// synchronous=FULL, so a batch costs one fsync of the WAL however many messages it holds. Running here, the fsyncs
// never stall the main thread's event loop. Shortly after acknowledging batches it brings the full-text index up
// to date (and on open, catches up whatever a crash left unindexed): search may trail a commit by up to 200 ms,
// but an acknowledgement never waits for indexing. Audit entries are chained here, in the transaction that writes
// the data they describe: each gets its position and SHA-256 over the previous hash and its canonical encoding, and
// every `every` entries (or when the core asks, every 15 minutes) a signed checkpoint is written to the database
// and copied to a small file beside it.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { parentPort } from 'node:worker_threads';
import { writeFileDurablySync } from '../durable-file.ts';
import type { AuditChainOptions, WorkerReply, WorkerRequest, WriteBatch } from './rows.ts';
import { TABLE_MODULES } from './tables/index.ts';
import { entryHash, GENESIS_HASH, signCheckpoint, type AuditDraft, type Checkpoint } from './tables/audit-entries.ts';

type Writer = {
  db: DatabaseSync;
  insertAudit: StatementSync;
  insertCheckpoint: StatementSync;
  /** The chain's head (committed): position and hash of the last entry, and the last checkpoint. */
  head: { n: number; hash: string };
  checkpoint: { size: number; at: number } | null;
  /** Entries were added since the signed head was last copied outside the database. */
  headDirty: boolean;
  headScheduled: boolean;
  lastEntryAt: number;
  audit: Readonly<{ key: KeyObject; every: number; file: string }>;
  indexSince: StatementSync;
  markIndexed: StatementSync;
  /** The last message seq in the full-text index (kept in search_index_state, in the same transaction). */
  indexed: number;
  indexScheduled: boolean;
  /** Prepared statements of each table module, by its name. */
  tables: Map<string, unknown>;
};

const writers = new Map<string, Writer>();
const port = parentPort!;

function open(path: string, audit: AuditChainOptions): Writer {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  const indexed = (db.prepare('SELECT indexed_seq AS seq FROM search_index_state').get() as { seq: number }).seq;
  const last = db.prepare('SELECT n, hash FROM audit_entries ORDER BY seq DESC LIMIT 1').get() as
    { n: number; hash: string } | undefined;
  const checkpoint = db.prepare('SELECT size, at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1').get() as
    { size: number; at: number } | undefined;
  const writer: Writer = {
    db,
    head: last ?? { n: 0, hash: GENESIS_HASH },
    checkpoint: checkpoint ?? null,
    headDirty: last !== undefined,
    headScheduled: false,
    lastEntryAt: (db.prepare('SELECT coalesce(max(at), 0) AS at FROM audit_entries').get() as { at: number }).at,
    audit: { key: createPrivateKey(audit.signingKey), every: audit.every, file: audit.file },
    insertCheckpoint: db.prepare('INSERT INTO audit_checkpoints (size, head, at, signature) VALUES (?, ?, ?, ?)'),
    indexed,
    indexScheduled: false,
    tables: new Map(TABLE_MODULES.map((table) => [table.name, table.prepare(db)])),
    indexSince: db.prepare(
      'INSERT INTO messages_fts (rowid, text) SELECT seq, text FROM messages WHERE seq > ? AND seq <= ? ORDER BY seq',
    ),
    markIndexed: db.prepare('UPDATE search_index_state SET indexed_seq = ?'),
    insertAudit: db.prepare(
      `INSERT INTO audit_entries (n, id, at, actor_id, actor_name, connection_id, origin, shop_id, action, target_kind, target_id, changes, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  carryOver(writer);
  index(writer);
  return writer;
}

/** The first version's free-text audit rows (migration 004 set them aside) join the chain once, as system entries. */
function carryOver(writer: Writer): void {
  const rows = writer.db.prepare('SELECT seq, at, actor, action, details FROM audit_carry ORDER BY seq').all() as {
    seq: number;
    at: number;
    actor: string;
    action: string;
    details: string;
  }[];
  if (rows.length === 0) return;
  const drafts: AuditDraft[] = rows.map((row) => ({
    id: `carried-${row.seq}`,
    at: row.at,
    actorId: null,
    actorName: row.actor,
    connectionId: 'system',
    origin: 'system',
    shopId: null,
    action: row.action,
    targetKind: null,
    targetId: null,
    changes: JSON.stringify({ details: { to: row.details } }),
  }));
  transaction(writer, () => {
    const head = appendAudit(writer, drafts);
    writer.db.exec('DELETE FROM audit_carry');
    writer.head = head;
  });
  writer.headDirty = true;
  writer.lastEntryAt = drafts[drafts.length - 1]!.at;
  if (writer.checkpoint === null) checkpointNow(writer, writer.lastEntryAt);
}

/** Appends entries to the chain (inside the caller's transaction); returns the new head, committed by the caller. */
function appendAudit(writer: Writer, drafts: readonly AuditDraft[]): { n: number; hash: string } {
  let { n, hash } = writer.head;
  for (const d of drafts) {
    const row = { ...d, n: n + 1, prevHash: hash };
    const next = entryHash(row);
    writer.insertAudit.run(
      row.n,
      d.id,
      d.at,
      d.actorId,
      d.actorName,
      d.connectionId,
      d.origin,
      d.shopId,
      d.action,
      d.targetKind,
      d.targetId,
      d.changes,
      hash,
      next,
    );
    n = row.n;
    hash = next;
  }
  return { n, hash };
}

/** A checkpoint is due for the first entry, then every `every` entries. */
function checkpointDue(writer: Writer, head: { n: number }): boolean {
  if (head.n === 0) return false;
  if (writer.checkpoint === null) return true;
  return head.n - writer.checkpoint.size >= writer.audit.every;
}

/** Signs (size, head, time) into the database inside the caller's transaction; the file copy follows the commit. */
function writeCheckpoint(writer: Writer, head: { n: number; hash: string }, at: number): Checkpoint {
  const checkpoint = signCheckpoint({ size: head.n, head: head.hash, at }, writer.audit.key);
  writer.insertCheckpoint.run(checkpoint.size, checkpoint.head, checkpoint.at, checkpoint.signature);
  return checkpoint;
}

/**
 * The chain's head, signed, kept outside the database and rewritten after every commit that added entries (after
 * the acknowledgement, so no command waits for it): a tail cut from the log, or a log rebuilt with its
 * checkpoints, still shows.
 */
function copyHead(writer: Writer): void {
  writer.headDirty = false;
  const checkpoint = signCheckpoint(
    { size: writer.head.n, head: writer.head.hash, at: writer.lastEntryAt },
    writer.audit.key,
  );
  writeFileDurablySync(writer.audit.file, JSON.stringify(checkpoint));
}

function transaction(writer: Writer, body: () => void): void {
  writer.db.exec('BEGIN IMMEDIATE');
  try {
    body();
    writer.db.exec('COMMIT');
  } catch (error) {
    writer.db.exec('ROLLBACK');
    throw error;
  }
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
  let head = writer.head;
  let checkpoint: Checkpoint | null = null;
  writer.db.exec('BEGIN IMMEDIATE');
  try {
    for (const table of TABLE_MODULES) {
      const rows = batch.tables[table.name];
      if (rows && rows.length > 0) table.write(writer.tables.get(table.name) as never, rows as never);
    }
    if (batch.audit.length > 0) {
      head = appendAudit(writer, batch.audit);
      if (checkpointDue(writer, head))
        checkpoint = writeCheckpoint(writer, head, batch.audit[batch.audit.length - 1]!.at);
    }
    writer.db.exec('COMMIT');
  } catch (error) {
    writer.db.exec('ROLLBACK');
    throw error;
  }
  if (head !== writer.head) {
    writer.head = head;
    writer.headDirty = true;
    writer.lastEntryAt = batch.audit[batch.audit.length - 1]!.at;
  }
  if (checkpoint) settleCheckpoint(writer, checkpoint);
}

function settleCheckpoint(writer: Writer, checkpoint: Checkpoint): void {
  writer.checkpoint = { size: checkpoint.size, at: checkpoint.at };
}

/** The 15-minute rule: a checkpoint when entries were added since the last one. */
function checkpointNow(writer: Writer, at: number): void {
  if (writer.headDirty) copyHead(writer);
  if (writer.head.n === 0 || writer.checkpoint?.size === writer.head.n) return;
  let checkpoint: Checkpoint | null = null;
  transaction(writer, () => {
    checkpoint = writeCheckpoint(writer, writer.head, at);
  });
  settleCheckpoint(writer, checkpoint!);
}

/**
 * The signed head is copied outside the database at most every HEAD_COPY_DELAY_MS per log, after the commits of a
 * burst: a command never waits for it, and back-to-back commands cost one copy, not one each. A tail cut from the
 * log within that last moment before a crash is the one the copy cannot show.
 */
const HEAD_COPY_DELAY_MS = 50;

function scheduleHeadCopy(writer: Writer): void {
  if (writer.headScheduled) return;
  writer.headScheduled = true;
  setTimeout(() => {
    writer.headScheduled = false;
    if (!writer.db.isOpen || !writer.headDirty) return;
    try {
      copyHead(writer);
    } catch {
      /* verify reports the copy as behind the log (never ahead); the next commit writes it again */
    }
  }, HEAD_COPY_DELAY_MS);
}

/** How long new messages may wait for the full-text index: indexing in bigger runs costs far fewer commits. */
const INDEX_DELAY_MS = 200;
/** After a failed indexing run (the database busy, the disk full). */
const INDEX_RETRY_MS = 5000;

/**
 * Indexing runs at most every INDEX_DELAY_MS per shop, as a timer on this thread: it never delays an
 * acknowledgement (writes already queued go first), and a shop receiving a message every few milliseconds is
 * indexed in one transaction per interval rather than one per commit. Search trails a commit by up to that much.
 */
function scheduleIndexing(writer: Writer, delay = INDEX_DELAY_MS): void {
  if (writer.indexScheduled) return;
  writer.indexScheduled = true;
  setTimeout(() => {
    writer.indexScheduled = false;
    if (!writer.db.isOpen) return;
    try {
      index(writer);
    } catch {
      // Not fatal: the acknowledged batches stand. A quiet shop gets no next batch to retry for it, so it is retried
      // here, less often.
      scheduleIndexing(writer, INDEX_RETRY_MS);
    }
  }, delay);
}

// The main thread posts the requests of one turn of its event loop together, in order.
port.on('message', (requests: readonly WorkerRequest[]) => {
  for (const request of requests) handle(request);
});

function handle(request: WorkerRequest): void {
  let reply: WorkerReply;
  switch (request.t) {
    case 'open':
      try {
        writers.set(request.shopId, open(request.path, request.audit));
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
        if (writer.headDirty) scheduleHeadCopy(writer);
        scheduleIndexing(writer);
        return;
      } catch (error) {
        reply = { t: 'written', batchId: request.batchId, error: String(error) };
      }
      break;
    }
    case 'checkpoint': {
      const writer = writers.get(request.shopId);
      try {
        if (writer) checkpointNow(writer, request.at);
      } catch {
        /* not fatal: the next one is due again */
      }
      reply = { t: 'checkpointed', shopId: request.shopId };
      break;
    }
    case 'close': {
      const closing = writers.get(request.shopId);
      if (closing?.headDirty) {
        try {
          copyHead(closing);
        } catch {
          /* as above */
        }
      }
      closing?.db.close();
      writers.delete(request.shopId);
      reply = { t: 'closed', shopId: request.shopId };
      break;
    }
    default:
      request satisfies never;
      return;
  }
  port.postMessage(reply);
}
