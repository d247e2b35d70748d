import { describe, expect, it } from 'vitest';
import type { Order } from '../../shared/contract/index.ts';
import { DEMO_QUESTIONS } from '../../electron/connectors/demo-platform/demo-data.ts';
import { createDemoConnector } from '../../electron/connectors/demo-platform/demo-connector.ts';
import type { BuyerMessageIn } from '../../electron/core/ports.ts';
import { createFakeClock } from '../support/fake-clock.ts';

function run(seed: number, messagesPerMinute: number, minutes: number, shopId = 'tmall-mianyu') {
  const clock = createFakeClock();
  const messages: BuyerMessageIn[] = [];
  const orders: Order[] = [];
  const connector = createDemoConnector(shopId, { clock, shipWithinHours: 48 }, { seed, messagesPerMinute });
  connector.start({ buyerMessage: async (m) => void messages.push(m), orderPaid: async (o) => void orders.push(o) });
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
