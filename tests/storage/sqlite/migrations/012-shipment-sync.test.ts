import { describe, expect, it } from 'vitest';
import { databaseAt, upgrade } from './helpers.ts';

describe('migration 012: the shipment outbox in the order row', () => {
  it('gives stored orders no shipment on its way, and indexes the ones that are', () => {
    const db = databaseAt(11);
    db.prepare(
      "INSERT INTO orders (id, buyer_id, sku, title, amount_fen, paid_at, ship_by) VALUES ('o1', 'b1', 'S1', '毛巾', 1990, 1000, 5000)",
    ).run();
    upgrade(db, 12);
    expect(db.prepare('SELECT shipment_sync, shipment_note FROM orders').get()).toEqual({
      shipment_sync: null,
      shipment_note: '',
    });
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM orders WHERE shipment_sync IS NOT NULL AND shipment_sync <> 'sent'")
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('orders_shipment_pending');
  });
});
