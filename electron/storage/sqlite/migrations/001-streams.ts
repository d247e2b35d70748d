// Migration: the append-heavy streams of a shop.
export const up = `CREATE TABLE conversations (
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
   ) STRICT;`;
