import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgentInfo,
  AnyEvent,
  Caller,
  ConversationSummary,
  Message,
  SupervisorView,
} from '../../shared/contract/index.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../support/core-fixture.ts';
import { createScriptedConnector } from '../support/scripted-connector.ts';

let fixture: CoreFixture;
let script: ReturnType<typeof createScriptedConnector>;

function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const list = async (caller: Caller, input: Record<string, unknown> = {}) =>
  value<ConversationSummary[]>(
    await fixture.core.dispatch(caller, 'inbox.listConversations', { limit: 500, ...input }),
  );
const find = async (caller: Caller, shopId: string, buyerId: string) =>
  (await list(caller, { shopId })).find((c) => c.buyer.id === buyerId)!;
const ref = (c: ConversationSummary) => ({ shopId: c.shopId, conversationId: c.id });

beforeEach(async () => {
  let now = () => 0;
  script = createScriptedConnector(() => now());
  fixture = await startCoreFixture({ connectors: { demo: script.factory } });
  now = () => fixture.clock.now();
});

afterEach(async () => {
  await fixture.close();
});

describe('routing in the running console', () => {
  it('routes to the online agent up to her capacity, queues the rest fairly, and drains the queue when she closes a chat', async () => {
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    // 10 buyers in Tmall, then 1 in JD: xiaolin holds 6 (her capacity).
    for (let i = 0; i < 10; i += 1) await script.send('tmall-mianyu', `t${i}`, `问题${i}`);
    await script.send('jd-mianyu', 'j0', '能发顺丰吗？');
    const mine = await list(xiaolin, { view: 'mine' });
    expect(mine).toHaveLength(6);
    const queue = await list(xiaolin, { view: 'queue' });
    expect(queue).toHaveLength(5);
    // Fairness: the quiet JD shop's buyer is within the first round (3 places per shop), ahead of Tmall's backlog.
    expect(queue.findIndex((c) => c.shopId === 'jd-mianyu')).toBeLessThan(4);

    value(await fixture.core.dispatch(xiaolin, 'inbox.close', ref(mine[0]!)));
    const after = await list(xiaolin, { view: 'mine' });
    expect(after).toHaveLength(6);
    expect(after.some((c) => c.id === queue[0]!.id)).toBe(true);
  });

  it('lets only one of two agents claim a pooled chat', async () => {
    await script.send('tmall-mianyu', 'b1', '在吗');
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    value(await fixture.core.dispatch(xiaolin, 'inbox.setStatus', { status: 'paused' }));
    const ajie = await loggedIn(fixture.core, 'ajie');
    value(await fixture.core.dispatch(ajie, 'inbox.setStatus', { status: 'paused' }));
    const chat = await find(xiaolin, 'tmall-mianyu', 'b1');
    const [a, b] = await Promise.all([
      fixture.core.dispatch(xiaolin, 'inbox.claim', ref(chat)),
      fixture.core.dispatch(ajie, 'inbox.claim', ref(chat)),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(a.ok ? b : a).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('transfers a chat to a colleague with a reason: the receiver holds it and sees why; the owner sees it in the supervisor view', async () => {
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    const ajie = await loggedIn(fixture.core, 'ajie');
    value(await fixture.core.dispatch(ajie, 'inbox.setStatus', { status: 'paused' }));
    await script.send('tmall-mianyu', 'b1', '尺码偏小想换大一码，怎么操作？', { group: 'presale' });
    const chat = await find(xiaolin, 'tmall-mianyu', 'b1');
    expect(chat.assigneeId).toBe(xiaolin.session!.userId);

    const seenByAjie: AnyEvent[] = [];
    fixture.core.subscribe(ajie, (event) => seenByAjie.push(event));
    const agents = value<AgentInfo[]>(await fixture.core.dispatch(xiaolin, 'inbox.agents', { shopId: 'tmall-mianyu' }));
    const ajieInfo = agents.find((a) => a.displayName === '阿杰')!;
    expect(ajieInfo.status).toBe('paused');

    const offline = agents.find((a) => a.displayName === '仓管老王');
    expect(offline).toBeUndefined(); // the warehouse keeper does not serve buyers

    const moved = value<ConversationSummary>(
      await fixture.core.dispatch(xiaolin, 'inbox.transfer', {
        ...ref(chat),
        to: { agentId: ajieInfo.id },
        reason: '换码属于售后',
      }),
    );
    expect(moved).toMatchObject({
      assigneeId: ajieInfo.id,
      transfer: { fromId: xiaolin.session!.userId, toId: ajieInfo.id, reason: '换码属于售后' },
    });
    expect(
      seenByAjie.some(
        (e) => e.name === 'inbox.conversationUpdated' && e.payload.conversation.assigneeId === ajieInfo.id,
      ),
    ).toBe(true);
    expect((await list(ajie, { view: 'mine' })).map((c) => c.id)).toEqual([chat.id]);
    const { messages } = value<{ messages: Message[] }>(
      await fixture.core.dispatch(ajie, 'inbox.listMessages', ref(chat)),
    );
    expect(messages.at(-1)).toMatchObject({ kind: 'system', text: '换码属于售后' });

    // Xiaolin no longer holds it: she cannot answer in ajie's place.
    expect(await fixture.core.dispatch(xiaolin, 'inbox.reply', { ...ref(chat), text: '好的' })).toMatchObject({
      ok: false,
      error: { code: 'not_assignee' },
    });

    const owner = await loggedIn(fixture.core, 'owner');
    const view = value<SupervisorView>(await fixture.core.dispatch(owner, 'inbox.supervisor', {}));
    expect(view.transfers[0]).toMatchObject({ conversationId: chat.id, transfer: { reason: '换码属于售后' } });
    expect(view.agents.find((a) => a.id === ajieInfo.id)).toMatchObject({ chats: 1, waiting: 1 });
    expect(view.shops.find((s) => s.shopId === 'tmall-mianyu')).toMatchObject({ waiting: 1, queued: 0 });
    // An agent has no supervisor view.
    expect(await fixture.core.dispatch(xiaolin, 'inbox.supervisor', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses a transfer to an offline colleague, and a group transfer goes back to routing', async () => {
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    await script.send('tmall-mianyu', 'b1', '衣服收到有污渍，能退吗？');
    const chat = await find(xiaolin, 'tmall-mianyu', 'b1');
    const ajieId = value<AgentInfo[]>(
      await fixture.core.dispatch(xiaolin, 'inbox.agents', { shopId: 'tmall-mianyu' }),
    ).find((a) => a.displayName === '阿杰')!.id;
    expect(
      await fixture.core.dispatch(xiaolin, 'inbox.transfer', { ...ref(chat), to: { agentId: ajieId }, reason: '售后' }),
    ).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const pooled = value<ConversationSummary>(
      await fixture.core.dispatch(xiaolin, 'inbox.transfer', {
        ...ref(chat),
        to: { group: 'aftersale' },
        reason: '售后问题',
      }),
    );
    expect(pooled).toMatchObject({ group: 'aftersale', assigneeId: null, status: 'waiting' });
    // Ajie comes online: the after-sale chat goes to him.
    const ajie = await loggedIn(fixture.core, 'ajie');
    expect((await list(ajie, { view: 'mine' })).map((c) => c.id)).toEqual([chat.id]);
  });

  it('returns a buyer to the last agent, reassigns a chat left unanswered, and diverts an offline agent’s chats after 25 minutes', async () => {
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    const unsubscribe = fixture.core.subscribe(xiaolin, () => undefined);
    await script.send('tmall-mianyu', 'b1', '在吗');
    const chat = await find(xiaolin, 'tmall-mianyu', 'b1');
    value(await fixture.core.dispatch(xiaolin, 'inbox.reply', { ...ref(chat), text: '在的亲' }));
    value(await fixture.core.dispatch(xiaolin, 'inbox.snooze', ref(chat)));
    const ajie = await loggedIn(fixture.core, 'ajie');
    await fixture.run(60_000);
    await script.send('tmall-mianyu', 'b1', '还有一个问题');
    expect(await find(xiaolin, 'tmall-mianyu', 'b1')).toMatchObject({
      status: 'waiting',
      assigneeId: xiaolin.session!.userId,
    });

    // Xiaolin does not answer for 2 minutes: the chat moves to ajie.
    await fixture.run(125_000);
    expect((await find(xiaolin, 'tmall-mianyu', 'b1')).assigneeId).toBe(ajie.session!.userId);

    // Ajie answers, then his window closes: 25 minutes later the chat is no longer his. (A waiting chat would have
    // been reassigned long before by the unanswered rule; answered chats close after the shop's idle time, here 60 min.)
    const owner = await loggedIn(fixture.core, 'owner');
    value(
      await fixture.core.dispatch(owner, 'shops.updateInbox', { shopId: 'tmall-mianyu', autoCloseAfterMinutes: 60 }),
    );
    value(await fixture.core.dispatch(ajie, 'inbox.reply', { ...ref(chat), text: '我来帮您看看' }));
    const ajieWindow = fixture.core.subscribe(ajie, () => undefined);
    ajieWindow();
    await fixture.run(24 * 60_000);
    expect((await find(xiaolin, 'tmall-mianyu', 'b1')).assigneeId).toBe(ajie.session!.userId);
    await fixture.run(2 * 60_000);
    expect(await find(xiaolin, 'tmall-mianyu', 'b1')).toMatchObject({ assigneeId: null, status: 'active' });
    unsubscribe();
  });

  it('a supervisor takes over a chat; the shop’s own banned phrases and the defaults both apply', async () => {
    const tangtang = await loggedIn(fixture.core, 'tangtang');
    await script.send('taobao-xiaolu', 'b1', '有没有优惠券？');
    const chat = await find(tangtang, 'taobao-xiaolu', 'b1');
    expect(chat.assigneeId).toBe(tangtang.session!.userId);
    const amy = await loggedIn(fixture.core, 'amy');
    expect(await fixture.core.dispatch(tangtang, 'inbox.takeOver', ref(chat))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(value<ConversationSummary>(await fixture.core.dispatch(amy, 'inbox.takeOver', ref(chat))).assigneeId).toBe(
      amy.session!.userId,
    );

    value(
      await fixture.core.dispatch(amy, 'shops.updateInbox', {
        shopId: 'taobao-xiaolu',
        bannedPhrases: [{ phrase: '没有优惠', suggestion: '我帮您看看现在有哪些活动' }],
      }),
    );
    expect(await fixture.core.dispatch(amy, 'inbox.reply', { ...ref(chat), text: '没有优惠哦' })).toMatchObject({
      ok: false,
      error: { code: 'banned_phrase', details: { phrase: '没有优惠' } },
    });
    expect(await fixture.core.dispatch(amy, 'inbox.reply', { ...ref(chat), text: '爱买不买' })).toMatchObject({
      ok: false,
      error: { code: 'banned_phrase' },
    });
    // Another shop is not affected by this shop's list.
    expect(
      await fixture.core.dispatch(amy, 'shops.updateInbox', { shopId: 'tmall-mianyu', warnAfterSeconds: 60 }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('personal quick phrases', () => {
  it('belong to the person who saved them', async () => {
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    const mine = [{ code: 'wx', group: '我的', text: '亲，加个微信方便发图～' }];
    expect(value(await fixture.core.dispatch(xiaolin, 'inbox.setMyPhrases', { quickPhrases: mine }))).toEqual(mine);
    expect(value(await fixture.core.dispatch(xiaolin, 'inbox.myPhrases', {}))).toEqual(mine);
    const ajie = await loggedIn(fixture.core, 'ajie');
    expect(value(await fixture.core.dispatch(ajie, 'inbox.myPhrases', {}))).toEqual([]);
  });
});

describe('history and search', () => {
  it('pages a thread backwards and finds messages by trigram search across shops, with filters', async () => {
    const owner = await loggedIn(fixture.core, 'owner');
    for (let i = 0; i < 120; i += 1) {
      await script.send('tmall-mianyu', 'b1', `第${i}条：这个面料是纯棉的吗？`);
      fixture.clock.advance(1000);
    }
    await script.send('jd-mianyu', 'b2', '纯棉的四件套有灰色吗？');
    const chat = await find(owner, 'tmall-mianyu', 'b1');
    const first = value<{ messages: Message[]; more: boolean }>(
      await fixture.core.dispatch(owner, 'inbox.listMessages', ref(chat)),
    );
    expect(first.messages).toHaveLength(50);
    expect(first.more).toBe(true);
    expect(first.messages.at(-1)!.text).toBe('第119条：这个面料是纯棉的吗？');
    const second = value<{ messages: Message[]; more: boolean }>(
      await fixture.core.dispatch(owner, 'inbox.listMessages', { ...ref(chat), before: first.messages[0]!.id }),
    );
    expect(second.messages.at(-1)!.text).toBe('第69条：这个面料是纯棉的吗？');
    const third = value<{ messages: Message[]; more: boolean }>(
      await fixture.core.dispatch(owner, 'inbox.listMessages', {
        ...ref(chat),
        limit: 100,
        before: second.messages[0]!.id,
      }),
    );
    expect(third).toMatchObject({ more: false });
    expect(third.messages).toHaveLength(20);

    type Hit = { conversation: ConversationSummary; message: Message };
    // Each shop's full-text index follows its own commits by a fraction of a second (the shops may sit on
    // different writer threads), so both shops' indexes are waited for.
    await expect
      .poll(async () =>
        value<Hit[]>(await fixture.core.dispatch(owner, 'inbox.search', { query: '四件套' })).map(
          (h) => h.message.text,
        ),
      )
      .toEqual(['纯棉的四件套有灰色吗？']);
    await expect
      .poll(async () =>
        value<Hit[]>(await fixture.core.dispatch(owner, 'inbox.search', { query: '第119条' })).map(
          (h) => h.message.text,
        ),
      )
      .toEqual(['第119条：这个面料是纯棉的吗？']);
    const twoChars = value<Hit[]>(await fixture.core.dispatch(owner, 'inbox.search', { query: '纯棉', limit: 200 }));
    expect(twoChars).toHaveLength(121);
    expect(
      value<Hit[]>(await fixture.core.dispatch(owner, 'inbox.search', { query: '纯棉', shopId: 'jd-mianyu' })),
    ).toHaveLength(1);
    expect(value<Hit[]>(await fixture.core.dispatch(owner, 'inbox.search', { query: '第5条' }))).toHaveLength(1);
    // LIKE wildcards are text, not patterns.
    expect(value<Hit[]>(await fixture.core.dispatch(owner, 'inbox.search', { query: '%' }))).toHaveLength(0);
    expect(
      value<Hit[]>(await fixture.core.dispatch(owner, 'inbox.search', { query: '面料', status: 'closed' })),
    ).toHaveLength(0);
    // An agent only finds what her shops hold.
    const tangtang = await loggedIn(fixture.core, 'tangtang');
    expect(value<Hit[]>(await fixture.core.dispatch(tangtang, 'inbox.search', { query: '纯棉' }))).toHaveLength(0);
  });
});
