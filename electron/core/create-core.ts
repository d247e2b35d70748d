// The core: every behaviour of the console behind one `dispatch` and one event stream. It is plain Node — ports
// in, Results and events out — so the Electron main process, the browser-mode host and tests all drive it alike.
import { AppError, canAccessShop, createDispatcher, type AppSettings, type Caller, type Dispatch, type Handlers, type InboxSettings, type StorageNotice } from '../../shared/contract/index.ts';
import { createConnectorSupervisor } from './platform-sync/connector-supervisor.ts';
import { createEventBus, type EventListener } from './events/event-bus.ts';
import { createInboxService } from './inbox/inbox-service.ts';
import { createAgentDirectory } from './routing/agent-directory.ts';
import { createRouter, type Assignment, type ShopRoutingPolicy } from './routing/router.ts';
import { resolveInboxSettings } from './shops/shop-document.ts';
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

/** SQLite's "not a database" and "malformed" (SQLITE_NOTADB, SQLITE_CORRUPT): the file itself is damaged. */
function isDamagedDatabase(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return errcode === 26 || errcode === 11 || (error instanceof Error && /file is not a database|database disk image is malformed/.test(error.message));
}

export function createCore(ports: CorePorts): Core {
  const { clock, ids, logger } = ports;
  const bus = createEventBus((error) => logger.error('an event listener threw', error));
  const shops = createShopService({ storage: ports.storage, clock, bus, logger, secrets: ports.secrets, randomSuffix: () => ids.next('s').replace(/[^a-z0-9]/g, '').slice(-6) });
  const sessions = createSessionService({ storage: ports.storage, ids, passwords: ports.passwords, clock });
  // Resolved per shop once, and again whenever the shop's document changes (policy lookups are per routing decision).
  const settingsCache = new Map<string, InboxSettings>();
  const policyCache = new Map<string, ShopRoutingPolicy>();
  const settingsOf = (shopId: string): InboxSettings => {
    let settings = settingsCache.get(shopId);
    if (!settings) {
      const doc = shops.get(shopId);
      settingsCache.set(shopId, (settings = resolveInboxSettings(doc.profile.platform, doc.inbox)));
    }
    return settings;
  };
  const policyOf = (shopId: string): ShopRoutingPolicy => {
    let policy = policyCache.get(shopId);
    if (!policy) {
      const settings = settingsOf(shopId);
      const owner = sessions.people().find((p) => p.kind === 'owner');
      policy = {
        returningBuyerMs: settings.returningBuyerDays * 86_400_000,
        reassignAfterMs: settings.reassignAfterSeconds * 1000,
        divertOfflineAfterMs: settings.divertOfflineAfterMinutes * 60_000,
        balance: settings.balance,
        whenNobodyOnline: settings.whenNobodyOnline,
        mainAccountAgentId: owner?.id ?? null,
        groupCosts: {},
        dedicatedAgents: shops.get(shopId).inbox.dedicatedAgents,
      };
      policyCache.set(shopId, policy);
    }
    return policy;
  };
  const shopSettingsChanged = (shopId: string) => {
    settingsCache.delete(shopId);
    policyCache.delete(shopId);
  };
  const router = createRouter(policyOf);
  const agents = createAgentDirectory(router);
  const inbox = createInboxService({ ids, bus, streams: ports.streams, router, settingsOf });
  /** Routing decisions made outside an inbox call (presence changes) are persisted and announced too. */
  const settle = (assignments: Assignment[]) => inbox.applyAssignments(assignments).catch((error: unknown) => logger.error('saving routing changes failed', error));
  let sweepTimer: ReturnType<typeof clock.setTimeout> | null = null;
  const SWEEP_EVERY_MS = 5000;
  const sweep = () => {
    sweepTimer = clock.setTimeout(sweep, SWEEP_EVERY_MS);
    inbox.sweep(clock.now()).catch((error: unknown) => logger.error('routing sweep failed', error));
  };
  const orders = createOrderBook(ports.streams);
  const openShopIds = new Set<string>();
  const refuseClosed = (shopId: string) => Promise.reject(new AppError('shop_archived', `shop ${shopId} is not open`));
  const connectors = createConnectorSupervisor({
    clock,
    logger,
    factories: ports.connectors,
    cursorOf: (shopId) => ports.streams.connectorCursor(shopId),
    sink: {
      buyerMessage: (message) => (openShopIds.has(message.shopId) ? inbox.ingestBuyerMessage(message) : refuseClosed(message.shopId)),
      order: (order) => (openShopIds.has(order.shopId) ? orders.add(order, clock.now()) : refuseClosed(order.shopId)),
    },
  });

  const notices: StorageNotice[] = [];

  /** Restored documents are audited in their shop's log and shown to the people who serve that shop. */
  async function reportRecoveries(): Promise<void> {
    const people = sessions.recovery();
    if (people) notices.push({ kind: 'document_restored', shopId: null, file: people.file, quarantinedAs: people.quarantinedAs, restoredFrom: people.restoredFrom, at: clock.now() });
    for (const q of shops.quarantined()) {
      notices.push({ kind: 'shop_quarantined', shopId: q.shopId, shopName: q.name, quarantinedAs: q.quarantinedAs, reason: q.reason, at: q.at });
    }
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

  /** At start: a shop whose database cannot be opened is moved aside with its folder, and the others open. */
  async function openShopOrQuarantine(shopId: string): Promise<void> {
    try {
      await openShop(shopId);
    } catch (error) {
      if (!isDamagedDatabase(error)) throw error;
      await inbox.closeShop(shopId).catch(() => undefined);
      await shops.quarantine(shopId, error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * First run seeds the demo shops, then the people, and records the seed complete only at the end; a seed that a
   * stop interrupted is finished on the next start (each step is idempotent: shops by id, people by login).
   */
  async function seedDemo(): Promise<void> {
    const seed = ports.demo;
    const state = await ports.storage.seedState();
    if (state === 'complete') return;
    if (state === null) {
      // A folder left by an earlier version's interrupted seed: demo shops, nobody to log in. Finish that seed.
      const interruptedEarlier = seed && shops.all().length > 0 && shops.all().every((shop) => shop.profile.demo) && sessions.people().length === 0;
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
    await ports.storage.setSeedState('complete');
    logger.info(`first run: seeded ${seed.shops.length} demo shops`);
  }

  async function closeShop(shopId: string): Promise<void> {
    connectors.stopShop(shopId);
    openShopIds.delete(shopId);
    await inbox.closeShop(shopId);
  }

  /** Device preferences: saved, then announced so that every open window follows (another tab, a second window). */
  async function updateSettings(changes: Partial<AppSettings>): Promise<AppSettings> {
    const settings = await ports.settings.update(changes);
    bus.emit({ name: 'settings.changed', payload: { shopId: null, settings } });
    return settings;
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
    'settings.setLanguage': (input) => updateSettings({ language: input.language }),
    'settings.update': (input) => updateSettings(input),
    'settings.setNotifications': (input) => updateSettings({ notifications: input.notifications }),
    'session.login': async (input, caller) => {
      const session = await sessions.login(caller, input.login, input.password);
      await settle(agents.sync(caller, clock.now()));
      return session;
    },
    'session.current': (_input, caller) => caller.session,
    'session.resumeToken': (_input, caller) => sessions.issueResumeToken(caller),
    'session.resume': async (input, caller) => {
      const { session, from } = sessions.resume(caller, input.token);
      // A reload keeps the status the person chose on the page before it (paused stays paused).
      agents.inherit(caller, from);
      await settle(agents.sync(caller, clock.now()));
      return session;
    },
    'session.logout': async (_input, caller) => {
      sessions.logout(caller);
      await settle(agents.sync(caller, clock.now()));
      return null;
    },
    'session.lock': async (_input, caller) => {
      const session = sessions.lock(caller);
      await settle(agents.sync(caller, clock.now()));
      return session;
    },
    'session.unlock': async (input, caller) => {
      try {
        return await sessions.unlock(caller, input.secret);
      } finally {
        await settle(agents.sync(caller, clock.now()));
      }
    },
    'session.setPin': (input, caller) => sessions.setPin(caller, input.pin, input.password),
    'shops.list': (_input, caller) => shops.list(requireSession(caller)),
    'shops.add': async (input) => {
      if (input.connectorKind !== 'none' && !Object.hasOwn(ports.connectors, input.connectorKind)) throw new AppError('invalid_input', `no connector of kind ${input.connectorKind}`);
      const shop = await shops.add(input);
      await openShop(shop.id);
      return shop;
    },
    'shops.update': async ({ shopId, ...changes }) => {
      const shop = await shops.update(shopId, changes);
      shopSettingsChanged(shopId);
      return shop;
    },
    'shops.updateInbox': async ({ shopId, ...changes }) => {
      const shop = await shops.updateInbox(shopId, changes);
      shopSettingsChanged(shopId);
      return shop;
    },
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
    // Archives are listed only for the shops in the caller's scope (restoring checks the archive's shop too).
    'shops.listArchived': async (_input, caller) => {
      const session = requireSession(caller);
      return (await shops.listArchived()).filter((archived) => canAccessShop(session, archived.shop.id));
    },
    'shops.restore': async (input) => {
      const shop = await shops.restore(input.archiveId);
      shopSettingsChanged(shop.id);
      await openShop(shop.id);
      return shop;
    },
    'inbox.listConversations': (input, caller) => inbox.listConversations(requireSession(caller), input.shopId, input.view, input.limit),
    'inbox.listMessages': (input) => inbox.listMessages(input.shopId, input.conversationId, input.limit, input.before),
    'inbox.markRead': async (input) => {
      await inbox.markRead(input.shopId, input.conversationId);
      return null;
    },
    'inbox.reply': (input, caller) => inbox.reply(requireSession(caller), input.shopId, input.conversationId, input.text, clock.now(), input.card),
    'inbox.counts': (_input, caller) => inbox.counts(requireSession(caller)),
    'inbox.setStatus': async (input, caller) => {
      const session = requireSession(caller);
      if (!agents.isAgent(session.userId)) throw new AppError('forbidden', 'this account does not serve buyers');
      await settle(agents.setStatus(caller, input.status, clock.now()));
      return agents.list(session, null, inbox.waitingByAgent()).find((a) => a.id === session.userId)!;
    },
    'inbox.lockedSummary': (_input, caller) => {
      const session = requireSession(caller);
      const queued = inbox.shopLoads(session, agents.presenceIn, clock.now()).reduce((sum, shop) => sum + shop.queued, 0);
      return { mine: inbox.waitingByAgent().get(session.userId)?.waiting ?? 0, queued };
    },
    'inbox.agents': (input, caller) => agents.list(requireSession(caller), input.shopId, inbox.waitingByAgent()),
    'inbox.claim': (input, caller) => inbox.claim(requireSession(caller), input.shopId, input.conversationId, clock.now()),
    'inbox.transfer': (input, caller) => {
      const session = requireSession(caller);
      if ('agentId' in input.to && !agents.list(session, input.shopId, new Map()).some((a) => a.id === (input.to as { agentId: string }).agentId)) {
        throw new AppError('not_found', 'no such colleague in this shop');
      }
      return inbox.transfer(session, input.shopId, input.conversationId, input.to, input.reason, clock.now());
    },
    'inbox.takeOver': (input, caller) => inbox.takeOver(requireSession(caller), input.shopId, input.conversationId, clock.now()),
    'inbox.close': (input, caller) => inbox.setAside(requireSession(caller), input.shopId, input.conversationId, 'closed', clock.now()),
    'inbox.snooze': (input, caller) => inbox.setAside(requireSession(caller), input.shopId, input.conversationId, 'snoozed', clock.now()),
    'inbox.setNote': (input, caller) => inbox.setNote(requireSession(caller), input.shopId, input.conversationId, input.note, input.tags),
    'inbox.myPhrases': (_input, caller) => sessions.quickPhrasesOf(requireSession(caller).userId),
    'inbox.setMyPhrases': (input, caller) => sessions.setQuickPhrases(requireSession(caller).userId, input.quickPhrases),
    'inbox.search': ({ query, ...options }, caller) => inbox.search(requireSession(caller), query, options),
    'inbox.supervisor': (_input, caller) => {
      const session = requireSession(caller);
      const at = clock.now();
      return {
        at,
        agents: agents.list(session, null, inbox.waitingByAgent()),
        shops: inbox.shopLoads(session, agents.presenceIn, at),
        transfers: inbox.recentTransfers(session),
      };
    },
    'orders.list': (input, caller) => orders.list(requireSession(caller), input, [...openShopIds]),
  };

  const dispatch = createDispatcher(handlers, { onInternalError: (method, error) => logger.error(`${method} failed`, error) });

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
      await shops.load();
      await seedDemo();
      // Agents before shops: opening a shop restores who holds its chats.
      await settle(agents.refresh(sessions.people(), clock.now()));
      for (const shop of shops.all()) await openShopOrQuarantine(shop.profile.id);
      await reportRecoveries();
      sweepTimer = clock.setTimeout(sweep, SWEEP_EVERY_MS);
    },
    flush: () => ports.streams.flushAll(),
    async stop() {
      if (sweepTimer) clock.clearTimeout(sweepTimer);
      connectors.stopAll();
      openShopIds.clear();
      await ports.streams.closeAll();
    },
  };
}
