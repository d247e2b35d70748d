import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplexQueue } from '../../shared/domain/queue-multiplexer.ts';

const chat = fc.record({
  id: fc.uuid(),
  shopId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  dueAt: fc.integer({ min: 0, max: 10_000 }),
});
const chats = fc.uniqueArray(chat, { selector: (c) => c.id, maxLength: 200, size: 'medium' });

describe('queue multiplexer', () => {
  it('orders by time left before the breach within a round', () => {
    const queue = multiplexQueue([
      { id: '1', shopId: 'a', dueAt: 300 },
      { id: '2', shopId: 'b', dueAt: 100 },
      { id: '3', shopId: 'c', dueAt: 200 },
    ]);
    expect(queue.map((c) => c.id)).toEqual(['2', '3', '1']);
  });

  it('a flooded shop cannot starve a quiet one', () => {
    // 100 overdue chats in one shop, one chat with plenty of time in another.
    const flood = Array.from({ length: 100 }, (_, i) => ({ id: `f${i}`, shopId: 'flood', dueAt: i }));
    const quiet = { id: 'q', shopId: 'quiet', dueAt: 50_000 };
    const queue = multiplexQueue([...flood, quiet], { quantum: 3 });
    expect(queue.findIndex((c) => c.id === 'q')).toBe(3);
    expect(queue.slice(0, 3).map((c) => c.id)).toEqual(['f0', 'f1', 'f2']);
  });

  it('fairness rule (property): a shop’s k-th chat is placed within the first (⌊k/q⌋+1)·q·S places; no shop has more than q in a round', () => {
    fc.assert(
      fc.property(chats, fc.integer({ min: 1, max: 5 }), (items, quantum) => {
        const queue = multiplexQueue(items, { quantum });
        expect(queue).toHaveLength(items.length);
        expect(new Set(queue.map((c) => c.id)).size).toBe(items.length);
        const shops = new Set(items.map((c) => c.shopId)).size;
        const seen = new Map<string, number>();
        queue.forEach((c, position) => {
          const k = seen.get(c.shopId) ?? 0;
          seen.set(c.shopId, k + 1);
          expect(position).toBeLessThan((Math.floor(k / quantum) + 1) * quantum * shops);
        });
        // Within a shop the order is by due time.
        for (const shop of seen.keys()) {
          const dues = queue.filter((c) => c.shopId === shop).map((c) => c.dueAt);
          expect(dues).toEqual([...dues].sort((x, y) => x - y));
        }
      }),
    );
  });

  it('a limit returns the same prefix as the full queue (property)', () => {
    fc.assert(
      fc.property(chats, fc.integer({ min: 0, max: 50 }), (items, limit) => {
        expect(multiplexQueue(items, { limit }).map((c) => c.id)).toEqual(
          multiplexQueue(items)
            .slice(0, limit)
            .map((c) => c.id),
        );
      }),
    );
  });

  it('a shop that has just been served waits for the others: its ranks continue from what it was handed', () => {
    const tmall = Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, shopId: 'tmall', dueAt: 1000 + i }));
    const pdd = { id: 'p', shopId: 'pdd', dueAt: 3_600_000 };
    expect(multiplexQueue([...tmall, pdd], { quantum: 3 })[0]!.id).toBe('t0');
    expect(multiplexQueue([...tmall, pdd], { quantum: 3, served: new Map([['tmall', 3]]) })[0]!.id).toBe('p');
  });

  it('fairness with service history (property): rounds still hold at most q chats per shop', () => {
    fc.assert(
      fc.property(
        chats,
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.nat(20))),
        (items, quantum, servedList) => {
          const served = new Map(servedList);
          const queue = multiplexQueue(items, { quantum, served });
          const shops = new Set(items.map((c) => c.shopId));
          const base = Math.min(...[...shops].map((s) => Math.floor((served.get(s) ?? 0) / quantum)));
          const seen = new Map<string, number>();
          queue.forEach((c, position) => {
            const k = seen.get(c.shopId) ?? 0;
            seen.set(c.shopId, k + 1);
            const round = Math.floor(((served.get(c.shopId) ?? 0) + k) / quantum) - base;
            expect(position).toBeLessThan((round + 1) * quantum * shops.size);
          });
        },
      ),
    );
  });
});
