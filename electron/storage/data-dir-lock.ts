// One process per data folder: `<data dir>/seller-console.lock` holds the owner's pid and host. A second instance
// refuses to start and says who holds the folder; a lock left by a process that no longer runs is taken over.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdir, open, readFile, rm } from 'node:fs/promises';

export const LOCK_FILE = 'seller-console.lock';

type LockInfo = Readonly<{ pid: number; host: string; startedAt: string }>;

export class DataDirLockedError extends Error {
  readonly holder: LockInfo;

  constructor(dir: string, holder: LockInfo) {
    super(
      `Another Seller Console (process ${holder.pid}, started ${holder.startedAt}) is using the data folder ${dir}. ` +
        'Close it first, or start this one with --data-dir pointing to another folder.',
    );
    this.name = 'DataDirLockedError';
    this.holder = holder;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<LockInfo | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt) }
      : null;
  } catch {
    return null;
  }
}

export async function acquireDataDirLock(dir: string): Promise<{ release(): Promise<void> }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_FILE);
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(JSON.stringify(me));
      await handle.sync();
      await handle.close();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          const holder = await readHolder(path);
          if (holder?.pid === me.pid && holder.host === me.host) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(path);
      // A holder on another host (a shared folder) cannot be checked: it is respected.
      if (holder && (holder.host !== me.host || isRunning(holder.pid))) throw new DataDirLockedError(dir, holder);
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
