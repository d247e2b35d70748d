// The product catalogue (migration 007): SKUs written by the writer thread in the command's transaction (with the
// audit entry that describes the change), read whole when the organisation's database opens.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Sku } from '../../../../shared/contract/index.ts';

export const skusTable = {
  name: 'skus',
  prepare(db: DatabaseSync): Readonly<{ upsert: StatementSync }> {
    return {
      upsert: db.prepare(
        `INSERT INTO skus (code, title, price_fen, shop_ids, low_stock_at, archived, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET title = excluded.title, price_fen = excluded.price_fen,
           shop_ids = excluded.shop_ids, low_stock_at = excluded.low_stock_at, archived = excluded.archived,
           updated_at = excluded.updated_at`,
      ),
    };
  },
  write(statements: Readonly<{ upsert: StatementSync }>, rows: readonly Sku[]): void {
    for (const s of rows)
      statements.upsert.run(
        s.code,
        s.title,
        s.priceFen,
        JSON.stringify(s.shopIds),
        s.lowStockAt,
        s.archived ? 1 : 0,
        s.updatedAt,
      );
  },
};

type SkuRow = {
  code: string;
  title: string;
  price_fen: number;
  shop_ids: string;
  low_stock_at: number;
  archived: number;
  updated_at: number;
};

export function readSkus(db: DatabaseSync): Sku[] {
  return (db.prepare('SELECT * FROM skus ORDER BY updated_at DESC, code').all() as SkuRow[]).map((row) => ({
    code: row.code,
    title: row.title,
    priceFen: row.price_fen,
    shopIds: JSON.parse(row.shop_ids) as string[],
    lowStockAt: row.low_stock_at,
    archived: row.archived === 1,
    updatedAt: row.updated_at,
  }));
}
