// Inventory, first part: the business's product catalogue. A SKU (商家编码) belongs to the business, not to a shop
// — the warehouse is one — and is listed in the shops that sell it. Agents send a SKU of their shop to a buyer as a
// product card. The stock ledger, goods-in, stocktake and shipping build on these SKUs.
import { z } from 'zod';
import { MAX_IMAGE_BYTES } from '../domain/image-file.ts';
import { empty, ShopId, Timestamp } from './common.ts';
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

const Quantities = z.object({
  normal: z.number().int(),
  damaged: z.number().int(),
  frozen: z.number().int(),
  occupied: z.number().int(),
  reserved: z.number().int(),
});

/** One SKU's stock as a row of the inventory table: quantities, what each of its shops may sell, and the risk. */
export const StockRow = z.object({
  code: SkuCode,
  title: z.string(),
  quantities: Quantities,
  /** normal − occupied − reserved. */
  available: z.number().int().nonnegative(),
  shops: z.array(z.object({ shopId: ShopId, canLock: z.number().int(), displayed: z.number().int() })),
  /** What the shops display together beyond what is available (0: none). */
  oversellRisk: z.number().int().nonnegative(),
  lowStockAt: z.number().int(),
  low: z.boolean(),
  allocation: z.object({
    buffer: z.number().int().nonnegative(),
    shops: z.record(z.string(), z.object({ exclusive: z.number().int().nonnegative(), coefficient: z.number() })),
  }),
});
export type StockRow = z.infer<typeof StockRow>;

export const StockMovementRow = z.object({
  id: z.string(),
  at: Timestamp,
  sku: z.string(),
  kind: z.string(),
  delta: Quantities.partial(),
  shopId: z.string().nullable(),
  orderId: z.string().nullable(),
  actorId: z.string().nullable(),
  note: z.string(),
});

/** An order of a tracked SKU that found no stock to lock when it came in (the platform sold what was not there). */
export const OversoldOrder = z.object({ shopId: ShopId, orderId: z.string(), sku: z.string(), at: Timestamp });

const StockKind = z.enum(['normal', 'damaged', 'frozen']);

