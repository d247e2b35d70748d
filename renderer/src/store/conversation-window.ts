// The renderer holds a window of the core's conversations, not all of them (a seller may have 100,000): the open
// ones, everyone's chats held by this person, the most urgent waiting chats and the most recent ones. Past `cap`
// the rest is dropped (the core still has them; search and the lists fetch them again), so each frame's work is
// bounded by the window, not by the shop's history.
import type { ConversationSummary } from '../../../shared/contract/index.ts';
import { byRecency, byUrgency } from '../../../shared/domain/urgency.ts';

export const CONVERSATION_WINDOW = 2000;

export function trimConversations(
  conversations: Map<string, ConversationSummary>,
  keep: Readonly<{ me: string | null; pinned: ReadonlySet<string>; cap?: number }>,
): Map<string, ConversationSummary> {
  const cap = keep.cap ?? CONVERSATION_WINDOW;
  if (conversations.size <= cap) return conversations;
  // Trim to three quarters, so trimming happens once per many batches rather than on every one.
  const target = Math.floor(cap * 0.75);
  const kept = new Map<string, ConversationSummary>();
  const take = (c: ConversationSummary) => {
    if (kept.size < target || keep.pinned.has(c.id)) kept.set(c.id, c);
  };
  const all = [...conversations.values()];
  for (const c of all)
    if (keep.pinned.has(c.id) || (keep.me !== null && c.assigneeId === keep.me && c.status !== 'closed'))
      kept.set(c.id, c);
  const waiting = all.filter((c) => c.status === 'waiting').sort(byUrgency);
  for (const c of waiting.slice(0, Math.floor(target / 2))) take(c);
  for (const c of all.sort(byRecency)) {
    if (kept.size >= target) break;
    take(c);
  }
  return kept;
}
