// 库存同步: what each shop's platform shows follows the ledger. Whenever a SKU's position or allocation changes,
// the quantity each of its shops displays is recomputed; a figure that differs from the last one the platform took
// is queued for that shop — only the latest figure per SKU, so a burst of orders is one update — and sent in one
// batch shortly after (200 ms), through the shop's connector. A platform that cannot be reached keeps its queue and
// is asked again after a growing pause (1 s doubling to 30 s). What was taken is kept in memory only: when a
// connector starts (also after a restart) every SKU of its shop is sent once, so a platform never keeps a stale
// figure the console forgot.
import type { Clock, Connector, Logger, TimerHandle } from '../ports.ts';

const BATCH_AFTER_MS = 200;
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;
/** At most this many SKUs in one call to the platform. */
const BATCH_SIZE = 200;

export interface StockSync {
  /** The SKU's displayed quantity in each of its shops, as the ledger now has it. */
  changed(sku: string, displayed: readonly Readonly<{ shopId: string; displayed: number }>[]): void;
  /** The shop's connector (re)started: every SKU it sells is sent once. */
  connectorStarted(shopId: string, displayed: readonly Readonly<{ sku: string; displayed: number }>[]): void;
  closeShop(shopId: string): void;
  /** SKUs whose figure the shop's platform has not taken yet. */
  pending(shopId: string): number;
  stopAll(): void;
}

type ShopQueue = {
  /** The pending count last announced. */
  reported: number;
  sent: Map<string, number>;
  queued: Map<string, number>;
  timer: TimerHandle | null;
  busy: boolean;
  failures: number;
};

export function createStockSync(
  deps: Readonly<{
    clock: Clock;
    logger: Logger;
    connectorOf(shopId: string): Connector | null;
    /** The count of figures waiting for a shop's platform changed (the stock page shows it). */
    onPendingChanged?(shopId: string, pending: number): void;
  }>,
): StockSync {
  const shops = new Map<string, ShopQueue>();
  const queueOf = (shopId: string) => {
    let queue = shops.get(shopId);
    if (!queue)
      shops.set(
        shopId,
        (queue = { reported: 0, sent: new Map(), queued: new Map(), timer: null, busy: false, failures: 0 }),
      );
    return queue;
  };

  function schedule(shopId: string, queue: ShopQueue, ms: number): void {
    if (queue.timer !== null || queue.busy) return;
    queue.timer = deps.clock.setTimeout(() => {
      queue.timer = null;
      void flush(shopId, queue);
    }, ms);
  }

  async function flush(shopId: string, queue: ShopQueue): Promise<void> {
    const connector = deps.connectorOf(shopId);
    if (!connector?.syncStock || queue.queued.size === 0 || shops.get(shopId) !== queue) return;
    const items = [...queue.queued].slice(0, BATCH_SIZE).map(([sku, quantity]) => ({ sku, quantity }));
    queue.busy = true;
    try {
      await connector.syncStock(items);
      queue.failures = 0;
      for (const { sku, quantity } of items) {
        queue.sent.set(sku, quantity);
        // A newer figure that came while this batch was on its way stays queued.
        if (queue.queued.get(sku) === quantity) queue.queued.delete(sku);
      }
    } catch (error) {
      queue.failures += 1;
      if (queue.failures === 1)
        deps.logger.warn(`shop ${shopId}: stock figures not taken by the platform`, String(error));
    } finally {
      queue.busy = false;
    }
    if (queue.queued.size !== queue.reported) {
      queue.reported = queue.queued.size;
      deps.onPendingChanged?.(shopId, queue.reported);
    }
    if (queue.queued.size > 0)
      schedule(
        shopId,
        queue,
        queue.failures === 0 ? 0 : Math.min(FIRST_RETRY_MS * 2 ** (queue.failures - 1), LAST_RETRY_MS),
      );
  }

  return {
    changed(sku, displayed) {
      for (const { shopId, displayed: quantity } of displayed) {
        const queue = queueOf(shopId);
        if (queue.sent.get(sku) === quantity && !queue.queued.has(sku)) continue;
        queue.queued.set(sku, quantity);
        if (queue.failures === 0) schedule(shopId, queue, BATCH_AFTER_MS);
      }
    },
    connectorStarted(shopId, displayed) {
      const queue = queueOf(shopId);
      queue.sent.clear();
      queue.failures = 0;
      for (const { sku, displayed: quantity } of displayed) queue.queued.set(sku, quantity);
      if (queue.timer) deps.clock.clearTimeout(queue.timer);
      queue.timer = null;
      if (queue.queued.size > 0) schedule(shopId, queue, BATCH_AFTER_MS);
    },
    closeShop(shopId) {
      const queue = shops.get(shopId);
      if (queue?.timer) deps.clock.clearTimeout(queue.timer);
      shops.delete(shopId);
    },
    pending: (shopId) => (deps.connectorOf(shopId)?.syncStock ? (shops.get(shopId)?.queued.size ?? 0) : 0),
    stopAll() {
      for (const shopId of [...shops.keys()]) this.closeShop(shopId);
    },
  };
}
