// Issue #10.5–6: orders in the platforms' states; a redelivered order is an update with its history kept, never a
// silent replace; the demo resumes after a restart instead of sending the same buyers again.
import { afterEach, describe, expect, it } from 'vitest';
import { withLines } from '../../../shared/domain/orders/order-lines.ts';
import { NO_ORDER_DETAILS, type ConversationSummary, type Order } from '../../../shared/contract/index.ts';
import { mergeOrder } from '../../../electron/core/orders/order-book.ts';
import { loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';
import { createScriptedConnector } from '../../support/scripted-connector.ts';

let fixture: CoreFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

const anOrder = (fields: Partial<Order> = {}): Order =>
  withLines({
    id: 'o-1',
    shopId: 'jd-mianyu',
    buyerId: 'b-1',
    sku: 'MY-TOWEL-01',
    title: '纯棉毛巾',
    amountFen: 2990,
    paidAt: 1_000,
    shipBy: 1_000 + 48 * 3_600_000,
    status: 'awaiting_shipment',
    statusAt: 1_000,
    trackingNumber: null,
    ...NO_ORDER_DETAILS,
    ...fields,
  });

describe('merging a redelivered order', () => {
  it('applies what changed and records it; keeps the payment time and a stale step back, recording the attempt', () => {
    const known = anOrder({ status: 'shipped', statusAt: 5_000, trackingNumber: 'SF1234567890123' });
    expect(mergeOrder(known, known, 9_000)).toEqual({ order: known, change: null });

    const received = mergeOrder(
      known,
      anOrder({ status: 'received', statusAt: 8_000, trackingNumber: 'SF1234567890123' }),
      9_000,
    );
    expect(received.order).toMatchObject({ status: 'received', statusAt: 8_000 });
    expect(received.change).toEqual({
      orderId: 'o-1',
      at: 9_000,
      changes: { status: { from: 'shipped', to: 'received' }, statusAt: { from: 5_000, to: 8_000 } },
    });

    // A replay with a new payment time and the old state: the order on file stands; the attempt is on record.
    const replay = mergeOrder(known, anOrder({ paidAt: 7_000, shipBy: 7_000 + 48 * 3_600_000 }), 9_000);
    expect(replay.order).toEqual(known);
    expect(replay.change?.changes).toEqual({});
    expect(replay.change?.kept).toEqual({
      paidAt: 7_000,
      shipBy: 7_000 + 48 * 3_600_000,
      status: 'awaiting_shipment',
      statusAt: 1_000,
      trackingNumber: null,
    });

    // A refund can follow any state.
    expect(mergeOrder(known, { ...known, status: 'refunding', statusAt: 9_500 }, 10_000).order.status).toBe(
      'refunding',
    );
  });
  it("records a change of an order's lines as one change, with the first paid line's fields following", () => {
    const known = anOrder({});
    const gift = { sku: 'MY-GIFT-BAG', title: '【赠品】棉麻收纳袋', quantity: 1, amountFen: 0, gift: true };
    const withGift = anOrder({ lines: [...known.lines, gift] });
    const merged = mergeOrder(known, withGift, 9_000);
    expect(merged.order.lines).toEqual(withGift.lines);
    expect(merged.change?.changes).toEqual({ lines: { from: known.lines, to: withGift.lines } });
    expect(mergeOrder(merged.order, withGift, 9_500).change).toBeNull();
  });
});

describe('orders in the running console', () => {
  it('stores an update of a known order with its history, and lists it in its new state', async () => {
    let now = () => 0;
    const script = createScriptedConnector(() => now());
    fixture = await startCoreFixture({ connectors: { demo: script.factory } });
    now = () => fixture!.clock.now();
    await script.order(anOrder());
    await script.order(anOrder({ status: 'shipped', statusAt: 2_000, trackingNumber: 'YT1234567890123' }));
    await script.order(anOrder({ paidAt: 3_000 }));
    const owner = await loggedIn(fixture.core, 'owner');
    const listed = await fixture.core.dispatch(owner, 'orders.list', { shopId: 'jd-mianyu' });
    expect(listed).toMatchObject({
      ok: true,
      value: [{ id: 'o-1', status: 'shipped', paidAt: 1_000, trackingNumber: 'YT1234567890123' }],
    });
    const history = fixture.ports.streams.orderHistory('jd-mianyu', 'o-1');
    expect(history.map((h) => Object.keys(h.changes))).toEqual([['status', 'statusAt', 'trackingNumber'], []]);
    expect(history[1]!.kept).toMatchObject({ paidAt: 3_000, status: 'awaiting_shipment' });
  });

  it('search finds a buyer by nickname and a chat by order or tracking number, not only by message text', async () => {
    let now = () => 0;
    const script = createScriptedConnector(() => now());
    fixture = await startCoreFixture({ connectors: { demo: script.factory } });
    now = () => fixture!.clock.now();
    await script.send('jd-mianyu', 'b-1', '在吗');
    await script.send('jd-mianyu', 'b-2', '你好');
    await script.order(
      anOrder({ id: 'JD-20261201-0042', buyerId: 'b-1', status: 'shipped', trackingNumber: 'SF1234567890123' }),
    );
    const owner = await loggedIn(fixture.core, 'owner');
    const search = async (query: string) => {
      const result = await fixture!.core.dispatch(owner, 'inbox.search', { query });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return (result.value as { match: string; conversation: ConversationSummary }[]).map((h) => [
        h.match,
        h.conversation.buyer.id,
      ]);
    };
    expect(await search('买家b-2')).toEqual([['buyer', 'b-2']]);
    expect(await search('0042')).toEqual([['order', 'b-1']]);
    expect(await search('SF1234567890123')).toEqual([['order', 'b-1']]);
    expect(await search('在吗')).toEqual([['message', 'b-1']]);
    // An agent of other shops finds none of it.
    const tangtang = await loggedIn(fixture.core, 'tangtang');
    expect(await fixture.core.dispatch(tangtang, 'inbox.search', { query: '0042' })).toEqual({ ok: true, value: [] });
  });

  it('a reply can carry one of the buyer’s own orders as a card, never another buyer’s', async () => {
    let now = () => 0;
    const script = createScriptedConnector(() => now());
    fixture = await startCoreFixture({ connectors: { demo: script.factory } });
    now = () => fixture!.clock.now();
    await script.send('jd-mianyu', 'b-1', '我的订单发了吗');
    await script.order(anOrder({ id: 'JD-1', buyerId: 'b-1' }));
    await script.order(anOrder({ id: 'JD-2', buyerId: 'b-2' }));
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    const chats = await fixture.core.dispatch(xiaolin, 'inbox.listConversations', { view: 'mine' });
    const chat = (chats.ok ? (chats.value as ConversationSummary[]) : []).find((c) => c.buyer.id === 'b-1')!;
    const ref = { shopId: chat.shopId, conversationId: chat.id };
    expect(
      await fixture.core.dispatch(xiaolin, 'inbox.reply', {
        ...ref,
        text: '',
        card: { kind: 'order', orderId: 'JD-1' },
      }),
    ).toMatchObject({ ok: true, value: { kind: 'order', ref: 'JD-1', from: 'agent' } });
    expect(
      await fixture.core.dispatch(xiaolin, 'inbox.reply', {
        ...ref,
        text: '看这个',
        card: { kind: 'order', orderId: 'JD-2' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await fixture.core.dispatch(xiaolin, 'inbox.reply', { ...ref, text: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('a restarted console resumes the demo: the buyers before the restart are not sent again', async () => {
    const dataDir = await makeTempDir();
    const first = await startCoreFixture({ dataDir, messagesPerMinute: 60, seed: 3 });
    await first.run(5 * 60_000);
    const owner = await loggedIn(first.core, 'owner');
    const before = await first.core.dispatch(owner, 'inbox.listConversations', { view: 'recent', limit: 500 });
    const buyersBefore = new Set((before.ok ? (before.value as ConversationSummary[]) : []).map((c) => c.buyer.id));
    expect(buyersBefore.size).toBeGreaterThan(20);
    await first.core.stop();

    fixture = await startCoreFixture({ dataDir, messagesPerMinute: 60, seed: 3 });
    const seen: string[] = [];
    const watcher = await loggedIn(fixture.core, 'owner');
    fixture.core.subscribe(watcher, (event) => {
      if (event.name === 'inbox.messageReceived') seen.push(event.payload.conversation.buyer.id);
    });
    await fixture.run(5 * 60_000);
    expect(seen.length).toBeGreaterThan(20);
    // New buyers only (a buyer from before may write again, as a follow-up of the same chat, never as a replay of
    // the first buyers in the same order).
    const replayed = seen.slice(0, 10).filter((id) => buyersBefore.has(id));
    expect(replayed).toEqual([]);
  });
});
