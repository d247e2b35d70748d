// Importing seller-centre order exports through the core: a GBK file with the ="…" wrapper and a title line, a BOM
// file with a bad row (listed by line, nothing applied), unknown headers mapped by hand, duplicates, an XLSX file
// with dates and a number Excel shortened, uploads in parts, and imported orders that lock their stock.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, Order, OrderImportPreview, OrderImportResult, StockRow } from '../../../shared/contract/index.ts';
import { call, loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';
import { encodeGbk } from '../../support/gbk.ts';

const SHOP = 'tmall-mianyu';
const SKU = 'MY-TS-2301-WHT-M';
const HEADER =
  '订单编号,买家会员名,商家编码,宝贝标题,宝贝总数量,买家实际支付金额,订单状态,订单付款时间,收货人姓名,联系手机,收货地址,买家留言';
const line = (
  id: string,
  extra: Partial<Record<'status' | 'quantity' | 'amount' | 'note' | 'sku' | 'title', string>> = {},
) =>
  [
    `="${id}"`,
    'tb_小鹿',
    extra.sku ?? SKU,
    extra.title ?? '纯棉短袖T恤 白 M',
    extra.quantity ?? '1',
    extra.amount ?? '59.00',
    extra.status ?? '买家已付款，等待卖家发货',
    '2026-11-30 10:00:00',
    '林小姐',
    '13812345678',
    '"浙江省 杭州市 西湖区 文三路 90 号 1204 室"',
    extra.note ?? '',
  ].join(',');

const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

async function start() {
  const f = await startCoreFixture({ demo: true, messagesPerMinute: 0.001 });
  fixtures.push(f);
  return { f, owner: await loggedIn(f.core, 'owner') };
}

/** Sends a file in parts of `partBytes` and returns its upload id. */
async function upload(f: CoreFixture, caller: Caller, bytes: Buffer, partBytes = 700_000 * 0.75): Promise<string> {
  let uploadId: string | null = null;
  for (let at = 0; at < bytes.length || uploadId === null; at += partBytes) {
    const part = bytes.subarray(at, at + partBytes);
    const last = at + partBytes >= bytes.length;
    const sent: { uploadId: string } = await call(f, caller, 'orders.uploadPart', {
      uploadId,
      part: part.toString('base64'),
      last,
    });
    uploadId = sent.uploadId;
  }
  return uploadId;
}

const ordersOf = (f: CoreFixture, caller: Caller) =>
  call<Order[]>(f, caller, 'orders.list', { shopId: SHOP, limit: 500 });
const stockOf = async (f: CoreFixture, caller: Caller) =>
  (await call<{ rows: StockRow[] }>(f, caller, 'inventory.stock', {})).rows.find((r) => r.code === SKU)!;

describe('order import', () => {
  it('reads a GBK export with a title line, imports it, and reads it again as unchanged, then as updates', async () => {
    const { f, owner } = await start();
    const before = await stockOf(f, owner);
    const csv = [
      '淘宝订单报表 2026-11-30',
      HEADER,
      line('4012345678901001', { quantity: '2' }),
      line('4012345678901002'),
    ].join('\r\n');
    const id = await upload(f, owner, encodeGbk(csv), 64);
    const preview = await call<OrderImportPreview>(f, owner, 'orders.previewImport', { uploadId: id, shopId: SHOP });
    expect(preview).toMatchObject({ encoding: 'gb18030', layout: 'taobao', missing: [], rows: 2, creates: 2 });
    expect(preview.problems).toEqual([]);
    const done = await call<OrderImportResult>(f, owner, 'orders.importOrders', { uploadId: id, shopId: SHOP });
    expect(done).toMatchObject({ creates: 2, updates: 0, stockLocked: 2, oversold: 0 });

    const stored = (await ordersOf(f, owner)).find((o) => o.id === '4012345678901001')!;
    expect(stored).toMatchObject({
      buyerId: 'tb_小鹿',
      quantity: 2,
      amountFen: 5_900,
      paidAt: Date.UTC(2026, 10, 30, 2),
      shipBy: Date.UTC(2026, 10, 30, 2) + 48 * 3_600_000,
      consigneeName: '林小姐',
      address: '浙江省 杭州市 西湖区 文三路 90 号 1204 室',
    });
    // Two orders, three units locked: every shop's sellable follows.
    const after = await stockOf(f, owner);
    expect(after.quantities.occupied - before.quantities.occupied).toBe(3);
    expect(after.available).toBe(before.available - 3);

    const again = await upload(f, owner, encodeGbk(csv));
    expect(await call(f, owner, 'orders.previewImport', { uploadId: again, shopId: SHOP })).toMatchObject({
      creates: 0,
      unchanged: 2,
    });
    // The next day's export: one order shipped. It is an update; its stock leaves the shelf.
    const shipped = [HEADER, line('4012345678901001', { quantity: '2', status: '卖家已发货，等待买家确认' })].join(
      '\n',
    );
    const next = await upload(f, owner, Buffer.from(shipped));
    expect(await call(f, owner, 'orders.importOrders', { uploadId: next, shopId: SHOP })).toMatchObject({ updates: 1 });
    const finalStock = await stockOf(f, owner);
    expect(finalStock.quantities.occupied - before.quantities.occupied).toBe(1);
    expect(finalStock.quantities.normal - before.quantities.normal).toBe(-2);
  });

  it('lists every bad row by line and column and imports nothing while one is left', async () => {
    const { f, owner } = await start();
    const known = (await ordersOf(f, owner)).length;
    const csv =
      '\uFEFF' +
      [
        HEADER,
        line('4012345678902001'),
        line('4.01235E+15'),
        line('4012345678902003', { amount: '免费' }),
        line('4012345678902004', { note: '=HYPERLINK("http://evil.example","点我")' }),
      ].join('\n');
    const id = await upload(f, owner, Buffer.from(csv));
    const preview = await call<OrderImportPreview>(f, owner, 'orders.previewImport', { uploadId: id, shopId: SHOP });
    expect(preview.encoding).toBe('utf-8');
    expect(preview.problems).toEqual([
      { line: 3, field: 'orderId', column: '订单编号', code: 'shortened_number', value: '4.01235E+15' },
      { line: 4, field: 'amount', column: '买家实际支付金额', code: 'bad_amount', value: '免费' },
    ]);
    const refused = await f.core.dispatch(owner, 'orders.importOrders', { uploadId: id, shopId: SHOP });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ordersOf(f, owner)).toHaveLength(known);
  });

  it('asks for the columns it cannot find, and imports once they are mapped by hand', async () => {
    const { f, owner } = await start();
    const csv = [
      '单号,客户,货号,品名,金额,状态,时间',
      '9001,wx_buyer,MY-TS-2301-WHT-M,T恤,59,待发货,2026-11-30 08:00',
    ].join('\n');
    const id = await upload(f, owner, Buffer.from(csv));
    const preview = await call<OrderImportPreview>(f, owner, 'orders.previewImport', { uploadId: id, shopId: SHOP });
    expect(preview.missing).toEqual(['orderId', 'buyerId', 'sku', 'title', 'amount', 'status']);
    expect(preview.rows).toBe(1);
    const mapping = {
      orderId: '单号',
      buyerId: '客户',
      sku: '货号',
      title: '品名',
      amount: '金额',
      status: '状态',
      paidAt: '时间',
    };
    expect(await call(f, owner, 'orders.previewImport', { uploadId: id, shopId: SHOP, mapping })).toMatchObject({
      missing: [],
      creates: 1,
    });
    await call(f, owner, 'orders.importOrders', { uploadId: id, shopId: SHOP, mapping });
    expect((await ordersOf(f, owner)).some((o) => o.id === '9001' && o.buyerId === 'wx_buyer')).toBe(true);
  });

  it('reads an identical line twice once, and refuses the same line under one order number with another total', async () => {
    const { f, owner } = await start();
    const twice = [
      HEADER,
      line('4012345678903001'),
      line('4012345678903001'),
      line('4012345678903002', { status: '等待买家付款' }),
    ];
    const id = await upload(f, owner, Buffer.from(twice.join('\n')));
    expect(await call(f, owner, 'orders.previewImport', { uploadId: id, shopId: SHOP })).toMatchObject({
      creates: 1,
      duplicates: 1,
      unpaid: 1,
      problemCount: 0,
    });
    const conflicting = [HEADER, line('4012345678903003'), line('4012345678903003', { amount: '10.00' })];
    const other = await upload(f, owner, Buffer.from(conflicting.join('\n')));
    const preview = await call<OrderImportPreview>(f, owner, 'orders.previewImport', { uploadId: other, shopId: SHOP });
    expect(preview.problems).toEqual([
      { line: 3, field: 'orderId', column: '订单编号', code: 'duplicate_conflict', value: '2' },
    ]);
  });

  it('reads rows of one order number with other SKUs as its lines, a gift by its title, and locks each SKU', async () => {
    const { f, owner } = await start();
    const OTHER = 'MY-TS-2301-BLK-XL';
    const units = async () => {
      const rows = (await call<{ rows: StockRow[] }>(f, owner, 'inventory.stock', {})).rows;
      return [SKU, OTHER].map((code) => rows.find((r) => r.code === code)!.quantities.occupied);
    };
    const occupied = await units();
    const basket = [
      HEADER,
      line('4012345678904001', { quantity: '2', amount: '177.00' }),
      line('4012345678904001', { sku: OTHER, title: '纯棉短袖T恤 黑 XL', amount: '177.00' }),
      line('4012345678904001', { sku: 'MY-GIFT-BAG', title: '【赠品】棉麻收纳袋', amount: '177.00' }),
      // The same line again is read once.
      line('4012345678904001', { sku: OTHER, title: '纯棉短袖T恤 黑 XL', amount: '177.00' }),
    ].join('\n');
    const id = await upload(f, owner, Buffer.from(basket));
    expect(await call(f, owner, 'orders.previewImport', { uploadId: id, shopId: SHOP })).toMatchObject({
      creates: 1,
      duplicates: 1,
      problemCount: 0,
    });
    const result = await call<OrderImportResult>(f, owner, 'orders.importOrders', { uploadId: id, shopId: SHOP });
    expect([result.creates, result.stockLocked, result.oversold]).toEqual([1, 1, 0]);
    const order = (await ordersOf(f, owner)).find((o) => o.id === '4012345678904001')!;
    // The order's total is the amount its rows repeat; what each line cost is not in the file.
    expect([order.sku, order.quantity, order.amountFen]).toEqual([SKU, 2, 17_700]);
    expect(order.lines.map((l) => [l.sku, l.quantity, l.amountFen, l.gift])).toEqual([
      [SKU, 2, null, false],
      [OTHER, 1, null, false],
      ['MY-GIFT-BAG', 1, null, true],
    ]);
    // Each catalogue SKU locked its units (the gift is not in the catalogue: nothing to lock).
    expect(await units()).toEqual([occupied[0]! + 2, occupied[1]! + 1]);
    // The file again changes nothing.
    const again = await upload(f, owner, Buffer.from(basket));
    expect(await call(f, owner, 'orders.previewImport', { uploadId: again, shopId: SHOP })).toMatchObject({
      creates: 0,
      unchanged: 1,
    });

    // A line of the order with another quantity, or the order with another total, is no line of it.
    const conflicting = [
      HEADER,
      line('4012345678904002'),
      line('4012345678904002', { sku: OTHER, amount: '10.00' }),
      line('4012345678904002', { quantity: '3' }),
    ];
    const other = await upload(f, owner, Buffer.from(conflicting.join('\n')));
    const preview = await call<OrderImportPreview>(f, owner, 'orders.previewImport', { uploadId: other, shopId: SHOP });
    expect(preview.problems.map((p) => [p.line, p.code, p.value])).toEqual([
      [3, 'duplicate_conflict', '2'],
      [4, 'duplicate_conflict', '2'],
    ]);
    // At most 50 lines to an order.
    const many = [HEADER, ...Array.from({ length: 51 }, (_, i) => line('4012345678904003', { sku: `MY-X-${i}` }))];
    const big = await upload(f, owner, Buffer.from(many.join('\n')));
    const tooMany = await call<OrderImportPreview>(f, owner, 'orders.previewImport', { uploadId: big, shopId: SHOP });
    expect(tooMany.problems).toEqual([
      { line: 52, field: 'sku', column: '商家编码', code: 'too_many_lines', value: 'MY-X-50' },
    ]);
  });

  it('reads an XLSX export: dates as shown, numbers as text, and an order number Excel shortened', async () => {
    const { f, owner } = await start();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('订单');
    sheet.addRow([
      '订单号',
      '买家ID',
      '商家编码-SKU维度',
      '商品',
      '商品数量(件)',
      '用户实付金额(元)',
      '订单状态',
      '支付时间',
    ]);
    // Excel keeps a date's wall-clock time; exceljs reads it back as that time in UTC.
    sheet.addRow(['261130-0001', 'pdd_1', SKU, 'T恤', 3, 177, '待发货', new Date(Date.UTC(2026, 10, 30, 9, 30))]);
    sheet.addRow([Number('4012345678901234567'), 'pdd_2', SKU, 'T恤', 1, 59, '待发货', '2026-11-30 09:31:00']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const id = await upload(f, owner, bytes);
    const preview = await call<OrderImportPreview>(f, owner, 'orders.previewImport', { uploadId: id, shopId: SHOP });
    expect(preview).toMatchObject({ fileKind: 'xlsx', layout: 'pinduoduo', rows: 2 });
    expect(preview.problems).toEqual([expect.objectContaining({ line: 3, code: 'shortened_number' })]);
    expect(preview.sample[0]).toMatchObject({
      id: '261130-0001',
      quantity: 3,
      amountFen: 17_700,
      paidAt: Date.UTC(2026, 10, 30, 1, 30),
    });
  });

  it('keeps an upload to the person who sent it, refuses a broken workbook, and a file without a header', async () => {
    const { f, owner } = await start();
    const id = await upload(f, owner, Buffer.from([HEADER, line('1')].join('\n')));
    const amy = await loggedIn(f.core, 'amy');
    const other = await f.core.dispatch(amy, 'orders.previewImport', { uploadId: id, shopId: 'taobao-xiaolu' });
    expect(other).toMatchObject({ ok: false });
    const broken = await upload(f, owner, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
    // One staged file per person: the new upload replaced the first.
    expect(await f.core.dispatch(owner, 'orders.previewImport', { uploadId: id, shopId: SHOP })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await f.core.dispatch(owner, 'orders.previewImport', { uploadId: broken, shopId: SHOP })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('XLSX') },
    });
    const single = await upload(f, owner, Buffer.from('只有一列\n'));
    expect(await f.core.dispatch(owner, 'orders.previewImport', { uploadId: single, shopId: SHOP })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
