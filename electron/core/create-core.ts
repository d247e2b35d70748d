// The core: every behaviour of the console behind one `dispatch` and one event stream. It is plain Node — ports
// in, Results and events out — so the Electron main process, the browser-mode host and tests all drive it alike.
// This file only composes: shared services, one module per domain (each its folder), the one command path that
// audits every command, and the lifecycle. A new domain is a folder and one line in `modules`.
import { createDispatcher, type Caller, type Dispatch } from '../../shared/contract/index.ts';
import { DEFAULT_PLATFORM_RULES } from '../../shared/domain/platforms.ts';
import { createAppModule } from './app/app-module.ts';
import { seedDemo } from './app/demo-seed.ts';
import { createSettingsModule } from './app/settings-module.ts';
import { createStorageNotices } from './app/storage-notices.ts';
import { createAuditModule } from './audit/audit-module.ts';
import { recordSecurityEvents } from './audit/security-events.ts';
import { replayDocumentEntry } from './audit/stored-entry.ts';
import { runThroughContext } from './command.ts';
import { createEventBus, type EventListener } from './events/event-bus.ts';
import { createInboxModule } from './inbox/inbox-module.ts';
import { createInboxService } from './inbox/inbox-service.ts';
import { createOutbound } from './inbox/outbound.ts';
import { createInventory } from './inventory/inventory-module.ts';
import type { CoreHandlers, CoreModule, Domain } from './module.ts';
import { createOrderBook } from './orders/order-book.ts';
import { createOrderImport } from './orders/order-import.ts';
import { createOrdersModule } from './orders/orders-module.ts';
import { ORG_LOG, type CorePorts } from './ports.ts';
import { createAgentDirectory } from './routing/agent-directory.ts';
import { createRouter, type Assignment } from './routing/router.ts';
import { createRoutingPolicies } from './routing/routing-policy.ts';
import { createRosterModule } from './roster/roster-module.ts';
import { createRosterService } from './roster/roster-service.ts';
import { createSessionModule } from './sessions/session-module.ts';
import { createSessionService } from './sessions/session-service.ts';
import { createShopLifecycle } from './shops/shop-lifecycle.ts';
import { createShopService } from './shops/shop-service.ts';
import { createShopsModule } from './shops/shops-module.ts';
import { createShipping } from './shipping/shipping-module.ts';
import { createChecklistsModule } from './checklists/checklists-module.ts';
import { createReports } from './reports/reports-module.ts';

