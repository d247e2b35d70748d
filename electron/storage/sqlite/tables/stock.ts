// The stock ledger's tables (migration 008): movements appended (an id seen before is ignored, so a replayed lock
// is one movement), allocations upserted. Opening reads positions by aggregate — each SKU's sums, and the locks of
// orders neither shipped nor released — never by replaying every movement; one SKU's ledger is read on demand.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  QUANTITY_KINDS,
  type SkuAllocation,
  type StockMovement,
  type StockQuantities,
} from '../../../../shared/domain/stock/stock-ledger.ts';
import type { StockPositions, StockWrite } from '../../../core/ports.ts';

type Statements = Readonly<{ insertMovement: StatementSync; setAllocation: StatementSync }>;

export const stockTable = {
  name: 'stock',
  prepare(db: DatabaseSync): Statements {
    return {
      insertMovement: db.prepare(
        `INSERT OR IGNORE INTO stock_movements
           (id, at, sku, kind, normal, damaged, frozen, occupied, reserved, shop_id, order_id, actor_id, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      setAllocation: db.prepare(
        'INSERT INTO stock_allocations (sku, allocation) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET allocation = excluded.allocation',
      ),
    };
  },
  write(statements: Statements, writes: readonly StockWrite[]): void {
    for (const w of writes) {
      for (const m of w.movements ?? [])
        statements.insertMovement.run(
          m.id,
          m.at,
          m.sku,
          m.kind,
          m.delta.normal ?? 0,
          m.delta.damaged ?? 0,
          m.delta.frozen ?? 0,
          m.delta.occupied ?? 0,
          m.delta.reserved ?? 0,
          m.shopId,
          m.orderId,
          m.actorId,
          m.note,
        );
      for (const a of w.allocations ?? []) statements.setAllocation.run(a.sku, JSON.stringify(a.allocation));
    }
  },
};

type MovementRow = Record<(typeof QUANTITY_KINDS)[number], number> & {
  id: string;
  at: number;
  sku: string;
  kind: StockMovement['kind'];
  shop_id: string | null;
  order_id: string | null;
  actor_id: string | null;
  note: string;
};

export function readStockPositions(db: DatabaseSync): StockPositions {
  const sums = db
    .prepare(
      `SELECT sku, sum(normal) AS normal, sum(damaged) AS damaged, sum(frozen) AS frozen, sum(occupied) AS occupied,
         sum(reserved) AS reserved FROM stock_movements GROUP BY sku`,
    )
    .all() as (StockQuantities & { sku: string })[];
  const locks = db
    .prepare(
      `SELECT l.sku, l.shop_id AS shopId, l.order_id AS orderId, l.occupied AS quantity FROM stock_movements l
       WHERE l.kind = 'order_lock' AND NOT EXISTS (
         SELECT 1 FROM stock_movements e WHERE e.shop_id = l.shop_id AND e.order_id = l.order_id
           AND e.kind IN ('shipment', 'cancel_release') AND e.seq > l.seq)`,
    )
    .all() as { sku: string; shopId: string; orderId: string; quantity: number }[];
  const allocations = new Map(
    (db.prepare('SELECT sku, allocation FROM stock_allocations').all() as { sku: string; allocation: string }[]).map(
      (row) => [row.sku, JSON.parse(row.allocation) as SkuAllocation],
    ),
  );
  return {
    quantities: new Map(sums.map(({ sku, ...quantities }) => [sku, quantities])),
    locks,
    allocations,
  };
}

export function readStockMovements(db: DatabaseSync, sku: string, limit: number): StockMovement[] {
  return (
    db
      .prepare(
        `SELECT id, at, sku, kind, normal, damaged, frozen, occupied, reserved, shop_id, order_id, actor_id, note
         FROM stock_movements WHERE sku = ? ORDER BY seq DESC LIMIT ?`,
      )
      .all(sku, limit) as MovementRow[]
  ).map((row) => ({
    id: row.id,
    at: row.at,
    sku: row.sku,
    kind: row.kind,
    delta: Object.fromEntries(QUANTITY_KINDS.filter((k) => row[k] !== 0).map((k) => [k, row[k]])),
    shopId: row.shop_id,
    orderId: row.order_id,
    actorId: row.actor_id,
    note: row.note,
  }));
}
