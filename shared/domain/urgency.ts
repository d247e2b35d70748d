// Conversation order by urgency, used by the core's lists and by the renderer as events arrive: waiting
// conversations by when their platform's response rule is breached (`dueAt`, earliest first), then the rest by
// most recent activity. `dueAt` already holds each shop's own response window, so shops on different platforms
// compare fairly by time left, not by time waited.
export type UrgencyFields = Readonly<{ dueAt: number | null; updatedAt: number }>;

export function byUrgency(a: UrgencyFields, b: UrgencyFields): number {
  if (a.dueAt !== null && b.dueAt !== null) return a.dueAt - b.dueAt;
  if (a.dueAt !== null) return -1;
  if (b.dueAt !== null) return 1;
  return b.updatedAt - a.updatedAt;
}

/** Most recent activity first: the order of the "All" tab. */
export function byRecency(a: UrgencyFields, b: UrgencyFields): number {
  return b.updatedAt - a.updatedAt;
}

/**
 * The `limit` first items in `compare` order, in one pass: O(n) comparisons against the current cut-off plus
 * O(limit) inserts, instead of sorting every conversation for a page of 50.
 */
export function firstInOrder<T>(items: Iterable<T>, limit: number, compare: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (limit <= 0) return best;
  for (const item of items) {
    if (best.length === limit && compare(item, best[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(best[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > limit) best.pop();
  }
  return best;
}

export function mostUrgent<T extends UrgencyFields>(items: Iterable<T>, limit: number): T[] {
  return firstInOrder(items, limit, byUrgency);
}
