// The shops domain: list, add, edit, connect, archive and restore shops. Adding or restoring opens the shop;
// archiving closes it first and reopens it if the folder could not move.
import { AppError, canAccessShop } from '../../../shared/contract/index.ts';
import { changesBetween } from '../command.ts';
import type { CoreModule } from '../module.ts';
import type { CorePorts } from '../ports.ts';
import type { ShopLifecycle } from './shop-lifecycle.ts';
import { toShop, type ShopService } from './shop-service.ts';

export function createShopsModule(
  ports: CorePorts,
  deps: Readonly<{ shops: ShopService; lifecycle: ShopLifecycle }>,
): CoreModule<'shops'> {
  const { shops, lifecycle } = deps;
  const requireConnectorKind = (kind: string) => {
    if (kind !== 'none' && !Object.hasOwn(ports.connectors, kind))
      throw new AppError('invalid_input', `no connector of kind ${kind}`);
  };
  return {
    handlers: {
      'shops.list': (_input, { session }) => shops.list(session),
      'shops.add': async (input) => {
        requireConnectorKind(input.connectorKind);
        const shop = await shops.add(input);
        await lifecycle.open(shop.id);
        return shop;
      },
      'shops.update': async ({ shopId, ...changes }, { tx }) => {
        const before = toShop(shops.get(shopId));
        tx.record(changesBetween(before, { ...before, ...changes }, Object.keys(changes)));
        return shops.update(shopId, changes, tx.documentEntry);
      },
      'shops.updateInbox': async ({ shopId, ...changes }, { tx }) => {
        const before = toShop(shops.get(shopId)).inbox;
        tx.record(changesBetween(before, { ...before, ...changes }, Object.keys(changes)));
        return shops.updateInbox(shopId, changes, tx.documentEntry);
      },
      'shops.setConnector': async ({ shopId, kind, credentials }, { tx }) => {
        requireConnectorKind(kind);
        const before = shops.get(shopId).connector;
        tx.record({
          kind: { from: before.kind, to: kind },
          ...(credentials === undefined
            ? {}
            : { credentials: { from: before.credentials ? 'set' : 'none', to: credentials ? 'set' : 'none' } }),
        });
        let shop: Awaited<ReturnType<ShopService['setConnector']>> | null = null;
        await lifecycle.restartConnector(shopId, async () => {
          shop = await shops.setConnector(shopId, kind, credentials, tx.documentEntry);
        });
        return shop!;
      },
      'shops.archive': async (input) => {
        shops.get(input.shopId);
        await lifecycle.close(input.shopId);
        try {
          return await shops.archive(input.shopId);
        } catch (error) {
          // The folder did not move: the shop stays open and running.
          await lifecycle.open(input.shopId);
          throw error;
        }
      },
      // Archives are listed only for the shops in the caller's scope (restoring checks the archive's shop too).
      'shops.listArchived': async (_input, { session }) =>
        (await shops.listArchived()).filter((archived) => canAccessShop(session, archived.shop.id)),
      'shops.restore': async (input) => {
        const shop = await shops.restore(input.archiveId);
        await lifecycle.open(shop.id);
        return shop;
      },
    },
  };
}
