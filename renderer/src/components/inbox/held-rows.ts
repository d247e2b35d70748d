// The order a conversation list keeps while it holds still under the pointer (see ConversationList). Pure.
import type { ConversationSummary } from '../../../../shared/contract/index.ts';

/**
 * While the list holds still (the pointer is over it, or a key was pressed a moment ago), the rows keep the order
 * they had when it began — each showing its chat as it is now — and the chats that came since are only counted,
 * for a "N new" marker. A chat no longer known (trimmed from the window) drops out.
 */
export function heldRows(
  frozenIds: readonly string[],
  liveRows: readonly ConversationSummary[],
  conversations: ReadonlyMap<string, ConversationSummary>,
): { rows: ConversationSummary[]; fresh: number } {
  const frozen = new Set(frozenIds);
  const rows: ConversationSummary[] = [];
  for (const id of frozenIds) {
    const c = conversations.get(id);
    if (c) rows.push(c);
  }
  let fresh = 0;
  for (const c of liveRows) if (!frozen.has(c.id)) fresh += 1;
  return { rows, fresh };
}
