// The business's product catalogue: SKUs by 商家编码, each listed in the shops that sell it. Kept in memory (a
// shop sells hundreds, not millions), loaded from the organisation's database at start; every change is one write
// to the organisation's log, with the command's audit entry in the same transaction. Delegation as everywhere: a
// person edits a SKU only in shops where they hold stock.edit — adding it to a shop and taking it off one alike.
import {
  AppError,
  grants,
  grantsInShop,
  type MethodInput,
  type ProductCard,
  type SessionInfo,
  type Sku,
} from '../../../shared/contract/index.ts';
import { changesBetween } from '../command.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CommandTx } from '../module.ts';
import { ORG_LOG, type ShopStreams } from '../ports.ts';

export type SkuFilter = Readonly<{ shopId: string | null; query: string; includeArchived: boolean }>;

export interface SkuCatalogue {
  load(): void;
  list(session: SessionInfo, filter: SkuFilter): Sku[];
  get(code: string): Sku | null;
  all(): Sku[];
  /** A SKU an agent may send as a card in this shop (listed there, not archived), or null. */
  productOf(shopId: string, code: string): Sku | null;
  productCards(shopId: string, query: string): ProductCard[];
  save(session: SessionInfo, input: MethodInput<'inventory.saveSku'>, tx: CommandTx): Promise<Sku>;
  /** The demo's SKUs, listed in every demo shop (first run only). */
  seed(
    skus: readonly Readonly<{ code: string; title: string; priceFen: number }>[],
    shopIds: string[],
    at: number,
  ): Promise<void>;
}

const AUDITED_FIELDS = ['title', 'priceFen', 'shopIds', 'lowStockAt', 'archived'] as const;

function matches(sku: Sku, query: string): boolean {
  if (query === '') return true;
  const q = query.toLowerCase();
  return sku.code.toLowerCase().includes(q) || sku.title.toLowerCase().includes(q);
}

export function createSkuCatalogue(deps: Readonly<{ streams: ShopStreams; bus: EventBus }>): SkuCatalogue {
  let skus = new Map<string, Sku>();
  const newestFirst = (a: Sku, b: Sku) => b.updatedAt - a.updatedAt || a.code.localeCompare(b.code);
  const mayEditIn = (session: SessionInfo, shopId: string) => grants(grantsInShop(session, shopId), 'stock.edit');

  return {
    load() {
      skus = new Map(deps.streams.skus(ORG_LOG).map((sku) => [sku.code, sku]));
    },
    list(session, { shopId, query, includeArchived }) {
      // Everyone with stock.view sees SKUs not yet listed anywhere; listed ones only where they serve a shop.
      const inScope = (sku: Sku) =>
        session.shopIds === 'all' ||
        sku.shopIds.length === 0 ||
        sku.shopIds.some((id) => (session.shopIds as readonly string[]).includes(id));
      return [...skus.values()]
        .filter(
          (sku) =>
            (includeArchived || !sku.archived) &&
            (shopId === null ? inScope(sku) : sku.shopIds.includes(shopId)) &&
            matches(sku, query),
        )
        .sort(newestFirst);
    },
    get: (code) => skus.get(code) ?? null,
    all: () => [...skus.values()],
    productOf(shopId, code) {
      const sku = skus.get(code);
      return sku && !sku.archived && sku.shopIds.includes(shopId) ? sku : null;
    },
    productCards(shopId, query) {
      return [...skus.values()]
        .filter((sku) => !sku.archived && sku.shopIds.includes(shopId) && matches(sku, query))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map(({ code, title, priceFen }) => ({ code, title, priceFen }));
    },
    async save(session, { create, ...input }, tx) {
      const before = skus.get(input.code) ?? null;
      if (create && before) throw new AppError('conflict', `a SKU ${input.code} exists already`);
      if (!create && !before) throw new AppError('not_found', `no SKU ${input.code}`);
      // The shops the input names were checked by dispatch; the ones it takes the SKU off are checked here.
      const removed = (before?.shopIds ?? []).filter((id) => !input.shopIds.includes(id));
      if (removed.some((id) => !mayEditIn(session, id)))
        throw new AppError('forbidden', 'you may not take this SKU off a shop where you do not manage stock');
      const sku: Sku = { ...input, shopIds: [...new Set(input.shopIds)].sort(), updatedAt: tx.at };
      tx.record(before ? changesBetween(before, sku, AUDITED_FIELDS) : { created: { from: null, to: sku } });
      await tx.write(ORG_LOG, { skus: [sku] });
      skus.set(sku.code, sku);
      deps.bus.emit({ name: 'inventory.changed', payload: { shopId: null, code: sku.code } });
      return sku;
    },
    async seed(items, shopIds, at) {
      const fresh = items
        .filter((item) => !skus.has(item.code))
        .map((item): Sku => ({ ...item, shopIds: [...shopIds].sort(), lowStockAt: 5, archived: false, updatedAt: at }));
      if (fresh.length === 0) return;
      await deps.streams.write(ORG_LOG, { skus: fresh });
      for (const sku of fresh) skus.set(sku.code, sku);
    },
  };
}
