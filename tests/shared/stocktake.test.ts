// The recount rule at its edges (DOMAIN.md: over 5 units or over 5% → a second counter) and which lines stay open.
import { describe, expect, it } from 'vitest';
import { finalCount, needsRecount, openLines, type CountLine } from '../../shared/domain/stock/stocktake.ts';

describe('stocktake rules', () => {
  it.each([
    [100, 105, false], // 5 units and 5%: neither over
    [100, 106, true], // 6 units
    [100, 94, true],
    [40, 42, false], // 2 units, 5%
    [40, 43, true], // 3 units but 7.5%
    [0, 5, false],
    [0, 6, true],
    [500, 520, true], // 20 units (4%)
    [1000, 1005, false],
  ])('book %i, counted %i → recount %s', (book, counted, expected) => {
    expect(needsRecount(book, counted)).toBe(expected);
  });

  it('keeps uncounted lines and first counts that need a second counter open; the second count stands', () => {
    const at = 1;
    const lines: CountLine[] = [
      { sku: 'A', book: 10, first: null, second: null },
      { sku: 'B', book: 10, first: { count: 10, by: 'p1', at }, second: null },
      { sku: 'C', book: 10, first: { count: 20, by: 'p1', at }, second: null },
      { sku: 'D', book: 10, first: { count: 20, by: 'p1', at }, second: { count: 11, by: 'p2', at } },
    ];
    expect(openLines(lines).map((l) => l.sku)).toEqual(['A', 'C']);
    expect(lines.map(finalCount)).toEqual([null, 10, 20, 11]);
  });
});