export interface Core {
  readonly dispatch: Dispatch;
  subscribe(caller: Caller, listener: EventListener): () => void;
  /** Opens the stores, seeds the demo on first run, starts the connectors. */
  start(): Promise<void>;
  /** Resolves once everything written so far is durable. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** How often the routing sweep runs (reassigning unanswered chats, diverting offline agents' chats, auto-close). */
const SWEEP_EVERY_MS = 5000;

export function createCore(ports: CorePorts): Core {
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
  const settle = (assignments: Assignment[]) =>
    inbox.applyAssignments(assignments).catch((error: unknown) => logger.error('saving routing changes failed', error));
  const inventory = createInventory({
    streams,
    bus,
    logger,
    clock,
    ids,
    connectorOf: (shopId) => lifecycle.connector(shopId),
  });
  const { catalogue, stock } = inventory;
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
    platformOf: (shopId) => shops.get(shopId).profile.platform,
    connectorOf: (shopId) => lifecycle.connector(shopId),
    onShipped: (order) => stock.onOrder(order),
  });
  const orderImport = createOrderImport({
    streams,
    bus,
    clock,
    ids,
    platformOf: (shopId) => shops.get(shopId).profile.platform,
    shipWithinHours: (shopId) => DEFAULT_PLATFORM_RULES[shops.get(shopId).profile.platform].shipWithinHours,
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
    async onOpened(shopId) {
      // A shop document's last change reaches its log even when a stop came between the document and the log.
      await replayDocumentEntry(streams, shopId, shops.get(shopId).lastAudit);
      for (const module of Object.values(modules)) await (module as CoreModule<Domain>).openShop?.(shopId);
    },
    async onClosing(shopId) {
      for (const module of Object.values(modules)) await (module as CoreModule<Domain>).closeShop?.(shopId);
    },
    onConnectorStarted(shopId) {
      for (const module of Object.values(modules)) (module as CoreModule<Domain>).connectorStarted?.(shopId);
    },
  });
  const outbound = createOutbound({
    clock,
    streams,
    storage: ports.storage,
    logger,
    bus,
    connectorOf: (shopId) => lifecycle.connector(shopId),
    buyerOf: (shopId, conversationId) => inbox.conversation(shopId, conversationId)?.buyer.id ?? null,
  });
  const reports = createReports({
    streams,
    bus,
    clock,
    logger,
    inbox,
    shopOf: (shopId) => shops.get(shopId),
    isOpen: (shopId) => lifecycle.isOpen(shopId),
    openIds: () => lifecycle.openIds(),
    updateRule: (shopId, rule, entry) => shops.updateKpiRule(shopId, rule, entry),
    peopleBelow: (id) => roster.peopleBelow(id),
    nameOf: (id) => sessions.people().find((p) => p.id === id)?.displayName ?? null,
  });
  const notices = createStorageNotices({ clock, ids, streams, sessions, shops });

  const modules = {
    app: createAppModule(ports, { shops, sessions, notices }),
    settings: createSettingsModule({ settings: ports.settings, bus }),
    session: createSessionModule({ sessions, agents, settle }),
    shops: createShopsModule(ports, { shops, lifecycle }),
    inbox: createInboxModule({
      inbox,
      agents,
      sessions,
      settle,
      outbound,
      // The running connector says whether it sends; one being restarted will run again if its kind is known.
      deliversTo: (shopId) => {
        const running = lifecycle.connector(shopId);
        if (running) return running.send !== undefined;
        const { kind } = shops.get(shopId).connector;
        return kind !== 'none' && kind in ports.connectors;
      },
      productOf: (shopId, sku) => catalogue.productOf(shopId, sku),
    }),
    orders: createOrdersModule({ orders, lifecycle, orderImport }),
    audit: createAuditModule({ streams, clock, lifecycle, peopleBelow: (id) => roster.peopleBelow(id) }),
    roster: createRosterModule({
      roster,
      sessions,
      bus,
      clock,
      logger,
      hubOf: (shopId) => lifecycle.rosterHub(shopId),
      newPersonId: () => ids.next('person'),
    }),
    inventory: inventory.module,
    shipping: shipping.module,
    checklists: createChecklistsModule({
      streams,
      bus,
      clock,
      ids,
      logger,
      buyerOf: (shopId, conversationId) => inbox.conversation(shopId, conversationId)?.buyer.id ?? null,
    }),
    reports: reports.module,
  };
  // What people may do follows the roster at once: live sessions are re-derived, routing re-reads its agents.
  let accessRefresh = false;
  roster.onChange(() => {
    if (accessRefresh) return;
    accessRefresh = true;
    queueMicrotask(() => {
      accessRefresh = false;
      for (const session of sessions.refresh(bus.callers()))
        bus.emit({ name: 'session.changed', payload: { shopId: null, personId: session.userId, session } });
      void settle(agents.refresh(sessions.people(), clock.now()));
    });
  });
  const handlers: CoreHandlers = {
    ...modules.app.handlers,
    ...modules.settings.handlers,
    ...modules.session.handlers,
    ...modules.shops.handlers,
    ...modules.inbox.handlers,
    ...modules.orders.handlers,
    ...modules.audit.handlers,
    ...modules.roster.handlers,
    ...modules.inventory.handlers,
    ...modules.shipping.handlers,
    ...modules.checklists.handlers,
    ...modules.reports.handlers,
  };
  const dispatcher = createDispatcher(runThroughContext(handlers, { clock, ids, streams }), {
    onInternalError: (method, error) => logger.error(`${method} failed`, error),
  });
  const dispatch = recordSecurityEvents(dispatcher, { streams, clock, logger });

  let sweepTimer: ReturnType<typeof clock.setTimeout> | null = null;
  const sweep = () => {
    sweepTimer = clock.setTimeout(sweep, SWEEP_EVERY_MS);
    inbox.sweep(clock.now()).catch((error: unknown) => logger.error('routing sweep failed', error));
  };

  return {
    dispatch,
    subscribe(caller, listener) {
      const unsubscribe = bus.subscribe(caller, listener);
      // A window or connection that goes away takes its presence with it.
      return () => {
        unsubscribe();
        void settle(agents.detach(caller, clock.now()));
      };
    },
    async start() {
      await ports.settings.load();
      await sessions.load();
      await streams.open(ORG_LOG);
      await replayDocumentEntry(streams, ORG_LOG, sessions.lastAudit());
      await roster.openLog(ORG_LOG);
      // Nobody is online until they log in again: the presence timeline marks each start.
      reports.presenceChanged('*', 'offline', clock.now());
      inventory.load();
      await shops.load();
      await seedDemo(ports, shops, sessions, { catalogue, stock });
      // Agents before shops: opening a shop restores who holds its chats.
      await settle(agents.refresh(sessions.people(), clock.now()));
      for (const shop of shops.all()) await lifecycle.openOrQuarantine(shop.profile.id);
      await notices.gather(lifecycle.isOpen);
      for (const module of Object.values(modules)) await (module as CoreModule<Domain>).start?.();
      sweepTimer = clock.setTimeout(sweep, SWEEP_EVERY_MS);
    },
    flush: () => streams.flushAll(),
    async stop() {
      if (sweepTimer) clock.clearTimeout(sweepTimer);
      for (const module of Object.values(modules)) await (module as CoreModule<Domain>).stop?.();
      lifecycle.stopAll();
      // Everyone leaves with the console (a crash is bounded by the mark the next start writes).
      reports.presenceChanged('*', 'offline', clock.now());
      await streams.closeAll();
    },
  };
}
