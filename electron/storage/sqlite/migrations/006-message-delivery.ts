// Migration: where each agent message stands with the shop's platform. A reply is written with its row here as
// `sending` in the same transaction (the outbox: what a restart sends on), then marked `sent` or `failed` (with the
// platform's reason) as the connector answers. Buyer and system messages have no row.
export const up = `CREATE TABLE message_delivery (
     seq INTEGER PRIMARY KEY,
     message_id TEXT NOT NULL UNIQUE,
     state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
     note TEXT,
     attempts INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX message_delivery_sending ON message_delivery (seq) WHERE state = 'sending';`;
