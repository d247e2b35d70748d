// Migration: order states as the platforms name them, each known order's history of changes (a redelivered order is an
// update, never a silent replace), and the connector's position, written with the data it delivered.
export const up = `ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'awaiting_shipment';
   ALTER TABLE orders ADD COLUMN status_at INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE orders ADD COLUMN tracking_number TEXT;
   UPDATE orders SET status_at = paid_at;
   CREATE TABLE order_history (seq INTEGER PRIMARY KEY, order_id TEXT NOT NULL, at INTEGER NOT NULL, change TEXT NOT NULL) STRICT;
   CREATE INDEX order_history_by_order ON order_history (order_id, seq);
   CREATE TABLE connector_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL) STRICT;`;
