// Starts one connector per active shop (by the kind in its settings), feeds what they deliver into the inbox and
// the order book (each delivery's promise is the connector's durable ack), and stops a shop's connector when the
// shop is archived. A connector that fails to start is logged and left stopped, never allowed to take the core
// down. A delivery the core refuses (the shop closed, storage failing) rejects its promise and is not logged here:
// the connector's cursor stays at its last durable delivery, so the platform's message comes again on resume.
import { DEFAULT_PLATFORM_RULES } from '../../../shared/domain/platforms.ts';
import type { ShopDocument } from '../shops/shop-document.ts';
import type { Clock, Connector, ConnectorFactory, ConnectorSink, Logger, RosterHub } from '../ports.ts';

export interface ConnectorSupervisor {
  startShop(shop: ShopDocument): void;
  stopShop(shopId: string): void;
  stopAll(): void;
  /** The shop's running connector. */
  connector(shopId: string): Connector | null;
  /** The running connector's roster hub, if it keeps one. */
  rosterHub(shopId: string): RosterHub | null;
}

export function createConnectorSupervisor(
  deps: Readonly<{
    clock: Clock;
    logger: Logger;
    factories: Readonly<Record<string, ConnectorFactory>>;
    sink: ConnectorSink;
    /** Where the shop's connector stood at its last durable delivery. */
    cursorOf(shopId: string): string | null;
  }>,
): ConnectorSupervisor {
  const running = new Map<string, Connector>();
  return {
    startShop(shop) {
      const { id, platform } = shop.profile;
      if (running.has(id) || shop.profile.archived) return;
      const factory = deps.factories[shop.connector.kind];
      if (!factory) {
        if (shop.connector.kind !== 'none') deps.logger.warn(`shop ${id}: no connector of kind ${shop.connector.kind}`);
        return;
      }
      try {
        const connector = factory(
          { id, platform },
          {
            clock: deps.clock,
            shipWithinHours: DEFAULT_PLATFORM_RULES[platform].shipWithinHours,
            resumeCursor: deps.cursorOf(id),
          },
        );
        connector.start(deps.sink);
        running.set(id, connector);
      } catch (error) {
        deps.logger.error(`shop ${id}: connector failed to start`, error);
      }
    },
    stopShop(shopId) {
      running.get(shopId)?.stop();
      running.delete(shopId);
    },
    connector: (shopId) => running.get(shopId) ?? null,
    rosterHub: (shopId) => running.get(shopId)?.roster ?? null,
    stopAll() {
      for (const connector of running.values()) connector.stop();
      running.clear();
    },
  };
}
