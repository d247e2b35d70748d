// The core: every behaviour of the console behind one `dispatch` and one event stream. It is plain Node — ports
// in, Results and events out — so the Electron main process, the browser-mode host and tests all drive it alike.
import { AppError, canAccessShop, createDispatcher, type Caller, type Dispatch, type Handlers, type StorageNotice } from '../../shared/contract/index.ts';
import { createConnectorSupervisor } from './platform-sync/connector-supervisor.ts';
import { createEventBus, type EventListener } from './events/event-bus.ts';
import { createInboxService } from './inbox/inbox-service.ts';
import { createOrderBook } from './orders/order-book.ts';
import type { CorePorts } from './ports.ts';
import { createSessionService } from './sessions/session-service.ts';
import { createShopService } from './shops/shop-service.ts';

export interface Core {
  readonly dispatch: Dispatch;
  subscribe(caller: Caller, listener: EventListener): () => void;
  /** Opens the stores, seeds the demo on first run, starts the connectors. */
  start(): Promise<void>;
  /** Resolves once everything written so far is durable. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createCore(ports: CorePorts): Core {
  const { clock, ids, logger } = ports;
  const bus = createEventBus((error) => logger.error('an event listener threw', error));
  const shops = createShopService({ storage: ports.storage, clock, bus, logger, secrets: ports.secrets, randomSuffix: () => ids.next('s').replace(/[^a-z0-9]/g, '').slice(-6) });
  const sessions = createSessionService({ storage: ports.storage, ids, passwords: ports.passwords, clock });
  const inbox = createInboxService({ ids, bus, streams: ports.streams });
  const orders = createOrderBook(ports.streams);
  const openShopIds = new Set<string>();
  const refuseClosed = (shopId: string) => Promise.reject(new AppError('shop_archived', `shop ${shopId} is not open`));
  const connectors = createConnectorSupervisor({
    clock,
    logger,
    factories: ports.connectors,
    sink: {
      buyerMessage: (message) => (openShopIds.has(message.shopId) ? inbox.ingestBuyerMessage(message) : refuseClosed(message.shopId)),
      orderPaid: (order) => (openShopIds.has(order.shopId) ? orders.add(order) : refuseClosed(order.shopId)),
    },
  });

  const notices: StorageNotice[] = [];

  /** Restored documents are audited in their shop's log and shown to the people who serve that shop. */
  async function reportRecoveries(): Promise<void> {
    const people = sessions.recovery();
    if (people) notices.push({ kind: 'document_restored', shopId: null, file: people.file, quarantinedAs: people.quarantinedAs, restoredFrom: people.restoredFrom, at: clock.now() });
    for (const { shopId, recovery } of shops.recoveries()) {
      notices.push({ kind: 'document_restored', shopId, file: recovery.file, quarantinedAs: recovery.quarantinedAs, restoredFrom: recovery.restoredFrom, at: clock.now() });
      if (openShopIds.has(shopId)) {
        await ports.streams.write(shopId, { audit: [{ at: clock.now(), actor: 'system', action: 'storage.documentRestored', details: JSON.stringify(recovery) }] });
      }
    }
  }

  async function openShop(shopId: string): Promise<void> {
    await inbox.openShop(shopId);
    openShopIds.add(shopId);
    connectors.startShop(shops.get(shopId));
  }

  async function closeShop(shopId: string): Promise<void> {
    connectors.stopShop(shopId);
    openShopIds.delete(shopId);
    await inbox.closeShop(shopId);
  }

  function requireSession(caller: Caller) {
    if (!caller.session) throw new AppError('not_authenticated', 'no session');
    return caller.session;
  }

