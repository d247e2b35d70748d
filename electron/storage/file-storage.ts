// The storage port on the local file system: `<root>/people.json`, `<root>/shops/<shopId>/shop.json` and the
// pictures agents sent, `<root>/shops/<shopId>/media/<sha-256>.<ext>`.
// Shop ids are validated, and the resolved folder must lie inside `<root>/shops` and must not be a symlink,
// before any path is touched. Every step that spans files is crash-consistent: a new shop is assembled in
// `<root>/.staging/` and appears by one rename; archiving, restoring and quarantining move whole folders by one
// rename each. Folders are private to the user (700), files 600.
import { lstat, readFile, readdir, rm } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { AppError, ArchiveId, shopIdOfArchive } from '../../shared/contract/index.ts';
import { isValidShopId } from '../../shared/domain/shop-id.ts';
import {
  DamagedShopError,
  type ArchivedShopDocument,
  type JsonDocument,
  type SeedState,
  type Storage,
} from '../core/ports.ts';
import { PEOPLE_DOCUMENT_VERSION, PeopleDocument } from '../core/sessions/people-document.ts';
import { SHOP_DOCUMENT_VERSION, ShopDocument } from '../core/shops/shop-document.ts';
import { mkdirPrivate, renameDurably, writeFileDurably } from './durable-file.ts';
import { DocumentError, openJsonDocument } from './json-document.ts';

export function shopDirectory(root: string, shopId: string): string {
  if (!isValidShopId(shopId)) throw new AppError('invalid_shop_id', `invalid shop id ${JSON.stringify(shopId)}`);
  const shopsRoot = resolve(root, 'shops');
  const directory = resolve(shopsRoot, shopId);
  const rel = relative(shopsRoot, directory);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.includes(sep)) {
    throw new AppError('invalid_shop_id', `shop id ${JSON.stringify(shopId)} leaves the data folder`);
  }
  return directory;
}

