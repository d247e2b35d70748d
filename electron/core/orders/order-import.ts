// Importing the order exports of the seller centres (CSV in UTF-8 or GBK, or XLSX): the file arrives in parts and is
// staged here; a preview reads it once (kept as a table for the mapping step) and says row by row what importing
// would do; the import checks it again and writes every order in one transaction with its audit entry — or
// nothing, when any row has a problem. Rows of one order number with different SKUs are that order's lines (the
// order's own columns the same on each). Known order numbers are updates merged as a connector's redelivery is
// (order-book.ts: history kept, nothing silently replaced). Orders of catalogue SKUs then lock their stock.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  AppError,
  type ImportProblem,
  type MethodInput,
  type Order,
  type OrderImportPreview,
  type OrderImportResult,
  type SessionInfo,
} from '../../../shared/contract/index.ts';
import { MAX_ORDER_LINES, MAX_UPLOAD_BYTES } from '../../../shared/contract/orders.ts';
import { markGifts, withLines, type LineIn } from '../../../shared/domain/orders/order-lines.ts';
import {
  detectLayout,
  IMPORT_FIELDS,
  LAYOUT_OF_PLATFORM,
  missingFields,
  readRow,
  type ImportedOrder,
  type ImportField,
  type RowOutcome,
} from '../../../shared/domain/orders/order-export.ts';
import type { Platform } from '../../../shared/domain/platforms.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CommandTx } from '../module.ts';
import type { OrderChange, ShopStreams } from '../ports.ts';
import { mergeOrder } from './order-book.ts';

/** A file read into a table: its header row and the rows below it, as text. */
type Table = Readonly<{
  fileKind: 'csv' | 'xlsx';
  encoding: OrderImportPreview['encoding'];
  headers: string[];
  rows: string[][];
  /** The file's row of the first data row (the header row counts, and any title line above it). */
  firstLine: number;
}>;
type Upload = {
  personId: string;
  parts: Buffer[];
  bytes: number;
  complete: boolean;
  touchedAt: number;
  table?: Table;
  /** The rows as read with one mapping (the preview's), so the import that follows does not read them again. */
  read?: { mapping: string; outcomes: RowOutcome[] };
};

const UPLOAD_TTL_MS = 30 * 60_000;
const MAX_PROBLEMS_SHOWN = 500;
/** Rows between progress events (and yields to the event loop, so other windows are served meanwhile). */
const PROGRESS_EVERY = 5_000;

export interface OrderImport {
  uploadPart(session: SessionInfo, input: MethodInput<'orders.uploadPart'>): { uploadId: string; bytes: number };
  preview(session: SessionInfo, input: MethodInput<'orders.previewImport'>): Promise<OrderImportPreview>;
  apply(session: SessionInfo, input: MethodInput<'orders.importOrders'>, tx: CommandTx): Promise<OrderImportResult>;
}

