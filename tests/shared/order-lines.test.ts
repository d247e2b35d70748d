// An order's lines: gifts told by their title or by being paid nothing beside a paid line, the line that names the
// order, and units per SKU.
import { describe, expect, it } from 'vitest';
import { NO_ORDER_DETAILS } from '../../shared/contract/index.ts';
import { mainLine, markGifts, unitsBySku, withLines } from '../../shared/domain/orders/order-lines.ts';

describe('order lines', () => {
  it('marks a gift by its title, or by being paid nothing beside a paid line; a mark given stands', () => {
    const gifts = markGifts([
      { sku: 'A', title: 'T恤', quantity: 1, amountFen: 5900 },
      { sku: 'B', title: '收纳袋', quantity: 1, amountFen: 0 },
      { sku: 'C', title: '【赠品】袜子', quantity: 1, amountFen: null },
      { sku: 'D', title: '毛巾', quantity: 1, amountFen: null },
      { sku: 'E', title: '赠品小样', quantity: 1, amountFen: 100, gift: false },
    ]).map((l) => l.gift);
    expect(gifts).toEqual([false, true, true, false, false]);
    // A single line paid nothing (a 0-yuan trial) is no gift: nothing was bought beside it.
    expect(markGifts([{ sku: 'A', title: '试用装', quantity: 1, amountFen: 0 }])[0]!.gift).toBe(false);
  });

  it("names the order by its first paid line, and counts a SKU's units over its lines", () => {
    const lines = markGifts([
      { sku: 'G', title: '【赠品】毛巾', quantity: 1, amountFen: 0 },
      { sku: 'A', title: 'T恤', quantity: 2, amountFen: 11_800 },
      { sku: 'G', title: '毛巾', quantity: 1, amountFen: 1990 },
    ]);
    expect(mainLine(lines).sku).toBe('A');
    expect([...unitsBySku({ lines })]).toEqual([
      ['G', 2],
      ['A', 2],
    ]);
    const base = {
      ...NO_ORDER_DETAILS,
      id: 'o',
      shopId: 's',
      buyerId: 'b',
      sku: 'X',
      title: 'x',
      quantity: 9,
      amountFen: 13_790,
      paidAt: 1,
      shipBy: 2,
      status: 'awaiting_shipment' as const,
      statusAt: 1,
      trackingNumber: null,
    };
    const order = withLines({ ...base, lines });
    expect([order.sku, order.title, order.quantity, order.amountFen]).toEqual(['A', 'T恤', 2, 13_790]);
    // No lines given: the one line the order's own fields describe.
    expect(withLines(base).lines).toEqual([{ sku: 'X', title: 'x', quantity: 9, amountFen: 13_790, gift: false }]);
  });
});
