// Migration: goods-in inspections (进货验收) in the organisation's database — one row per purchase batch with its
// supplier, SKU, lot size and the inspection as recorded (plan, defects found, verdict, accepted and rejected
// quantities); its stock movement is in stock_movements, written in the same transaction.
export const up = `CREATE TABLE goods_in_batches (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     at INTEGER NOT NULL,
     supplier TEXT NOT NULL,
     sku TEXT NOT NULL,
     batch TEXT NOT NULL
   ) STRICT;
   CREATE INDEX goods_in_supplier ON goods_in_batches (supplier, seq);`;
