// Inventory, first part: the business's product catalogue. A SKU (商家编码) belongs to the business, not to a shop
// — the warehouse is one — and is listed in the shops that sell it. Agents send a SKU of their shop to a buyer as a
// product card. The stock ledger, goods-in, stocktake and shipping build on these SKUs.
import { z } from 'zod';
import { ShopId, Timestamp } from './common.ts';
import { command, defineMethods, event, query } from './define.ts';

/** 商家编码: letters, digits, `_`, `-` and `.` (sizes such as 1.8M), starting with a letter or digit. */
export const SKU_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const SkuCode = z.string().trim().regex(SKU_CODE_PATTERN, 'invalid SKU code');

export const Sku = z.object({
  code: SkuCode,
  title: z.string().trim().min(1).max(60),
  /** The list price in fen (分). */
  priceFen: z.number().int().nonnegative().max(100_000_000),
  /** The shops that sell it (product cards are offered there). */
  shopIds: z.array(ShopId).max(100),
  /** At or below this sellable quantity the SKU shows as low (DOMAIN.md: 5). */
  lowStockAt: z.number().int().nonnegative().max(100_000),
  /** No longer sold: kept for history, offered nowhere. */
  archived: z.boolean(),
  updatedAt: Timestamp,
});
export type Sku = z.infer<typeof Sku>;

/** What a product card shows, as offered to an agent in one shop. */
export const ProductCard = Sku.pick({ code: true, title: true, priceFen: true });
export type ProductCard = z.infer<typeof ProductCard>;

export const DEFAULT_LOW_STOCK_AT = 5;

export const inventoryMethods = defineMethods('inventory', {
  /** The catalogue (newest change first), narrowed to one shop's SKUs and to words in the code or title. */
  'inventory.skus': query(
    z
      .object({
        shopId: ShopId.nullable().default(null),
        query: z.string().trim().max(64).default(''),
        includeArchived: z.boolean().default(false),
      })
      .strict(),
    z.array(Sku),
    'stock.view',
  ),
  /** Adds a SKU or changes one (by code); `conflict` when `create` names a code that exists. */
  'inventory.saveSku': command(
    z
      .object({
        create: z.boolean(),
        code: SkuCode,
        title: z.string().trim().min(1).max(60),
        priceFen: z.number().int().nonnegative().max(100_000_000),
        shopIds: z.array(ShopId).max(100),
        lowStockAt: z.number().int().nonnegative().max(100_000).default(DEFAULT_LOW_STOCK_AT),
        archived: z.boolean().default(false),
      })
      .strict(),
    Sku,
    'stock.edit',
    { log: 'org', target: (input) => ({ kind: 'sku', id: input.code }) },
    { shopScope: ['shopIds[]'] },
  ),
  /** The SKUs an agent may send as product cards in this shop (listed there, not archived). */
  'inventory.productCards': query(
    z.object({ shopId: ShopId, query: z.string().trim().max(64).default('') }).strict(),
    z.array(ProductCard),
    'inbox.reply',
  ),
});

export const inventoryEvents = {
  /** The catalogue changed (a SKU added, edited or archived), here or in another window. */
  'inventory.changed': event(z.object({ shopId: z.null(), code: SkuCode }), 'stock.view'),
} as const;
