import { describe, expect, it } from 'vitest';
import { databaseAt, upgrade } from './helpers.ts';

describe('migration 011: order line details', () => {
  it('makes a stored order one unit with no consignee, courier or notes', () => {
    const db = databaseAt(10);
    db.prepare(
      "INSERT INTO orders (id, buyer_id, sku, title, amount_fen, paid_at, ship_by) VALUES ('o1', 'b1', 'S1', '毛巾', 1990, 1000, 5000)",
    ).run();
    upgrade(db, 11);
    expect(
      db
        .prepare(
          'SELECT quantity, courier, consignee_name, consignee_phone, address, buyer_note, seller_memo FROM orders',
        )
        .get(),
    ).toEqual({
      quantity: 1,
      courier: null,
      consignee_name: null,
      consignee_phone: null,
      address: null,
      buyer_note: '',
      seller_memo: '',
    });
  });
});
