// Numbered migrations of the per-shop SQLite database. `PRAGMA user_version` records the last one applied; each
// runs in its own transaction. Never edit a shipped migration: add the next one.
import type { DatabaseSync } from 'node:sqlite';

export const MIGRATIONS: readonly string[] = [
  // 1: the append-heavy streams of a shop.
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     buyer_id TEXT NOT NULL UNIQUE,
     buyer_nick TEXT NOT NULL,
     status TEXT NOT NULL,
     unread INTEGER NOT NULL,
     waiting_since INTEGER,
     last_text TEXT NOT NULL,
     last_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE messages (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     conversation_id TEXT NOT NULL,
     sender TEXT NOT NULL,
     text TEXT NOT NULL,
     at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX messages_by_conversation ON messages (conversation_id, seq);
   CREATE TABLE orders (
     id TEXT PRIMARY KEY,
     buyer_id TEXT NOT NULL,
     sku TEXT NOT NULL,
     title TEXT NOT NULL,
     amount_fen INTEGER NOT NULL,
     paid_at INTEGER NOT NULL,
     ship_by INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX orders_by_buyer ON orders (buyer_id);
   CREATE INDEX orders_by_ship_by ON orders (ship_by);
   CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     details TEXT NOT NULL
   ) STRICT;
   CREATE TABLE pending_ops (
     seq INTEGER PRIMARY KEY,
     created_at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     payload TEXT NOT NULL,
     state TEXT NOT NULL DEFAULT 'pending'
   ) STRICT;`,
  // 2: the unified inbox — routing state, notes, message kinds, response rounds, full-text search. The trigram
  // tokenizer indexes Chinese without word segmentation (any 3-character substring matches). The index is an
  // external-content table the writer thread fills right after each commit (write-worker.ts), not a trigger: a
  // message's acknowledgement never waits for indexing.
  `ALTER TABLE conversations ADD COLUMN due_at INTEGER;
   ALTER TABLE conversations ADD COLUMN grp TEXT NOT NULL DEFAULT 'presale';
   ALTER TABLE conversations ADD COLUMN assignee_id TEXT;
   ALTER TABLE conversations ADD COLUMN assigned_at INTEGER;
   ALTER TABLE conversations ADD COLUMN last_agent_id TEXT;
   ALTER TABLE conversations ADD COLUMN last_agent_at INTEGER;
   ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE conversations ADD COLUMN note TEXT NOT NULL DEFAULT '';
   ALTER TABLE conversations ADD COLUMN transfer TEXT;
   ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'text';
   ALTER TABLE messages ADD COLUMN ref TEXT;
   ALTER TABLE messages ADD COLUMN author_id TEXT;
   CREATE TABLE rounds (
     conversation_id TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     answered_at INTEGER,
     agent_id TEXT,
     PRIMARY KEY (conversation_id, started_at)
   ) STRICT;
   CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', content_rowid='seq', tokenize='trigram');
   CREATE TABLE search_index_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_seq INTEGER NOT NULL) STRICT;
   INSERT INTO search_index_state (id, indexed_seq) VALUES (1, 0);`,
  // 3: order states as the platforms name them, each known order's history of changes (a redelivered order is an
  // update, never a silent replace), and the connector's position, written with the data it delivered.
  `ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'awaiting_shipment';
   ALTER TABLE orders ADD COLUMN status_at INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE orders ADD COLUMN tracking_number TEXT;
   UPDATE orders SET status_at = paid_at;
   CREATE TABLE order_history (seq INTEGER PRIMARY KEY, order_id TEXT NOT NULL, at INTEGER NOT NULL, change TEXT NOT NULL) STRICT;
   CREATE INDEX order_history_by_order ON order_history (order_id, seq);
   CREATE TABLE connector_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL) STRICT;`,
];

export class NewerDatabaseError extends Error {
  constructor(path: string, found: number, known: number) {
    super(`${path} was written by a newer version of Seller Console (schema ${found}; this version knows ${known}). Update the app; the file was not changed.`);
    this.name = 'NewerDatabaseError';
  }
}

export function migrate(db: DatabaseSync, path: string, migrations: readonly string[] = MIGRATIONS): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const current = row.user_version;
  if (current > migrations.length) throw new NewerDatabaseError(path, current, migrations.length);
  for (let version = current + 1; version <= migrations.length; version += 1) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version - 1]!);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return migrations.length;
}
