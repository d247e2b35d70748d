// The inventory domain: the product catalogue (and the product cards agents send from it) and the stock ledger.
import type { CoreModule } from '../module.ts';
import type { SkuCatalogue } from './sku-catalogue.ts';
import type { StockService } from './stock-service.ts';
import type { StockSync } from './stock-sync.ts';

export function createInventoryModule(
  deps: Readonly<{ catalogue: SkuCatalogue; stock: StockService; sync: StockSync }>,
): CoreModule<'inventory'> {
  const { catalogue, stock, sync } = deps;
  return {
    // A shop's open orders are checked against the ledger when it opens (a lock a stop cut off is made then).
    openShop: (shopId) => stock.reconcile(shopId),
    closeShop: async (shopId) => sync.closeShop(shopId),
    connectorStarted: (shopId) => sync.connectorStarted(shopId, stock.displayedIn(shopId)),
    stop: () => sync.stopAll(),
    handlers: {
      'inventory.stock': (input, { session }) => {
        const { rows, oversold } = stock.rows(session, input);
        const shopIds = [...new Set(rows.flatMap((row) => row.shops.map((s) => s.shopId)))];
        return { rows, oversold, syncPending: Object.fromEntries(shopIds.map((id) => [id, sync.pending(id)])) };
      },
      'inventory.movements': (input) => stock.movements(input.sku, input.limit),
      'inventory.moveStock': (input, { session, tx }) => stock.move(session, input, tx),
      'inventory.setAllocation': (input, { session, tx }) => stock.setAllocation(session, input, tx),
      'inventory.skus': (input, { session }) => catalogue.list(session, input),
      'inventory.saveSku': (input, { session, tx }) => catalogue.save(session, input, tx),
      'inventory.productCards': (input) => catalogue.productCards(input.shopId, input.query),
    },
  };
}
