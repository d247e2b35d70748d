// Migration: a shipment made in the console on its way to the platform (the shipping outbox, kept in the order's
// own row so that the shipment and its confirmation to send are one write): pending, sent, or refused with a note.
export const up = `ALTER TABLE orders ADD COLUMN shipment_sync TEXT;
   ALTER TABLE orders ADD COLUMN shipment_note TEXT NOT NULL DEFAULT '';
   CREATE INDEX orders_shipment_pending ON orders (shipment_sync) WHERE shipment_sync IS NOT NULL AND shipment_sync <> 'sent';`;
