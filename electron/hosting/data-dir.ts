// Where a person's data lives when no --data-dir is given: the same folder Electron uses for the desktop app's
// userData ("Seller Console" under the platform's per-user application folder), so both modes share one store.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Seller Console';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
  }
}
