// Goods-in batches (migration 009): appended by the writer thread with the batch's stock movement, read whole at
// start (a business records dozens of batches a week, not millions).
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { GoodsInBatch } from '../../../../shared/contract/index.ts';

export const goodsInTable = {
  name: 'goodsIn',
  prepare(db: DatabaseSync): Readonly<{ insert: StatementSync }> {
    return {
      insert: db.prepare(
        'INSERT OR IGNORE INTO goods_in_batches (id, at, supplier, sku, batch) VALUES (?, ?, ?, ?, ?)',
      ),
    };
  },
  write(statements: Readonly<{ insert: StatementSync }>, rows: readonly GoodsInBatch[]): void {
    for (const b of rows) statements.insert.run(b.id, b.at, b.supplier, b.sku, JSON.stringify(b));
  },
};

export function readGoodsIn(db: DatabaseSync): GoodsInBatch[] {
  return (db.prepare('SELECT batch FROM goods_in_batches ORDER BY seq').all() as { batch: string }[]).map(
    (row) => JSON.parse(row.batch) as GoodsInBatch,
  );
}
