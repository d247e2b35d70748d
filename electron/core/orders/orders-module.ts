// The orders domain: the orders of the shops in the caller's scope, and importing the seller centres' exports.
import type { CoreModule } from '../module.ts';
import type { ShopLifecycle } from '../shops/shop-lifecycle.ts';
import type { OrderBook } from './order-book.ts';
import type { OrderImport } from './order-import.ts';

export function createOrdersModule(
  deps: Readonly<{ orders: OrderBook; lifecycle: ShopLifecycle; orderImport: OrderImport }>,
): CoreModule<'orders'> {
  const { orderImport } = deps;
  return {
    handlers: {
      'orders.list': (input, { session }) => deps.orders.list(session, input, deps.lifecycle.openIds()),
      'orders.uploadPart': (input, { session }) => orderImport.uploadPart(session, input),
      'orders.previewImport': (input, { session }) => orderImport.preview(session, input),
      'orders.importOrders': (input, { session, tx }) => orderImport.apply(session, input, tx),
    },
  };
}
