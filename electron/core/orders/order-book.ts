// Orders delivered by connectors, with their payment time and ship-by deadline, kept in each shop's streams.
import type { Order, SessionInfo } from '../../../shared/contract/index.ts';
import type { ShopStreams } from '../ports.ts';

export interface OrderBook {
  add(order: Order): Promise<void>;
  list(session: SessionInfo, filter: Readonly<{ shopId: string | null; buyerId: string | null; limit: number }>, openShopIds: readonly string[]): Order[];
}

export function createOrderBook(streams: ShopStreams): OrderBook {
  return {
    add: (order) => streams.write(order.shopId, { orders: [order] }),
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
