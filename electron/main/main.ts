// Electron's entry point (compiled to build/electron/main/main.js): the real `electron` module into the glue.
import * as electron from 'electron';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootCore, consoleLogger } from '../hosting/boot-core.ts';
import { createElectronStoreSettings } from './electron-store-settings.ts';
import { createSafeStorageSecrets } from './safe-storage-secrets.ts';
import type { ElectronLike } from './electron-like.ts';
import { resolveBuiltPaths, startDesktopApp } from './desktop-app.ts';

const buildDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDirArg = process.argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);

const desktop: ElectronLike = electron;

startDesktopApp(desktop, {
  ...resolveBuiltPaths(buildDir),
  title: '多店铺卖家工作台 · Seller Console',
  startCore: (userDataDir) =>
    bootCore({
      dataDir: dataDirArg ? resolve(dataDirArg) : userDataDir,
      appVersion: electron.app.getVersion(),
      demo: true,
      secrets: createSafeStorageSecrets(electron.safeStorage),
      settings: (dir) => createElectronStoreSettings(dir, consoleLogger),
    }),
}).catch((error: unknown) => {
  electron.dialog.showErrorBox(
    'Seller Console could not start',
    error instanceof Error ? error.message : String(error),
  );
  electron.app.quit();
});
