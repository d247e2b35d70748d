// `stocklock`: an order locks stock with 10,000 SKUs shared by 20 shops. Measured on the core's stock service over
// the real organisation database: the lock step (the ledger's check and apply, the movement handed to the writer,
// and the new sellable of every shop of the SKU — everything before the durable write is awaited), and the same
// order until its movement is durable. Baseline in the same run: the balance summed from the SKU's movements in
// SQLite for every lock (what a ledger without positions in memory does), then the same sellable per shop.
import { DatabaseSync } from 'node:sqlite';
import { withLines } from '../../shared/domain/orders/order-lines.ts';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NO_ORDER_DETAILS, type Order, type Sku } from '../../shared/contract/index.ts';
import {
  available,
  sellableByShop,
  type SkuStock,
  type StockMovement,
} from '../../shared/domain/stock/stock-ledger.ts';
import { createEventBus } from '../../electron/core/events/event-bus.ts';
import { createSkuCatalogue } from '../../electron/core/inventory/sku-catalogue.ts';
import { createStockService } from '../../electron/core/inventory/stock-service.ts';
import { ORG_LOG } from '../../electron/core/ports.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { makeTempDir, quietLogger } from '../support/core-fixture.ts';
import { percentile, type BenchOutcome } from './harness.ts';

const SKUS = 10_000;
const SHOPS = 20;
const HISTORY = 20;
const ORDERS = 5_000;

export async function stocklockBenchmark(): Promise<BenchOutcome> {
  const root = await makeTempDir('bench-stocklock-');
  const streams = createShopStreams(root);
  await streams.open(ORG_LOG);
  const shopIds = Array.from({ length: SHOPS }, (_, i) => `shop-${String(i).padStart(2, '0')}`);
  const skus: Sku[] = Array.from({ length: SKUS }, (_, i) => ({
    code: `SKU-${String(i).padStart(5, '0')}`,
    title: `商品 ${i}`,
    priceFen: 1000,
    shopIds,
    lowStockAt: 5,
    archived: false,
    updatedAt: 1,
  }));
  // Each SKU starts with goods in and a history of locked and shipped orders.
  for (let from = 0; from < SKUS; from += 500) {
    const movements: StockMovement[] = [];
    for (const sku of skus.slice(from, from + 500)) {
      const base = { sku: sku.code, actorId: null, note: '' };
      movements.push({
        ...base,
        id: `in:${sku.code}`,
        at: 1,
        kind: 'goods_in',
        delta: { normal: 1000 },
        shopId: null,
        orderId: null,
      });
      for (let h = 0; h < HISTORY / 2; h += 1) {
        const shopId = shopIds[h % SHOPS]!;
        const orderId = `${sku.code}-h${h}`;
        movements.push({
          ...base,
          id: `l:${orderId}`,
          at: 2,
          kind: 'order_lock',
          delta: { occupied: 1 },
          shopId,
          orderId,
        });
        movements.push({
          ...base,
          id: `s:${orderId}`,
          at: 3,
          kind: 'shipment',
          delta: { occupied: -1, normal: -1 },
          shopId,
          orderId,
        });
      }
    }
    await streams.write(ORG_LOG, { skus: skus.slice(from, from + 500), stock: { movements } });
  }
  const bus = createEventBus(() => undefined);
  const catalogue = createSkuCatalogue({ streams, bus });
  catalogue.load();
  let serial = 0;
  const stock = createStockService({
    streams,
    bus,
    logger: quietLogger,
    catalogue,
    clock: { now: () => Date.now() },
    ids: { next: (prefix) => `${prefix}_${(serial += 1)}` },
  });
  const loadStart = performance.now();
  stock.load();
  const loadMs = performance.now() - loadStart;

  let n = 0;
  const nextOrder = (): Order => {
    n += 1;
    const sku = skus[(n * 7919) % SKUS]!;
    return withLines({
      id: `bench-${n}`,
      shopId: shopIds[n % SHOPS]!,
      buyerId: `b${n}`,
      sku: sku.code,
      title: sku.title,
      amountFen: 1000,
      paidAt: 1,
      shipBy: 2,
      status: 'awaiting_shipment',
      statusAt: 1,
      trackingNumber: null,
      ...NO_ORDER_DETAILS,
    });
  };

  // Warm-up, then the measured orders (one at a time: each lock then waits for its own durable write).
  for (let i = 0; i < 200; i += 1) await stock.onOrder(nextOrder());
  const step: number[] = [];
  const durable: number[] = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const order = nextOrder();
    const t0 = performance.now();
    const written = stock.onOrder(order);
    const sellable = sellableByShop(stock.position(order.sku), shopIds);
    const t1 = performance.now();
    await written;
    const t2 = performance.now();
    if (sellable.shops.length !== SHOPS) throw new Error('sellable not computed');
    step.push(t1 - t0);
    durable.push(t2 - t0);
  }

  // Baseline: every lock sums the SKU's movements in SQLite before it checks and computes the shops' sellable.
  const db = new DatabaseSync(join(root, 'org.sqlite'), { readOnly: true });
  const sum = db.prepare(
    `SELECT coalesce(sum(normal), 0) AS normal, coalesce(sum(occupied), 0) AS occupied,
       coalesce(sum(reserved), 0) AS reserved FROM stock_movements WHERE sku = ?`,
  );
  const naive: number[] = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const order = nextOrder();
    const t0 = performance.now();
    const totals = sum.get(order.sku) as { normal: number; occupied: number; reserved: number };
    const quantities = { ...totals, damaged: 0, frozen: 0 };
    const position: SkuStock = { quantities, occupiedByShop: {}, locks: {}, allocation: { buffer: 0, shops: {} } };
    const sellable = sellableByShop(position, shopIds);
    naive.push(performance.now() - t0);
    if (available(quantities) < 0 || sellable.shops.length !== SHOPS) throw new Error('bad baseline');
  }
  db.close();
  await streams.closeAll();
  await rm(root, { recursive: true, force: true });

  for (const list of [step, durable, naive]) list.sort((a, b) => a - b);
  const row = (measure: string, list: number[]) => ({
    measure,
    orders: list.length,
    'p50 ms': percentile(list, 50),
    'p99 ms': percentile(list, 99),
    'max ms': list.at(-1)!,
  });
  return {
    title: `lock stock for an order: ${SKUS.toLocaleString('en')} SKUs shared by ${SHOPS} shops`,
    rows: [
      row('lock step: check, apply, movement to the writer, sellable of all 20 shops', step),
      row('same order until its movement is durable (one fsync each)', durable),
      row('baseline: balance summed from the SKU’s movements in SQLite, per lock', naive),
    ],
    notes: [
      'target: lock ≤ 1 ms p99 with every shop’s sellable updated in the same step',
      `positions loaded at start (by aggregate) from ${(SKUS * (HISTORY + 1)).toLocaleString('en')} movements in ${loadMs.toFixed(0)} ms`,
    ],
    result: {
      lock_p50_ms: percentile(step, 50),
      lock_p99_ms: percentile(step, 99),
      durable_p99_ms: percentile(durable, 99),
      baseline_p99_ms: percentile(naive, 99),
      load_ms: loadMs,
    },
  };
}
