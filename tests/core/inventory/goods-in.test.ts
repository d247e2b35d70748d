// Goods-in through the core: the AQL plan and verdict are the core's (from the lot size and the defects found),
// the accepted pieces go on the shelf and the rejected are frozen in one movement, the pieces must add up, and
// each supplier's record follows; all of it after a restart too.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { GoodsInBatch, StockRow, SupplierScore } from '../../../shared/contract/index.ts';
import { loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const SKU = 'XL-DR-2405-BEI-S';
const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

const batch = (extra: Record<string, unknown> = {}) => ({
  supplier: '杭州织造',
  sku: SKU,
  lotSize: 800,
  found: { critical: 0, major: 5, minor: 7 },
  accepted: 790,
  rejected: 10,
  defects: [{ code: 'stain', count: 10, note: '米白色领口污渍' }],
  checks: ['浅色污渍', '色差'],
  ...extra,
});

describe('goods-in inspection', () => {
  it('takes the AQL plan and verdict from the lot and the defects, and posts accepted and rejected pieces', async () => {
    const dataDir = await makeTempDir();
    try {
      const f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001 });
      fixtures.push(f);
      const owner = await loggedIn(f.core, 'owner');
      const done = await f.core.dispatch(owner, 'inventory.receiveGoods', batch());
      if (!done.ok) throw new Error(done.error.code);
      const b = done.value as GoodsInBatch;
      // 800 pieces: code J, 80 inspected; majors 5/6 and minors 7/8 — at Ac, so the lot is accepted.
      expect(b.plan).toMatchObject({
        code: 'J',
        inspect: 80,
        major: { accept: 5, reject: 6 },
        minor: { accept: 7, reject: 8 },
      });
      expect(b.verdict).toEqual({ accepted: true, reasons: [] });
      const rejectedLot = await f.core.dispatch(
        owner,
        'inventory.receiveGoods',
        batch({ found: { critical: 0, major: 6, minor: 0 }, supplier: '次品厂', accepted: 700, rejected: 100 }),
      );
      expect(rejectedLot.ok && (rejectedLot.value as GoodsInBatch).verdict).toEqual({
        accepted: false,
        reasons: ['major'],
      });
      const stock = await f.core.dispatch(owner, 'inventory.stock', { query: SKU });
      if (!stock.ok) throw new Error(stock.error.code);
      const row = (stock.value as { rows: StockRow[] }).rows[0]!;
      expect(row.quantities).toMatchObject({ normal: 500 + 790 + 700, frozen: 110 });

      const wrongSum = await f.core.dispatch(owner, 'inventory.receiveGoods', batch({ accepted: 790, rejected: 9 }));
      expect(wrongSum.ok || wrongSum.error.code).toBe('invalid_input');
      const tooMany = await f.core.dispatch(
        owner,
        'inventory.receiveGoods',
        batch({ found: { critical: 0, major: 70, minor: 20 } }),
      );
      expect(tooMany.ok || tooMany.error.code).toBe('invalid_input');

      const history = await f.core.dispatch(owner, 'inventory.goodsIn', {});
      const { batches, suppliers } = history.ok
        ? (history.value as { batches: GoodsInBatch[]; suppliers: SupplierScore[] })
        : { batches: [], suppliers: [] };
      expect(batches.map((x) => x.supplier)).toEqual(['次品厂', '杭州织造']);
      expect(suppliers.map((s) => [s.supplier, s.lots, s.rejectedLots, s.rejectedPieces, s.rejectRate])).toEqual([
        ['次品厂', 1, 1, 100, 100 / 800],
        ['杭州织造', 1, 0, 10, 10 / 800],
      ]);
      await f.close();
      fixtures.splice(0);
      const again = await startCoreFixture({ dataDir, idPrefix: 'b' });
      fixtures.push(again);
      const after = await again.core.dispatch(await loggedIn(again.core, 'owner'), 'inventory.goodsIn', {
        supplier: '次品厂',
      });
      expect(after.ok && (after.value as { batches: GoodsInBatch[] }).batches).toHaveLength(1);
    } finally {
      for (const f of fixtures.splice(0)) await f.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
