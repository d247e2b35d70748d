// First run seeds the demo shops, then the people, and records the seed complete only at the end; a seed that a
// stop interrupted is finished on the next start (each step is idempotent: shops by id, people by login).
import type { SkuCatalogue } from '../inventory/sku-catalogue.ts';
import type { StockService } from '../inventory/stock-service.ts';

/** Units of each demo SKU on the shelf at the first start (the demo's orders lock and ship from them). */
const DEMO_OPENING_STOCK = 500;
import type { CorePorts } from '../ports.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { ShopService } from '../shops/shop-service.ts';

export async function seedDemo(
  ports: CorePorts,
  shops: ShopService,
  sessions: SessionService,
  inventory: Readonly<{ catalogue: Pick<SkuCatalogue, 'seed'>; stock: Pick<StockService, 'seed'> }>,
): Promise<void> {
  const seed = ports.demo;
  const state = await ports.storage.seedState();
  if (state === 'complete') return;
  if (state === null) {
    // A folder left by an earlier version's interrupted seed: demo shops, nobody to log in. Finish that seed.
    const interruptedEarlier =
      seed &&
      shops.all().length > 0 &&
      shops.all().every((shop) => shop.profile.demo) &&
      sessions.people().length === 0;
    if (!interruptedEarlier && (shops.all().length > 0 || shops.quarantined().length > 0 || !seed)) {
      // Shops made before the seed was recorded, or a console without demo: never seed over them.
      if (seed) await ports.storage.setSeedState('complete');
      return;
    }
    await ports.storage.setSeedState('started');
  }
  if (!seed) return;
  const present = new Set(shops.all().map((shop) => shop.profile.id));
  for (const profile of seed.shops) {
    if (!present.has(profile.id)) await shops.add({ ...profile, demo: true, connectorKind: 'demo' });
  }
  await sessions.seedDemo(seed, (shopId) => shops.get(shopId).profile.mainAccount);
  if (seed.skus) {
    await inventory.catalogue.seed(
      seed.skus,
      seed.shops.map((shop) => shop.id),
      ports.clock.now(),
    );
    await inventory.stock.seed(
      seed.skus.map((sku) => sku.code),
      DEMO_OPENING_STOCK,
      ports.clock.now(),
    );
  }
  await ports.storage.setSeedState('complete');
  ports.logger.info(`first run: seeded ${seed.shops.length} demo shops`);
}
