import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byUrgency, mostUrgent } from '../../shared/domain/urgency.ts';

const item = fc.record({
  dueAt: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  updatedAt: fc.integer({ min: 0, max: 1000 }),
  id: fc.nat(),
});

describe('urgency order', () => {
  it('puts waiting conversations first, oldest wait first, then the most recently active', () => {
    const list = [
      { dueAt: null, updatedAt: 50 },
      { dueAt: 30, updatedAt: 60 },
      { dueAt: 10, updatedAt: 70 },
      { dueAt: null, updatedAt: 90 },
    ];
    expect([...list].sort(byUrgency)).toEqual([list[2], list[1], list[3], list[0]]);
  });

  it('mostUrgent equals a full sort cut to the limit (property)', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 300 }), fc.integer({ min: 0, max: 60 }), (items, limit) => {
        const expected = [...items].sort(byUrgency).slice(0, limit);
        const actual = mostUrgent(items, limit);
        // Ties may come in any order; compare the urgency keys.
        const key = (x: { dueAt: number | null; updatedAt: number }) =>
          `${x.dueAt}:${x.dueAt === null ? x.updatedAt : ''}`;
        expect(actual.map(key)).toEqual(expected.map(key));
      }),
    );
  });
});
