// The stock ledger through the core: orders from the shops lock, ship and release stock by themselves (every
// shop's sellable following in the same step), the last units go to exactly as many orders as there are units
// (the rest listed as oversold), people's movements are refused when they would make stock negative, allocations
// shape what each shop may sell, and the whole ledger comes back after a restart.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, Order, OrderStatus, StockRow } from '../../../shared/contract/index.ts';
import { loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';
import { anOrder } from '../../support/factories.ts';
import { createScriptedConnector } from '../../support/scripted-connector.ts';

const SKU = 'MY-TS-2301-WHT-M';
const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

async function start(dataDir?: string, idPrefix = '') {
  let now = () => 0;
  const scripted = createScriptedConnector(() => now());
  const f = await startCoreFixture({
    connectors: { demo: scripted.factory },
    idPrefix,
    ...(dataDir ? { dataDir } : {}),
  });
  now = () => f.clock.now();
  fixtures.push(f);
  return { f, scripted, owner: await loggedIn(f.core, 'owner') };
}

let serial = 0;
const order = (shopId: string, status: OrderStatus, id = `o-${(serial += 1)}`): Order =>
  anOrder({ id, shopId, status });

async function row(f: CoreFixture, caller: Caller, code = SKU): Promise<StockRow> {
  const result = await f.core.dispatch(caller, 'inventory.stock', { query: code });
  if (!result.ok) throw new Error(result.error.code);
  return (result.value as { rows: StockRow[] }).rows.find((r) => r.code === code)!;
}

describe('the stock ledger in the core', () => {
  it('locks a unit for an order waiting to ship, takes it off the shelf when shipped, releases it when closed', async () => {
    const { f, scripted, owner } = await start();
    expect((await row(f, owner)).quantities).toMatchObject({ normal: 500, occupied: 0 });
    const shipping = order('tmall-mianyu', 'awaiting_shipment');
    await scripted.order(shipping);
    let r = await row(f, owner);
    expect(r.quantities).toMatchObject({ normal: 500, occupied: 1 });
    expect(r.available).toBe(499);
    // One business, one shelf: every shop's sellable followed in the same step.
    expect(r.shops.every((s) => s.canLock === 499)).toBe(true);
    await scripted.order({ ...shipping, status: 'shipped', statusAt: 3, trackingNumber: 'SF1234567890123' });
    r = await row(f, owner);
    expect(r.quantities).toMatchObject({ normal: 499, occupied: 0 });
    const cancelled = order('jd-mianyu', 'awaiting_shipment');
    await scripted.order(cancelled);
    await scripted.order({ ...cancelled, status: 'closed', statusAt: 4 });
    r = await row(f, owner);
    expect(r.quantities).toMatchObject({ normal: 499, occupied: 0 });
    // A redelivered order does not lock twice; an order that arrives already shipped moves nothing.
    const again = order('pdd-mianyu', 'awaiting_shipment');
    await scripted.order(again);
    await scripted.order(again);
    await scripted.order(order('pdd-mianyu', 'shipped'));
    expect((await row(f, owner)).quantities).toMatchObject({ normal: 499, occupied: 1 });
    const ledger = await f.core.dispatch(owner, 'inventory.movements', { sku: SKU });
    expect(ledger.ok && (ledger.value as { kind: string }[]).map((m) => m.kind)).toEqual([
      'order_lock',
      'cancel_release',
      'order_lock',
      'shipment',
      'order_lock',
      'goods_in',
    ]);
  });

  it('locks every SKU of an order of several lines, gifts included, and ships or lists each line as it stands', async () => {
    const { f, scripted, owner } = await start();
    const OTHER = 'MY-TW-7030-PNK';
    // Two paid lines of SKU, one of the towel, and the towel again as a gift: 2 of SKU, 2 towels.
    const basket = anOrder({
      id: `o-${(serial += 1)}`,
      shopId: 'tmall-mianyu',
      status: 'awaiting_shipment',
      lines: [
        { sku: SKU, title: '纯棉短袖T恤 白 M', quantity: 2, amountFen: 11_800, gift: false },
        { sku: OTHER, title: '毛巾 70×30 粉', quantity: 1, amountFen: 1990, gift: false },
        { sku: OTHER, title: '【赠品】毛巾 70×30 粉', quantity: 1, amountFen: 0, gift: true },
      ],
    });
    const towelsBefore = (await row(f, owner, OTHER)).quantities.normal;
    await scripted.order(basket);
    expect((await row(f, owner)).quantities).toMatchObject({ normal: 500, occupied: 2 });
    expect((await row(f, owner, OTHER)).quantities).toMatchObject({ normal: towelsBefore, occupied: 2 });
    await scripted.order({ ...basket, status: 'shipped', statusAt: 3, trackingNumber: 'SF1234567890123' });
    expect((await row(f, owner)).quantities).toMatchObject({ normal: 498, occupied: 0 });
    expect((await row(f, owner, OTHER)).quantities).toMatchObject({ normal: towelsBefore - 2, occupied: 0 });

    // A line that finds nothing to lock is listed by its SKU; the other line still locks.
    await f.core.dispatch(owner, 'inventory.moveStock', {
      sku: OTHER,
      kind: 'adjustment',
      quantity: -(towelsBefore - 2),
      note: '盘亏',
    });
    const short = anOrder({
      id: `o-${(serial += 1)}`,
      shopId: 'jd-mianyu',
      status: 'awaiting_shipment',
      lines: [
        { sku: SKU, title: '纯棉短袖T恤 白 M', quantity: 1, amountFen: 5900, gift: false },
        { sku: OTHER, title: '毛巾 70×30 粉', quantity: 1, amountFen: 1990, gift: false },
      ],
    });
    await scripted.order(short);
    const result = await f.core.dispatch(owner, 'inventory.stock', {});
    if (!result.ok) throw new Error(result.error.code);
    const { oversold } = result.value as { oversold: { orderId: string; sku: string }[] };
    expect(oversold.filter((o) => o.orderId === short.id).map((o) => o.sku)).toEqual([OTHER]);
    expect((await row(f, owner)).quantities.occupied).toBe(1);
  });

  it('follows an update that changes the lines: a line gone releases its lock, a new number of units locks anew', async () => {
    const { f, scripted, owner } = await start();
    const OTHER = 'MY-TW-7030-PNK';
    const towelsBefore = (await row(f, owner, OTHER)).quantities;
    const basket = anOrder({
      id: `o-${(serial += 1)}`,
      shopId: 'tmall-mianyu',
      status: 'awaiting_shipment',
      lines: [
        { sku: SKU, title: '纯棉短袖T恤 白 M', quantity: 1, amountFen: 5900, gift: false },
        { sku: OTHER, title: '毛巾 70×30 粉', quantity: 1, amountFen: 1990, gift: false },
      ],
    });
    await scripted.order(basket);
    expect((await row(f, owner)).quantities.occupied).toBe(1);
    expect((await row(f, owner, OTHER)).quantities.occupied).toBe(towelsBefore.occupied + 1);
    // The buyer dropped the towel and took 3 shirts: the towel is back on sale, 3 shirts are held.
    const changed = {
      ...basket,
      statusAt: 5,
      lines: [{ sku: SKU, title: '纯棉短袖T恤 白 M', quantity: 3, amountFen: 17_700, gift: false }],
    };
    await scripted.order(changed);
    expect((await row(f, owner)).quantities).toMatchObject({ normal: 500, occupied: 3 });
    expect((await row(f, owner, OTHER)).quantities).toEqual(towelsBefore);
    const ledger = await f.core.dispatch(owner, 'inventory.movements', { sku: SKU });
    expect(ledger.ok && (ledger.value as { kind: string }[]).slice(0, 3).map((m) => m.kind)).toEqual([
      'order_lock',
      'cancel_release',
      'order_lock',
    ]);
    // Shipped as it stands: the 3 shirts leave the shelf, nothing else moves.
    await scripted.order({ ...changed, status: 'shipped', statusAt: 6, trackingNumber: 'SF1234567890123' });
    expect((await row(f, owner)).quantities).toMatchObject({ normal: 497, occupied: 0 });
    expect((await row(f, owner, OTHER)).quantities).toEqual(towelsBefore);
  });

  it('sells the last units to exactly as many orders, from any shops, and lists the rest as oversold', async () => {
    const { f, scripted, owner } = await start();
    const down = await f.core.dispatch(owner, 'inventory.moveStock', {
      sku: SKU,
      kind: 'adjustment',
      quantity: -497,
      note: '盘亏',
    });
    expect(down.ok).toBe(true);
    const shops = ['tmall-mianyu', 'jd-mianyu', 'pdd-mianyu', 'tmall-mianyu', 'jd-mianyu'];
    await Promise.all(shops.map((shopId) => scripted.order(order(shopId, 'awaiting_shipment'))));
    const result = await f.core.dispatch(owner, 'inventory.stock', { query: SKU });
    if (!result.ok) throw new Error(result.error.code);
    const { rows, oversold } = result.value as { rows: StockRow[]; oversold: unknown[] };
    expect(rows[0]!.quantities).toMatchObject({ normal: 3, occupied: 3 });
    expect(rows[0]!.available).toBe(0);
    expect(oversold).toHaveLength(2);
  });

  it('refuses a movement that would make stock negative, and moves stock between kinds', async () => {
    const { f, owner } = await start();
    const tooMuch = await f.core.dispatch(owner, 'inventory.moveStock', {
      sku: SKU,
      kind: 'adjustment',
      quantity: -501,
    });
    expect(tooMuch.ok || tooMuch.error.code).toBe('conflict');
    const damaged = await f.core.dispatch(owner, 'inventory.moveStock', {
      sku: SKU,
      kind: 'type_change',
      quantity: 3,
      from: 'normal',
      to: 'damaged',
      note: '污渍',
    });
    expect(damaged.ok && (damaged.value as StockRow).quantities).toMatchObject({ normal: 497, damaged: 3 });
    const held = await f.core.dispatch(owner, 'inventory.moveStock', { sku: SKU, kind: 'reserve', quantity: 490 });
    expect(held.ok && (held.value as StockRow).available).toBe(7);
    expect((await row(f, owner)).low).toBe(false);
    await f.core.dispatch(owner, 'inventory.moveStock', { sku: SKU, kind: 'reserve', quantity: 3 });
    expect((await row(f, owner)).low).toBe(true);
    const unknown = await f.core.dispatch(owner, 'inventory.moveStock', {
      sku: 'NOPE-1',
      kind: 'goods_in',
      quantity: 1,
    });
    expect(unknown.ok || unknown.error.code).toBe('not_found');
  });

  it("shares stock by the allocation: an exclusive share, a buffer, each shop's coefficient", async () => {
    const { f, owner } = await start();
    const set = await f.core.dispatch(owner, 'inventory.setAllocation', {
      sku: SKU,
      buffer: 50,
      shops: [
        { shopId: 'tmall-mianyu', exclusive: 100, coefficient: 1 },
        { shopId: 'jd-mianyu', exclusive: 0, coefficient: 0.5 },
      ],
    });
    expect(set.ok).toBe(true);
    const r = await row(f, owner);
    const of = (id: string) => r.shops.find((s) => s.shopId === id)!;
    // 500: 100 set aside for Tmall, 50 buffer, pool 350.
    expect(of('tmall-mianyu')).toEqual({ shopId: 'tmall-mianyu', canLock: 450, displayed: 450 });
    expect(of('jd-mianyu')).toEqual({ shopId: 'jd-mianyu', canLock: 350, displayed: 175 });
    expect(r.oversellRisk).toBe(r.shops.reduce((sum, s) => sum + s.displayed, 0) - 500);
  });

  it('a stock keeper moves stock only of SKUs sold in a shop where he manages stock', async () => {
    const { f, owner } = await start();
    await f.core.dispatch(owner, 'inventory.saveSku', {
      create: true,
      code: 'JD-ONLY-1',
      title: '京东专供',
      priceFen: 100,
      shopIds: ['jd-mianyu'],
    });
    const laowang = await loggedIn(f.core, 'laowang');
    expect(
      (await f.core.dispatch(laowang, 'inventory.moveStock', { sku: SKU, kind: 'goods_in', quantity: 5 })).ok,
    ).toBe(true);
    const other = await f.core.dispatch(laowang, 'inventory.moveStock', {
      sku: 'JD-ONLY-1',
      kind: 'goods_in',
      quantity: 5,
    });
    expect(other.ok || other.error.code).toBe('forbidden');
  });

  it('comes back whole after a restart, and a lock is made at start for an order stored without one', async () => {
    const dataDir = await makeTempDir();
    try {
      const first = await start(dataDir, 'a');
      await first.scripted.order(order('tmall-mianyu', 'awaiting_shipment'));
      await first.f.core.dispatch(first.owner, 'inventory.moveStock', { sku: SKU, kind: 'goods_in', quantity: 20 });
      const before = await row(first.f, first.owner);
      // An order stored while the catalogue did not know its SKU yet: locked once the SKU exists, at the next start.
      await first.scripted.order(
        anOrder({ id: `o-${(serial += 1)}`, shopId: 'jd-mianyu', status: 'awaiting_shipment', sku: 'NEW-SKU-1' }),
      );
      await first.f.core.dispatch(first.owner, 'inventory.saveSku', {
        create: true,
        code: 'NEW-SKU-1',
        title: '新品',
        priceFen: 100,
        shopIds: ['jd-mianyu'],
      });
      await first.f.core.dispatch(first.owner, 'inventory.moveStock', {
        sku: 'NEW-SKU-1',
        kind: 'goods_in',
        quantity: 2,
      });
      await first.f.close();
      fixtures.splice(fixtures.indexOf(first.f), 1);
      const second = await start(dataDir, 'b');
      expect(await row(second.f, second.owner)).toEqual(before);
      expect((await row(second.f, second.owner, 'NEW-SKU-1')).quantities).toMatchObject({ normal: 2, occupied: 1 });
    } finally {
      for (const f of fixtures.splice(0)) await f.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
