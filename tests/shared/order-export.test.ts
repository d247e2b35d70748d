// The seller centres' order exports read as the platforms write them: layouts detected from the headers, states,
// amounts in yuan to exact fen, China-time timestamps, the ="…" wrapper, and every way a row can be wrong.
import { describe, expect, it } from 'vitest';
import {
  cellText,
  detectLayout,
  missingFields,
  parseChinaTime,
  parseStatus,
  parseYuan,
  readRow,
  type ImportField,
} from '../../shared/domain/orders/order-export.ts';

describe('order export layouts', () => {
  it.each([
    [
      ['订单编号', '买家会员名', '商家编码', '宝贝标题', '买家实际支付金额', '订单状态', '订单付款时间'],
      'jd',
      'taobao',
    ],
    [['订单号', '下单帐号', '商家SKU', '商品名称', '应付金额', '订单状态', '付款确认时间'], 'taobao', 'jd'],
    [
      ['订单号', '买家ID', '商家编码-SKU维度', '商品', '用户实付金额(元)', '订单状态', '支付时间'],
      'taobao',
      'pinduoduo',
    ],
    [
      ['主订单编号', '买家昵称', '商家编码', '选购商品', '订单应付金额', '订单状态', '支付完成时间'],
      'taobao',
      'douyin',
    ],
  ] as const)('detects %j (shop prefers %s) as %s', (headers, preferred, layout) => {
    const detected = detectLayout([...headers], preferred);
    expect(detected.layout).toBe(layout);
    expect(detected.missing).toEqual([]);
  });

  it('keeps the shop platform on a tie and names the required columns it cannot find', () => {
    const detected = detectLayout(['订单状态', '备注'], 'pinduoduo');
    expect(detected.layout).toBe('pinduoduo');
    expect(detected.missing).toEqual(['orderId', 'buyerId', 'sku', 'title', 'amount']);
    expect(missingFields({ ...detected.mapping, orderId: '备注' }, ['订单状态', '备注'])).not.toContain('orderId');
    expect(missingFields({ orderId: '不存在的列' }, ['订单状态'])).toContain('orderId');
  });
});

describe('cells', () => {
  it.each([
    ['买家已付款，等待卖家发货', 'awaiting_shipment'],
    ['卖家已发货，等待买家确认', 'shipped'],
    ['交易成功', 'received'],
    ['交易关闭', 'closed'],
    ['等待买家付款', 'unpaid'],
    ['等待出库', 'awaiting_shipment'],
    ['等待确认收货', 'shipped'],
    ['完成', 'received'],
    ['锁定', 'refunding'],
    ['待发货', 'awaiting_shipment'],
    ['已发货，待签收', 'shipped'],
    ['已签收', 'received'],
    ['未发货，退款成功', 'closed'],
    ['售后中', 'refunding'],
    ['备货中', 'awaiting_shipment'],
    ['已取消', 'closed'],
    ['神秘状态', null],
  ])('status %s → %s', (text, status) => expect(parseStatus(text)).toBe(status));

  it.each([
    ['128', 12_800],
    ['128.5', 12_850],
    ['¥1,280.50', 128_050],
    ['￥0.01', 1],
    ['59.00元', 5_900],
    ['12.345', null],
    ['-5', null],
    ['1,28', null],
    ['abc', null],
  ])('yuan %s → %s fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each([
    ['2026-11-30 14:03:22', Date.UTC(2026, 10, 30, 6, 3, 22)],
    ['2026/11/30 14:03', Date.UTC(2026, 10, 30, 6, 3)],
    // Just after midnight in Shanghai is the previous day in UTC.
    ['2026-12-01 00:30:00', Date.UTC(2026, 10, 30, 16, 30)],
    ['2026-12-01', Date.UTC(2026, 10, 30, 16)],
    ['2026-02-30 10:00:00', null],
    ['2026-13-01 10:00:00', null],
    ['30/11/2026', null],
  ])('China time %s → %s', (text, at) => expect(parseChinaTime(text)).toBe(at));

  it('reads the ="…" wrapper as text and never evaluates another formula', () => {
    expect(cellText('="4012345678901234"')).toBe('4012345678901234');
    expect(cellText('=HYPERLINK("http://x","点我")')).toBe('=HYPERLINK("http://x","点我")');
    expect(cellText('\t 123 ')).toBe('123');
  });
});

describe('a row', () => {
  const good: Partial<Record<ImportField, string>> = {
    orderId: '="4012345678901234"',
    buyerId: 'tb_小鹿',
    sku: 'MY-TS-2301-WHT-M',
    title: '纯棉短袖T恤 白 M',
    quantity: '2',
    amount: '118.00',
    status: '买家已付款，等待卖家发货',
    paidAt: '2026-11-30 10:00:00',
    consigneeName: '林小姐',
    address: '浙江省 杭州市 西湖区 文三路 90 号 1204 室',
    buyerNote: "=cmd|' /C calc'!A0",
  };
  const read = (extra: Partial<Record<ImportField, string>>) => readRow((field) => ({ ...good, ...extra })[field]);

  it('becomes an order, with a formula-looking note kept as text', () => {
    const outcome = read({});
    expect(outcome).toMatchObject({
      kind: 'order',
      order: {
        id: '4012345678901234',
        quantity: 2,
        amountFen: 11_800,
        status: 'awaiting_shipment',
        paidAt: Date.UTC(2026, 10, 30, 2),
        shipBy: null,
        buyerNote: "=cmd|' /C calc'!A0",
        consigneePhone: null,
      },
    });
  });

  it('falls back to the creation time when the payment time is empty, and skips an unpaid order', () => {
    expect(read({ paidAt: '', createdAt: '2026-11-29 09:00:00' })).toMatchObject({
      order: { paidAt: Date.UTC(2026, 10, 29, 1) },
    });
    expect(read({ status: '等待买家付款', paidAt: '' })).toEqual({ kind: 'unpaid', id: '4012345678901234' });
  });

  it.each([
    [{ orderId: '' }, 'orderId', 'missing'],
    [{ orderId: '4.01235E+15' }, 'orderId', 'shortened_number'],
    [{ orderId: '40123 45' }, 'orderId', 'bad_order_id'],
    [{ sku: '白色 M' }, 'sku', 'bad_sku'],
    [{ quantity: '0' }, 'quantity', 'bad_quantity'],
    [{ quantity: '1.5' }, 'quantity', 'bad_quantity'],
    [{ amount: '免费' }, 'amount', 'bad_amount'],
    [{ status: '神秘状态' }, 'status', 'bad_status'],
    [{ paidAt: '昨天' }, 'paidAt', 'bad_time'],
    [{ paidAt: '' }, 'paidAt', 'missing'],
    [{ title: 'x'.repeat(501) }, 'title', 'too_long'],
  ] as const)('%j → %s %s', (extra, field, message) => {
    const outcome = read(extra);
    expect(outcome.kind).toBe('problems');
    if (outcome.kind === 'problems')
      expect(outcome.problems).toContainEqual(expect.objectContaining({ field, message }));
  });
});
