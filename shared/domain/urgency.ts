// Conversation order by urgency, used by the core's lists and by the renderer as events arrive: waiting
// conversations by how long they have waited (oldest first), then the rest by most recent activity.
export type UrgencyFields = Readonly<{ waitingSince: number | null; updatedAt: number }>;

export function byUrgency(a: UrgencyFields, b: UrgencyFields): number {
  if (a.waitingSince !== null && b.waitingSince !== null) return a.waitingSince - b.waitingSince;
  if (a.waitingSince !== null) return -1;
  if (b.waitingSince !== null) return 1;
  return b.updatedAt - a.updatedAt;
}

/**
 * The `limit` most urgent items in order, in one pass: O(n) comparisons against the current cut-off plus
 * O(limit) inserts, instead of sorting every conversation for a page of 50.
 */
export function mostUrgent<T extends UrgencyFields>(items: Iterable<T>, limit: number): T[] {
  const best: T[] = [];
  if (limit <= 0) return best;
  for (const item of items) {
    if (best.length === limit && byUrgency(item, best[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byUrgency(best[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > limit) best.pop();
  }
  return best;
}
