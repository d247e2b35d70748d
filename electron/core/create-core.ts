// The core: every behaviour of the console behind one `dispatch` and one event stream. It is plain Node — ports
// in, Results and events out — so the Electron main process, the browser-mode host and tests all drive it alike.
// This file only composes: the shared services (services.ts), one module per domain (each its folder), the one
// command path that audits every command, and the lifecycle. A new domain is a folder and one line in `modules`.
import { createDispatcher, type Caller, type Dispatch } from '../../shared/contract/index.ts';
import { createAppModule } from './app/app-module.ts';
import { seedDemo } from './app/demo-seed.ts';
import { createSettingsModule } from './app/settings-module.ts';
import { createAuditModule } from './audit/audit-module.ts';
import { recordSecurityEvents } from './audit/security-events.ts';
import { replayDocumentEntry } from './audit/stored-entry.ts';
import { createChecklistsModule } from './checklists/checklists-module.ts';
import { runThroughContext } from './command.ts';
import type { EventListener } from './events/event-bus.ts';
import { createInboxModule } from './inbox/inbox-module.ts';
import { composeModules, type CoreModules } from './module.ts';
import { createOrdersModule } from './orders/orders-module.ts';
import { ORG_LOG, type CorePorts } from './ports.ts';
import { createRosterModule } from './roster/roster-module.ts';
import { createCoreServices } from './services.ts';
import { followRoster } from './sessions/follow-roster.ts';
import { createSessionModule } from './sessions/session-module.ts';
import { createShopsModule } from './shops/shops-module.ts';

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
  const services = createCoreServices(ports, {
    openShop: (shopId) => composed.openShop(shopId),
    closeShop: (shopId) => composed.closeShop(shopId),
    connectorStarted: (shopId) => composed.connectorStarted(shopId),
  });
  const { bus, shops, sessions, roster, agents, inbox, applyRouting, inventory, lifecycle, reports } = services;

  const modules: CoreModules = {
    app: createAppModule(ports, services),
    settings: createSettingsModule({ settings: ports.settings, bus }),
    session: createSessionModule({ sessions, agents, settle: applyRouting }),
    shops: createShopsModule(ports, services),
    inbox: createInboxModule({
      ...services,
      settle: applyRouting,
      deliversTo: (shopId) => lifecycle.deliversTo(shopId),
      productOf: (shopId, sku) => inventory.catalogue.productOf(shopId, sku),
    }),
    orders: createOrdersModule(services),
    audit: createAuditModule({ ...ports, lifecycle, peopleBelow: (id) => roster.peopleBelow(id) }),
    roster: createRosterModule({
      ...ports,
      ...services,
      hubOf: (shopId) => lifecycle.rosterHub(shopId),
      organisationShop: () => {
        const [first] = [...shops.all()].sort(
          (a, b) =>
            a.profile.createdAt - b.profile.createdAt ||
            a.profile.position - b.profile.position ||
            a.profile.id.localeCompare(b.profile.id),
        );
        return first?.profile.id ?? null;
      },
      newPersonId: () => ids.next('person'),
    }),
    inventory: inventory.module,
    shipping: services.shipping.module,
    checklists: createChecklistsModule({ ...ports, ...services, photos: inventory.photos }),
    reports: reports.module,
  };
  const composed = composeModules(modules);
  followRoster({ roster, sessions, agents, bus, clock, applyRouting });
  const dispatcher = createDispatcher(runThroughContext(composed.handlers, { clock, ids, streams }), {
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
        void applyRouting(agents.detach(caller, clock.now()));
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
      await seedDemo(ports, shops, sessions, inventory);
      // Agents before shops: opening a shop restores who holds its chats.
      await applyRouting(agents.refresh(sessions.people(), clock.now()));
      for (const shop of shops.all()) await lifecycle.openOrQuarantine(shop.profile.id);
      await services.notices.gather(lifecycle.isOpen);
      await composed.start();
      sweepTimer = clock.setTimeout(sweep, SWEEP_EVERY_MS);
    },
    flush: () => streams.flushAll(),
    async stop() {
      if (sweepTimer) clock.clearTimeout(sweepTimer);
      await composed.stop();
      lifecycle.stopAll();
      // Everyone leaves with the console (a crash is bounded by the mark the next start writes).
      reports.presenceChanged('*', 'offline', clock.now());
      await streams.closeAll();
    },
  };
}
