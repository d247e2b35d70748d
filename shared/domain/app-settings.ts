// Defaults of per-device preferences. They are configuration, not logic: the settings store may override them.
export const DEFAULT_IDLE_LOCK_MINUTES = 5;
