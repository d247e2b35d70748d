// The orders a shop knows (migrations 001, 003, 011, 012, 019; the history since 003) and the history kept beside each (what a later delivery or
// an import changed, and what it tried to change but may not). The core merges a known order with what it keeps
// (orders/order-book.ts); this stores the merged row.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Order } from '../../../../shared/contract/index.ts';
import type { OrderChange } from '../../../core/ports.ts';
import type { OrderChangeRow, OrderRow } from '../rows.ts';

export function orderRow(o: Order): OrderRow {
  return {
    id: o.id,
    buyerId: o.buyerId,
    sku: o.sku,
    title: o.title,
    amountFen: o.amountFen,
    paidAt: o.paidAt,
    shipBy: o.shipBy,
    status: o.status,
    statusAt: o.statusAt,
    trackingNumber: o.trackingNumber,
    quantity: o.quantity,
    courier: o.courier,
    consigneeName: o.consigneeName,
    consigneePhone: o.consigneePhone,
    address: o.address,
    buyerNote: o.buyerNote,
    sellerMemo: o.sellerMemo,
    shipmentSync: o.shipmentSync,
    shipmentNote: o.shipmentNote,
    lines: JSON.stringify(o.lines),
  };
}

export function orderChangeRow(c: OrderChange): OrderChangeRow {
  return {
    orderId: c.orderId,
    at: c.at,
    change: JSON.stringify({ changes: c.changes, ...(c.kept ? { kept: c.kept } : {}) }),
  };
}

export const ordersTable = {
  name: 'orders',
  prepare(db: DatabaseSync): Readonly<{ upsert: StatementSync }> {
    return {
      upsert: db.prepare(
        `INSERT INTO orders (id, buyer_id, sku, title, amount_fen, paid_at, ship_by, status, status_at, tracking_number,
           quantity, courier, consignee_name, consignee_phone, address, buyer_note, seller_memo, shipment_sync, shipment_note,
           lines)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET buyer_id = excluded.buyer_id, sku = excluded.sku, title = excluded.title, amount_fen = excluded.amount_fen,
           paid_at = excluded.paid_at, ship_by = excluded.ship_by, status = excluded.status, status_at = excluded.status_at, tracking_number = excluded.tracking_number,
           quantity = excluded.quantity, courier = excluded.courier, consignee_name = excluded.consignee_name,
           consignee_phone = excluded.consignee_phone, address = excluded.address, buyer_note = excluded.buyer_note, seller_memo = excluded.seller_memo,
           shipment_sync = excluded.shipment_sync, shipment_note = excluded.shipment_note, lines = excluded.lines`,
      ),
    };
  },
  write(statements: Readonly<{ upsert: StatementSync }>, rows: readonly OrderRow[]): void {
    for (const o of rows)
      statements.upsert.run(
        o.id,
        o.buyerId,
        o.sku,
        o.title,
        o.amountFen,
        o.paidAt,
        o.shipBy,
        o.status,
        o.statusAt,
        o.trackingNumber,
        o.quantity,
        o.courier,
        o.consigneeName,
        o.consigneePhone,
        o.address,
        o.buyerNote,
        o.sellerMemo,
        o.shipmentSync,
        o.shipmentNote,
        o.lines,
      );
  },
};

export const orderHistoryTable = {
  name: 'orderHistory',
  prepare(db: DatabaseSync): Readonly<{ insert: StatementSync }> {
    return { insert: db.prepare('INSERT INTO order_history (order_id, at, change) VALUES (?, ?, ?)') };
  },
  write(statements: Readonly<{ insert: StatementSync }>, rows: readonly OrderChangeRow[]): void {
    for (const c of rows) statements.insert.run(c.orderId, c.at, c.change);
  },
};
