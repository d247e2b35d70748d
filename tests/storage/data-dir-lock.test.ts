import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from '../../electron/storage/data-dir-lock.ts';
import { startServe } from '../support/browser.ts';
import { makeTempDir } from '../support/core-fixture.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await makeTempDir();
  dirs.push(dir);
  return dir;
}

describe('data folder lock', () => {
  it('lets one holder in, refuses the next with who holds it, and frees the folder on release', async () => {
    const dir = await tempDir();
    const first = await acquireDataDirLock(dir);
    const second = acquireDataDirLock(dir);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(new RegExp(`process ${process.pid}.*--data-dir`));
    await first.release();
    const third = await acquireDataDirLock(dir);
    await third.release();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: 'yesterday' }),
    );
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('respects a lock held from another host (a shared folder)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'another-pc', startedAt: 'today' }));
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
  });

  it('makes a second `serve` on the same folder exit with the reason', async () => {
    const dir = await tempDir();
    const first = await startServe(['--demo-rate', '1'], dir);
    try {
      await expect(startServe(['--demo-rate', '1'], dir)).rejects.toThrow(
        /Another Seller Console \(process \d+.*is using the data folder/,
      );
    } finally {
      await first.stop();
    }
  });
});
