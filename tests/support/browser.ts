// A Chromium found on the machine driven by playwright-core (no browser download), and `npm run serve`'s entry point started as
// a real child process on a temporary data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeTempDir } from './core-fixture.ts';

/** The flags every test and benchmark browser runs with: no sandbox (containers), software rendering, no chatter. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** Chromium builds that `npx playwright install chromium` left in Playwright's cache, newest first. */
function playwrightCacheBrowsers(env: NodeJS.ProcessEnv): string[] {
  const cache =
    env.PLAYWRIGHT_BROWSERS_PATH ??
    (process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'ms-playwright')
      : process.platform === 'win32'
        ? join(env.LOCALAPPDATA ?? homedir(), 'ms-playwright')
        : join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ms-playwright'));
  let builds: string[];
  try {
    builds = readdirSync(cache).filter((name) => /^chromium-\d+$/.test(name));
  } catch {
    return [];
  }
  builds.sort((a, b) => Number(b.slice('chromium-'.length)) - Number(a.slice('chromium-'.length)));
  return builds.flatMap((build) => [
    join(cache, build, 'chrome-linux64', 'chrome'),
    join(cache, build, 'chrome-linux', 'chrome'),
    join(cache, build, 'chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
    join(cache, build, 'chrome-win', 'chrome.exe'),
  ]);
}

export type BrowserLookup = { ok: true; path: string } | { ok: false; message: string };

/**
 * Where the test browser is: `CHROMIUM_PATH` when set (and then only there), else the system's Chromium or Chrome,
 * else Playwright's own cache. Without one, a single sentence that names what to install.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): BrowserLookup {
  if (env.CHROMIUM_PATH) {
    return exists(env.CHROMIUM_PATH)
      ? { ok: true, path: env.CHROMIUM_PATH }
      : {
          ok: false,
          message: `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but no browser is there: point it at a Chromium or Chrome executable, or unset it.`,
        };
  }
  const found = [...SYSTEM_BROWSERS, ...playwrightCacheBrowsers(env)].find((path) => exists(path));
  if (found) return { ok: true, path: found };
  return {
    ok: false,
    message:
      'The browser tests need Chromium and none was found: install it (Debian/Ubuntu: `sudo apt install chromium fonts-noto-cjk`; elsewhere Google Chrome), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  };
}

let cachedPath: string | undefined;

/** The browser's path; throws the one-sentence explanation at once when there is none. */
export function requireChromium(): string {
  if (cachedPath) return cachedPath;
  const lookup = findChromium();
  if (!lookup.ok) throw new Error(lookup.message);
  cachedPath = lookup.path;
  return cachedPath;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), headless: true, args: CHROMIUM_FLAGS });
}

export type ServeProcess = Readonly<{
  url: string;
  origin: string;
  dataDir: string;
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}>;

/** Starts `serve` on `dataDir` (a new temporary one by default, removed on stop; a given one is kept). */
export async function startServe(args: readonly string[] = [], givenDataDir?: string): Promise<ServeProcess> {
  const dataDir = givenDataDir ?? (await makeTempDir('seller-console-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['electron/browser-host/serve.ts', '--data-dir', dataDir, '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const match = /open: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!givenDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh browser context (zh-CN) logged in as a demo person; page errors fail the test. The page waits on the
 * inbox header, which every person's first module shows.
 */
export async function logInAs(
  browser: Browser,
  url: string,
  login: string,
  options: Readonly<{
    viewport?: { width: number; height: number };
    acceptDownloads?: boolean;
    password?: string;
  }> = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1360, height: 820 },
    locale: 'zh-CN',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  await page.getByRole('textbox', { name: '账号' }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(options.password ?? 'demo1234');
  await page.locator('button[type=submit]').click();
  await page.getByTestId('active-shop-title').waitFor({ timeout: 15_000 });
  return page;
}
