// The queue multiplexer: the waiting conversations of every shop an agent serves, merged into one queue. Order is
// earliest breach first (`dueAt`: the buyer's wait start plus that shop's platform response window), with one
// fairness rule so that a flooded shop cannot starve a quiet one:
//
//   Each shop's waiting chats are ranked by `dueAt`; a shop's k-th chat (k = 0, 1, …) belongs to round ⌊k / q⌋.
//   The queue is round 0, then round 1, …; within a round, earliest `dueAt` first.
//
// So every shop with waiting chats has its most urgent one within the first q × (shops waiting) places, and no
// shop takes more than q places of any round, however many chats it has. q (the quantum) defaults to 3.
//
// Over time, routing counts how many chats each shop has had handed out (`served`) since its queue was last
// empty, and a shop's ranks continue from there: a shop that has just been served q chats starts in the next
// round, so a flood that keeps arriving cannot keep a quiet shop's buyer (say on Pinduoduo, whose 60-minute
// window makes its chats look less urgent than Tmall's 3 minutes) at the back. Rounds are counted from the least
// served shop that is waiting.
export const DEFAULT_FAIRNESS_QUANTUM = 3;

export type Queued = Readonly<{ id: string; shopId: string; dueAt: number }>;

function byDue(a: Queued, b: Queued): number {
  return (
    a.dueAt - b.dueAt ||
    (a.shopId < b.shopId ? -1 : a.shopId > b.shopId ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The first `limit` chats of the merged queue, in order. */
export function multiplexQueue<T extends Queued>(
  items: Iterable<T>,
  options: Readonly<{ limit?: number; quantum?: number; served?: ReadonlyMap<string, number> }> = {},
): T[] {
  const quantum = Math.max(1, Math.floor(options.quantum ?? DEFAULT_FAIRNESS_QUANTUM));
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const byShop = new Map<string, T[]>();
  for (const item of items) {
    const list = byShop.get(item.shopId);
    if (list) list.push(item);
    else byShop.set(item.shopId, [item]);
  }
  // A chat placed at or after `limit` can never be in the answer: a shop needs at most `limit` of its own.
  const offset = (shopId: string) => options.served?.get(shopId) ?? 0;
  let base = Number.POSITIVE_INFINITY;
  for (const shopId of byShop.keys()) base = Math.min(base, Math.floor(offset(shopId) / quantum));
  const ranked: { item: T; round: number }[] = [];
  for (const [shopId, list] of byShop) {
    list.sort(byDue);
    const keep = Math.min(list.length, limit);
    const start = offset(shopId);
    for (let k = 0; k < keep; k += 1) ranked.push({ item: list[k]!, round: Math.floor((start + k) / quantum) - base });
  }
  ranked.sort((a, b) => a.round - b.round || byDue(a.item, b.item));
  return (Number.isFinite(limit) ? ranked.slice(0, limit) : ranked).map((r) => r.item);
}
