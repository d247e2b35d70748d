// The shipping board and shipping through the core: imported orders on the board with their deadlines and states,
// a refund asked before shipping blocks the order, a wrong tracking number refuses the whole batch, a shipment made
// while the platform is offline waits (also across a restart) and goes once it is back, and stock follows. Each
// shop's print waves and late penalty are its own: the board follows a change at once, and after a restart.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, MethodOutput, ShippingRuleView, StockRow } from '../../../shared/contract/index.ts';
import { call, loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const SHOP = 'tmall-mianyu';
const SKU = 'MY-TS-2301-WHT-M';
type Board = MethodOutput<'shipping.board'>;

const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

/** Imports Taobao export lines [order number, state, paid at (China time)] into the shop. */
async function importOrders(f: CoreFixture, caller: Caller, lines: readonly (readonly [string, string, string])[]) {
  const csv = [
    '订单编号,买家会员名,商家编码,宝贝标题,买家实际支付金额,订单状态,订单付款时间,收货人姓名,联系手机,收货地址',
    ...lines.map(
      ([id, state, paid]) => `="${id}",tb_buyer,${SKU},纯棉短袖T恤 白 M,59.00,${state},${paid},林小姐,13812345678,杭州`,
    ),
  ].join('\n');
  const upload = await call<{ uploadId: string }>(f, caller, 'orders.uploadPart', {
    uploadId: null,
    part: Buffer.from(csv).toString('base64'),
    last: true,
  });
  await call(f, caller, 'orders.importOrders', { uploadId: upload.uploadId, shopId: SHOP });
}

const chinaTime = (at: number) => {
  const d = new Date(at + 8 * 3_600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
};

describe('shipping', () => {
  it('boards imported orders by deadline, blocks a refund, refuses a wrong number, ships offline then online', async () => {
    const dataDir = await makeTempDir();
    try {
      let f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001 });
      fixtures.push(f);
      let owner = await loggedIn(f.core, 'owner');
      const now = f.clock.now();
      await importOrders(f, owner, [
        ['5001', '买家已付款，等待卖家发货', chinaTime(now - 50 * 3_600_000)], // 48 h promise passed: overdue
        ['5002', '买家已付款，等待卖家发货', chinaTime(now - 1 * 3_600_000)],
        ['5003', '退款中', chinaTime(now - 2 * 3_600_000)],
      ]);
      const board = await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, filter: 'all' });
      const mine = board.rows.filter((r) => r.id.startsWith('500'));
      expect(mine.map((r) => [r.id, r.state])).toEqual([
        ['5001', 'overdue'],
        ['5003', 'blocked'],
        ['5002', expect.stringMatching(/^(ok|at_risk)$/)],
      ]);
      // Late on Tmall: 5% of ¥59 is below the ¥5 floor.
      expect(mine[0]!.penaltyFen).toBe(500);
      expect(board.counts.overdue).toBeGreaterThanOrEqual(1);
      expect(board.counts.blocked).toBeGreaterThanOrEqual(1);

      // A 顺丰 number under 中通, and the refund: the whole batch is refused with each reason; nothing shipped.
      const refused = await f.core.dispatch(owner, 'shipping.ship', {
        shopId: SHOP,
        shipments: [
          { orderId: '5001', courier: 'ZTO', trackingNumber: 'SF1234567890123' },
          { orderId: '5002', courier: 'SF', trackingNumber: 'SF1234567890124' },
          { orderId: '5003', courier: 'SF', trackingNumber: 'SF1234567890125' },
        ],
      });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          details: {
            refusals: [
              { orderId: '5001', reason: 'tracking_shape' },
              { orderId: '5003', reason: 'refunding' },
            ],
          },
        },
      });
      const stockBefore = (await call<{ rows: StockRow[] }>(f, owner, 'inventory.stock', {})).rows.find(
        (r) => r.code === SKU,
      )!;

      // The platform goes offline; the right numbers ship here and wait for it.
      f.hubs.get(SHOP)!.setOnline(false);
      const shipped = await call<{ shipped: string[] }>(f, owner, 'shipping.ship', {
        shopId: SHOP,
        shipments: [
          { orderId: '5001', courier: 'SF', trackingNumber: 'sf 1234 5678 90123' },
          { orderId: '5002', courier: 'YTO', trackingNumber: 'YT1234567890124' },
        ],
      });
      expect(shipped.shipped).toEqual(['5001', '5002']);
      await f.run(5_000);
      const waiting = await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, filter: 'unsent' });
      expect(waiting.rows.map((r) => [r.id, r.state, r.trackingNumber])).toEqual([
        ['5001', 'unsent', 'SF1234567890123'],
        ['5002', 'unsent', 'YT1234567890124'],
      ]);
      // Stock left the shelf with the shipment, online or not.
      const stockAfter = (await call<{ rows: StockRow[] }>(f, owner, 'inventory.stock', {})).rows.find(
        (r) => r.code === SKU,
      )!;
      expect(stockBefore.quantities.normal - stockAfter.quantities.normal).toBe(2);
      expect(stockBefore.quantities.occupied - stockAfter.quantities.occupied).toBe(2);

      // A restart keeps them waiting; back online, they go and leave the board.
      await f.close();
      fixtures.length = 0;
      f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001, rosterHubs: f.hubs });
      fixtures.push(f);
      owner = await loggedIn(f.core, 'owner');
      expect((await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, filter: 'unsent' })).total).toBe(2);
      f.hubs.get(SHOP)!.setOnline(true);
      await f.run(31_000);
      // Sent one at a time, each answer recorded before the next goes.
      for (let i = 0; i < 20; i += 1) {
        await f.run(10);
        if ((await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, filter: 'unsent' })).total === 0) break;
      }
      const left = await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, filter: 'unsent' });
      expect(left.rows.map((r) => [r.id, r.state, r.shipmentNote])).toEqual([]);
      const orders = await call<{ id: string; status: string; shipmentSync: string }[]>(f, owner, 'orders.list', {
        shopId: SHOP,
        limit: 500,
      });
      expect(orders.filter((o) => o.id === '5001' || o.id === '5002').map((o) => [o.status, o.shipmentSync])).toEqual([
        ['shipped', 'sent'],
        ['shipped', 'sent'],
      ]);
    } finally {
      for (const f of fixtures.splice(0)) await f.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('filters by shop, courier and words, sorts by amount, and pages', async () => {
    const f = await startCoreFixture({ demo: true, messagesPerMinute: 0.001 });
    fixtures.push(f);
    const owner = await loggedIn(f.core, 'owner');
    const now = f.clock.now();
    await importOrders(
      f,
      owner,
      Array.from(
        { length: 30 },
        (_, i) => [`6${String(i).padStart(3, '0')}`, '待发货', chinaTime(now - i * 60_000)] as const,
      ),
    );
    const page = await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, query: '60', limit: 10, offset: 10 });
    expect(page.total).toBe(30);
    expect(page.rows).toHaveLength(10);
    // Nearest deadline first: the earliest paid.
    expect(page.rows[0]!.shipBy).toBeLessThanOrEqual(page.rows[9]!.shipBy);
    const none = await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, query: '60', courier: '顺丰速运' });
    expect(none.total).toBe(0);
    const amy = await loggedIn(f.core, 'amy');
    const theirs = await call<Board>(f, amy, 'shipping.board', { query: '60' });
    expect(theirs.total).toBe(0);
  });

  it("takes each shop's print waves and late penalty: at risk before that shop's next wave", async () => {
    const dataDir = await makeTempDir();
    try {
      let f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001 });
      fixtures.push(f);
      let owner = await loggedIn(f.core, 'owner');
      const now = f.clock.now();
      // Paid 47 h ago: it must ship within the hour.
      await importOrders(f, owner, [['6001', '买家已付款，等待卖家发货', chinaTime(now - 47 * 3_600_000)]]);
      const rules = await call<ShippingRuleView[]>(f, owner, 'shipping.rules', {});
      const tmall = rules.find((r) => r.shopId === SHOP)!;
      expect(tmall).toMatchObject({ printWaves: [600, 960], overridden: [], estimated: false });
      expect(rules.find((r) => r.shopId === 'jd-mianyu')!.estimated).toBe(true);
      // A wave every minute of the day from now on: the next comes before the deadline, so the order can wait.
      const minute = Math.floor(((now + 8 * 3_600_000) % 86_400_000) / 60_000);
      const soon = [(minute + 1) % 1440, (minute + 2) % 1440];
      const set = await call<ShippingRuleView>(f, owner, 'shipping.setRule', {
        shopId: SHOP,
        printWaves: [soon[1], soon[0]],
        penalty: { percent: 10, minFen: 100, maxFen: 1_000 },
      });
      expect(set).toMatchObject({ printWaves: [...soon].sort((a, b) => a - b), overridden: ['printWaves', 'penalty'] });
      const row = async () =>
        (await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, filter: 'all' })).rows.find(
          (r) => r.id === '6001',
        )!;
      expect((await row()).state).toBe('ok');
      // 10% of ¥59, within ¥1–¥10.
      expect((await row()).penaltyFen).toBe(590);
      const board = await call<Board>(f, owner, 'shipping.board', { shopId: SHOP, filter: 'all' });
      expect(board.nextWaveAt).toBeLessThanOrEqual(now + 2 * 60_000);
      // One wave a day, twelve hours from now: the deadline comes first — at risk.
      await call(f, owner, 'shipping.setRule', {
        shopId: SHOP,
        printWaves: [(minute + 720) % 1440],
        penalty: { percent: 10, minFen: 100, maxFen: 1_000 },
      });
      expect((await row()).state).toBe('at_risk');
      // Kept across a restart; null puts the default back.
      await f.close();
      fixtures.splice(0);
      f = await startCoreFixture({ dataDir, idPrefix: 'b' });
      fixtures.push(f);
      owner = await loggedIn(f.core, 'owner');
      expect((await row()).penaltyFen).toBe(590);
      const back = await call<ShippingRuleView>(f, owner, 'shipping.setRule', {
        shopId: SHOP,
        printWaves: null,
        penalty: null,
      });
      expect(back).toMatchObject({ printWaves: [600, 960], overridden: [], penalty: { minFen: 500 } });
      expect((await row()).penaltyFen).toBe(500);
      const bad = await f.core.dispatch(owner, 'shipping.setRule', {
        shopId: SHOP,
        printWaves: [600],
        penalty: { percent: 5, minFen: 900, maxFen: 100 },
      });
      expect(bad.ok || bad.error.code).toBe('invalid_input');
    } finally {
      for (const f of fixtures.splice(0)) await f.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
