// Orders delivered by connectors, kept in each shop's streams. A delivery with a known order id is an update: what
// changed is applied and recorded in the order's history; what a platform never changes (payment time, ship-by,
// buyer) and a stale step back in the shipping states are kept as they were, and the attempt recorded — a
// redelivered order never silently replaces the one on file.
import type { Order, OrderStatus, SessionInfo } from '../../../shared/contract/index.ts';
import { sameLines, withLines } from '../../../shared/domain/orders/order-lines.ts';
import type { OrderChange, OrderIn, ShopStreams } from '../ports.ts';

export interface OrderBook {
  /**
   * Resolves once the order (or its update) and the connector's cursor are durable: with the order as stored, or
   * null when the delivery changed nothing.
   */
  add(order: OrderIn, at: number): Promise<Order | null>;
  list(
    session: SessionInfo,
    filter: Readonly<{ shopId: string | null; buyerId: string | null; limit: number }>,
    openShopIds: readonly string[],
  ): Order[];
}

const FIXED = ['buyerId', 'paidAt', 'shipBy'] as const;
const MUTABLE = [
  'sku',
  'title',
  'amountFen',
  'status',
  'statusAt',
  'trackingNumber',
  'quantity',
  'courier',
  'consigneeName',
  'consigneePhone',
  'address',
  'buyerNote',
  'sellerMemo',
] as const;
/** The forward path of shipping; refunding and closing can follow any of them. */
const SHIPPING_STEP: Partial<Record<OrderStatus, number>> = { awaiting_shipment: 0, shipped: 1, received: 2 };

/** Merges a delivery into the order on file: the order to store and the change to record (null: nothing changed). */
export function mergeOrder(known: Order, incoming: Order, at: number): { order: Order; change: OrderChange | null } {
  const kept: Record<string, unknown> = {};
  for (const field of FIXED) if (incoming[field] !== known[field]) kept[field] = incoming[field];
  const knownStep = SHIPPING_STEP[known.status];
  const incomingStep = SHIPPING_STEP[incoming.status];
  const staleStatus = knownStep !== undefined && incomingStep !== undefined && incomingStep < knownStep;
  const next: Order = { ...known };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  // The lines as a whole: one change when any line differs (a line added, removed, or changed).
  if (!sameLines(incoming.lines, known.lines)) {
    if (staleStatus) kept.lines = incoming.lines;
    else {
      changes.lines = { from: known.lines, to: incoming.lines };
      next.lines = incoming.lines;
    }
  }
  for (const field of MUTABLE) {
    if (incoming[field] === known[field]) continue;
    // A stale snapshot (a step back in shipping) changes none of the shipping fields; a tracking number never
    // disappears once known.
    const staleShipping =
      staleStatus && (field === 'status' || field === 'statusAt' || field === 'trackingNumber' || field === 'courier');
    if (
      staleShipping ||
      (field === 'trackingNumber' && known.trackingNumber !== null && incoming.trackingNumber === null)
    ) {
      kept[field] = incoming[field];
      continue;
    }
    changes[field] = { from: known[field], to: incoming[field] };
    (next as Record<string, unknown>)[field] = incoming[field];
  }
  const hasKept = Object.keys(kept).length > 0;
  if (Object.keys(changes).length === 0 && !hasKept) return { order: known, change: null };
  return { order: next, change: { orderId: known.id, at, changes, ...(hasKept ? { kept } : {}) } };
}

export function createOrderBook(streams: ShopStreams): OrderBook {
  // Orders written but not yet committed, so that an update right behind them merges with what is on its way.
  const unsettled = new Map<string, Order>();
  const keyOf = (order: Order) => `${order.shopId}\u0000${order.id}`;
  return {
    async add(incoming, at) {
      const { cursor, ...delivered } = incoming;
      const order = withLines(delivered);
      const key = keyOf(order);
      const known = unsettled.get(key) ?? streams.order(order.shopId, order.id);
      const cursorWrite = cursor === undefined ? {} : { connectorCursor: cursor };
      if (known === null) {
        unsettled.set(key, order);
        await streams.write(order.shopId, { orders: [order], ...cursorWrite }).finally(() => {
          if (unsettled.get(key) === order) unsettled.delete(key);
        });
        return order;
      }
      const merged = mergeOrder(known, order, at);
      if (merged.change === null) {
        if (cursor !== undefined) await streams.write(order.shopId, cursorWrite);
        return null;
      }
      unsettled.set(key, merged.order);
      await streams
        .write(order.shopId, { orders: [merged.order], orderChanges: [merged.change], ...cursorWrite })
        .finally(() => {
          if (unsettled.get(key) === merged.order) unsettled.delete(key);
        });
      return merged.order;
    },
    list(session, filter, openShopIds) {
      const result: Order[] = [];
      for (const shopId of openShopIds) {
        if (filter.shopId !== null && filter.shopId !== shopId) continue;
        if (session.shopIds !== 'all' && !session.shopIds.includes(shopId)) continue;
        result.push(...streams.orders(shopId, filter.buyerId, filter.limit));
      }
      // Most pressing first: the nearest ship-by deadline.
      return result.sort((a, b) => a.shipBy - b.shipBy).slice(0, filter.limit);
    },
  };
}
