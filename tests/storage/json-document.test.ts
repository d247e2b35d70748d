// Corrupt, truncated, empty, NUL-filled, invalid and newer documents: quarantined and restored from the newest good
// backup (and reported), or refused loudly with the file untouched — never silently reset.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BACKUPS_KEPT, openJsonDocument } from '../../electron/storage/json-document.ts';
import { loggedIn, makeTempDir, startCoreFixture } from '../support/core-fixture.ts';

const Doc = z.object({ schemaVersion: z.literal(2), name: z.string(), count: z.number() });
const spec = {
  schema: Doc,
  version: 2,
  migrations: { 1: (doc: Record<string, unknown>) => ({ ...doc, count: 0 }) },
  initial: () => ({ schemaVersion: 2 as const, name: 'first', count: 0 }),
  now: () => 1234,
};

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function docPath(): Promise<string> {
  const dir = await makeTempDir();
  dirs.push(dir);
  return join(dir, 'doc.json');
}

/** Creates the document, edits it, and reopens it once so that a good backup exists. */
async function withBackup(path: string): Promise<void> {
  const doc = await openJsonDocument(path, spec);
  await doc.update((d) => {
    d.name = 'good';
    d.count = 7;
  });
  await openJsonDocument(path, spec);
}

const CORRUPTIONS: readonly (readonly [string, (good: string) => string])[] = [
  ['truncated', (good) => good.slice(0, Math.floor(good.length / 2))],
  ['zero-length', () => ''],
  ['NUL-filled', (good) => '\u0000'.repeat(good.length)],
  ['invalid JSON', () => '{"schemaVersion": 2, "name": '],
  ['valid JSON, wrong shape', () => JSON.stringify({ schemaVersion: 2, name: 42 })],
  ['not an object', () => '[1, 2, 3]'],
];

describe('json documents', () => {
  it('creates, updates durably and keeps rotating backups', async () => {
    const path = await docPath();
    await withBackup(path);
    for (let i = 0; i < BACKUPS_KEPT + 3; i += 1) await openJsonDocument(path, spec);
    const backups = await readdir(join(path, '..', 'backups'));
    expect(backups.sort()).toEqual(Array.from({ length: BACKUPS_KEPT }, (_, i) => `doc.json.${i + 1}`).sort());
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ schemaVersion: 2, name: 'good', count: 7 });
  });

  it('refuses an invalid update without touching the file or the data', async () => {
    const path = await docPath();
    const doc = await openJsonDocument(path, spec);
    await expect(doc.update((d) => ((d as { count: unknown }).count = 'many'))).rejects.toThrow();
    expect(doc.data.count).toBe(0);
    expect(JSON.parse(await readFile(path, 'utf8')).count).toBe(0);
  });

  it.each(CORRUPTIONS)('quarantines a %s file and restores the newest good backup', async (_label, corrupt) => {
    const path = await docPath();
    await withBackup(path);
    const good = await readFile(path, 'utf8');
    await writeFile(path, corrupt(good));
    const damaged = await readFile(path, 'utf8');
    const doc = await openJsonDocument(path, spec);
    expect(doc.data).toEqual({ schemaVersion: 2, name: 'good', count: 7 });
    expect(doc.recovery).toMatchObject({
      file: path,
      quarantinedAs: `${path}.corrupt-1234`,
      restoredFrom: expect.stringContaining('backups'),
    });
    expect(await readFile(`${path}.corrupt-1234`, 'utf8')).toBe(damaged);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(doc.data);
  });

  it.each(CORRUPTIONS)(
    'refuses a %s file loudly when no good backup exists, leaving it as it is',
    async (_label, corrupt) => {
      const path = await docPath();
      await openJsonDocument(path, spec);
      const damaged = corrupt(await readFile(path, 'utf8'));
      await writeFile(path, damaged);
      await expect(openJsonDocument(path, spec)).rejects.toThrow(/no good backup/);
      expect(await readFile(path, 'utf8')).toBe(damaged);
    },
  );

  it('refuses a file from a newer version and does not overwrite it', async () => {
    const path = await docPath();
    const newer = JSON.stringify({ schemaVersion: 3, name: 'future', count: 1, extra: true });
    await writeFile(path, newer);
    await expect(openJsonDocument(path, spec)).rejects.toThrow(/newer version/);
    expect(await readFile(path, 'utf8')).toBe(newer);
  });

  it('migrates an older version forward and keeps the old file as a backup', async () => {
    const path = await docPath();
    await writeFile(path, JSON.stringify({ schemaVersion: 1, name: 'old' }));
    const doc = await openJsonDocument(path, spec);
    expect(doc.data).toEqual({ schemaVersion: 2, name: 'old', count: 0 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(doc.data);
    expect(JSON.parse(await readFile(join(path, '..', 'backups', 'doc.json.1'), 'utf8'))).toEqual({
      schemaVersion: 1,
      name: 'old',
    });
  });
});

describe('a damaged shop document in the running console', () => {
  it('is restored, audited in the shop log and shown to the people of that shop only', async () => {
    const first = await startCoreFixture();
    const dataDir = first.dataDir;
    await first.core.stop();
    // A second start makes the backups; then the file is damaged.
    const second = await startCoreFixture({ dataDir });
    await second.core.stop();
    const path = join(dataDir, 'shops', 'jd-mianyu', 'shop.json');
    await writeFile(path, '\u0000\u0000\u0000');
    const third = await startCoreFixture({ dataDir });
    try {
      const owner = await loggedIn(third.core, 'owner');
      const notices = await third.core.dispatch(owner, 'app.notices', {});
      expect(notices).toMatchObject({
        ok: true,
        value: [{ kind: 'document_restored', shopId: 'jd-mianyu', file: path }],
      });
      const agentOfOtherShops = await loggedIn(third.core, 'tangtang');
      expect(await third.core.dispatch(agentOfOtherShops, 'app.notices', {})).toEqual({ ok: true, value: [] });
      const audit = third.ports.streams.auditEntries(
        'jd-mianyu',
        { actorId: null, action: 'storage.documentRestored', shopId: null, from: null, to: null, text: null },
        0,
        10,
      );
      expect(audit.rows).toEqual([
        expect.objectContaining({ origin: 'system', actorId: null, action: 'storage.documentRestored' }),
      ]);
      const shops = await third.core.dispatch(owner, 'shops.list', {});
      expect(shops.ok && (shops.value as { id: string }[]).map((s) => s.id)).toContain('jd-mianyu');
    } finally {
      await third.core.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
