// `npm start`: launches the built app in Electron. Electron's package fetches its binary on first use; where that
// is impossible (no route to its download host), this says so in one line and starts browser mode instead, opening
// the default browser where there is one — `npm start` always leaves a running console.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const DOWNLOAD_LIMIT_MS = 5 * 60_000;

type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/** The Electron binary's path, downloading it first if it is missing (Electron's own install script, output kept). */
export function findElectronBinary(packageDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  if (env.SELLER_CONSOLE_BROWSER_MODE === '1') return { ok: false, reason: 'SELLER_CONSOLE_BROWSER_MODE=1 is set' };
  const installed = () => {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), readFileSync(pathFile, 'utf8'));
    return existsSync(binary) ? binary : null;
  };
  const present = installed();
  if (present) return { ok: true, path: present };
  if (!existsSync(join(packageDir, 'install.js')))
    return { ok: false, reason: 'the electron package is not installed' };
  console.log('Downloading the Electron binary (first start only)…');
  const run = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    encoding: 'utf8',
    timeout: DOWNLOAD_LIMIT_MS,
    env,
  });
  const downloaded = installed();
  if (run.status === 0 && downloaded) return { ok: true, path: downloaded };
  const output = `${run.stderr ?? ''}\n${run.stdout ?? ''}`;
  const firstError = output
    .split('\n')
    .find((line) => /error|failed|ENOTFOUND|ECONN|ETIMEDOUT/i.test(line))
    ?.trim();
  const reason = run.error ? run.error.message : (firstError ?? `its install script exited with ${run.status}`);
  return { ok: false, reason: reason.length > 160 ? `${reason.slice(0, 157)}…` : reason };
}

function run(command: string, args: readonly string[]): void {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

function main(): void {
  const args = process.argv.slice(2);
  let packageDir: string | null = null;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    // not installed (e.g. `npm install --omit=dev`): browser mode below
  }
  const electron: ElectronBinary = packageDir
    ? findElectronBinary(packageDir)
    : { ok: false, reason: 'the electron package is not installed' };
  if (electron.ok) {
    run(electron.path, [projectRoot, ...args]);
    return;
  }
  console.log(
    `The desktop window cannot open here (Electron's binary could not be downloaded: ${electron.reason}), so Seller Console starts in browser mode instead.`,
  );
  run(process.execPath, [join(projectRoot, 'electron/browser-host/serve.ts'), '--open', ...args]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
