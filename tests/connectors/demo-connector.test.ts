import { describe, expect, it } from 'vitest';
import { DEMO_QUESTIONS } from '../../electron/connectors/demo-platform/demo-data.ts';
import { createDemoConnector } from '../../electron/connectors/demo-platform/demo-connector.ts';
import type { BuyerMessageIn, OrderIn } from '../../electron/core/ports.ts';
import { createFakeClock } from '../support/fake-clock.ts';

function run(
  seed: number,
  messagesPerMinute: number,
  minutes: number,
  shopId = 'tmall-mianyu',
  resumeCursor: string | null = null,
) {
  const clock = createFakeClock();
  const messages: BuyerMessageIn[] = [];
  const orders: OrderIn[] = [];
  const connector = createDemoConnector(
    shopId,
    { clock, shipWithinHours: 48, resumeCursor },
    { seed, messagesPerMinute },
  );
  connector.start({ buyerMessage: async (m) => void messages.push(m), order: async (o) => void orders.push(o) });
  clock.advance(minutes * 60_000);
  connector.stop();
  return { messages, orders, clock };
}

describe('demo platform connector', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = run(42, 30, 10);
    const b = run(42, 30, 10);
    const c = run(43, 30, 10);
    expect(a.messages).toEqual(b.messages);
    expect(a.orders).toEqual(b.orders);
    expect(c.messages).not.toEqual(a.messages);
  });

  it('sends at about the configured rate', () => {
    const { messages } = run(1, 60, 30);
    // A Poisson process with mean 1,800 arrivals in 30 min: within ±10% with overwhelming probability.
    expect(messages.length).toBeGreaterThan(1620);
    expect(messages.length).toBeLessThan(1980);
  });

  it('sends the demo questions of DOMAIN.md, with follow-ups from known buyers', () => {
    const { messages } = run(5, 60, 10);
    const allQuestions = new Set<string>(Object.values(DEMO_QUESTIONS).flat());
    expect(messages.every((m) => allQuestions.has(m.text) && m.shopId === 'tmall-mianyu')).toBe(true);
    const buyers = new Set(messages.map((m) => m.buyer.id));
    expect(buyers.size).toBeLessThan(messages.length);
  });

  it('gives buyers paid orders with a ship-by deadline 48 h after payment', () => {
    const { orders, messages } = run(9, 60, 10);
    expect(orders.length).toBeGreaterThan(10);
    for (const order of orders) {
      expect(order.shipBy - order.paidAt).toBe(48 * 3_600_000);
      expect(messages.some((m) => m.buyer.id === order.buyerId)).toBe(true);
      expect(order.sku).toMatch(/^[A-Z0-9._-]+$/);
      // The order is paid what its lines cost; its own item is its first line.
      expect(order.amountFen).toBe(order.lines!.reduce((sum, line) => sum + (line.amountFen ?? 0), 0));
      expect(order.lines![0]!.sku).toBe(order.sku);
    }
    // Some carry a second item, some the shop's gift (paid nothing, marked).
    const { orders: many } = run(9, 120, 60);
    const gifts = many.flatMap((o) => o.lines!.filter((line) => line.gift));
    expect(gifts.length).toBeGreaterThan(0);
    expect(gifts.every((line) => line.amountFen === 0 && line.title.startsWith('【赠品】'))).toBe(true);
    expect(many.some((o) => o.lines!.filter((line) => !line.gift).length === 2)).toBe(true);
  });

  it('resumes after a restart from the cursor stored with its last message: no buyer or order comes twice', () => {
    const first = run(11, 60, 10);
    const cursor = first.messages.at(-1)!.cursor!;
    expect(cursor).toBeTruthy();
    const second = run(11, 60, 10, 'tmall-mianyu', cursor);
    const firstBuyers = new Set(first.messages.map((m) => m.buyer.id));
    // The restarted demo goes on with new buyers (its follow-ups are to buyers it met after the restart).
    expect(second.messages.filter((m) => firstBuyers.has(m.buyer.id))).toEqual([]);
    const firstOrders = new Set(first.orders.map((o) => o.id));
    expect(second.orders.filter((o) => firstOrders.has(o.id))).toEqual([]);
    // Without a cursor it would replay: the same seed gives the same first buyers.
    expect(run(11, 60, 10).messages[0]!.buyer.id).toBe(first.messages[0]!.buyer.id);
    // A damaged cursor starts afresh rather than failing.
    expect(run(11, 60, 1, 'tmall-mianyu', '{not json').messages.length).toBeGreaterThan(0);
  });

  it("delivers orders in the platforms' states, with tracking numbers in couriers' shapes once shipped", () => {
    const { orders } = run(13, 120, 30);
    const statuses = new Set(orders.map((o) => o.status));
    expect([...statuses].sort()).toEqual(['awaiting_shipment', 'received', 'refunding', 'shipped']);
    for (const order of orders) {
      if (order.status === 'awaiting_shipment') expect(order.trackingNumber).toBeNull();
      else expect(order.trackingNumber).toMatch(/^(SF\d{13}|YT\d{13}|7\d{13})$/);
      expect(order.statusAt).toBeGreaterThanOrEqual(order.paidAt);
    }
  });

  it('stops sending when stopped', () => {
    const { clock, messages } = run(3, 60, 1);
    const count = messages.length;
    clock.advance(60_000);
    expect(messages.length).toBe(count);
    expect(clock.pending()).toBe(0);
  });
});