async function assertRealDirectory(directory: string): Promise<void> {
  const stats = await lstat(directory);
  if (stats.isSymbolicLink() || !stats.isDirectory()) {
    throw new AppError('invalid_shop_id', `${directory} is not a plain folder (symlinks are refused)`);
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

const SEED_FILE = 'demo-seed.json';
/** A stored picture's file name: its SHA-256 and its type (nothing else is ever read from `media/`). */
const MEDIA_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/;
const SEED_STATES: readonly SeedState[] = ['started', 'complete'];

export function createFileStorage(root: string): Storage {
  const shopsRoot = join(root, 'shops');
  const archiveRoot = join(root, 'archive');
  const quarantineRoot = join(root, 'quarantine');
  const stagingRoot = join(root, '.staging');
  function archiveDirectory(archiveId: string): string {
    if (!ArchiveId.safeParse(archiveId).success)
      throw new AppError('invalid_input', `invalid archive id ${JSON.stringify(archiveId)}`);
    return join(archiveRoot, archiveId);
  }
  const openShopDocument = (
    directory: string,
    initial: (() => ShopDocument) | null,
  ): Promise<JsonDocument<ShopDocument>> =>
    openJsonDocument(join(directory, 'shop.json'), { schema: ShopDocument, version: SHOP_DOCUMENT_VERSION, initial });

  return {
    async listShopIds() {
      await mkdirPrivate(root);
      await mkdirPrivate(shopsRoot);
      // A shop being assembled when the process died never appeared in shops/: its staging folder is dropped.
      await rm(stagingRoot, { recursive: true, force: true });
      const entries = await readdir(shopsRoot, { withFileTypes: true });
      // Symlinks are listed too, so that opening one fails loudly instead of being skipped in silence.
      return entries
        .filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && isValidShopId(entry.name))
        .map((entry) => entry.name)
        .sort();
    },
    async openShop(shopId) {
      const directory = shopDirectory(root, shopId);
      try {
        await assertRealDirectory(directory);
        await mkdirPrivate(directory);
        return await openShopDocument(directory, null);
      } catch (error) {
        // Damage the console can step around: the caller quarantines the folder and opens the other shops.
        if (error instanceof DocumentError && error.kind !== 'newer_version')
          throw new DamagedShopError(shopId, error.message, { cause: error });
        if (error instanceof AppError && error.code === 'invalid_shop_id')
          throw new DamagedShopError(shopId, error.message, { cause: error });
        throw error;
      }
    },
    async createShop(shopId, initial) {
      const directory = shopDirectory(root, shopId);
      if (await exists(directory)) throw new AppError('conflict', `a shop folder ${shopId} exists already`);
      const staged = join(stagingRoot, `${shopId}.${randomBytes(4).toString('hex')}`);
      await mkdirPrivate(staged);
      await openShopDocument(staged, () => initial);
      await mkdirPrivate(shopsRoot);
      await renameDurably(staged, directory);
      return openShopDocument(directory, null);
    },
    async archiveShop(shopId, at) {
      const from = shopDirectory(root, shopId);
      await assertRealDirectory(from);
      await mkdirPrivate(archiveRoot);
      const archiveId = `${shopId}--${at}`;
      const to = archiveDirectory(archiveId);
      if (await exists(to)) throw new AppError('conflict', `${to} exists`);
      await renameDurably(from, to);
      return archiveId;
    },
    async listArchived() {
      await mkdirPrivate(archiveRoot);
      const archived: ArchivedShopDocument[] = [];
      for (const entry of await readdir(archiveRoot, { withFileTypes: true })) {
        if (!entry.isDirectory() || !ArchiveId.safeParse(entry.name).success) continue;
        try {
          const doc = await openShopDocument(join(archiveRoot, entry.name), null);
          archived.push({
            archiveId: entry.name,
            archivedAt: Number(entry.name.slice(entry.name.lastIndexOf('--') + 2)),
            document: doc.data,
          });
        } catch {
          // A damaged archive is left where it is for the owner to inspect; it cannot be restored from here.
        }
      }
      return archived.sort((a, b) => b.archivedAt - a.archivedAt);
    },
    async openArchivedShop(archiveId) {
      const directory = archiveDirectory(archiveId);
      if (!(await exists(directory))) throw new AppError('not_found', `no archived shop ${archiveId}`);
      await assertRealDirectory(directory);
      return openShopDocument(directory, null);
    },
    async restoreShop(archiveId) {
      const from = archiveDirectory(archiveId);
      const shopId = shopIdOfArchive(archiveId);
      const to = shopDirectory(root, shopId);
      if (!(await exists(from))) throw new AppError('not_found', `no archived shop ${archiveId}`);
      if (await exists(to)) throw new AppError('conflict', `a shop folder ${shopId} exists already`);
      await mkdirPrivate(shopsRoot);
      await renameDurably(from, to);
      return shopId;
    },
    async quarantineShop(shopId, at) {
      const from = shopDirectory(root, shopId);
      await mkdirPrivate(quarantineRoot);
      let to = join(quarantineRoot, `${shopId}--${at}`);
      for (let n = 2; await exists(to); n += 1) to = join(quarantineRoot, `${shopId}--${at}-${n}`);
      await renameDurably(from, to);
      return to;
    },
    async openPeople(initial) {
      await mkdirPrivate(root);
      return openJsonDocument(join(root, 'people.json'), {
        schema: PeopleDocument,
        version: PEOPLE_DOCUMENT_VERSION,
        initial,
      });
    },
    async seedState() {
      const path = join(root, SEED_FILE);
      if (!(await exists(path))) return null;
      try {
        const { state } = JSON.parse(await readFile(path, 'utf8')) as { state?: unknown };
        return SEED_STATES.includes(state as SeedState) ? (state as SeedState) : 'started';
      } catch {
        // A marker torn by a crash means the seed did not finish.
        return 'started';
      }
    },
    async putMedia(shopId, bytes, extension) {
      const directory = join(shopDirectory(root, shopId), 'media');
      const name = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
      if (!MEDIA_NAME.test(name)) throw new AppError('invalid_input', `unsupported picture type ${extension}`);
      // Content-addressed: the same picture sent twice is stored once, and a stored one is never rewritten.
      if (await exists(join(directory, name))) return name;
      await mkdirPrivate(directory);
      await writeFileDurably(join(directory, name), bytes);
      return name;
    },
    async readMedia(shopId, name) {
      if (!MEDIA_NAME.test(name)) return null;
      try {
        return new Uint8Array(await readFile(join(shopDirectory(root, shopId), 'media', name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async setSeedState(state) {
      await mkdirPrivate(root);
      await writeFileDurably(join(root, SEED_FILE), `${JSON.stringify({ state })}\n`);
    },
  };
}
