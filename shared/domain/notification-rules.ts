// When a desktop notification may show: the do-not-disturb window (local clock times, possibly wrapping past
// midnight) and per-shop mutes. Pure, so the renderer and tests agree on the edges.
export type QuietHours = Readonly<{ enabled: boolean; from: string; to: string }>;

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/** Is `minuteOfDay` (0–1439, local) inside [from, to)? from === to means the whole day. */
export function isQuietTime(quiet: QuietHours, minuteOfDay: number): boolean {
  if (!quiet.enabled) return false;
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  if (from === to) return true;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}
