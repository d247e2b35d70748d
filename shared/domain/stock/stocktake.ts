// Stocktake (盘点) rules: a count differing from the book by more than 5 units, or by more than 5% of it, is counted
// again by a second person (DOMAIN.md; the thresholds are configuration). The variance posted is the final count
// less the book as it stood when the sheet was made, so orders that moved stock during the count are not undone.

export type RecountRule = Readonly<{ units: number; share: number }>;
export const DEFAULT_RECOUNT_RULE: RecountRule = { units: 5, share: 0.05 };

export function needsRecount(book: number, counted: number, rule: RecountRule = DEFAULT_RECOUNT_RULE): boolean {
  const variance = Math.abs(counted - book);
  if (variance > rule.units) return true;
  return book > 0 ? variance / book > rule.share : false;
}

export type CountLine = Readonly<{
  sku: string;
  /** The book quantity (on the shelf, normal) when the sheet was made; never shown to counters. */
  book: number;
  first: Readonly<{ count: number; by: string; at: number }> | null;
  second: Readonly<{ count: number; by: string; at: number }> | null;
}>;

/** The count that stands for a line: the second when there is one, else the first; null while uncounted. */
export const finalCount = (line: CountLine): number | null => line.second?.count ?? line.first?.count ?? null;

/** Lines still waiting: not counted, or counted once with a variance that needs a second counter. */
export function openLines(lines: readonly CountLine[], rule: RecountRule = DEFAULT_RECOUNT_RULE): CountLine[] {
  return lines.filter(
    (line) => line.first === null || (line.second === null && needsRecount(line.book, line.first.count, rule)),
  );
}
