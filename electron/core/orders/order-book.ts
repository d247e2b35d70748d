// Orders delivered by connectors, with their payment time and ship-by deadline. Kept in memory per shop in this
// foundation (bounded, newest kept); the per-shop SQLite store takes over behind the same interface (issue #3).
import type { Order, SessionInfo } from '../../../shared/contract/index.ts';

export interface OrderBook {
  add(order: Order): void;
  list(session: SessionInfo, filter: Readonly<{ shopId: string | null; buyerId: string | null; limit: number }>, shopIsVisible: (shopId: string) => boolean): Order[];
}

export function createOrderBook(maxPerShop = 5000): OrderBook {
  const byShop = new Map<string, Order[]>();
  return {
    add(order) {
      let orders = byShop.get(order.shopId);
      if (!orders) byShop.set(order.shopId, (orders = []));
      orders.push(order);
      if (orders.length > maxPerShop) orders.splice(0, orders.length - maxPerShop);
    },
    list(session, filter, shopIsVisible) {
      const result: Order[] = [];
      for (const [shopId, orders] of byShop) {
        if (!shopIsVisible(shopId) || (filter.shopId !== null && filter.shopId !== shopId)) continue;
        if (session.shopIds !== 'all' && !session.shopIds.includes(shopId)) continue;
        for (const order of orders) if (filter.buyerId === null || order.buyerId === filter.buyerId) result.push(order);
      }
      // Most pressing first: the nearest ship-by deadline.
      return result.sort((a, b) => a.shipBy - b.shipBy).slice(0, filter.limit);
    },
  };
}
