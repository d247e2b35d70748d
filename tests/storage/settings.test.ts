// Device preferences: validated, durable, shared by browser mode (settings file) and the desktop app
// (electron-store, driven here with a stand-in `electron` module: only its absence of an app object matters).
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../shared/contract/index.ts';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronStoreSettings } from '../../electron/main/electron-store-settings.ts';
import { createSettingsFileStore, DEFAULT_SETTINGS } from '../../electron/storage/settings-file-store.ts';
import { loggedIn, makeTempDir, quietLogger, startCoreFixture } from '../support/core-fixture.ts';

vi.mock('electron', () => ({ default: {} }));

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir() {
  const dir = await makeTempDir();
  dirs.push(dir);
  return dir;
}

describe.each([
  ['settings file (browser mode)', (dir: string) => createSettingsFileStore(dir)],
  ['electron-store (desktop)', (dir: string) => createElectronStoreSettings(dir, quietLogger)],
] as const)('%s', (_label, create) => {
  it('starts from the defaults, keeps a change across a restart, and refuses invalid values', async () => {
    const dir = await tempDir();
    const store = create(dir);
    await store.load();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(await store.update({ language: 'en-US' })).toEqual({ ...DEFAULT_SETTINGS, language: 'en-US' });
    await expect(store.update({ idleLockMinutes: 0 })).rejects.toThrow();
    const again = create(dir);
    await again.load();
    expect(again.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'en-US' });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
      language: 'en-US',
    });
  });

  it('reads what the other mode wrote (one settings.json for both)', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ schemaVersion: 1, language: 'en-US', idleLockMinutes: 15 }),
    );
    const store = create(dir);
    await store.load();
    // A file from before notification settings existed reads with their defaults.
    expect(store.get()).toEqual({
      language: 'en-US',
      idleLockMinutes: 15,
      notifications: DEFAULT_NOTIFICATION_SETTINGS,
    });
  });
});

describe('settings through the core', () => {
  it('lets anyone set the language, but only the owner the idle lock', async () => {
    const fixture = await startCoreFixture();
    try {
      const anonymous = { session: null };
      expect(await fixture.core.dispatch(anonymous, 'settings.setLanguage', { language: 'en-US' })).toEqual({
        ok: true,
        value: { ...DEFAULT_SETTINGS, language: 'en-US' },
      });
      expect(await fixture.core.dispatch(anonymous, 'settings.setLanguage', { language: 'fr-FR' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      const agent = await loggedIn(fixture.core, 'xiaolin');
      expect(await fixture.core.dispatch(agent, 'settings.update', { idleLockMinutes: 30 })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      const owner = await loggedIn(fixture.core, 'owner');
      expect(await fixture.core.dispatch(owner, 'settings.update', { idleLockMinutes: 30 })).toEqual({
        ok: true,
        value: { language: 'en-US', idleLockMinutes: 30, notifications: DEFAULT_NOTIFICATION_SETTINGS },
      });
      expect(await fixture.core.dispatch(anonymous, 'settings.get', {})).toEqual({
        ok: true,
        value: { language: 'en-US', idleLockMinutes: 30, notifications: DEFAULT_NOTIFICATION_SETTINGS },
      });
    } finally {
      await fixture.close();
    }
  });
});
