import { describe, expect, it } from 'vitest';
import {
  readStockMovements,
  readStockPositions,
  stockTable,
} from '../../../../electron/storage/sqlite/tables/stock.ts';
import { databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 008: the stock ledger', () => {
  it('adds the tables; movements are appended once each in order, allocations replaced', () => {
    const db = databaseAt(7);
    upgrade(db, 8);
    expect(tables(db)).toEqual(expect.arrayContaining(['stock_movements', 'stock_allocations']));
    const goodsIn = {
      id: 'seed:A',
      at: 1,
      sku: 'A',
      kind: 'goods_in' as const,
      delta: { normal: 10 },
      shopId: null,
      orderId: null,
      actorId: 'p1',
      note: '到货',
    };
    const lock = {
      ...goodsIn,
      id: 'order_lock:s:o1',
      kind: 'order_lock' as const,
      delta: { occupied: 1 },
      shopId: 's',
      orderId: 'o1',
      actorId: null,
      note: '',
    };
    const statements = stockTable.prepare(db);
    stockTable.write(statements, [
      { movements: [goodsIn, lock, lock], allocations: [{ sku: 'A', allocation: { buffer: 1, shops: {} } }] },
      { allocations: [{ sku: 'A', allocation: { buffer: 2, shops: { s: { exclusive: 3, coefficient: 0.5 } } } }] },
    ]);
    const release = { ...lock, id: 'cancel_release:s:o1', kind: 'cancel_release' as const, delta: { occupied: -1 } };
    const lock2 = { ...lock, id: 'order_lock:s:o2', orderId: 'o2' };
    expect(readStockPositions(db)).toEqual({
      quantities: new Map([['A', { normal: 10, damaged: 0, frozen: 0, occupied: 1, reserved: 0 }]]),
      locks: [{ sku: 'A', shopId: 's', orderId: 'o1', quantity: 1 }],
      allocations: new Map([['A', { buffer: 2, shops: { s: { exclusive: 3, coefficient: 0.5 } } }]]),
    });
    stockTable.write(statements, [{ movements: [release, lock2] }]);
    const after = readStockPositions(db);
    expect(after.locks).toEqual([{ sku: 'A', shopId: 's', orderId: 'o2', quantity: 1 }]);
    expect(after.quantities.get('A')).toMatchObject({ normal: 10, occupied: 1 });
    expect(readStockMovements(db, 'A', 10).map((m) => m.id)).toEqual([lock2.id, release.id, lock.id, goodsIn.id]);
    expect(readStockMovements(db, 'A', 10)[3]).toEqual(goodsIn);
  });
});
