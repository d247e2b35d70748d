// The storage port on the local file system: `<root>/people.json` and `<root>/shops/<shopId>/shop.json`.
// Shop ids are validated, and the resolved folder must lie inside `<root>/shops` and must not be a symlink,
// before any path is touched.
import { lstat, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { AppError, ArchiveId } from '../../shared/contract/index.ts';
import { isValidShopId } from '../../shared/domain/shop-id.ts';
import type { ArchivedShopDocument, Storage } from '../core/ports.ts';
import { PEOPLE_DOCUMENT_VERSION, PeopleDocument } from '../core/sessions/people-document.ts';
import { SHOP_DOCUMENT_VERSION, ShopDocument } from '../core/shops/shop-document.ts';
import { openJsonDocument } from './json-document.ts';

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
  return stat(path).then(
    () => true,
    () => false,
  );
}

export function createFileStorage(root: string): Storage {
  const shopsRoot = join(root, 'shops');
  const archiveRoot = join(root, 'archive');
  function archiveDirectory(archiveId: string): string {
    if (!ArchiveId.safeParse(archiveId).success) throw new AppError('invalid_input', `invalid archive id ${JSON.stringify(archiveId)}`);
    return join(archiveRoot, archiveId);
  }
  return {
    async listShopIds() {
      await mkdir(shopsRoot, { recursive: true });
      const entries = await readdir(shopsRoot, { withFileTypes: true });
      // Symlinks are listed too, so that opening one fails loudly instead of being skipped in silence.
      return entries.filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && isValidShopId(entry.name)).map((entry) => entry.name).sort();
    },
    async openShop(shopId) {
      const directory = shopDirectory(root, shopId);
      await assertRealDirectory(directory);
      return openJsonDocument(join(directory, 'shop.json'), { schema: ShopDocument, version: SHOP_DOCUMENT_VERSION, initial: null });
    },
    async createShop(shopId, initial) {
      const directory = shopDirectory(root, shopId);
      await mkdir(directory, { recursive: true });
      await assertRealDirectory(directory);
      return openJsonDocument(join(directory, 'shop.json'), { schema: ShopDocument, version: SHOP_DOCUMENT_VERSION, initial: () => initial });
    },
    async archiveShop(shopId, at) {
      const from = shopDirectory(root, shopId);
      await assertRealDirectory(from);
      await mkdir(archiveRoot, { recursive: true });
      const archiveId = `${shopId}--${at}`;
      const to = archiveDirectory(archiveId);
      if (await exists(to)) throw new AppError('conflict', `${to} exists`);
      await rename(from, to);
      return archiveId;
    },
    async listArchived() {
      await mkdir(archiveRoot, { recursive: true });
      const archived: ArchivedShopDocument[] = [];
      for (const entry of await readdir(archiveRoot, { withFileTypes: true })) {
        if (!entry.isDirectory() || !ArchiveId.safeParse(entry.name).success) continue;
        const doc = await openJsonDocument(join(archiveRoot, entry.name, 'shop.json'), { schema: ShopDocument, version: SHOP_DOCUMENT_VERSION, initial: null });
        archived.push({ archiveId: entry.name, archivedAt: Number(entry.name.slice(entry.name.lastIndexOf('--') + 2)), document: doc.data });
      }
      return archived.sort((a, b) => b.archivedAt - a.archivedAt);
    },
    async restoreShop(archiveId) {
      const from = archiveDirectory(archiveId);
      const shopId = archiveId.slice(0, archiveId.lastIndexOf('--'));
      const to = shopDirectory(root, shopId);
      if (!(await exists(from))) throw new AppError('not_found', `no archived shop ${archiveId}`);
      if (await exists(to)) throw new AppError('conflict', `a shop folder ${shopId} exists already`);
      await mkdir(shopsRoot, { recursive: true });
      await rename(from, to);
      return shopId;
    },
    async openPeople(initial) {
      await mkdir(root, { recursive: true });
      return openJsonDocument(join(root, 'people.json'), { schema: PeopleDocument, version: PEOPLE_DOCUMENT_VERSION, initial });
    },
  };
}
