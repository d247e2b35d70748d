// The services the domains share, built from the ports once: shops and their lifecycle, people and sessions, the
// roster, routing, the inbox, stock and the orders that move it, shipping, reports. The modules (create-core.ts) are
// built on these. Cross-domain reactions are wired here, each once: an order stored moves stock and the shipping
// board; a routing decision made outside an inbox call is persisted and announced; a presence change reaches the
// reports' timeline.
import { grants, grantsInShop } from '../../shared/contract/index.ts';
import { DEFAULT_PLATFORM_RULES } from '../../shared/domain/platforms.ts';
import { createStorageNotices } from './app/storage-notices.ts';
import { createEventBus } from './events/event-bus.ts';
import { createInboxService } from './inbox/inbox-service.ts';
import { createOutbound } from './inbox/outbound.ts';
import { createInventory } from './inventory/inventory-module.ts';
import type { CoreModule, Domain } from './module.ts';
import { createOrderBook } from './orders/order-book.ts';
import { createOrderImport } from './orders/order-import.ts';
import type { CorePorts } from './ports.ts';
import { createReports } from './reports/reports-module.ts';
import { createRosterService } from './roster/roster-service.ts';
import { createAgentDirectory } from './routing/agent-directory.ts';
import { createRouter, type Assignment } from './routing/router.ts';
import { createRoutingPolicies } from './routing/routing-policy.ts';
import { createSessionService } from './sessions/session-service.ts';
import { createShipping } from './shipping/shipping-module.ts';
import { createShopLifecycle } from './shops/shop-lifecycle.ts';
import { createShopService } from './shops/shop-service.ts';

/** What the modules do when a shop opens or closes (late-bound: the modules are built on these services). */
export type ShopHooks = Readonly<Pick<Required<CoreModule<Domain>>, 'openShop' | 'closeShop' | 'connectorStarted'>>;

export function createCoreServices(ports: CorePorts, hooks: ShopHooks) {
  const { clock, ids, logger, streams } = ports;
  const bus = createEventBus((error) => logger.error('an event listener threw', error));
  const shops = createShopService({
    storage: ports.storage,
    clock,
    bus,
    logger,
    secrets: ports.secrets,
    randomSuffix: () =>
      ids
        .next('s')
        .replace(/[^a-z0-9]/g, '')
        .slice(-6),
  });
  const sessions = createSessionService({ storage: ports.storage, ids, passwords: ports.passwords, clock });
  const roster = createRosterService({
    store: { load: (log) => streams.rosterLog(log) },
    clock,
    ids,
    write: (log, write) => streams.write(log, write),
    shopOf: (shopId) => shops.all().find((shop) => shop.profile.id === shopId) ?? null,
    people: () => sessions.stored(),
    demo: ports.demo ?? null,
  });
  sessions.setDirectory((person) => roster.overlay(person));
  const policies = createRoutingPolicies({
    bus,
    shopOf: (shopId) => shops.get(shopId),
    people: () => sessions.people(),
    dedicatedIn: (shopId) => roster.dedicatedIn(shopId),
  });
  const router = createRouter(policies.policyOf);
  const agents = createAgentDirectory(router, (personId, status, at) => reports.presenceChanged(personId, status, at));
  const inbox = createInboxService({ ids, bus, streams, router, settingsOf: policies.settingsOf });
  /** Routing decisions made outside an inbox call (presence changes) are persisted and announced too. */
  const applyRouting = (assignments: Assignment[]) =>
    inbox.applyAssignments(assignments).catch((error: unknown) => logger.error('saving routing changes failed', error));
  const connectorOf = (shopId: string) => lifecycle.connector(shopId);
  const platformOf = (shopId: string) => shops.get(shopId).profile.platform;
  const inventory = createInventory({ streams, bus, logger, clock, ids, connectorOf });
  const { stock } = inventory;
  const orderBook = createOrderBook(streams);
  // Stock follows the orders as stored (a lock, a shipment, a release): see inventory/stock-service.ts.
  const orders: typeof orderBook = {
    ...orderBook,
    async add(order, at) {
      const stored = await orderBook.add(order, at);
      if (stored === null) return null;
      shipping.board.put(stored);
      await stock.onOrder(stored).catch((error: unknown) => logger.error('stock for an order failed', error));
      return stored;
    },
  };
  const shipping = createShipping({
    streams,
    bus,
    clock,
    logger,
    shopOf: (shopId) => shops.get(shopId),
    updateRule: (shopId, rule, entry) => shops.updateRules(shopId, { shipping: rule }, entry),
    shopsFor: (session) =>
      lifecycle
        .openIds()
        .filter(
          (id) =>
            (session.shopIds === 'all' || session.shopIds.includes(id)) &&
            grants(grantsInShop(session, id), 'shipping.view'),
        ),
    connectorOf,
    onShipped: (order) => stock.onOrder(order),
  });
  const orderImport = createOrderImport({
    streams,
    bus,
    clock,
    ids,
    platformOf,
    shipWithinHours: (shopId) => DEFAULT_PLATFORM_RULES[platformOf(shopId)].shipWithinHours,
    onImported: (imported) => {
      shipping.board.putMany(imported);
      return stock.onOrders(imported);
    },
  });
  const lifecycle = createShopLifecycle(ports, {
    shops,
    inbox,
    orders,
    rating: (rating) => reports.ingestRating(rating),
    onOpened: (shopId) => hooks.openShop(shopId),
    onClosing: (shopId) => hooks.closeShop(shopId),
    onConnectorStarted: (shopId) => hooks.connectorStarted(shopId),
  });
  const buyerOf = (shopId: string, conversationId: string) =>
    inbox.conversation(shopId, conversationId)?.buyer.id ?? null;
  const outbound = createOutbound({ clock, streams, storage: ports.storage, logger, bus, connectorOf, buyerOf });
  const reports = createReports({
    streams,
    bus,
    clock,
    logger,
    inbox,
    shopOf: (shopId) => shops.get(shopId),
    isOpen: (shopId) => lifecycle.isOpen(shopId),
    openIds: () => lifecycle.openIds(),
    updateRule: (shopId, rule, entry) => shops.updateRules(shopId, { kpi: rule }, entry),
    peopleBelow: (id) => roster.peopleBelow(id),
    nameOf: (id) => sessions.people().find((p) => p.id === id)?.displayName ?? null,
  });
  const notices = createStorageNotices({ clock, ids, streams, sessions, shops });
  return {
    bus,
    buyerOf,
    shops,
    sessions,
    roster,
    agents,
    inbox,
    applyRouting,
    inventory,
    orders,
    orderImport,
    shipping,
    lifecycle,
    outbound,
    reports,
    notices,
  };
}
