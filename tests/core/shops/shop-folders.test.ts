// A damaged, half-made or half-moved shop folder never stops the console from starting: it is quarantined (or the
// interrupted step finished), the owner is told, the other shops open. Folders are private to the user.
import { lstat, mkdir, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Shop, StorageNotice } from '../../../shared/contract/index.ts';
import { createFileStorage } from '../../../electron/storage/file-storage.ts';
import { loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const DEMO_SHOP_IDS = ['tmall-mianyu', 'taobao-xiaolu', 'jd-mianyu', 'pdd-mianyu', 'douyin-xiaolu'];
let fixture: CoreFixture | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await fixture?.close();
  fixture = null;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A data folder with the five demo shops, stopped. */
async function seededDataDir(): Promise<string> {
  const first = await startCoreFixture({ dataDir: await makeTempDir() });
  await first.core.stop();
  dirs.push(first.dataDir);
  return first.dataDir;
}

async function ownerView(f: CoreFixture): Promise<{ shops: string[]; notices: StorageNotice[] }> {
  const owner = await loggedIn(f.core, 'owner');
  const shops = await f.core.dispatch(owner, 'shops.list', {});
  const notices = await f.core.dispatch(owner, 'app.notices', {});
  if (!shops.ok || !notices.ok) throw new Error('owner calls failed');
  return { shops: (shops.value as Shop[]).map((s) => s.id), notices: notices.value as StorageNotice[] };
}

describe('a damaged shop folder at start', () => {
  it.each([
    [
      'a shop document that is truncated, with no backup',
      async (dir: string) => {
        await writeFile(join(dir, 'shop.json'), '{"schemaVersion":1,"prof');
        await rm(join(dir, 'backups'), { recursive: true, force: true });
      },
    ],
    [
      'a half-made folder without its document',
      async (dir: string) => {
        await rm(join(dir, 'shop.json'));
        await rm(join(dir, 'backups'), { recursive: true, force: true });
      },
    ],
    [
      'a database that is not a database',
      async (dir: string) => {
        for (const file of await readdir(dir)) if (file.startsWith('shop.sqlite')) await rm(join(dir, file));
        await writeFile(
          join(dir, 'shop.sqlite'),
          'this is not an SQLite file, it was overwritten by something else '.repeat(100),
        );
      },
    ],
  ])('%s: quarantined with everything in it, the owner told, the other shops open', async (_label, damage) => {
    const dataDir = await seededDataDir();
    const shopDir = join(dataDir, 'shops', 'jd-mianyu');
    await damage(shopDir);
    const before = await readdir(shopDir);

    fixture = await startCoreFixture({ dataDir });
    const { shops, notices } = await ownerView(fixture);
    expect(shops).toEqual(DEMO_SHOP_IDS.filter((id) => id !== 'jd-mianyu'));
    const notice = notices.find((n) => n.kind === 'shop_quarantined');
    expect(notice).toMatchObject({ kind: 'shop_quarantined', shopId: 'jd-mianyu' });
    const moved = (notice as Extract<StorageNotice, { kind: 'shop_quarantined' }>).quarantinedAs;
    expect(moved.startsWith(join(dataDir, 'quarantine', 'jd-mianyu--'))).toBe(true);
    expect((await readdir(moved)).sort()).toEqual(
      expect.arrayContaining(before.filter((f) => !f.endsWith('-shm') && !f.endsWith('-wal'))),
    );
    await expect(stat(shopDir)).rejects.toMatchObject({ code: 'ENOENT' });

    // An agent of that shop is told too; one who does not serve it is not.
    const agent = await loggedIn(fixture.core, 'xiaolin');
    const agentNotices = await fixture.core.dispatch(agent, 'app.notices', {});
    expect(agentNotices.ok && (agentNotices.value as StorageNotice[]).some((n) => n.kind === 'shop_quarantined')).toBe(
      true,
    );
    const other = await loggedIn(fixture.core, 'tangtang');
    const otherNotices = await fixture.core.dispatch(other, 'app.notices', {});
    expect(otherNotices.ok && (otherNotices.value as StorageNotice[]).some((n) => n.kind === 'shop_quarantined')).toBe(
      false,
    );

    // The next start is clean: nothing left to quarantine, the seed is not redone.
    await fixture.core.stop();
    fixture = await startCoreFixture({ dataDir });
    const again = await ownerView(fixture);
    expect(again.shops).toEqual(shops);
    expect(again.notices).toEqual([]);
  });

  it('a symlink among the shops is moved aside, never followed', async () => {
    const dataDir = await seededDataDir();
    const elsewhere = await makeTempDir();
    dirs.push(elsewhere);
    await writeFile(join(elsewhere, 'secret.txt'), 'outside');
    await symlink(elsewhere, join(dataDir, 'shops', 'evil-shop'));
    fixture = await startCoreFixture({ dataDir });
    const { shops, notices } = await ownerView(fixture);
    expect(shops).toEqual(DEMO_SHOP_IDS);
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'shop_quarantined', shopId: 'evil-shop', shopName: null }),
    ]);
    expect(await readFile(join(elsewhere, 'secret.txt'), 'utf8')).toBe('outside');
    expect((await readdir(elsewhere)).sort()).toEqual(['secret.txt']);
  });
});

