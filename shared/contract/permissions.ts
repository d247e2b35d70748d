// The permission tree: one node per module, children below it with dots. Granting a node grants its whole
// subtree (DOMAIN.md); `*` is the owner's grant of everything. Methods name the node they need.
export const PERMISSIONS = [
  'inbox',
  'inbox.view',
  'inbox.reply',
  'inbox.supervise',
  'orders',
  'orders.view',
  'orders.import',
  'orders.priceChange',
  'orders.refund',
  'orders.export',
  'stock',
  'stock.view',
  'stock.edit',
  'shipping',
  'shipping.view',
  'shipping.confirm',
  'roster',
  'roster.view',
  'roster.edit',
  'reports',
  'reports.view',
  'reports.export',
  'audit',
  'audit.view',
  'settings',
  'settings.shops',
  'settings.app',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export type Grant = Permission | '*';

/** What a session holds in one shop: the owner everything; anyone else their grants there. */
export function grantsInShop(
  session: Readonly<{
    kind: string;
    grants: readonly Grant[];
    shopGrants?: Readonly<Record<string, readonly Grant[]>>;
  }>,
  shopId: string,
): readonly Grant[] {
  if (session.kind === 'owner') return ['*'];
  return session.shopGrants?.[shopId] ?? [];
}

/** Does a set of grants cover `needed`? A grant covers itself and every node below it. */
export function grants(held: readonly Grant[], needed: Permission): boolean {
  for (const grant of held) {
    if (grant === '*' || grant === needed || needed.startsWith(`${grant}.`)) return true;
  }
  return false;
}
