// `npm run serve`: the console in a browser tab. Starts the core on a data directory and the browser host on
// 127.0.0.1, then prints the URL carrying this start's token.
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootCore, consoleLogger } from '../hosting/boot-core.ts';
import { defaultDataDir } from '../hosting/data-dir.ts';
import { startBrowserHost } from './ws-host.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `Usage: npm run serve -- [--port N] [--host 127.0.0.1] [--data-dir DIR] [--demo-rate MSGS_PER_MIN] [--seed N] [--no-demo] [--platform-offline all|SHOP_ID,…] [--roster-changes-per-hour N] [--open]`;

/** Opens the URL in the default browser where the desktop has one; says so when it cannot, never fails the start. */
function openInDefaultBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('(no desktop session here: open the URL above in a browser)');
    return;
  }
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('(no default browser found: open the URL above in a browser)'));
  child.unref();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5174' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'demo-rate': { type: 'string', default: '6' },
      seed: { type: 'string', default: '20261122' },
      'no-demo': { type: 'boolean', default: false },
      'platform-offline': { type: 'string' },
      'roster-changes-per-hour': { type: 'string', default: '1' },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const rate = Number(values['demo-rate']);
  const seed = Number(values.seed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535\n${USAGE}`);
  if (!Number.isFinite(rate) || rate <= 0) throw new Error(`--demo-rate must be a positive number\n${USAGE}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer\n${USAGE}`);
  const rosterChanges = Number(values['roster-changes-per-hour']);
  if (!Number.isFinite(rosterChanges) || rosterChanges < 0)
    throw new Error(`--roster-changes-per-hour must be 0 or more\n${USAGE}`);
  const offlineOption = values['platform-offline'];
  const platformOffline =
    offlineOption === undefined ? undefined : offlineOption === 'all' ? ('all' as const) : offlineOption.split(',');
  const staticDir = join(projectRoot, 'build', 'renderer');
  if (!existsSync(join(staticDir, 'index.html')))
    throw new Error('The renderer is not built: run `npm run build:renderer` (or `npm run serve`, which builds it).');
  if (!['127.0.0.1', 'localhost', '::1'].includes(values.host)) {
    consoleLogger.warn(
      `binding ${values.host}: the console is reachable from other machines; anyone with the printed URL can use it.`,
    );
  }

  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const core = await bootCore({
    dataDir,
    appVersion: version,
    demo: !values['no-demo'],
    demoSeed: seed,
    demoMessagesPerMinute: rate,
    demoRosterChangesPerHour: rosterChanges,
    ...(platformOffline === undefined ? {} : { platformOffline }),
  });
  const host = await startBrowserHost({ core, staticDir, host: values.host, port, logger: consoleLogger });

  console.log(`Seller Console ${version} — browser mode`);
  console.log(`data: ${dataDir}`);
  console.log(`open: ${host.url}`);
  if (values.open) openInDefaultBrowser(host.url);

  const shutdown = async () => {
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(`seller-console: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