describe('a multi-file step that a stop interrupted', () => {
  it('a seed recorded as started is finished: every demo shop and person, once', async () => {
    const dataDir = await makeTempDir();
    dirs.push(dataDir);
    const storage = createFileStorage(dataDir);
    await storage.setSeedState('started');
    fixture = await startCoreFixture({ dataDir });
    expect((await ownerView(fixture)).shops).toEqual(DEMO_SHOP_IDS);
    expect(await storage.seedState()).toBe('complete');

    // Shops and people left by a seed stopped half-way: the rest is added, nothing doubled.
    await fixture.core.stop();
    fixture = null;
    const partial = await seededDataDir();
    for (const id of ['jd-mianyu', 'pdd-mianyu', 'douyin-xiaolu'])
      await rm(join(partial, 'shops', id), { recursive: true });
    const peoplePath = join(partial, 'people.json');
    const people = JSON.parse(await readFile(peoplePath, 'utf8')) as { people: { login: string }[] };
    people.people = people.people.filter((p) => p.login === 'owner' || p.login === 'xiaolin');
    await writeFile(peoplePath, JSON.stringify(people));
    await createFileStorage(partial).setSeedState('started');
    fixture = await startCoreFixture({ dataDir: partial });
    expect((await ownerView(fixture)).shops).toEqual(DEMO_SHOP_IDS);
    const after = JSON.parse(await readFile(peoplePath, 'utf8')) as { people: { login: string }[] };
    expect(after.people.map((p) => p.login).sort()).toEqual(['ajie', 'amy', 'laowang', 'owner', 'tangtang', 'xiaolin']);
    expect(await createFileStorage(partial).seedState()).toBe('complete');
  });

  it('a folder from an earlier version that stopped mid-seed (demo shops, nobody to log in) is finished', async () => {
    const dataDir = await seededDataDir();
    await writeFile(join(dataDir, 'people.json'), JSON.stringify({ schemaVersion: 1, people: [] }));
    await rm(join(dataDir, 'backups'), { recursive: true, force: true });
    await rm(join(dataDir, 'demo-seed.json'));
    fixture = await startCoreFixture({ dataDir });
    expect((await ownerView(fixture)).shops).toEqual(DEMO_SHOP_IDS);
  });

  it('a shop marked archived but not yet moved is archived on the next start', async () => {
    const dataDir = await seededDataDir();
    const path = join(dataDir, 'shops', 'pdd-mianyu', 'shop.json');
    const doc = JSON.parse(await readFile(path, 'utf8')) as { profile: { archived: boolean } };
    doc.profile.archived = true;
    await writeFile(path, JSON.stringify(doc));
    fixture = await startCoreFixture({ dataDir });
    expect((await ownerView(fixture)).shops).toEqual(DEMO_SHOP_IDS.filter((id) => id !== 'pdd-mianyu'));
    const owner = await loggedIn(fixture.core, 'owner');
    const archived = await fixture.core.dispatch(owner, 'shops.listArchived', {});
    expect(archived.ok && (archived.value as { shop: Shop }[]).map((a) => a.shop.id)).toEqual(['pdd-mianyu']);
  });

  it('an archived shop marked restored but not yet moved stays restorable', async () => {
    const dataDir = await seededDataDir();
    const storage = createFileStorage(dataDir);
    const archiveId = await storage.archiveShop('pdd-mianyu', 1_000);
    const archived = await storage.openArchivedShop(archiveId);
    await archived.update((draft) => {
      draft.profile.archived = false;
    });
    fixture = await startCoreFixture({ dataDir });
    expect((await ownerView(fixture)).shops).not.toContain('pdd-mianyu');
    const owner = await loggedIn(fixture.core, 'owner');
    const restored = await fixture.core.dispatch(owner, 'shops.restore', { archiveId });
    expect(restored).toMatchObject({ ok: true, value: { id: 'pdd-mianyu', archived: false } });
  });

  it('a shop being assembled when the process died leaves no trace in shops/', async () => {
    const dataDir = await seededDataDir();
    await mkdir(join(dataDir, '.staging', 'jd-new.abcd'), { recursive: true });
    await writeFile(join(dataDir, '.staging', 'jd-new.abcd', 'shop.json'), '{"schemaVer');
    fixture = await startCoreFixture({ dataDir });
    expect((await ownerView(fixture)).shops).toEqual(DEMO_SHOP_IDS);
    await expect(lstat(join(dataDir, '.staging'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe.runIf(process.platform !== 'win32')('file modes', () => {
  it('keeps the data folders 700 and the documents and databases 600', async () => {
    fixture = await startCoreFixture();
    await fixture.run(5_000);
    const mode = async (path: string) => (await stat(path)).mode & 0o777;
    expect(await mode(fixture.dataDir)).toBe(0o700);
    expect(await mode(join(fixture.dataDir, 'shops'))).toBe(0o700);
    const shopDir = join(fixture.dataDir, 'shops', 'tmall-mianyu');
    expect(await mode(shopDir)).toBe(0o700);
    for (const file of await readdir(shopDir, { withFileTypes: true })) {
      expect([file.name, await mode(join(shopDir, file.name))]).toEqual([
        file.name,
        file.isDirectory() ? 0o700 : 0o600,
      ]);
    }
    expect((await readdir(shopDir)).filter((f) => f.startsWith('shop.sqlite')).sort()).toEqual([
      'shop.sqlite',
      'shop.sqlite-shm',
      'shop.sqlite-wal',
    ]);
    expect(await mode(join(fixture.dataDir, 'people.json'))).toBe(0o600);
  });
});
