// Migration: the roster's operations (each edit of one field, stamped by a hybrid logical clock), the outbox of
// those the shop's platform has not confirmed, where the last pull from the platform stopped, this replica's clock id (in the organisation's database), and the checklist of
// what only a person can do in the seller centre.
export const up = `CREATE TABLE roster_ops (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     entity TEXT NOT NULL,
     entity_id TEXT NOT NULL,
     field TEXT NOT NULL,
     value TEXT NOT NULL,
     supersedes TEXT NOT NULL,
     actor_id TEXT,
     actor_name TEXT,
     origin TEXT NOT NULL
   ) STRICT;
   CREATE TABLE roster_outbox (
     seq INTEGER PRIMARY KEY,
     op_id TEXT NOT NULL UNIQUE,
     acked_at INTEGER,
     result TEXT
   ) STRICT;
   CREATE INDEX roster_outbox_open ON roster_outbox (seq) WHERE acked_at IS NULL;
   CREATE TABLE roster_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL) STRICT;
   CREATE TABLE roster_node (id INTEGER PRIMARY KEY CHECK (id = 1), node TEXT NOT NULL) STRICT;
   CREATE TABLE roster_checklist (
     id TEXT PRIMARY KEY,
     op_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     instruction TEXT NOT NULL,
     done_at INTEGER
   ) STRICT;`;
