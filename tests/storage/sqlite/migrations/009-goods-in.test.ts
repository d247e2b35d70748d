import { describe, expect, it } from 'vitest';
import { goodsInTable, readGoodsIn } from '../../../../electron/storage/sqlite/tables/goods-in.ts';
import { databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 009: goods-in batches', () => {
  it('adds the table; a batch is stored once and read back as written', () => {
    const db = databaseAt(8);
    upgrade(db, 9);
    expect(tables(db)).toContain('goods_in_batches');
    const plan = { sample: 80, accept: 5, reject: 6 };
    const batch = {
      id: 'gin_1',
      at: 5,
      supplier: '杭州织造',
      sku: 'MY-TW-7030-PNK',
      lotSize: 800,
      plan: { code: 'J', inspect: 80, everyPiece: false, major: plan, minor: { sample: 80, accept: 7, reject: 8 } },
      found: { critical: 0, major: 1, minor: 0 },
      verdict: { accepted: true, reasons: [] },
      accepted: 798,
      rejected: 2,
      defects: [{ code: 'stain' as const, count: 2, note: '', photoIds: [] }],
      checks: ['污渍'],
      note: '',
      actorId: 'p1',
    };
    const statements = goodsInTable.prepare(db);
    goodsInTable.write(statements, [batch, batch]);
    expect(readGoodsIn(db)).toEqual([batch]);
  });
});
