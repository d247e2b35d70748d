// Durable file replacement: write a temp file beside the target, fsync it, rename it over the target, fsync the
// directory. After a crash the target holds either the old or the new content in full, never a torn mix.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

async function fsyncDirectory(directory: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS's rename is already journaled there.
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileDurably(target: string, content: string): Promise<void> {
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
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
