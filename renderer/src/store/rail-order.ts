// The order of the shop rail, which Ctrl+1…9 and the quick switcher follow too: grouped by platform (in the order
// of PLATFORMS), each group in the shops' own order. Pure.
import type { Shop } from '../../../shared/contract/index.ts';
import { PLATFORMS } from '../../../shared/domain/platforms.ts';

export function railOrder(shops: readonly Shop[]): Shop[] {
  const rank = new Map<string, number>(PLATFORMS.map((platform, i) => [platform, i]));
  return shops
    .map((shop, index) => ({ shop, index }))
    .sort((a, b) => rank.get(a.shop.platform)! - rank.get(b.shop.platform)! || a.index - b.index)
    .map(({ shop }) => shop);
}

/** Shops whose name, short name or platform label contains the text (case-insensitive), for the quick switcher. */
export function matchShops(
  shops: readonly Shop[],
  text: string,
  platformLabel: (platform: Shop['platform']) => string,
): Shop[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [...shops];
  return shops.filter((shop) =>
    [shop.name, shop.shortName, platformLabel(shop.platform), shop.mainAccount].some((field) =>
      field.toLowerCase().includes(needle),
    ),
  );
}
