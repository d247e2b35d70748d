// Migration: stocktake sheets (盘点单) in the organisation's database, one row per sheet as it stands (its lines with
// the book when made, the first and second counts); its posting's movements are in stock_movements, written in the
// same transaction.
export const up = `CREATE TABLE stocktake_sheets (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     sheet TEXT NOT NULL
   ) STRICT;`;
