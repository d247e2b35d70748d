import { describe, expect, it } from 'vitest';
import { readSkus, skusTable } from '../../../../electron/storage/sqlite/tables/skus.ts';
import { databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 007: the product catalogue', () => {
  it('adds the table; a SKU written twice is one row in its latest state, read back as written', () => {
    const db = databaseAt(6);
    upgrade(db, 7);
    expect(tables(db)).toContain('skus');
    const sku = {
      code: 'MY-TS-2301-WHT-M',
      title: '纯棉短袖T恤 白 M',
      priceFen: 5900,
      shopIds: ['jd-mianyu', 'tmall-mianyu'],
      lowStockAt: 5,
      archived: false,
      updatedAt: 10,
    };
    const statements = skusTable.prepare(db);
    skusTable.write(statements, [sku, { ...sku, priceFen: 4900, archived: true, updatedAt: 11 }]);
    expect(readSkus(db)).toEqual([{ ...sku, priceFen: 4900, archived: true, updatedAt: 11 }]);
    expect(() => skusTable.write(statements, [{ ...sku, code: 'X', priceFen: -1 }])).toThrow(/CHECK/);
  });
});
