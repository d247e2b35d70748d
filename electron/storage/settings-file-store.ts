// The device's preferences as a small validated, durable JSON document (`<data dir>/settings.json`): what browser
// mode uses, and the same shape the desktop app keeps through electron-store.
import { join } from 'node:path';
import { z } from 'zod';
import { AppSettings } from '../../shared/contract/index.ts';
import { DEFAULT_IDLE_LOCK_MINUTES, DEFAULT_LANGUAGE } from '../../shared/domain/app-settings.ts';
import type { AppSettingsStore, JsonDocument } from '../core/ports.ts';
import { openJsonDocument } from './json-document.ts';

export const SETTINGS_VERSION = 1 as const;
export const SettingsDocument = AppSettings.extend({ schemaVersion: z.literal(SETTINGS_VERSION) });
export const DEFAULT_SETTINGS: AppSettings = { language: DEFAULT_LANGUAGE, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES };

export function createSettingsFileStore(dataDir: string): AppSettingsStore {
  let doc: JsonDocument<z.output<typeof SettingsDocument>> | null = null;
  const current = () => {
    if (!doc) throw new Error('settings not loaded');
    return doc;
  };
  return {
    async load() {
      doc = await openJsonDocument(join(dataDir, 'settings.json'), { schema: SettingsDocument, version: SETTINGS_VERSION, initial: () => ({ schemaVersion: SETTINGS_VERSION, ...DEFAULT_SETTINGS }) });
    },
    get() {
      const { language, idleLockMinutes } = current().data;
      return { language, idleLockMinutes };
    },
    async update(changes) {
      await current().update((draft) => Object.assign(draft, AppSettings.partial().parse(changes)));
      return this.get();
    },
  };
}
