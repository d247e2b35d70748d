// The storage port on the local file system: `<root>/people.json` and `<root>/shops/<shopId>/shop.json`.
// Shop ids are validated, and the resolved folder must lie inside `<root>/shops` and must not be a symlink,
// before any path is touched.
import { lstat, mkdir, readdir } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { AppError } from '../../shared/contract/index.ts';
import { isValidShopId } from '../../shared/domain/shop-id.ts';
import type { Storage } from '../core/ports.ts';
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

export function createFileStorage(root: string): Storage {
  const shopsRoot = join(root, 'shops');
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
    async openPeople(initial) {
      await mkdir(root, { recursive: true });
      return openJsonDocument(join(root, 'people.json'), { schema: PeopleDocument, version: PEOPLE_DOCUMENT_VERSION, initial });
    },
  };
}
