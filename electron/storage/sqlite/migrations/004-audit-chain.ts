// Migration: the audit log as a hash chain. Each entry names who (person, window or connection, origin), when,
// which shop, the method, its target and a before/after summary; `n` is its position, `prev_hash` the hash of the
// entry before and `hash` SHA-256 over both and the entry's canonical encoding (computed by the writer thread in
// the transaction that writes the data the entry describes). Checkpoints sign (size, head hash, time) with the
// console's Ed25519 key. Security events (refused logins, forbidden calls) sit beside the chain, not in it. The
// first version's free-text audit rows are carried over into the chain.
export const up = `CREATE TABLE audit_entries (
     seq INTEGER PRIMARY KEY,
     n INTEGER NOT NULL,
     id TEXT NOT NULL,
     at INTEGER NOT NULL,
     actor_id TEXT,
     actor_name TEXT,
     connection_id TEXT NOT NULL,
     origin TEXT NOT NULL,
     shop_id TEXT,
     action TEXT NOT NULL,
     target_kind TEXT,
     target_id TEXT,
     changes TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   ) STRICT;
   CREATE INDEX audit_entries_by_id ON audit_entries (id);
   CREATE INDEX audit_entries_by_actor ON audit_entries (actor_id, seq);
   CREATE INDEX audit_entries_by_at ON audit_entries (at);
   CREATE TABLE audit_checkpoints (
     seq INTEGER PRIMARY KEY,
     size INTEGER NOT NULL,
     head TEXT NOT NULL,
     at INTEGER NOT NULL,
     signature TEXT NOT NULL
   ) STRICT;
   CREATE TABLE security_events (
     seq INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     actor_id TEXT,
     login TEXT,
     connection_id TEXT NOT NULL,
     origin TEXT NOT NULL,
     action TEXT NOT NULL,
     method TEXT NOT NULL,
     detail TEXT NOT NULL
   ) STRICT;
   CREATE TABLE audit_carry (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, details TEXT NOT NULL) STRICT;
   INSERT INTO audit_carry SELECT seq, at, actor, action, details FROM audit_log;
   DROP TABLE audit_log;`;
