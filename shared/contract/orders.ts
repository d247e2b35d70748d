// Orders: what the platforms sold, kept per shop (new deliveries of a known order are updates with history).
import { z } from 'zod';
import { ShopId, Timestamp } from './common.ts';
import { IMPORT_FIELDS, IMPORT_LAYOUTS } from '../domain/orders/order-export.ts';
import { command, defineMethods, event, query } from './define.ts';

/** An order's state as the platforms name it: 待发货, 已发货, 已签收, 退款中, 已关闭. */
export const ORDER_STATUSES = ['awaiting_shipment', 'shipped', 'received', 'refunding', 'closed'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** The most lines one order holds (a seller centre's basket is far smaller). */
export const MAX_ORDER_LINES = 50;

/** One line of an order: a SKU, its units, what the buyer paid for them, and whether it is a gift (赠品). */
export const OrderLine = z.object({
  sku: z.string(),
  title: z.string(),
  quantity: z.number().int().min(1).max(100_000),
  /** null: not known (an order export gives only the order's total). */
  amountFen: z.number().int().nonnegative().nullable(),
  gift: z.boolean(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = z.object({
  id: z.string(),
  shopId: ShopId,
  buyerId: z.string(),
  /** The order's first line (what a list, a search and a chat's order card name); `lines` holds them all. */
  sku: z.string(),
  title: z.string(),
  /** What the buyer paid for the whole order. */
  amountFen: z.number().int().nonnegative(),
  paidAt: Timestamp,
  shipBy: Timestamp,
  status: OrderStatus,
  /** When the order reached its current status. */
  statusAt: Timestamp,
  trackingNumber: z.string().max(64).nullable(),
  /** Units of the first line's SKU. */
  quantity: z.number().int().min(1).max(100_000),
  /** Every line, the first as above; gifts included (they are packed and their stock locked like the rest). */
  lines: z.array(OrderLine).min(1).max(MAX_ORDER_LINES),
  courier: z.string().max(500).nullable(),
  /** The consignee as the platform gives them (masked on printed slips, GB/T 41833). */
  consigneeName: z.string().max(500).nullable(),
  consigneePhone: z.string().max(500).nullable(),
  address: z.string().max(500).nullable(),
  buyerNote: z.string().max(500),
  sellerMemo: z.string().max(500),
  /**
   * A shipment made here, on its way to the platform: waiting (offline, or not yet taken), taken, or refused with
   * the platform's reason. null: nothing shipped here (or shipped in the seller centre).
   */
  shipmentSync: z.enum(['pending', 'sent', 'refused']).nullable(),
  shipmentNote: z.string().max(500),
});
export type Order = z.infer<typeof Order>;

/** An order line's details when the platform gives none (one unit, no consignee or notes on file). */
export const NO_ORDER_DETAILS = {
  quantity: 1,
  courier: null,
  consigneeName: null,
  consigneePhone: null,
  address: null,
  buyerNote: '',
  sellerMemo: '',
  shipmentSync: null,
  shipmentNote: '',
} as const satisfies Partial<Order>;

export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;
/** Base64 of one part of a file: an order export is sent in parts, each within one browser-mode frame. */
export const MAX_UPLOAD_PART_CHARS = 700_000;
/** An order export as large as a seller centre writes (100,000 rows of ~40 columns is ~30 MB). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const UploadId = z.string().regex(/^up_[A-Za-z0-9_-]{1,60}$/);

/** Which column of the file each field is read from (null: none; omitted: the detected layout's). */
export const ColumnMappingInput = z.partialRecord(ImportField, z.string().max(200).nullable());
const ImportInput = z
  .object({ uploadId: UploadId, shopId: ShopId, mapping: ColumnMappingInput.nullable().default(null) })
  .strict();

export const IMPORT_PROBLEMS = [
  'missing',
  'bad_order_id',
  'shortened_number',
  'bad_sku',
  'bad_quantity',
  'bad_amount',
  'bad_status',
  'bad_time',
  'too_long',
  'duplicate_conflict',
  'too_many_lines',
] as const;
export const ImportProblem = z.object({
  /** The row of the file, counting the header row as 1. */
  line: z.number().int(),
  field: ImportField,
  /** The file's column (null: the mapping has none). */
  column: z.string().nullable(),
  code: z.enum(IMPORT_PROBLEMS),
  /** The cell as read (cut to 40 characters), or the earlier line a duplicate conflicts with. */
  value: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const OrderImportPreview = z.object({
  fileKind: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'utf-16le', 'gb18030', 'xlsx']),
  headers: z.array(z.string()),
  layout: z.enum(IMPORT_LAYOUTS),
  mapping: z.record(z.string(), z.string().nullable()),
  /** Required fields the mapping leaves without a column: nothing can be imported until they are mapped. */
  missing: z.array(ImportField),
  rows: z.number().int(),
  creates: z.number().int(),
  updates: z.number().int(),
  unchanged: z.number().int(),
  /** Not yet paid: skipped (an unpaid order is no order to ship). */
  unpaid: z.number().int(),
  /** The same line again in the file: read once. */
  duplicates: z.number().int(),
  /** The first problems (at most 500); `problemCount` has them all. */
  problems: z.array(ImportProblem),
  problemCount: z.number().int(),
  sample: z.array(Order),
});
export type OrderImportPreview = z.infer<typeof OrderImportPreview>;

export const OrderImportResult = OrderImportPreview.pick({
  rows: true,
  creates: true,
  updates: true,
  unchanged: true,
  unpaid: true,
  duplicates: true,
}).extend({
  /** Orders of catalogue SKUs that locked stock, and those that found none (oversold). */
  stockLocked: z.number().int(),
  oversold: z.number().int(),
});
export type OrderImportResult = z.infer<typeof OrderImportResult>;

export const ordersMethods = defineMethods('orders', {
  'orders.list': query(
    z
      .object({
        shopId: ShopId.nullable().default(null),
        buyerId: z.string().min(1).max(128).nullable().default(null),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.array(Order),
    'orders.view',
  ),
  /**
   * One part of an order export (base64), staged in the core for the import that follows: the first part opens
   * the upload (uploadId null), the last says so. Staging changes nothing; the import is the audited step.
   */
  'orders.uploadPart': query(
    z
      .object({
        uploadId: UploadId.nullable(),
        part: z.string().max(MAX_UPLOAD_PART_CHARS),
        last: z.boolean(),
      })
      .strict(),
    z.object({ uploadId: UploadId, bytes: z.number().int() }),
    'orders.import',
  ),
  /** Reads the uploaded export (CSV in UTF-8 or GBK, or XLSX) and says what importing it would do, row by row. */
  'orders.previewImport': query(ImportInput, OrderImportPreview, 'orders.import'),
  /** Imports the export: every order in one transaction, or nothing when any row has a problem. */
  'orders.importOrders': command(ImportInput, OrderImportResult, 'orders.import', {
    log: 'shop',
    target: (input) => ({ kind: 'orderImport', id: input.uploadId }),
  }),
});

export const ordersEvents = {
  /** How far an import has read, checked or written its rows (to the person importing). */
  'orders.importProgress': event(
    z.object({
      shopId: ShopId,
      personId: z.string(),
      uploadId: UploadId,
      phase: z.enum(['read', 'check', 'write']),
      done: z.number().int(),
      total: z.number().int(),
    }),
    'orders.import',
    { toPerson: true },
  ),
  /** Orders of a shop were added or changed in bulk (an import): lists of orders read again. */
  'orders.changed': event(z.object({ shopId: ShopId }), 'orders.view'),
} as const;
