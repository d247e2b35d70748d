// The browser host on 127.0.0.1 with a real core and a tiny static renderer folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/ws-host.ts';
import { makeTempDir, quietLogger, startCoreFixture, type CoreFixture } from './core-fixture.ts';

export type HostFixture = CoreFixture & Readonly<{ host: BrowserHost; staticDir: string; secretOutside: string }>;

export async function startHostFixture(options: Readonly<{ messagesPerMinute?: number }> = {}): Promise<HostFixture> {
  const core = await startCoreFixture(options);
  const root = await makeTempDir('seller-console-static-');
  const staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Seller Console</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  const secretOutside = 'TOP-SECRET-OUTSIDE-THE-RENDERER';
  await writeFile(join(root, 'secret.txt'), secretOutside);
  const host = await startBrowserHost({ core: core.core, staticDir, port: 0, logger: quietLogger });
  return {
    ...core,
    host,
    staticDir,
    secretOutside,
    async close() {
      await host.close();
      await core.close();
    },
  };
}

export function wsUrl(fixture: HostFixture, token = fixture.host.token): string {
  return `ws://127.0.0.1:${fixture.host.port}/ws?token=${encodeURIComponent(token)}`;
}

export function goodHeaders(fixture: HostFixture): Record<string, string> {
  return { Origin: fixture.host.origin, Host: `127.0.0.1:${fixture.host.port}` };
}
