// The inventory domain, first part: the product catalogue (and the product cards agents send from it).
import type { CoreModule } from '../module.ts';
import type { SkuCatalogue } from './sku-catalogue.ts';

export function createInventoryModule(deps: Readonly<{ catalogue: SkuCatalogue }>): CoreModule<'inventory'> {
  const { catalogue } = deps;
  return {
    handlers: {
      'inventory.skus': (input, { session }) => catalogue.list(session, input),
      'inventory.saveSku': (input, { session, tx }) => catalogue.save(session, input, tx),
      'inventory.productCards': (input) => catalogue.productCards(input.shopId, input.query),
    },
  };
}