export function createOrderImport(
  deps: Readonly<{
    streams: ShopStreams;
    bus: EventBus;
    clock: { now(): number };
    ids: { next(prefix: string): string };
    platformOf(shopId: string): Platform;
    shipWithinHours(shopId: string): number;
    /** Orders written by the import, as stored: stock follows them (lock, ship, release). */
    onImported(orders: readonly Order[]): Promise<{ locked: number; oversold: number }>;
  }>,
): OrderImport {
  const uploads = new Map<string, Upload>();

  const sweep = (now: number) => {
    for (const [id, upload] of uploads) if (now - upload.touchedAt > UPLOAD_TTL_MS) uploads.delete(id);
  };
  const uploadOf = (session: SessionInfo, uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (!upload || upload.personId !== session.userId)
      throw new AppError('not_found', 'the uploaded file is gone (uploads are kept 30 minutes): choose the file again');
    if (!upload.complete) throw new AppError('conflict', 'the file has not been uploaded completely');
    upload.touchedAt = deps.clock.now();
    return upload;
  };
  const progress = async (
    session: SessionInfo,
    shopId: string,
    uploadId: string,
    phase: 'read' | 'check' | 'write',
    done: number,
    total: number,
  ) => {
    deps.bus.emit({
      name: 'orders.importProgress',
      payload: { shopId, personId: session.userId, uploadId, phase, done, total },
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  async function tableOf(session: SessionInfo, shopId: string, uploadId: string): Promise<Table> {
    const upload = uploadOf(session, uploadId);
    if (upload.table) return upload.table;
    await progress(session, shopId, uploadId, 'read', 0, upload.bytes);
    const table = await readTable(Buffer.concat(upload.parts));
    upload.parts = [];
    upload.table = table;
    await progress(session, shopId, uploadId, 'read', upload.bytes, upload.bytes);
    return table;
  }

  /** Every row checked and merged with the orders on file: what the preview shows and the import writes. */
  async function check(session: SessionInfo, input: MethodInput<'orders.previewImport'>) {
    const { shopId, uploadId } = input;
    const table = await tableOf(session, shopId, uploadId);
    const detected = detectLayout(table.headers, LAYOUT_OF_PLATFORM[deps.platformOf(shopId)]);
    const mapping: Partial<Record<ImportField, string | null>> = { ...detected.mapping, ...(input.mapping ?? {}) };
    const missing = missingFields(mapping, table.headers);
    const columnOf = new Map<ImportField, number>();
    for (const field of IMPORT_FIELDS) {
      const header = mapping[field];
      const index = header ? table.headers.indexOf(header) : -1;
      if (index >= 0) columnOf.set(field, index);
    }
    const problems: ImportProblem[] = [];
    let problemCount = 0;
    const problem = (p: ImportProblem) => {
      problemCount += 1;
      if (problems.length < MAX_PROBLEMS_SHOWN) problems.push(p);
    };
    const counts = { creates: 0, updates: 0, unchanged: 0, unpaid: 0, duplicates: 0 };
    const writes: Order[] = [];
    const changes: OrderChange[] = [];
    const seen = new Map<string, { line: number; order: ImportedOrder; lines: LineIn[] }>();
    // Rows are read once per mapping; merging with the orders on file is done anew on every check.
    const upload = uploadOf(session, uploadId);
    const mappingKey = JSON.stringify(mapping);
    if (upload.read?.mapping !== mappingKey) upload.read = { mapping: mappingKey, outcomes: [] };
    const outcomes = upload.read.outcomes;
    // The shop's order numbers in one read: only those already on file are read whole (to merge).
    const knownIds = missing.length === 0 ? deps.streams.orderIds(shopId) : new Set<string>();
    const at = deps.clock.now();
    const promiseMs = deps.shipWithinHours(shopId) * 3_600_000;
    if (missing.length === 0) {
      for (let r = 0; r < table.rows.length; r += 1) {
        if (r > 0 && r % PROGRESS_EVERY === 0) await progress(session, shopId, uploadId, 'check', r, table.rows.length);
        const cells = table.rows[r]!;
        const line = r + table.firstLine;
        const outcome = (outcomes[r] ??= readRow((field) => {
          const index = columnOf.get(field);
          return index === undefined ? undefined : cells[index];
        }));
        if (outcome.kind === 'problems') {
          for (const p of outcome.problems)
            problem({ line, field: p.field, column: mapping[p.field] ?? null, code: p.message, value: p.value });
          continue;
        }
        if (outcome.kind === 'unpaid') {
          counts.unpaid += 1;
          continue;
        }
        const row = outcome.order;
        const earlier = seen.get(row.id);
        if (!earlier) {
          seen.set(row.id, { line, order: row, lines: [lineOf(row)] });
          continue;
        }
        // Another row of an order already read: the same line again, another line of it, or a conflict.
        const same = earlier.lines.find((l) => l.sku === row.sku);
        const orderAgrees = sameOrder(earlier.order, row);
        if (same && sameLine(same, row) && orderAgrees) counts.duplicates += 1;
        else if (same || !orderAgrees)
          problem({
            line,
            field: 'orderId',
            column: mapping.orderId ?? null,
            code: 'duplicate_conflict',
            value: String(earlier.line),
          });
        else if (earlier.lines.length >= MAX_ORDER_LINES)
          problem({ line, field: 'sku', column: mapping.sku ?? null, code: 'too_many_lines', value: row.sku });
        else earlier.lines.push(lineOf(row));
      }
      // Each order with all its lines, merged with the one on file.
      for (const { order: row, lines } of seen.values()) {
        const order = toOrder(row, lines, shopId, promiseMs);
        const known = knownIds.has(order.id) ? deps.streams.order(shopId, order.id) : null;
        if (known === null) {
          counts.creates += 1;
          writes.push(order);
          continue;
        }
        const merged = mergeOrder(known, order, at);
        if (merged.change === null) counts.unchanged += 1;
        else {
          counts.updates += 1;
          writes.push(merged.order);
          changes.push(merged.change);
        }
      }
    }
    const preview: OrderImportPreview = {
      fileKind: table.fileKind,
      encoding: table.encoding,
      headers: table.headers.slice(0, 200),
      layout: detected.layout,
      mapping: Object.fromEntries(IMPORT_FIELDS.map((field) => [field, mapping[field] ?? null])),
      missing,
      rows: table.rows.length,
      ...counts,
      problems,
      problemCount,
      sample: writes.slice(0, 5),
    };
    return { preview, writes, changes };
  }

  return {
    uploadPart(session, input) {
      const now = deps.clock.now();
      sweep(now);
      let uploadId = input.uploadId;
      let upload: Upload | undefined;
      if (uploadId === null) {
        // One staged file per person: a new upload replaces the last (the memory held stays bounded).
        for (const [id, other] of uploads) if (other.personId === session.userId) uploads.delete(id);
        uploadId = deps.ids.next('up');
        upload = { personId: session.userId, parts: [], bytes: 0, complete: false, touchedAt: now };
        uploads.set(uploadId, upload);
      } else {
        upload = uploads.get(uploadId);
        if (!upload || upload.personId !== session.userId || upload.complete)
          throw new AppError('not_found', 'this upload is gone or complete: choose the file again');
      }
      const part = Buffer.from(input.part, 'base64');
      if (upload.bytes + part.byteLength > MAX_UPLOAD_BYTES) {
        uploads.delete(uploadId);
        throw new AppError('payload_too_large', `a file may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
      }
      upload.parts.push(part);
      upload.bytes += part.byteLength;
      upload.touchedAt = now;
      if (input.last) upload.complete = true;
      return { uploadId, bytes: upload.bytes };
    },
    async preview(session, input) {
      return (await check(session, input)).preview;
    },
    async apply(session, input, tx) {
      const { preview, writes, changes } = await check(session, input);
      if (preview.missing.length > 0)
        throw new AppError('invalid_input', `columns not mapped: ${preview.missing.join(', ')}`, {
          missing: preview.missing,
        });
      if (preview.problemCount > 0)
        throw new AppError('invalid_input', `${preview.problemCount} problems in the file: nothing was imported`, {
          problemCount: preview.problemCount,
        });
      const summary = {
        rows: preview.rows,
        creates: preview.creates,
        updates: preview.updates,
        unchanged: preview.unchanged,
        unpaid: preview.unpaid,
        duplicates: preview.duplicates,
      };
      tx.record({ import: { from: null, to: { ...summary, layout: preview.layout, encoding: preview.encoding } } });
      await progress(session, input.shopId, input.uploadId, 'write', 0, writes.length);
      if (writes.length > 0) await tx.write(input.shopId, { orders: writes, orderChanges: changes });
      await progress(session, input.shopId, input.uploadId, 'write', writes.length, writes.length);
      uploads.delete(input.uploadId);
      if (writes.length > 0) deps.bus.emit({ name: 'orders.changed', payload: { shopId: input.shopId } });
      const stock = await deps.onImported(writes);
      return { ...summary, stockLocked: stock.locked, oversold: stock.oversold };
    },
  };
}

/** The same line again (an export that repeats an order): every field alike. */
/** The fields of a row that describe one line of its order; the rest describe the order, the same on every line. */
const LINE_FIELDS = new Set<keyof ImportedOrder>(['sku', 'title', 'quantity']);

function sameOrder(a: ImportedOrder, b: ImportedOrder): boolean {
  return (Object.keys(a) as (keyof ImportedOrder)[]).every((field) => LINE_FIELDS.has(field) || a[field] === b[field]);
}

const lineOf = (row: ImportedOrder): LineIn => ({
  sku: row.sku,
  title: row.title,
  quantity: row.quantity,
  amountFen: null,
});
const sameLine = (line: LineIn, row: ImportedOrder) => line.title === row.title && line.quantity === row.quantity;

/**
 * An order of the file with its lines. The amount column is the order's total (as the seller centres' headers say:
 * 买家实际支付金额, 订单金额), repeated on each of its rows: an order of one line paid it for that line; with more,
 * what each line cost is not in the file.
 */
function toOrder(row: ImportedOrder, lines: readonly LineIn[], shopId: string, promiseMs: number): Order {
  const { shipBy, ...rest } = row;
  return withLines({
    ...rest,
    shopId,
    shipBy: shipBy ?? row.paidAt + promiseMs,
    // The export does not say when the order reached its state: the payment time stands in for it.
    statusAt: row.paidAt,
    shipmentSync: null,
    shipmentNote: '',
    lines: markGifts(lines.length === 1 ? [{ ...lines[0]!, amountFen: row.amountFen }] : lines),
  });
}

/** The file's bytes → its header row and rows: XLSX by its ZIP signature, else CSV text in the encoding it has. */
export async function readTable(bytes: Buffer): Promise<Table> {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return readXlsx(bytes);
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  return { fileKind: 'csv', encoding, ...splitHeader(parsed.data) };
}

/** UTF-8 (with or without BOM), UTF-16 with its BOM, else GB18030 (a superset of the GBK the seller centres write). */
export function decodeText(bytes: Buffer): { text: string; encoding: Table['encoding'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_input', 'the file is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('invalid_input', 'the workbook has no sheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let c = 1; c < values.length; c += 1) cells.push(cellOf(values[c]));
    rows.push(cells);
  });
  return { fileKind: 'xlsx', encoding: 'xlsx', ...splitHeader(rows) };
}

/** A workbook cell as text: dates as the wall-clock time they show, formulas as their result, rich text joined. */
function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; formula?: string };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellOf(v.result);
    if (typeof v.text === 'string') return v.text;
    if (typeof v.formula === 'string') return `=${v.formula}`;
    return '';
  }
  // A number past 2^53 lost digits when the workbook stored it: shown as Excel shows it (1.2E+18), never guessed.
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return value.toExponential().toUpperCase();
  return String(value);
}

/** The header row is the first with two or more cells (seller centres put a title line above it now and then). */
function splitHeader(data: string[][]): Pick<Table, 'headers' | 'rows' | 'firstLine'> {
  const at = data.findIndex((row) => row.filter((cell) => cell.trim() !== '').length >= 2);
  if (at < 0) throw new AppError('invalid_input', 'the file has no header row');
  return {
    headers: data[at]!.map((h) => h.replace(/^\uFEFF/, '').trim()),
    rows: data.slice(at + 1),
    firstLine: at + 2,
  };
}