export const stockMethods = defineMethods('inventory', {
  /** Stock per SKU of the catalogue (in scope), with each shop's sellable and the oversell risk. */
  'inventory.stock': query(
    z
      .object({
        shopId: ShopId.nullable().default(null),
        query: z.string().trim().max(64).default(''),
        lowOnly: z.boolean().default(false),
      })
      .strict(),
    z.object({
      rows: z.array(StockRow),
      oversold: z.array(OversoldOrder),
      /** Per shop: SKUs whose new figure its platform has not taken yet (库存同步; 0 when up to date). */
      syncPending: z.record(z.string(), z.number().int().nonnegative()),
    }),
    'stock.view',
  ),
  /** One SKU's ledger, newest first. */
  'inventory.movements': query(
    z.object({ sku: SkuCode, limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    z.array(StockMovementRow),
    'stock.view',
  ),
  /**
   * A movement made by a person: goods in, a count adjustment (±), a return, holding units back (reserve ±), or a
   * change of type (normal → damaged, damaged → normal …). Refused with `conflict` (details: the ledger's reason)
   * when it would make any quantity or the available stock negative.
   */
  'inventory.moveStock': command(
    z
      .object({
        sku: SkuCode,
        kind: z.enum(['goods_in', 'adjustment', 'return', 'reserve', 'type_change']),
        quantity: z
          .number()
          .int()
          .min(-1_000_000)
          .max(1_000_000)
          .refine((n) => n !== 0, 'a movement moves something'),
        from: StockKind.default('normal'),
        to: StockKind.default('normal'),
        note: z.string().trim().max(200).default(''),
      })
      .strict(),
    StockRow,
    'stock.edit',
    { log: 'org', target: (input) => ({ kind: 'sku', id: input.sku }) },
  ),
  /** How a SKU's stock is shared among its shops: a safety buffer, and per shop an exclusive share and a coefficient. */
  'inventory.setAllocation': command(
    z
      .object({
        sku: SkuCode,
        buffer: z.number().int().min(0).max(1_000_000),
        shops: z
          .array(
            z
              .object({
                shopId: ShopId,
                exclusive: z.number().int().min(0).max(1_000_000),
                coefficient: z.number().min(0).max(1),
              })
              .strict(),
          )
          .max(100),
      })
      .strict(),
    StockRow,
    'stock.edit',
    { log: 'org', target: (input) => ({ kind: 'sku', id: input.sku }) },
    { shopScope: ['shops[].shopId'] },
  ),
});

/** What goods-in inspects per product (DOMAIN.md): stains on light colours, holes, buttons, stitching, zips, colour. */
export const DEFECT_CODES = ['stain', 'hole', 'button', 'stitching', 'zip', 'colour', 'other'] as const;
export const DefectCode = z.enum(DEFECT_CODES);

const Plan = z.object({ sample: z.number().int(), accept: z.number().int(), reject: z.number().int() });

/**
 * A photo kept as evidence (a defect found at goods-in): JPEG, PNG or WebP, at most MAX_PHOTO_BYTES — the limit of a
 * chat picture (the page shrinks a camera's photo the same way before it sends it; one call stays under 1 MiB). Named by its SHA-256: the same
 * picture twice is one photo.
 */
export const MAX_PHOTO_BYTES = MAX_IMAGE_BYTES;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PhotoId = z.string().regex(/^[0-9a-f]{64}$/, 'invalid photo id');
/** A photo's bytes as base64, sent to be kept (at most MAX_PHOTO_BYTES once decoded). */
export const PhotoData = z
  .string()
  .max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const Photo = z.object({ photoId: PhotoId, mime: z.enum(PHOTO_TYPES), bytes: z.number().int().positive() });
export type Photo = z.infer<typeof Photo>;
/** Photos of one defect line at most. */
export const MAX_DEFECT_PHOTOS = 4;

export const GoodsInBatch = z.object({
  id: z.string(),
  at: Timestamp,
  supplier: z.string(),
  sku: SkuCode,
  lotSize: z.number().int().positive(),
  plan: z.object({ code: z.string(), inspect: z.number().int(), everyPiece: z.boolean(), major: Plan, minor: Plan }),
  found: z.object({ critical: z.number().int(), major: z.number().int(), minor: z.number().int() }),
  /** The lot's verdict by AQL from what the sample showed. */
  verdict: z.object({ accepted: z.boolean(), reasons: z.array(z.enum(['critical', 'major', 'minor'])) }),
  /** Pieces posted sellable, and pieces frozen for return to the supplier. */
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  defects: z.array(
    z.object({
      code: DefectCode,
      count: z.number().int().positive(),
      note: z.string(),
      /** Photos of the defect (batches recorded before photos have none). */
      photoIds: z.array(PhotoId).default([]),
    }),
  ),
  /** The inspection items the inspector ticked as checked. */
  checks: z.array(z.string()),
  note: z.string(),
  actorId: z.string().nullable(),
});
export type GoodsInBatch = z.infer<typeof GoodsInBatch>;

export const SupplierScore = z.object({
  supplier: z.string(),
  lots: z.number().int(),
  rejectedLots: z.number().int(),
  pieces: z.number().int(),
  rejectedPieces: z.number().int(),
  /** Share of pieces rejected, 0–1. */
  rejectRate: z.number(),
  lastAt: Timestamp,
});
export type SupplierScore = z.infer<typeof SupplierScore>;

export const goodsInMethods = defineMethods('inventory', {
  /**
   * Records a goods-in inspection and posts it: the accepted pieces sellable, the rejected frozen for return to the
   * supplier (one movement, in the same transaction). The AQL plan and verdict come from the lot size and the
   * defects found; accepted + rejected must be the lot size.
   */
  'inventory.receiveGoods': command(
    z
      .object({
        supplier: z.string().trim().min(1).max(60),
        sku: SkuCode,
        lotSize: z.number().int().min(1).max(35_000),
        found: z
          .object({
            critical: z.number().int().min(0).max(35_000),
            major: z.number().int().min(0).max(35_000),
            minor: z.number().int().min(0).max(35_000),
          })
          .strict(),
        accepted: z.number().int().min(0).max(35_000),
        rejected: z.number().int().min(0).max(35_000),
        defects: z
          .array(
            z
              .object({
                code: DefectCode,
                count: z.number().int().min(1).max(35_000),
                note: z.string().trim().max(200).default(''),
                photoIds: z.array(PhotoId).max(MAX_DEFECT_PHOTOS).default([]),
              })
              .strict(),
          )
          .max(20)
          .default([]),
        checks: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
        note: z.string().trim().max(200).default(''),
      })
      .strict()
      .refine((input) => input.accepted + input.rejected === input.lotSize, {
        message: 'accepted and rejected pieces add up to the lot',
      }),
    GoodsInBatch,
    'stock.edit',
    { log: 'org', target: (input) => ({ kind: 'sku', id: input.sku }) },
  ),
  /**
   * Keeps a photo for a goods-in record (base64 of the file's bytes). The type is read from the bytes, not taken from
   * the page; anything but a JPEG, PNG or WebP image, or a photo over MAX_PHOTO_BYTES, is refused. A photo is kept
   * once; the audit entry names it and its size (never its bytes).
   */
  'inventory.uploadPhoto': command(z.object({ data: PhotoData }).strict(), Photo, 'stock.edit', {
    log: 'org',
    target: (_input, output) => ({ kind: 'photo', id: output.photoId }),
  }),
  /** One kept photo, as base64. */
  'inventory.photo': query(z.object({ photoId: PhotoId }).strict(), Photo.extend({ data: z.string() }), 'stock.view'),
  /** Goods-in history (newest first), and each supplier's record. */
  'inventory.goodsIn': query(
    z
      .object({
        supplier: z.string().trim().max(60).default(''),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    z.object({ batches: z.array(GoodsInBatch), suppliers: z.array(SupplierScore) }),
    'stock.view',
  ),
});

/** A line's count: who and when; the figure is null for a counter looking at another person's count (blind). */
const Count = z.object({ count: z.number().int().nullable(), by: z.string(), at: Timestamp }).nullable();

/** A stocktake sheet. For a counter (without stock.edit) the book, variances and recount marks are null: a blind count. */
export const StocktakeSheet = z.object({
  id: z.string(),
  createdAt: Timestamp,
  createdBy: z.string(),
  status: z.enum(['counting', 'posted']),
  lines: z.array(
    z.object({
      sku: SkuCode,
      title: z.string(),
      book: z.number().int().nullable(),
      first: Count,
      second: Count,
      /** What the line waits for: its first count, a second counter, or nothing (done). */
      waiting: z.enum(['first', 'second', 'none']),
      variance: z.number().int().nullable(),
    }),
  ),
  postedAt: Timestamp.nullable(),
  postedBy: z.string().nullable(),
});
export type StocktakeSheet = z.infer<typeof StocktakeSheet>;

const SheetRef = z.object({ sheetId: z.string().min(1).max(64) }).strict();
const sheetTarget = (_: unknown, output: { id: string }) => ({ kind: 'stocktake', id: output.id });

export const stocktakeMethods = defineMethods('inventory', {
  /** Sheets, newest first (blind for counters). */
  'inventory.stocktakes': query(empty, z.array(StocktakeSheet), 'stock.view'),
  /** A sheet of the SKUs named (none: every SKU of the catalogue), with the book as it stands now. */
  'inventory.startStocktake': command(
    z.object({ skus: z.array(SkuCode).max(10_000).default([]) }).strict(),
    StocktakeSheet,
    'stock.edit',
    { log: 'org', target: sheetTarget },
  ),
  /**
   * Counts for lines of a sheet: a line's first count, or — where it differs from the book by more than 5 units or
   * 5% — its second, by another person. `conflict` for a line already done; `forbidden` when the first counter
   * would count again.
   */
  'inventory.submitCounts': command(
    SheetRef.extend({
      counts: z
        .array(z.object({ sku: SkuCode, count: z.number().int().min(0).max(10_000_000) }).strict())
        .min(1)
        .max(10_000),
    }).strict(),
    StocktakeSheet,
    'stock.view',
    { log: 'org', target: sheetTarget },
  ),
  /** Posts a fully counted sheet: each variance as a stocktake movement, both counts in the audit entry. */
  'inventory.postStocktake': command(SheetRef, StocktakeSheet, 'stock.edit', { log: 'org', target: sheetTarget }),
});

export const inventoryEvents = {
  /** The catalogue or a SKU's stock changed (a SKU edited, a movement, an allocation), here or in another window. */
  'inventory.changed': event(z.object({ shopId: z.null(), code: SkuCode }), 'stock.view'),
  /** How many stock figures wait for a shop's platform changed (库存同步). */
  'inventory.syncChanged': event(z.object({ shopId: ShopId, pending: z.number().int().nonnegative() }), 'stock.view'),
} as const;
