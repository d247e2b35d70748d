import { describe, expect, it } from 'vitest';
import { databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 003: order states and history, the connector position', () => {
  it('gives known orders the waiting-to-ship state as of their payment, and adds history and cursor tables', () => {
    const db = databaseAt(2);
    db.prepare(
      "INSERT INTO orders (id, buyer_id, sku, title, amount_fen, paid_at, ship_by) VALUES ('o1', 'b1', 'S1', '毛巾', 1990, 1000, 5000)",
    ).run();
    upgrade(db, 3);
    expect(db.prepare('SELECT status, status_at, tracking_number FROM orders').get()).toEqual({
      status: 'awaiting_shipment',
      status_at: 1000,
      tracking_number: null,
    });
    expect(tables(db)).toEqual(expect.arrayContaining(['order_history', 'connector_cursor']));
  });
});
