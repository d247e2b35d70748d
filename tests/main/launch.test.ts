// `npm start`: the desktop app where Electron's binary is (or can be fetched), browser mode where it cannot.
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../electron/main/launch.ts';
import { makeTempDir } from '../support/core-fixture.ts';

async function fakeElectronPackage(installScript: string): Promise<string> {
  const dir = await makeTempDir('fake-electron-');
  await writeFile(join(dir, 'install.js'), installScript);
  return dir;
}

const INSTALLS_BINARY = `const fs = require('node:fs'), path = require('node:path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '');
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`;

describe('finding the Electron binary', () => {
  it('uses a binary that is already there without running the download', async () => {
    const dir = await fakeElectronPackage('process.exit(3)');
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'electron'), '');
    await writeFile(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toEqual({ ok: true, path: join(dir, 'dist', 'electron') });
  });

  it("downloads it through Electron's install script when it is missing", async () => {
    const dir = await fakeElectronPackage(INSTALLS_BINARY);
    expect(findElectronBinary(dir, {})).toEqual({ ok: true, path: join(dir, 'dist', 'electron') });
  });

  it('gives the download error in one line when it cannot be fetched', async () => {
    const dir = await fakeElectronPackage(
      `console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (x.js:1:1)'); process.exit(1);`,
    );
    const result = findElectronBinary(dir, {});
    expect(result).toEqual({ ok: false, reason: 'RequestError: getaddrinfo ENOTFOUND github.com' });
  });
});

describe('npm start without Electron', () => {
  let dataDir = '';
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('says so in one line and starts browser mode, which answers on 127.0.0.1', async () => {
    dataDir = await makeTempDir('launch-');
    const child = spawn(
      process.execPath,
      ['electron/main/launch.ts', '--data-dir', dataDir, '--port', '0', '--no-demo'],
      {
        env: { ...process.env, SELLER_CONSOLE_BROWSER_MODE: '1', DISPLAY: '', WAYLAND_DISPLAY: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect
        .poll(() => /open: (http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(output)?.[1], { timeout: 20_000 })
        .toBeTruthy();
      const url = /open: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1]!;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const explanation = output.split('\n').filter((line) => line.includes('browser mode instead'));
      expect(explanation).toHaveLength(1);
      expect(explanation[0]).toContain('SELLER_CONSOLE_BROWSER_MODE=1');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
