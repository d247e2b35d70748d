// The order exports sellers download from their seller centres (订单报表 and the like), read without an API. Each
// platform names its columns its own way and renames them now and then, so a layout is a list of header names per
// field, matched after trimming (an unknown layout is mapped by hand in the import dialog). Cells are read as the
// platforms write them: amounts in yuan ("¥128.00", "1,280.5"), times in China time without a zone, order numbers
// wrapped as ="2345…" so that Excel keeps their digits — and an order number Excel already shortened to 1.2E+18 is
// refused rather than guessed. Pure: the core decodes and parses the file; this maps and validates its rows.
import { CHINA_OFFSET_MS } from '../china-time.ts';
import { SKU_CODE_PATTERN } from '../../contract/inventory.ts';
import type { Platform } from '../platforms.ts';

export const IMPORT_FIELDS = [
  'orderId',
  'buyerId',
  'sku',
  'title',
  'quantity',
  'amount',
  'status',
  'paidAt',
  'createdAt',
  'shipBy',
  'consigneeName',
  'consigneePhone',
  'address',
  'courier',
  'trackingNumber',
  'buyerNote',
  'sellerMemo',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Without these a row is no order; the others have defaults (quantity 1, ship-by from the shop's promise). */
export const REQUIRED_FIELDS: readonly ImportField[] = ['orderId', 'buyerId', 'sku', 'title', 'amount', 'status'];

export type ImportLayout = 'taobao' | 'jd' | 'pinduoduo' | 'douyin';
export const IMPORT_LAYOUTS: readonly ImportLayout[] = ['taobao', 'jd', 'pinduoduo', 'douyin'];
export const LAYOUT_OF_PLATFORM: Readonly<Record<Platform, ImportLayout>> = {
  tmall: 'taobao',
  taobao: 'taobao',
  jd: 'jd',
  pinduoduo: 'pinduoduo',
  douyin: 'douyin',
};

/** Header names per field, as each seller centre's export writes them (the first that is present wins). */
export const LAYOUT_HEADERS: Readonly<Record<ImportLayout, Readonly<Partial<Record<ImportField, readonly string[]>>>>> =
  {
    // 淘宝/天猫 卖家中心 → 已卖出的宝贝 → 批量导出 (订单报表, with the 宝贝报表's 商家编码 merged in).
    taobao: {
      orderId: ['订单编号', '主订单编号'],
      buyerId: ['买家会员名', '买家昵称'],
      sku: ['商家编码', '宝贝商家编码', '外部系统编号'],
      title: ['宝贝标题', '商品标题'],
      quantity: ['宝贝总数量', '购买数量'],
      amount: ['买家实际支付金额', '总金额'],
      status: ['订单状态'],
      paidAt: ['订单付款时间', '付款时间'],
      createdAt: ['订单创建时间'],
      shipBy: ['最晚发货时间'],
      consigneeName: ['收货人姓名'],
      consigneePhone: ['联系手机', '联系电话'],
      address: ['收货地址'],
      courier: ['物流公司'],
      trackingNumber: ['物流单号'],
      buyerNote: ['买家留言'],
      sellerMemo: ['订单备注', '卖家备注'],
    },
    // 京东 商家后台 → 订单管理 → 订单导出.
    jd: {
      orderId: ['订单号'],
      buyerId: ['下单帐号', '下单账号', '客户账号'],
      sku: ['商家SKU', '商品编号', '商家编码'],
      title: ['商品名称'],
      quantity: ['订购数量', '商品数量'],
      amount: ['应付金额', '订单金额'],
      status: ['订单状态'],
      paidAt: ['付款确认时间', '付款时间'],
      createdAt: ['下单时间'],
      shipBy: ['预计发货时间', '最晚出库时间'],
      consigneeName: ['客户姓名', '收货人'],
      consigneePhone: ['联系电话', '收货人手机'],
      address: ['客户地址', '收货地址'],
      courier: ['承运商', '快递公司'],
      trackingNumber: ['运单号'],
      buyerNote: ['订单备注', '买家备注'],
      sellerMemo: ['商家备注'],
    },
    // 拼多多 商家后台 → 订单查询 → 导出订单.
    pinduoduo: {
      orderId: ['订单号'],
      buyerId: ['买家ID', '用户ID'],
      sku: ['商家编码-SKU维度', '商家编码-商品维度', '商家编码'],
      title: ['商品'],
      quantity: ['商品数量(件)', '商品数量'],
      amount: ['用户实付金额(元)', '商家实收金额(元)'],
      status: ['订单状态'],
      paidAt: ['支付时间'],
      createdAt: ['订单成交时间'],
      shipBy: ['承诺发货时间'],
      consigneeName: ['收货人'],
      consigneePhone: ['手机'],
      address: ['详细地址', '收货地址'],
      courier: ['快递公司'],
      trackingNumber: ['快递单号'],
      buyerNote: ['买家留言'],
      sellerMemo: ['商家备注'],
    },
    // 抖店 → 订单管理 → 批量导出.
    douyin: {
      orderId: ['主订单编号', '订单编号'],
      buyerId: ['买家昵称', '用户昵称'],
      sku: ['商家编码', 'SKU编码'],
      title: ['选购商品', '商品名称'],
      quantity: ['商品数量'],
      amount: ['订单应付金额', '实付金额'],
      status: ['订单状态'],
      paidAt: ['支付完成时间', '支付时间'],
      createdAt: ['订单提交时间'],
      shipBy: ['预计发货时间', '承诺发货时间'],
      consigneeName: ['收件人'],
      consigneePhone: ['收件人手机号'],
      address: ['详细地址', '收件地址'],
      courier: ['快递公司'],
      trackingNumber: ['快递单号'],
      buyerNote: ['买家留言'],
      sellerMemo: ['商家备注'],
    },
  };

/** A field → the header it is read from (null: the file has no such column). */
export type ColumnMapping = Readonly<Partial<Record<ImportField, string | null>>>;

/** The layout whose headers match the file best (the shop's platform first on a tie), and its mapping. */
export function detectLayout(
  headers: readonly string[],
  preferred: ImportLayout,
): { layout: ImportLayout; mapping: ColumnMapping; missing: ImportField[] } {
  const present = new Set(headers.map((h) => h.trim()));
  const score = (layout: ImportLayout) =>
    IMPORT_FIELDS.filter((field) => (LAYOUT_HEADERS[layout][field] ?? []).some((h) => present.has(h))).length;
  const ordered = [preferred, ...IMPORT_LAYOUTS.filter((l) => l !== preferred)];
  const layout = ordered.reduce((best, next) => (score(next) > score(best) ? next : best), preferred);
  const mapping: Partial<Record<ImportField, string | null>> = {};
  for (const field of IMPORT_FIELDS)
    mapping[field] = (LAYOUT_HEADERS[layout][field] ?? []).find((h) => present.has(h)) ?? null;
  return { layout, mapping, missing: missingFields(mapping, headers) };
}

/** Required fields the mapping leaves without a column of the file. */
export function missingFields(mapping: ColumnMapping, headers: readonly string[]): ImportField[] {
  const present = new Set(headers.map((h) => h.trim()));
  return REQUIRED_FIELDS.filter((field) => {
    const header = mapping[field];
    return header === null || header === undefined || !present.has(header);
  });
}

/** The platforms' order states (one table: the words differ little between seller centres) → the console's. */
const STATUS_WORDS: ReadonlyArray<readonly [RegExp, ImportedStatus]> = [
  // A refund that went through closes the order (未发货，退款成功); one still open is a refund in progress.
  [/退款成功|退款完成|关闭|取消/, 'closed'],
  [/退款|售后|锁定/, 'refunding'],
  [/等待买家付款|待付款|待支付|未付款|等待付款/, 'unpaid'],
  [/交易成功|已签收|已完成|^完成$|已确认收货/, 'received'],
  [/已发货|等待买家确认|等待确认收货|已出库|待签收|待收货/, 'shipped'],
  [/等待卖家发货|待发货|等待出库|等待发货|备货中|已付款/, 'awaiting_shipment'],
];
export type ImportedStatus = 'awaiting_shipment' | 'shipped' | 'received' | 'refunding' | 'closed' | 'unpaid';

export function parseStatus(text: string): ImportedStatus | null {
  const word = text.replace(/[\s,，]/g, '');
  // The first rule that matches wins, in the table's order.
  for (const [pattern, status] of STATUS_WORDS) if (pattern.test(word)) return status;
  return null;
}

/** Yuan as written ("¥1,280.50", "128", "128.5") → fen, exactly (no floating point); null when it is no amount. */
export function parseYuan(text: string): number | null {
  const match = /^[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:元)?$/.exec(text.trim());
  if (!match) return null;
  const yuan = Number(match[1]!.replaceAll(',', ''));
  const fen = Number((match[2] ?? '').padEnd(2, '0'));
  const total = yuan * 100 + fen;
  return Number.isSafeInteger(total) ? total : null;
}

/** "2026-11-30 14:03:22", "2026/11/30 14:03", "2026-11-30T14:03:22" in China time (UTC+8, no DST) → epoch ms. */
export function parseChinaTime(text: string): number | null {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  // A day that does not exist (2 月 30 日) rolls over in Date.UTC: refuse it instead.
  if (new Date(utc).getUTCDate() !== d) return null;
  return utc - CHINA_OFFSET_MS;
}

/**
 * A cell as text. Seller centres wrap long numbers as ="2345…" (a formula Excel shows as text); that wrapper is the
 * only formula read. Any other cell starting with = is kept as the text it is (never evaluated).
 */
export function cellText(value: string): string {
  const wrapped = /^="(.*)"$/.exec(value.trim());
  return (wrapped ? wrapped[1]! : value).replace(/^\t+/, '').trim();
}

const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SKU_CODE = SKU_CODE_PATTERN;

export type ImportedOrder = Readonly<{
  id: string;
  buyerId: string;
  sku: string;
  title: string;
  quantity: number;
  amountFen: number;
  status: Exclude<ImportedStatus, 'unpaid'>;
  paidAt: number;
  /** null: the shop's promise from the payment time. */
  shipBy: number | null;
  consigneeName: string | null;
  consigneePhone: string | null;
  address: string | null;
  courier: string | null;
  trackingNumber: string | null;
  buyerNote: string;
  sellerMemo: string;
}>;

export type RowProblem = Readonly<{ field: ImportField; message: RowProblemCode; value: string }>;
export type RowProblemCode =
  | 'missing'
  | 'bad_order_id'
  | 'shortened_number'
  | 'bad_sku'
  | 'bad_quantity'
  | 'bad_amount'
  | 'bad_status'
  | 'bad_time'
  | 'too_long';

export type RowOutcome =
  | Readonly<{ kind: 'order'; order: ImportedOrder }>
  | Readonly<{ kind: 'unpaid'; id: string }>
  | Readonly<{ kind: 'problems'; problems: RowProblem[] }>;

const MAX_TEXT = 500;

/** One row of the file (cells by header) → an order, an unpaid order to skip, or what is wrong with it. */
export function readRow(cells: (field: ImportField) => string | undefined): RowOutcome {
  const problems: RowProblem[] = [];
  const text = (field: ImportField) => cellText(cells(field) ?? '');
  const optional = (field: ImportField) => {
    const value = text(field);
    if (value.length > MAX_TEXT) problems.push({ field, message: 'too_long', value: value.slice(0, 40) });
    return value === '' ? null : value.slice(0, MAX_TEXT);
  };
  const required = (field: ImportField) => {
    const value = text(field);
    if (value === '') problems.push({ field, message: 'missing', value });
    else if (value.length > MAX_TEXT) problems.push({ field, message: 'too_long', value: value.slice(0, 40) });
    return value;
  };

  const id = required('orderId');
  if (id !== '' && !ORDER_ID.test(id))
    problems.push({
      field: 'orderId',
      message: /^\d(\.\d+)?E\+\d+$/i.test(id) ? 'shortened_number' : 'bad_order_id',
      value: id,
    });
  const buyerId = required('buyerId');
  const sku = required('sku');
  if (sku !== '' && !SKU_CODE.test(sku)) problems.push({ field: 'sku', message: 'bad_sku', value: sku });
  const title = required('title');
  const quantityText = text('quantity');
  const quantity = quantityText === '' ? 1 : Number(quantityText);
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 100_000 || !/^\d+$/.test(quantityText || '1'))
    problems.push({ field: 'quantity', message: 'bad_quantity', value: quantityText });
  const amountText = required('amount');
  const amountFen = amountText === '' ? null : parseYuan(amountText);
  if (amountText !== '' && amountFen === null)
    problems.push({ field: 'amount', message: 'bad_amount', value: amountText });
  const statusText = required('status');
  const status = statusText === '' ? null : parseStatus(statusText);
  if (statusText !== '' && status === null)
    problems.push({ field: 'status', message: 'bad_status', value: statusText });

  const time = (field: ImportField) => {
    const value = text(field);
    if (value === '') return null;
    const at = parseChinaTime(value);
    if (at === null) problems.push({ field, message: 'bad_time', value });
    return at;
  };
  const paid = time('paidAt');
  const created = time('createdAt');
  const shipBy = time('shipBy');
  if (status === 'unpaid' && problems.length === 0) return { kind: 'unpaid', id };
  const paidAt = paid ?? created;
  if (paidAt === null && !problems.some((p) => p.field === 'paidAt' || p.field === 'createdAt'))
    problems.push({ field: 'paidAt', message: 'missing', value: '' });

  const order = {
    consigneeName: optional('consigneeName'),
    consigneePhone: optional('consigneePhone'),
    address: optional('address'),
    courier: optional('courier'),
    trackingNumber: optional('trackingNumber'),
    buyerNote: optional('buyerNote') ?? '',
    sellerMemo: optional('sellerMemo') ?? '',
  };
  if (order.trackingNumber !== null && order.trackingNumber.length > 64)
    problems.push({ field: 'trackingNumber', message: 'too_long', value: order.trackingNumber.slice(0, 40) });
  if (problems.length > 0) return { kind: 'problems', problems };
  return {
    kind: 'order',
    order: {
      id,
      buyerId,
      sku,
      title,
      quantity,
      amountFen: amountFen!,
      status: status as ImportedOrder['status'],
      paidAt: paidAt!,
      shipBy,
      ...order,
    },
  };
}
