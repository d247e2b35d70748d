// The stock ledger under random movements (fast-check): whatever is tried, no quantity and no available stock
// goes negative, occupied stock is exactly what the open orders hold, every shop may lock at most what is
// available, and the closing balance is the opening plus the movements that were applied. And the oversell race:
// orders for the last units from several shops at once sell exactly the available units.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMovement,
  appliedDelta,
  available,
  EMPTY_SKU_STOCK,
  isRefusal,
  QUANTITY_KINDS,
  sellableByShop,
  type SkuAllocation,
  type SkuStock,
  type StockMovement,
} from '../../shared/domain/stock/stock-ledger.ts';

const SHOPS = ['tmall-a', 'jd-b', 'pdd-c'];

const allocation: fc.Arbitrary<SkuAllocation> = fc.record({
  buffer: fc.integer({ min: 0, max: 5 }),
  shops: fc.dictionary(
    fc.constantFrom(...SHOPS),
    fc.record({ exclusive: fc.integer({ min: 0, max: 10 }), coefficient: fc.constantFrom(0.3, 0.5, 0.8, 1) }),
  ),
});

type Step =
  | { kind: 'goods_in' | 'adjustment' | 'reserve' | 'type_change'; amount: number }
  | { kind: 'order_lock'; shop: string; order: number; quantity: number }
  | { kind: 'shipment' | 'cancel_release'; shop: string; order: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('goods_in' as const), amount: fc.integer({ min: 1, max: 30 }) }),
  fc.record({
    kind: fc.constantFrom('adjustment' as const, 'reserve' as const, 'type_change' as const),
    amount: fc.integer({ min: -15, max: 15 }),
  }),
  fc.record({
    kind: fc.constant('order_lock' as const),
    shop: fc.constantFrom(...SHOPS),
    order: fc.integer({ min: 1, max: 12 }),
    quantity: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constantFrom('shipment' as const, 'cancel_release' as const),
    shop: fc.constantFrom(...SHOPS),
    order: fc.integer({ min: 1, max: 12 }),
  }),
);

function movementOf(s: Step, n: number): StockMovement {
  const base = { id: `m${n}`, at: n, sku: 'SKU-1', actorId: null, note: '', shopId: null, orderId: null };
  switch (s.kind) {
    case 'goods_in':
      return { ...base, kind: 'goods_in', delta: { normal: s.amount } };
    case 'adjustment':
      return { ...base, kind: 'adjustment', delta: { normal: s.amount } };
    case 'reserve':
      return { ...base, kind: 'reserve', delta: { reserved: s.amount } };
    case 'type_change':
      return { ...base, kind: 'type_change', delta: { normal: -s.amount, damaged: s.amount } };
    case 'order_lock':
      return { ...base, kind: 'order_lock', shopId: s.shop, orderId: `o${s.order}`, delta: { occupied: s.quantity } };
    default:
      return { ...base, kind: s.kind, shopId: s.shop, orderId: `o${s.order}`, delta: {} };
  }
}

