import { describe, expect, it } from 'vitest';
import { IDLE_PAUSE_WARNING_MS, idlePauseAfterMs, idlePauseStage } from '../../shared/domain/idle-pause.ts';

const shop = (pauseWhenIdleMinutes: number | null) => ({ inbox: { pauseWhenIdleMinutes } });

describe('idle pause', () => {
  it('is off unless a shop asks for it, and the strictest shop wins', () => {
    expect(idlePauseAfterMs([])).toBeNull();
    expect(idlePauseAfterMs([shop(null), shop(null)])).toBeNull();
    expect(idlePauseAfterMs([shop(null), shop(15), shop(10)])).toBe(600_000);
  });

  it('counts down for 30 s before pausing', () => {
    expect(idlePauseStage(1_000_000, null)).toEqual({ stage: 'active' });
    expect(idlePauseStage(600_000 - IDLE_PAUSE_WARNING_MS - 1, 600_000)).toEqual({ stage: 'active' });
    expect(idlePauseStage(600_000 - IDLE_PAUSE_WARNING_MS, 600_000)).toEqual({ stage: 'warning', secondsLeft: 30 });
    expect(idlePauseStage(599_500, 600_000)).toEqual({ stage: 'warning', secondsLeft: 1 });
    expect(idlePauseStage(600_000, 600_000)).toEqual({ stage: 'pause' });
  });
});
