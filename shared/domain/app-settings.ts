// Defaults of per-device preferences. They are configuration, not logic: the settings store may override them.
export const DEFAULT_IDLE_LOCK_MINUTES = 5;
export const DEFAULT_LANGUAGE = 'zh-CN';
export const IDLE_LOCK_CHOICES = [1, 5, 10, 15, 30, 60] as const;
