// The device's preferences as a small validated, durable JSON document (`<data dir>/settings.json`): what browser
// mode uses, and the same shape the desktop app keeps through electron-store.
import { join } from 'node:path';
import { z } from 'zod';
import { AppSettings, DEFAULT_NOTIFICATION_SETTINGS } from '../../shared/contract/index.ts';
import { DEFAULT_IDLE_LOCK_MINUTES, DEFAULT_LANGUAGE } from '../../shared/domain/app-settings.ts';
import type { AppSettingsStore, JsonDocument } from '../core/ports.ts';
import { openJsonDocument } from './json-document.ts';

export const SETTINGS_VERSION = 1 as const;
export const SettingsDocument = AppSettings.extend({ schemaVersion: z.literal(SETTINGS_VERSION) });
export const DEFAULT_SETTINGS: AppSettings = {
  language: DEFAULT_LANGUAGE,
  idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
  notifications: DEFAULT_NOTIFICATION_SETTINGS,
};

export function createSettingsFileStore(dataDir: string): AppSettingsStore {
  let doc: JsonDocument<z.output<typeof SettingsDocument>> | null = null;
  const current = () => {
    if (!doc) throw new Error('settings not loaded');
    return doc;
  };
  return {
    async load() {
      doc = await openJsonDocument(join(dataDir, 'settings.json'), {
        schema: SettingsDocument,
        version: SETTINGS_VERSION,
        initial: () => ({ schemaVersion: SETTINGS_VERSION, ...DEFAULT_SETTINGS }),
      });
    },
    get() {
      const { schemaVersion: _version, ...settings } = current().data;
      return settings;
    },
    async update(changes) {
      // Validate the whole result: a partial schema would fill defaults into fields the change did not name.
      const next = AppSettings.parse({ ...this.get(), ...changes });
      await current().update((draft) => Object.assign(draft, next));
      return this.get();
    },
  };
}
