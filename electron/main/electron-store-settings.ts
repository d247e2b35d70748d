// The desktop app's preferences through electron-store, in the same settings.json shape as browser mode. Values
// are validated with the contract's schema on every read; an invalid file falls back to defaults (logged) and is
// only replaced when the person changes a setting.
import ElectronStore from 'electron-store';
import { AppSettings } from '../../shared/contract/index.ts';
import type { AppSettingsStore, Logger } from '../core/ports.ts';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../storage/settings-file-store.ts';

export function createElectronStoreSettings(dataDir: string, logger: Logger): AppSettingsStore {
  let store: ElectronStore<Record<string, unknown>> | null = null;
  const current = () => {
    if (!store) throw new Error('settings not loaded');
    return store;
  };
  const read = (): AppSettings => {
    const parsed = AppSettings.safeParse(current().store);
    if (parsed.success) return parsed.data;
    logger.warn(
      `settings.json is not valid; using defaults until a setting is changed (${parsed.error.issues[0]?.message ?? ''})`,
    );
    return DEFAULT_SETTINGS;
  };
  return {
    async load() {
      store = new ElectronStore<Record<string, unknown>>({
        cwd: dataDir,
        name: 'settings',
        clearInvalidConfig: false,
        defaults: { schemaVersion: SETTINGS_VERSION, ...DEFAULT_SETTINGS },
      });
    },
    get: read,
    async update(changes) {
      const next = AppSettings.parse({ ...read(), ...changes });
      current().store = { schemaVersion: SETTINGS_VERSION, ...next };
      return next;
    },
  };
}
