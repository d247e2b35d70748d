// Which shops are open and running: opening a shop opens its database (through the inbox), replays its document's
// last audit entry and starts its connector; closing stops both. A shop whose database turns out damaged at start
// is moved aside so the others open.
import { AppError } from '../../../shared/contract/index.ts';
import { replayDocumentEntry } from '../audit/stored-entry.ts';
import { createConnectorSupervisor } from '../platform-sync/connector-supervisor.ts';
import type { InboxService } from '../inbox/inbox-service.ts';
import type { OrderBook } from '../orders/order-book.ts';
import type { Connector, CorePorts, RatingIn, RosterHub } from '../ports.ts';
import type { ShopService } from './shop-service.ts';

export type ShopLifecycle = Readonly<{
  open(shopId: string): Promise<void>;
  close(shopId: string): Promise<void>;
  openOrQuarantine(shopId: string): Promise<void>;
  isOpen(shopId: string): boolean;
  openIds(): string[];
  /** Stops and starts the shop's connector (after its connector settings changed). */
  restartConnector(shopId: string, change: () => Promise<void>): Promise<void>;
  stopAll(): void;
  rosterHub(shopId: string): RosterHub | null;
  connector(shopId: string): Connector | null;
  /** Whether replies reach the platform: the running connector sends, or one being restarted will run again. */
  deliversTo(shopId: string): boolean;
}>;

/** SQLite's "not a database" and "malformed" (SQLITE_NOTADB, SQLITE_CORRUPT): the file itself is damaged. */
function isDamagedDatabase(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return (
    errcode === 26 ||
    errcode === 11 ||
    (error instanceof Error && /file is not a database|database disk image is malformed/.test(error.message))
  );
}

export function createShopLifecycle(
  ports: CorePorts,
  deps: Readonly<{
    shops: ShopService;
    inbox: InboxService;
    orders: OrderBook;
    rating?(rating: RatingIn): Promise<void>;
    onOpened(shopId: string): Promise<void>;
    onClosing(shopId: string): Promise<void>;
    onConnectorStarted?(shopId: string): void;
  }>,
): ShopLifecycle {
  const { shops, inbox, orders } = deps;
  const openShopIds = new Set<string>();
  const refuseClosed = (shopId: string) => Promise.reject(new AppError('shop_archived', `shop ${shopId} is not open`));
  const connectors = createConnectorSupervisor({
    clock: ports.clock,
    logger: ports.logger,
    factories: ports.connectors,
    cursorOf: (shopId) => ports.streams.connectorCursor(shopId),
    sink: {
      buyerMessage: (message) =>
        openShopIds.has(message.shopId) ? inbox.ingestBuyerMessage(message) : refuseClosed(message.shopId),
      order: (order) =>
        openShopIds.has(order.shopId)
          ? orders.add(order, ports.clock.now()).then(() => undefined)
          : refuseClosed(order.shopId),
      rating: (rating) =>
        !openShopIds.has(rating.shopId) ? refuseClosed(rating.shopId) : (deps.rating?.(rating) ?? Promise.resolve()),
      botReply: (reply) => (openShopIds.has(reply.shopId) ? inbox.ingestBotReply(reply) : refuseClosed(reply.shopId)),
    },
  });

  async function open(shopId: string): Promise<void> {
    await inbox.openShop(shopId);
    openShopIds.add(shopId);
    // A shop document's last change reaches its log even when a stop came between the document and the log.
    await replayDocumentEntry(ports.streams, shopId, shops.get(shopId).lastAudit);
    await deps.onOpened(shopId);
    connectors.startShop(shops.get(shopId));
    deps.onConnectorStarted?.(shopId);
  }

  return {
    open,
    async close(shopId) {
      connectors.stopShop(shopId);
      await deps.onClosing(shopId);
      openShopIds.delete(shopId);
      await inbox.closeShop(shopId);
    },
    async openOrQuarantine(shopId) {
      try {
        await open(shopId);
      } catch (error) {
        if (!isDamagedDatabase(error)) throw error;
        openShopIds.delete(shopId);
        await inbox.closeShop(shopId).catch(() => undefined);
        await shops.quarantine(shopId, error instanceof Error ? error.message : String(error));
      }
    },
    isOpen: (shopId) => openShopIds.has(shopId),
    openIds: () => [...openShopIds],
    async restartConnector(shopId, change) {
      const restart = openShopIds.has(shopId);
      if (restart) connectors.stopShop(shopId);
      try {
        await change();
      } finally {
        if (restart) {
          connectors.startShop(shops.get(shopId));
          deps.onConnectorStarted?.(shopId);
        }
      }
    },
    rosterHub: (shopId) => (openShopIds.has(shopId) ? connectors.rosterHub(shopId) : null),
    connector: (shopId) => (openShopIds.has(shopId) ? connectors.connector(shopId) : null),
    deliversTo(shopId) {
      const running = openShopIds.has(shopId) ? connectors.connector(shopId) : null;
      if (running) return running.send !== undefined;
      const { kind } = shops.get(shopId).connector;
      return kind !== 'none' && kind in ports.connectors;
    },
    stopAll() {
      connectors.stopAll();
      openShopIds.clear();
    },
  };
}
