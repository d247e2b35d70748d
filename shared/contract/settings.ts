// This device's preferences (settings.json): language, idle lock, desktop notifications.
import { z } from 'zod';
import { empty, ShopId } from './common.ts';
import { command, defineMethods, event, query } from './define.ts';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export const Language = z.enum(LANGUAGES);

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM');

/** Desktop notifications for new chats and messages: on or off, shops muted, a do-not-disturb window. */
export const NotificationSettings = z.object({
  enabled: z.boolean(),
  mutedShopIds: z.array(ShopId).max(100),
  /** Quiet from `from` to `to` (local time; may wrap past midnight). */
  doNotDisturb: z.object({ enabled: z.boolean(), from: ClockTime, to: ClockTime }),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  enabled: true,
  mutedShopIds: [],
  doNotDisturb: { enabled: false, from: '22:00', to: '08:00' },
};

/** Preferences of this device (settings.json), shared by every person who uses it. */
export const AppSettings = z.object({
  language: Language,
  /** Lock the session after this many minutes without input. */
  idleLockMinutes: z.number().int().min(1).max(240),
  notifications: NotificationSettings.default(DEFAULT_NOTIFICATION_SETTINGS),
});
export type AppSettings = z.infer<typeof AppSettings>;

const settingsTarget = () => ({ kind: 'settings', id: 'device' });

export const settingsMethods = defineMethods('settings', {
  'settings.get': query(empty, AppSettings, 'public', { whenLocked: true }),
  /** The interface language is a device preference that the login page can change too. */
  'settings.setLanguage': command(
    z.object({ language: Language }).strict(),
    AppSettings,
    'public',
    { log: 'org', target: settingsTarget },
    { whenLocked: true },
  ),
  /** Notification preferences of this device: anyone logged in may mute shops or set quiet hours. */
  // Muted shops are this device's preference, shared by whoever uses it: a person saves the whole list, including
  // shops of colleagues they do not serve; muting reads and changes no shop data.
  'settings.setNotifications': command(
    z.object({ notifications: NotificationSettings }).strict(),
    AppSettings,
    'session',
    { log: 'org', target: settingsTarget },
    {
      shopScopeExempt: ['notifications.mutedShopIds[]'],
    },
  ),
  'settings.update': command(AppSettings.pick({ idleLockMinutes: true }).strict(), AppSettings, 'settings.app', {
    log: 'org',
    target: settingsTarget,
  }),
});

export const settingsEvents = {
  /** This device's preferences changed (in another window or tab): every open window follows. */
  'settings.changed': event(z.object({ shopId: z.null(), settings: AppSettings }), 'session'),
} as const;
