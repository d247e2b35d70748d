// Conversation order by urgency, used by the core's lists and by the renderer as events arrive: waiting
// conversations by how long they have waited (oldest first), then the rest by most recent activity.
export type UrgencyFields = Readonly<{ waitingSince: number | null; updatedAt: number }>;

export function byUrgency(a: UrgencyFields, b: UrgencyFields): number {
  if (a.waitingSince !== null && b.waitingSince !== null) return a.waitingSince - b.waitingSince;
  if (a.waitingSince !== null) return -1;
  if (b.waitingSince !== null) return 1;
  return b.updatedAt - a.updatedAt;
}
