// Debian's Chromium driven by playwright-core (no browser download), and `npm run serve`'s entry point started as
// a real child process on a temporary data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { makeTempDir } from './core-fixture.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags every test and benchmark browser runs with: no sandbox (containers), software rendering, no chatter. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not at ${CHROMIUM_PATH}: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH.`);
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

export type ServeProcess = Readonly<{ url: string; origin: string; dataDir: string; output: () => string; stop(): Promise<void> }>;

/** Starts `serve` on `dataDir` (a new temporary one by default, removed on stop; a given one is kept). */
export async function startServe(args: readonly string[] = [], givenDataDir?: string): Promise<ServeProcess> {
  const dataDir = givenDataDir ?? (await makeTempDir('seller-console-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['electron/host/serve.ts', '--data-dir', dataDir, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
