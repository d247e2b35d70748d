// Migration: the business's product catalogue (SKUs by 商家编码), kept in the organisation's database — the
// warehouse belongs to the business, not to a shop. Shop databases get the (empty) table too: one schema for all.
export const up = `CREATE TABLE skus (
     code TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
     shop_ids TEXT NOT NULL,
     low_stock_at INTEGER NOT NULL CHECK (low_stock_at >= 0),
     archived INTEGER NOT NULL CHECK (archived IN (0, 1)),
     updated_at INTEGER NOT NULL
   ) STRICT;`;
