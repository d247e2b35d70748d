// Migration: an order line's details as the exports and platforms give them — units, courier, the consignee (kept
// as received; printed slips mask it) and the buyer's and seller's notes — for shipping and packing. Orders stored
// before are one unit with no details.
export const up = `ALTER TABLE orders ADD COLUMN quantity INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE orders ADD COLUMN courier TEXT;
   ALTER TABLE orders ADD COLUMN consignee_name TEXT;
   ALTER TABLE orders ADD COLUMN consignee_phone TEXT;
   ALTER TABLE orders ADD COLUMN address TEXT;
   ALTER TABLE orders ADD COLUMN buyer_note TEXT NOT NULL DEFAULT '';
   ALTER TABLE orders ADD COLUMN seller_memo TEXT NOT NULL DEFAULT '';`;
