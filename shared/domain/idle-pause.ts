// The idle pause a shop may ask for (InboxSettings.pauseWhenIdleMinutes): a person who serves several shops is
// paused by the strictest of them, and is told first — a countdown runs before the pause, and any input cancels it.
export const IDLE_PAUSE_WARNING_MS = 30_000;

/** How long a person may be idle before the idle pause: the shortest any of their shops asks for; null: never. */
export function idlePauseAfterMs(
  shops: readonly Readonly<{ inbox: Readonly<{ pauseWhenIdleMinutes: number | null }> }>[],
): number | null {
  let minutes: number | null = null;
  for (const shop of shops) {
    const asked = shop.inbox.pauseWhenIdleMinutes;
    if (asked !== null && (minutes === null || asked < minutes)) minutes = asked;
  }
  return minutes === null ? null : minutes * 60_000;
}

export type IdlePauseStage = Readonly<
  { stage: 'active' } | { stage: 'warning'; secondsLeft: number } | { stage: 'pause' }
>;

/** Where an idle stretch stands against the pause: still active, counting down, or time to pause. */
export function idlePauseStage(idleMs: number, pauseAfterMs: number | null): IdlePauseStage {
  if (pauseAfterMs === null) return { stage: 'active' };
  if (idleMs >= pauseAfterMs) return { stage: 'pause' };
  const warnFrom = Math.max(0, pauseAfterMs - IDLE_PAUSE_WARNING_MS);
  if (idleMs >= warnFrom) return { stage: 'warning', secondsLeft: Math.ceil((pauseAfterMs - idleMs) / 1000) };
  return { stage: 'active' };
}