describe('the stock ledger', () => {
  it('never goes negative, keeps occupied = the open locks, and closing = opening + applied movements', () => {
    fc.assert(
      fc.property(allocation, fc.array(step, { maxLength: 80 }), (alloc, steps) => {
        let stock: SkuStock = { ...EMPTY_SKU_STOCK, allocation: alloc };
        const opening = stock.quantities;
        const sum = Object.fromEntries(QUANTITY_KINDS.map((k) => [k, 0])) as Record<string, number>;
        steps.forEach((s, n) => {
          const result = applyMovement(stock, movementOf(s, n));
          if (isRefusal(result)) return;
          const delta = appliedDelta(stock, result);
          for (const k of QUANTITY_KINDS) sum[k]! += delta[k];
          stock = result;
          for (const k of QUANTITY_KINDS) expect(stock.quantities[k]).toBeGreaterThanOrEqual(0);
          expect(available(stock.quantities)).toBeGreaterThanOrEqual(0);
          const locked = Object.values(stock.locks).reduce((total, lock) => total + lock.quantity, 0);
          expect(stock.quantities.occupied).toBe(locked);
          for (const shop of SHOPS)
            expect(stock.occupiedByShop[shop] ?? 0).toBe(
              Object.values(stock.locks)
                .filter((lock) => lock.shopId === shop)
                .reduce((total, lock) => total + lock.quantity, 0),
            );
          const { shops, available: free, oversellRisk } = sellableByShop(stock, SHOPS);
          for (const shop of shops) {
            expect(shop.canLock).toBeLessThanOrEqual(free);
            expect(shop.displayed).toBeLessThanOrEqual(free);
            expect(shop.canLock).toBeGreaterThanOrEqual(0);
          }
          expect(oversellRisk).toBe(Math.max(0, shops.reduce((t, s) => t + s.displayed, 0) - free));
        });
        for (const k of QUANTITY_KINDS) expect(stock.quantities[k]).toBe(opening[k] + sum[k]!);
      }),
      { numRuns: 400 },
    );
  });

  it('sells exactly the available units when orders from several shops race for the last ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.constantFrom(...SHOPS), { minLength: 1, maxLength: 60 }),
        (units, shops) => {
          let stock = applyMovement(EMPTY_SKU_STOCK, movementOf({ kind: 'goods_in', amount: Math.max(units, 1) }, 0));
          if (isRefusal(stock)) throw new Error(stock.message);
          if (units === 0) stock = applyMovement(stock, movementOf({ kind: 'adjustment', amount: -1 }, 1)) as SkuStock;
          let sold = 0;
          shops.forEach((shop, n) => {
            const result = applyMovement(
              stock as SkuStock,
              movementOf({ kind: 'order_lock', shop, order: n, quantity: 1 }, n + 2),
            );
            if (!isRefusal(result)) {
              stock = result;
              sold += 1;
            } else expect(result.code).toBe('oversell');
          });
          expect(sold).toBe(Math.min(units, shops.length));
        },
      ),
    );
  });

  it('gives an exclusive share to its shop first and displays the pool times each coefficient, rounded up', () => {
    let stock: SkuStock = {
      ...EMPTY_SKU_STOCK,
      allocation: {
        buffer: 2,
        shops: { 'tmall-a': { exclusive: 10, coefficient: 1 }, 'jd-b': { exclusive: 0, coefficient: 0.5 } },
      },
    };
    stock = applyMovement(stock, movementOf({ kind: 'goods_in', amount: 25 }, 0)) as SkuStock;
    // 25 available: 10 set aside for Tmall, 2 buffer, pool 13.
    expect(sellableByShop(stock, SHOPS)).toEqual({
      available: 25,
      oversellRisk: 23 + 7 + 13 - 25,
      shops: [
        { shopId: 'tmall-a', canLock: 23, displayed: 23 },
        { shopId: 'jd-b', canLock: 13, displayed: 7 },
        { shopId: 'pdd-c', canLock: 13, displayed: 13 },
      ],
    });
    stock = applyMovement(
      stock,
      movementOf({ kind: 'order_lock', shop: 'tmall-a', order: 1, quantity: 4 }, 1),
    ) as SkuStock;
    // Tmall's order used its own share: the pool is unchanged for the others.
    expect(sellableByShop(stock, ['jd-b']).shops[0]).toEqual({ shopId: 'jd-b', canLock: 13, displayed: 7 });
    const shipped = applyMovement(stock, movementOf({ kind: 'shipment', shop: 'tmall-a', order: 1 }, 2)) as SkuStock;
    expect(shipped.quantities).toMatchObject({ normal: 21, occupied: 0 });
    expect(isRefusal(applyMovement(shipped, movementOf({ kind: 'shipment', shop: 'tmall-a', order: 1 }, 3)))).toBe(
      true,
    );
  });
});
