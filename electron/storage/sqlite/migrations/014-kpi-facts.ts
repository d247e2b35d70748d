// Migration: what the reports read besides rounds and messages — buyers' satisfaction ratings (0–4, as the platform
// delivers them, with the agent the chat was with) and each person's presence timeline (online / paused / offline,
// kept in the organisation's database) — and the indexes that read one day of a shop without scanning the rest.
export const up = `CREATE TABLE ratings (
     seq INTEGER PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     agent_id TEXT,
     score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 4),
     at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX ratings_by_at ON ratings (at);
   CREATE TABLE presence (
     seq INTEGER PRIMARY KEY,
     person_id TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('online', 'paused', 'offline')),
     at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX presence_by_at ON presence (at);
   CREATE INDEX messages_by_at ON messages (at);
   CREATE INDEX rounds_by_start ON rounds (started_at);
   CREATE INDEX orders_by_paid ON orders (paid_at);`;
