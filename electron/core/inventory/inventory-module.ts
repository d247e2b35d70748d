// The inventory domain: the product catalogue (and the product cards agents send from it) and the stock ledger.
import type { EventBus } from '../events/event-bus.ts';
import type { CoreModule } from '../module.ts';
import type { Clock, Connector, Ids, Logger, ShopStreams } from '../ports.ts';
import { createGoodsIn, type GoodsIn } from './goods-in.ts';
import { createPhotos, type Photos } from './photos.ts';
import { createSkuCatalogue, type SkuCatalogue } from './sku-catalogue.ts';
import { createStockService, type StockService } from './stock-service.ts';
import { createStockSync, type StockSync } from './stock-sync.ts';
import { createStocktakes, type Stocktakes } from './stocktake-service.ts';

/** The inventory's services, and its module: the catalogue and stock are also used by the inbox and the orders. */
export function createInventory(
  deps: Readonly<{
    streams: ShopStreams;
    bus: EventBus;
    logger: Logger;
    clock: Clock;
    ids: Ids;
    connectorOf(shopId: string): Connector | null;
  }>,
) {
  const catalogue = createSkuCatalogue(deps);
  const sync = createStockSync({
    ...deps,
    onPendingChanged: (shopId, pending) =>
      deps.bus.emit({ name: 'inventory.syncChanged', payload: { shopId, pending } }),
  });
  const stock = createStockService({
    ...deps,
    catalogue,
    onDisplayedChanged: (sku, displayed) => sync.changed(sku, displayed),
  });
  const photos = createPhotos(deps);
  const goodsIn = createGoodsIn({ ...deps, stock, photos });
  const stocktakes = createStocktakes({ ...deps, catalogue, stock });
  return {
    catalogue,
    stock,
    /** The photo store, also for the checklists' photo checks. */
    photos,
    module: createInventoryModule({ catalogue, stock, sync, goodsIn, stocktakes, photos }),
    /** Reads the catalogue, the stock positions and the goods-in history (the organisation's log is open). */
    load() {
      catalogue.load();
      stock.load();
      goodsIn.load();
      stocktakes.load();
    },
  };
}

export function createInventoryModule(
  deps: Readonly<{
    catalogue: SkuCatalogue;
    stock: StockService;
    sync: StockSync;
    goodsIn: GoodsIn;
    stocktakes: Stocktakes;
    photos: Photos;
  }>,
): CoreModule<'inventory'> {
  const { catalogue, stock, sync, goodsIn, stocktakes, photos } = deps;
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
      'inventory.receiveGoods': (input, { session, tx }) => goodsIn.receive(session, input, tx),
      'inventory.goodsIn': (input) => goodsIn.history(input.supplier, input.limit),
      'inventory.uploadPhoto': (input, { session, tx }) => photos.upload(session, input.data, tx),
      'inventory.photo': (input) => photos.get(input.photoId),
      'inventory.stocktakes': (_input, { session }) => stocktakes.list(session),
      'inventory.startStocktake': (input, { session, tx }) => stocktakes.start(session, input, tx),
      'inventory.submitCounts': (input, { session, tx }) => stocktakes.submit(session, input, tx),
      'inventory.postStocktake': (input, { session, tx }) => stocktakes.post(session, input.sheetId, tx),
      'inventory.setAllocation': (input, { session, tx }) => stock.setAllocation(session, input, tx),
      'inventory.skus': (input, { session }) => catalogue.list(session, input),
      'inventory.saveSku': (input, { session, tx }) => catalogue.save(session, input, tx),
      'inventory.productCards': (input) => catalogue.productCards(input.shopId, input.query),
    },
  };
}
