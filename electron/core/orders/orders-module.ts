// The orders domain: the orders of the shops in the caller's scope.
import type { CoreModule } from '../module.ts';
import type { ShopLifecycle } from '../shops/shop-lifecycle.ts';
import type { OrderBook } from './order-book.ts';

export function createOrdersModule(
  deps: Readonly<{ orders: OrderBook; lifecycle: ShopLifecycle }>,
): CoreModule<'orders'> {
  return {
    handlers: {
      'orders.list': (input, { session }) => deps.orders.list(session, input, deps.lifecycle.openIds()),
    },
  };
}
