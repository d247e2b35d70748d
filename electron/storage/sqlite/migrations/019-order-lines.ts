// Migration: an order keeps all its lines (several SKUs, gifts), as a JSON array; an order written before this has
// none stored (NULL) and reads as the one line its sku, title, quantity and amount describe.
export const up = `ALTER TABLE orders ADD COLUMN lines TEXT;`;
