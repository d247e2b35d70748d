// Durable file replacement: write a temp file beside the target, fsync it, rename it over the target, fsync the
// directory. After a crash the target holds either the old or the new content in full, never a torn mix.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function fsyncDirectory(directory: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS's rename is already journaled there.
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileDurably(target: string, content: string | Uint8Array): Promise<void> {
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await (typeof content === 'string' ? handle.writeFile(content, 'utf8') : handle.writeFile(content));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(directory);
}

/**
 * The same replacement, synchronously: for the writer thread (the signed audit head after a burst of commits) and
 * for the audit key, which is read or made while a database opens.
 */
export function writeFileDurablySync(target: string, content: string): void {
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (process.platform === 'win32') return;
  const dir = openSync(directory, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Data folders are private to the user (700) wherever the platform has POSIX modes. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a folder (and its parents) private to the user, and makes an existing one private. */
export async function mkdirPrivate(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') await chmod(directory, PRIVATE_DIR_MODE);
}

/**
 * Moves a folder to a new place in one rename (atomic on one file system) and makes both parents' entries durable:
 * after a crash the folder is wholly in one place or the other.
 */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await fsyncDirectory(dirname(to));
  if (dirname(from) !== dirname(to)) await fsyncDirectory(dirname(from));
}