  const handlers: Handlers = {
    'app.info': () => {
      const demo = shops.all().some((shop) => shop.profile.demo);
      return {
        version: ports.appVersion,
        demo,
        demoAccounts: demo ? sessions.demoAccounts() : [],
        demoPassword: demo ? (ports.demo?.password ?? null) : null,
        connectorKinds: Object.keys(ports.connectors),
        secretProtection: ports.secrets.protection,
      };
    },
    'app.notices': (_input, caller) => {
      const session = requireSession(caller);
      return notices.filter((n) => (n.shopId === null ? session.kind === 'owner' : canAccessShop(session, n.shopId)));
    },
    'settings.get': () => ports.settings.get(),
    'settings.setLanguage': (input) => ports.settings.update({ language: input.language }),
    'settings.update': (input) => ports.settings.update(input),
    'session.login': (input, caller) => sessions.login(caller, input.login, input.password),
    'session.current': (_input, caller) => caller.session,
    'session.logout': (_input, caller) => {
      sessions.logout(caller);
      return null;
    },
    'session.lock': (_input, caller) => sessions.lock(caller),
    'session.unlock': (input, caller) => sessions.unlock(caller, input.secret),
    'session.setPin': (input, caller) => sessions.setPin(caller, input.pin, input.password),
    'shops.list': (_input, caller) => shops.list(requireSession(caller)),
    'shops.add': async (input) => {
      const shop = await shops.add({ ...input, connectorKind: 'none' });
      await openShop(shop.id);
      return shop;
    },
    'shops.update': ({ shopId, ...changes }) => shops.update(shopId, changes),
    'shops.setConnector': async ({ shopId, kind, credentials }) => {
      if (kind !== 'none' && !Object.hasOwn(ports.connectors, kind)) throw new AppError('invalid_input', `no connector of kind ${kind}`);
      const restart = openShopIds.has(shopId);
      if (restart) connectors.stopShop(shopId);
      const shop = await shops.setConnector(shopId, kind, credentials);
      if (restart) connectors.startShop(shops.get(shopId));
      return shop;
    },
    'shops.archive': async (input) => {
      shops.get(input.shopId);
      await closeShop(input.shopId);
      try {
        return await shops.archive(input.shopId);
      } catch (error) {
        // The folder did not move: the shop stays open and running.
        await openShop(input.shopId);
        throw error;
      }
    },
    'shops.listArchived': () => shops.listArchived(),
    'shops.restore': async (input) => {
      const shop = await shops.restore(input.archiveId);
      await openShop(shop.id);
      return shop;
    },
    'inbox.listConversations': (input, caller) => inbox.listConversations(requireSession(caller), input.shopId, input.limit),
    'inbox.listMessages': (input) => inbox.listMessages(input.shopId, input.conversationId, input.limit),
    'inbox.markRead': async (input) => {
      await inbox.markRead(input.shopId, input.conversationId);
      return null;
    },
    'inbox.reply': (input) => inbox.reply(input.shopId, input.conversationId, input.text, clock.now()),
    'inbox.counts': (_input, caller) => inbox.counts(requireSession(caller)),
    'orders.list': (input, caller) => orders.list(requireSession(caller), input, [...openShopIds]),
  };

  const dispatch = createDispatcher(handlers, { onInternalError: (method, error) => logger.error(`${method} failed`, error) });

  return {
    dispatch,
    subscribe: bus.subscribe,
    async start() {
      await ports.settings.load();
      await sessions.load();
      await shops.load();
      if (shops.all().length === 0 && ports.demo) {
        const seed = ports.demo;
        for (const profile of seed.shops) {
          await shops.add({ ...profile, demo: true, connectorKind: 'demo' });
        }
        await sessions.seedDemo(seed, (shopId) => shops.get(shopId).profile.mainAccount);
        logger.info(`first run: seeded ${seed.shops.length} demo shops`);
      }
      for (const shop of shops.all()) await openShop(shop.profile.id);
      await reportRecoveries();
    },
    flush: () => ports.streams.flushAll(),
    async stop() {
      connectors.stopAll();
      openShopIds.clear();
      await ports.streams.closeAll();
    },
  };
}
