// Goods-in through the core: the AQL plan and verdict are the core's (from the lot size and the defects found),
// the accepted pieces go on the shelf and the rejected are frozen in one movement, the pieces must add up, and
// each supplier's record follows; all of it after a restart too. Defect photos: kept by their bytes' type and hash,
// refused when they are no image, too big, or named without being kept.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_PHOTO_BYTES,
  type GoodsInBatch,
  type Photo,
  type StockRow,
  type SupplierScore,
} from '../../../shared/contract/index.ts';
import { ORG_LOG } from '../../../electron/core/ports.ts';
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

  it('keeps defect photos by what their bytes are, names them in the batch, and refuses anything else', async () => {
    const dataDir = await makeTempDir();
    try {
      const f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001 });
      fixtures.push(f);
      const owner = await loggedIn(f.core, 'owner');
      // A real (tiny) JPEG: the SOI and APP0 markers, then the rest of a valid 1×1 file's header.
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF photo of a stain')]);
      const upload = (bytes: Buffer) =>
        f.core.dispatch(owner, 'inventory.uploadPhoto', { data: bytes.toString('base64') });
      const kept = await upload(jpeg);
      if (!kept.ok) throw new Error(kept.error.message);
      const photo = kept.value as Photo;
      expect(photo).toEqual({
        photoId: createHash('sha256').update(jpeg).digest('hex'),
        mime: 'image/jpeg',
        bytes: jpeg.length,
      });
      // The same picture again is the same photo, kept once.
      const again = await upload(jpeg);
      expect(again.ok && (again.value as Photo).photoId).toBe(photo.photoId);
      // An SVG (script inside) and a renamed text file are no photos, whatever they are called; nor is a huge one.
      const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
      expect(!svg.ok && [svg.error.code, svg.error.message]).toEqual([
        'invalid_input',
        'only JPEG, PNG or WebP photos are kept',
      ]);
      const over = await upload(Buffer.concat([jpeg, Buffer.alloc(MAX_PHOTO_BYTES + 1 - jpeg.length)]));
      expect(!over.ok && over.error.message).toBe('a photo is at most 700 KB; this one is 701 KB');
      const huge = await upload(Buffer.concat([jpeg, Buffer.alloc(2 * MAX_PHOTO_BYTES)]));
      expect(!huge.ok && huge.error.code).toBe('invalid_input');

      const done = await f.core.dispatch(
        owner,
        'inventory.receiveGoods',
        batch({ defects: [{ code: 'stain', count: 10, note: '领口污渍', photoIds: [photo.photoId] }] }),
      );
      if (!done.ok) throw new Error(done.error.message);
      expect((done.value as GoodsInBatch).defects[0]!.photoIds).toEqual([photo.photoId]);
      const missing = await f.core.dispatch(
        owner,
        'inventory.receiveGoods',
        batch({ defects: [{ code: 'stain', count: 10, note: '', photoIds: ['0'.repeat(64)] }] }),
      );
      expect(!missing.ok && missing.error.message).toMatch(/is not kept: add it again/);
      const read = await f.core.dispatch(owner, 'inventory.photo', { photoId: photo.photoId });
      expect(read.ok && Buffer.from((read.value as { data: string }).data, 'base64')).toEqual(jpeg);
      // The uploads are audited by name and size — two entries, and never the bytes.
      const entries = f.ports.streams.auditEntries(
        ORG_LOG,
        { actorId: null, action: 'inventory.uploadPhoto', shopId: null, from: null, to: null, text: null },
        0,
        10,
      );
      expect(entries.total).toBe(2);
      expect(entries.rows[0]!.targetId).toBe(photo.photoId);
      expect(JSON.stringify(entries.rows)).not.toContain(jpeg.toString('base64').slice(0, 12));

      // After a restart the batch still names its photo, and the photo is still there.
      await f.close();
      fixtures.splice(0);
      const restarted = await startCoreFixture({ dataDir, idPrefix: 'b' });
      fixtures.push(restarted);
      const owner2 = await loggedIn(restarted.core, 'owner');
      const history = await restarted.core.dispatch(owner2, 'inventory.goodsIn', {});
      expect(history.ok && (history.value as { batches: GoodsInBatch[] }).batches[0]!.defects[0]!.photoIds).toEqual([
        photo.photoId,
      ]);
      const after = await restarted.core.dispatch(owner2, 'inventory.photo', { photoId: photo.photoId });
      expect(after.ok && (after.value as Photo).bytes).toBe(jpeg.length);
    } finally {
      for (const f of fixtures.splice(0)) await f.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
