import { describe, expect, it } from 'vitest';
import { columns, databaseAt, upgrade } from './helpers.ts';

describe('migration 019: order lines', () => {
  it('adds the lines column; an order stored before has none (it reads as the one line of its row)', () => {
    const db = databaseAt(18);
    db.prepare(
      "INSERT INTO orders (id, buyer_id, sku, title, amount_fen, paid_at, ship_by) VALUES ('o1', 'b1', 'S1', '毛巾', 1990, 1000, 5000)",
    ).run();
    upgrade(db, 19);
    expect(columns(db, 'orders')).toContain('lines');
    expect(db.prepare('SELECT lines FROM orders').get()).toEqual({ lines: null });
  });
});
