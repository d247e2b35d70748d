// 库存同步 through the core: when a connector starts, its platform gets every SKU's displayed figure; an order's
// lock changes the figure in every shop of the SKU, and each platform gets the new one (one update per SKU, the
// latest); a platform that is offline keeps its figures queued (the stock page says how many) and gets them when
// it is back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/contract/index.ts';
import type { ConnectorFactory, ConnectorSink } from '../../../electron/core/ports.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';
import { anOrder } from '../../support/factories.ts';

const SKU = 'MY-TS-2301-WHT-M';
const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

function platform() {
  const calls = new Map<string, { sku: string; quantity: number }[][]>();
  const sinks = new Map<string, ConnectorSink>();
  const offline = new Set<string>();
  const factory: ConnectorFactory = (shop) => ({
    start: (sink) => void sinks.set(shop.id, sink),
    stop: () => void sinks.delete(shop.id),
    syncStock(items) {
      if (offline.has(shop.id)) return Promise.reject(new Error('offline'));
      calls.set(shop.id, [...(calls.get(shop.id) ?? []), items.map((i) => ({ ...i }))]);
      return Promise.resolve();
    },
  });
  /** What the platform shows now for a SKU (its latest figure). */
  const shown = (shopId: string, sku: string) =>
    (calls.get(shopId) ?? [])
      .flat()
      .filter((i) => i.sku === sku)
      .at(-1)?.quantity;
  return { factory, calls, sinks, offline, shown };
}

const order = (shopId: string, id: string): Order => anOrder({ id, shopId, sku: SKU });

async function settle(f: CoreFixture, ms = 0) {
  for (let i = 0; i < 5; i += 1) {
    await f.run(ms);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('库存同步', () => {
  it('sends every SKU when a connector starts, then each new figure once, to every shop of the SKU', async () => {
    const p = platform();
    const f = await startCoreFixture({ connectors: { demo: p.factory } });
    fixtures.push(f);
    await settle(f, 300);
    expect(
      p.calls
        .get('tmall-mianyu')!
        .flat()
        .map((i) => i.sku)
        .sort(),
    ).toHaveLength(5);
    expect(p.shown('jd-mianyu', SKU)).toBe(500);
    await p.sinks.get('tmall-mianyu')!.order(order('tmall-mianyu', 'o1'));
    await p.sinks.get('tmall-mianyu')!.order(order('tmall-mianyu', 'o2'));
    const before = p.calls.get('jd-mianyu')!.length;
    await settle(f, 300);
    // Two orders in one batch window: one update per shop, with the latest figure.
    expect(p.calls.get('jd-mianyu')!.length).toBe(before + 1);
    expect(p.shown('jd-mianyu', SKU)).toBe(498);
    expect(p.shown('douyin-xiaolu', SKU)).toBe(498);
  });

  it('keeps the figures of an offline platform queued, says so, and sends the latest when it is back', async () => {
    const p = platform();
    const f = await startCoreFixture({ connectors: { demo: p.factory } });
    fixtures.push(f);
    await settle(f, 300);
    p.offline.add('pdd-mianyu');
    await p.sinks.get('jd-mianyu')!.order(order('jd-mianyu', 'o3'));
    await settle(f, 300);
    const owner = await loggedIn(f.core, 'owner');
    const stock = await f.core.dispatch(owner, 'inventory.stock', {});
    const pending = stock.ok ? (stock.value as { syncPending: Record<string, number> }).syncPending : {};
    expect(pending['pdd-mianyu']).toBe(1);
    expect(pending['jd-mianyu']).toBe(0);
    expect(p.shown('pdd-mianyu', SKU)).toBe(500);
    await p.sinks.get('jd-mianyu')!.order(order('jd-mianyu', 'o4'));
    p.offline.delete('pdd-mianyu');
    await settle(f, 31_000);
    expect(p.shown('pdd-mianyu', SKU)).toBe(498);
    const after = await f.core.dispatch(owner, 'inventory.stock', {});
    expect(after.ok && (after.value as { syncPending: Record<string, number> }).syncPending['pdd-mianyu']).toBe(0);
  });
});
