// Which conversations a tab shows, in what order: Mine by urgency, Waiting in the queue multiplexer's fair order
// (the same rule the core routes by), All by last activity. Pure, so it is cheap to memoize and easy to test.
import type { ConversationSummary } from '../../../../shared/contract/index.ts';
import { multiplexQueue } from '../../../../shared/domain/queue-multiplexer.ts';
import { byRecency, byUrgency } from '../../../../shared/domain/urgency.ts';
import type { InboxTab } from '../../store/inbox-slice.ts';

export type TabScope = Readonly<{
  activeShopId: string | null;
  shopIds: ReadonlyMap<string, unknown>;
  me: string | null;
  tab: InboxTab;
}>;

export function tabRows(
  conversations: ReadonlyMap<string, ConversationSummary>,
  scope: TabScope,
): { rows: ConversationSummary[]; counts: Record<InboxTab, number> } {
  const inScope: ConversationSummary[] = [];
  for (const c of conversations.values()) {
    if (scope.activeShopId === null ? scope.shopIds.has(c.shopId) : c.shopId === scope.activeShopId) inScope.push(c);
  }
  const mine = inScope.filter((c) => c.assigneeId !== null && c.assigneeId === scope.me && c.status !== 'closed');
  const waiting = inScope.filter((c) => c.status === 'waiting' && c.dueAt !== null);
  const counts = { mine: mine.length, waiting: waiting.length, all: inScope.length };
  switch (scope.tab) {
    case 'mine':
      return { rows: mine.sort(byUrgency), counts };
    case 'waiting':
      return {
        rows: multiplexQueue(waiting.map((c) => ({ id: c.id, shopId: c.shopId, dueAt: c.dueAt!, c }))).map((q) => q.c),
        counts,
      };
    case 'all':
      return { rows: inScope.sort(byRecency), counts };
    default:
      return scope.tab satisfies never;
  }
}

/** Ctrl+N: the most urgent chat waiting for me — mine first come by breach time, then the queue nobody holds. */
export function mostUrgentForMe(
  conversations: Iterable<ConversationSummary>,
  me: string | null,
  shopIds: ReadonlyMap<string, unknown>,
): ConversationSummary | null {
  let best: ConversationSummary | null = null;
  for (const c of conversations) {
    if (c.status !== 'waiting' || c.dueAt === null || !shopIds.has(c.shopId)) continue;
    if (c.assigneeId !== null && c.assigneeId !== me) continue;
    if (best === null || c.dueAt < best.dueAt!) best = c;
  }
  return best;
}
