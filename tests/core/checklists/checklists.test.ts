// Checklists through the core: every shop starts with DOMAIN's daily lists, an item is ticked with who and when,
// a list past its due time with items left is overdue (announced by the one timer), ticks survive a restart, the
// history keeps earlier days, and a person sees only the lists of their shops.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { AnyEvent, ChecklistInstance, Photo } from '../../../shared/contract/index.ts';
import { chinaDate } from '../../../shared/domain/checklists/checklists.ts';
import { call, loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const SHOP = 'tmall-mianyu';
const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

describe('checklists', () => {
  it('starts each shop with the daily lists, ticks with who and when, and keeps them across a restart', async () => {
    const dataDir = await makeTempDir();
    try {
      let f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001 });
      fixtures.push(f);
      const laowang = await loggedIn(f.core, 'laowang');
      const lists = await call<ChecklistInstance[]>(f, laowang, 'checklists.current', { shopId: SHOP });
      expect(lists.map((l) => l.template.title)).toEqual(
        expect.arrayContaining(['进货验收', '库存台账与抽盘', '新品图片色差检查', '销售准备', '发货检查', '差评跟进']),
      );
      const goodsIn = lists.find((l) => l.template.id === 'goods-in')!;
      expect(goodsIn.period).toBe(chinaDate(f.clock.now()));
      const ticked = await call<ChecklistInstance>(f, laowang, 'checklists.tick', {
        shopId: SHOP,
        templateId: 'goods-in',
        period: goodsIn.period,
        itemId: 'stains',
        done: true,
        note: '米白色 3 件有污渍，已退回',
      });
      expect(ticked.ticks).toEqual([
        {
          itemId: 'stains',
          byId: expect.any(String),
          byName: '仓管老王',
          at: f.clock.now(),
          note: '米白色 3 件有污渍，已退回',
          photos: [],
        },
      ]);
      expect(ticked.done).toBe(false);

      await f.close();
      fixtures.length = 0;
      f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001 });
      fixtures.push(f);
      const again = await loggedIn(f.core, 'laowang');
      const after = await call<ChecklistInstance[]>(f, again, 'checklists.current', { shopId: SHOP });
      expect(after.find((l) => l.template.id === 'goods-in')!.ticks.map((t) => t.itemId)).toEqual(['stains']);
    } finally {
      for (const f of fixtures.splice(0)) await f.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is overdue past its time with items left, announced then; done lists are not; earlier days are history', async () => {
    const f = await startCoreFixture({ demo: true, messagesPerMinute: 0.001 });
    fixtures.push(f);
    const owner = await loggedIn(f.core, 'owner');
    const seen: AnyEvent[] = [];
    f.core.subscribe(owner, (event) => seen.push(event));
    const lists = await call<ChecklistInstance[]>(f, owner, 'checklists.current', { shopId: SHOP });
    const next = lists.filter((l) => l.dueAt > f.clock.now()).sort((a, b) => a.dueAt - b.dueAt)[0];
    const first = next ?? lists[0]!;
    // Finish one list before its time; leave the others.
    for (const item of first.template.items)
      await call(f, owner, 'checklists.tick', {
        shopId: SHOP,
        templateId: first.template.id,
        period: first.period,
        itemId: item.id,
        done: true,
      });
    seen.length = 0;
    if (next) {
      await f.run(next.dueAt - f.clock.now() + 10);
      expect(seen.some((e) => e.name === 'checklists.changed' && e.payload.shopId === SHOP)).toBe(true);
    }
    const now = await call<ChecklistInstance[]>(f, owner, 'checklists.current', { shopId: SHOP });
    const done = now.find((l) => l.template.id === first.template.id && l.period === first.period);
    if (done) expect(done).toMatchObject({ done: true, overdue: false });
    // A full day later every daily list of yesterday is history, undone ones overdue.
    await f.run(86_400_000);
    const history = await call<ChecklistInstance[]>(f, owner, 'checklists.history', {
      shopId: SHOP,
      templateId: 'reviews',
      limit: 2,
    });
    expect(history).toHaveLength(2);
    expect(history[0]!.period < chinaDate(f.clock.now())).toBe(true);
    expect(history[0]).toMatchObject({ done: false, overdue: true });
  });

  it('shows a person only their shops, refuses a later period and an unknown item, and edits templates', async () => {
    const f = await startCoreFixture({ demo: true, messagesPerMinute: 0.001 });
    fixtures.push(f);
    const tangtang = await loggedIn(f.core, 'tangtang');
    const hers = await call<ChecklistInstance[]>(f, tangtang, 'checklists.current', {});
    expect(new Set(hers.map((l) => l.template.shopId))).toEqual(new Set(['douyin-xiaolu', 'taobao-xiaolu']));
    expect(await f.core.dispatch(tangtang, 'checklists.current', { shopId: SHOP })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const tomorrow = chinaDate(f.clock.now() + 86_400_000);
    expect(
      await f.core.dispatch(tangtang, 'checklists.tick', {
        shopId: 'taobao-xiaolu',
        templateId: 'sales',
        period: tomorrow,
        itemId: 'products',
        done: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await f.core.dispatch(tangtang, 'checklists.tick', {
        shopId: 'taobao-xiaolu',
        templateId: 'sales',
        period: chinaDate(f.clock.now()),
        itemId: 'nope',
        done: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const owner = await loggedIn(f.core, 'owner');
    const saved = await call<{ id: string }>(f, owner, 'checklists.saveTemplate', {
      id: null,
      shopId: SHOP,
      title: '直播间备货',
      role: '运营',
      recurrence: { kind: 'weekly', weekday: 5 },
      dueMinutes: 19 * 60,
      items: [{ id: 'samples', text: '样品已到直播间' }],
    });
    const lists = await call<ChecklistInstance[]>(f, owner, 'checklists.current', { shopId: SHOP });
    expect(lists.some((l) => l.template.id === saved.id && l.template.title === '直播间备货')).toBe(true);
    // Assigned to a person: someone who can log in, named on the list.
    const laowang = (await loggedIn(f.core, 'laowang')).session!.userId;
    const template = { id: saved.id, shopId: SHOP, title: '直播间备货', role: '运营', dueMinutes: 19 * 60 };
    const assign = (assigneeId: string) =>
      f.core.dispatch(owner, 'checklists.saveTemplate', {
        ...template,
        recurrence: { kind: 'daily' },
        items: [{ id: 'samples', text: '样品已到直播间' }],
        assigneeId,
      });
    expect(await assign('nobody-here')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await assign(laowang)).toMatchObject({ ok: true });
    const assigned = (await call<ChecklistInstance[]>(f, owner, 'checklists.current', { shopId: SHOP })).find(
      (l) => l.template.id === saved.id,
    );
    expect(assigned).toMatchObject({ template: { assigneeId: laowang }, assigneeName: '仓管老王' });
  });
});

describe('tasks from a chat', () => {
  it('makes a shipping task linked to the buyer’s order; done, it drafts the reply in that conversation', async () => {
    const f = await startCoreFixture({ demo: true, messagesPerMinute: 120, seed: 11 });
    fixtures.push(f);
    await f.run(180_000);
    const owner = await loggedIn(f.core, 'owner');
    const orders = await call<{ id: string; buyerId: string }[]>(f, owner, 'orders.list', { shopId: SHOP, limit: 500 });
    const conversations = [
      ...(await call<{ id: string; buyer: { id: string } }[]>(f, owner, 'inbox.listConversations', {
        shopId: SHOP,
        view: 'recent',
        limit: 500,
      })),
      ...(await call<{ id: string; buyer: { id: string } }[]>(f, owner, 'inbox.listConversations', {
        shopId: SHOP,
        view: 'queue',
        limit: 500,
      })),
    ];
    const chat = conversations.find((c) => orders.some((o) => o.buyerId === c.buyer.id))!;
    const order = orders.find((o) => o.buyerId === chat.buyer.id)!;
    const other = orders.find((o) => o.buyerId !== chat.buyer.id);
    if (other)
      expect(
        await f.core.dispatch(owner, 'checklists.createTask', {
          shopId: SHOP,
          conversationId: chat.id,
          orderId: other.id,
          kind: 'shipping',
          text: '几时发货',
        }),
      ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const task = await call<{ id: string; status: string }>(f, owner, 'checklists.createTask', {
      shopId: SHOP,
      conversationId: chat.id,
      orderId: order.id,
      kind: 'shipping',
      text: '买家问：今天下单什么时候发货？',
    });
    expect(task.status).toBe('open');
    const laowang = await loggedIn(f.core, 'laowang');
    expect((await call<{ id: string }[]>(f, laowang, 'checklists.tasks', { shopId: SHOP })).map((t) => t.id)).toContain(
      task.id,
    );
    const done = await call<{ status: string; reply: string; doneBy: string }>(f, laowang, 'checklists.completeTask', {
      shopId: SHOP,
      taskId: task.id,
      result: '明天上午发顺丰',
    });
    expect(done).toMatchObject({
      status: 'done',
      doneBy: '仓管老王',
      reply: `亲，您的订单 ${order.id}：明天上午发顺丰`,
    });
    const ofChat = await call<{ id: string; reply: string }[]>(f, owner, 'checklists.tasks', {
      shopId: SHOP,
      conversationId: chat.id,
      status: 'all',
    });
    expect(ofChat).toEqual([expect.objectContaining({ id: task.id, reply: done.reply })]);
    expect(
      await f.core.dispatch(laowang, 'checklists.completeTask', { shopId: SHOP, taskId: task.id, result: '再来' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
  it('keeps the two pictures a photo check compared, shows them to the shop only, and refuses what was not kept', async () => {
    const dataDir = await makeTempDir();
    try {
      let f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001 });
      fixtures.push(f);
      const laowang = await loggedIn(f.core, 'laowang');
      // Two tiny JPEGs (the markers that make one): the listing photo and the photo of the goods.
      const jpeg = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]);
      const keep = (bytes: Buffer) =>
        call<Photo>(f, laowang, 'checklists.uploadPhoto', { shopId: SHOP, data: bytes.toString('base64') });
      const listing = await keep(jpeg('listing photo'));
      const goods = await keep(jpeg('photo of the goods'));
      expect(listing.photoId).toBe(createHash('sha256').update(jpeg('listing photo')).digest('hex'));
      // Not a picture; and not for a shop outside the person's lists.
      const svg = await f.core.dispatch(laowang, 'checklists.uploadPhoto', {
        shopId: SHOP,
        data: Buffer.from('<svg><script>alert(1)</script></svg>').toString('base64'),
      });
      expect(!svg.ok && svg.error.code).toBe('invalid_input');
      const elsewhere = await f.core.dispatch(laowang, 'checklists.uploadPhoto', {
        shopId: 'douyin-xiaolu',
        data: jpeg('x').toString('base64'),
      });
      expect(!elsewhere.ok && elsewhere.error.code).toBe('forbidden');

      // The photo check is weekly: this week's list.
      const { period } = (await call<ChecklistInstance[]>(f, laowang, 'checklists.current', { shopId: SHOP })).find(
        (l) => l.template.id === 'photo',
      )!;
      const tick = (photos: string[]) =>
        f.core.dispatch(laowang, 'checklists.tick', {
          shopId: SHOP,
          templateId: 'photo',
          period,
          itemId: 'colour',
          done: true,
          note: 'ΔE00 1.2 / 0.8（阈值 3）：合格',
          photos,
        });
      // A tick cannot name a photo that was never kept.
      const missing = await tick([listing.photoId, 'e'.repeat(64)]);
      expect(!missing.ok && missing.error.code).toBe('invalid_input');
      // Before the tick names it, a kept photo is not shown through the checklists.
      const early = await f.core.dispatch(laowang, 'checklists.photo', { shopId: SHOP, photoId: goods.photoId });
      expect(!early.ok && early.error.code).toBe('not_found');
      const ticked = await tick([listing.photoId, goods.photoId]);
      expect(ticked.ok && (ticked.value as ChecklistInstance).ticks[0]!.photos).toEqual([
        listing.photoId,
        goods.photoId,
      ]);

      // After a restart: the tick still names both, and each reads back as it was kept.
      await f.close();
      fixtures.length = 0;
      f = await startCoreFixture({ dataDir, demo: true, messagesPerMinute: 0.001 });
      fixtures.push(f);
      const again = await loggedIn(f.core, 'laowang');
      const lists = await call<ChecklistInstance[]>(f, again, 'checklists.current', { shopId: SHOP });
      expect(lists.find((l) => l.template.id === 'photo')!.ticks[0]!.photos).toEqual([listing.photoId, goods.photoId]);
      const read = await call<Photo & { data: string }>(f, again, 'checklists.photo', {
        shopId: SHOP,
        photoId: goods.photoId,
      });
      expect(Buffer.from(read.data, 'base64').toString('latin1')).toBe(jpeg('photo of the goods').toString('latin1'));
      // Someone without the shop does not see it; nor is it shown under another shop.
      const tangtang = await loggedIn(f.core, 'tangtang');
      const outside = await f.core.dispatch(tangtang, 'checklists.photo', { shopId: SHOP, photoId: goods.photoId });
      expect(!outside.ok && outside.error.code).toBe('forbidden');
      const owner = await loggedIn(f.core, 'owner');
      const other = await f.core.dispatch(owner, 'checklists.photo', { shopId: 'jd-mianyu', photoId: goods.photoId });
      expect(!other.ok && other.error.code).toBe('not_found');
    } finally {
      for (const f of fixtures.splice(0)) await f.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
