// The platform's automatic replies (机器人/自动回复) through the connector: kept in the chat's history as a reply by
// nobody, they answer nothing — the buyer still waits, the round runs on until a person replies, the chat list keeps
// the buyer's question — and the reports count neither the bot's message nor its time (DOMAIN.md).
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, KpiReport, Message } from '../../../shared/contract/index.ts';
import { chinaDay } from '../../../shared/domain/reports/kpi.ts';
import type { ConnectorSink } from '../../../electron/core/ports.ts';
import { call, loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const SHOP = 'tmall-mianyu';
const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

describe("the platform's bot replies", () => {
  it('are kept as replies by nobody, and leave the buyer waiting and the round running', async () => {
    let sink: ConnectorSink | null = null;
    const f = await startCoreFixture({
      connectors: {
        demo: (shop) => ({
          start(target) {
            if (shop.id === SHOP) sink = target;
          },
          stop: () => undefined,
        }),
      },
    });
    fixtures.push(f);
    const owner = await loggedIn(f.core, 'owner');
    const askedAt = f.clock.now();
    await sink!.buyerMessage({ shopId: SHOP, buyer: { id: 'b-bot', nick: '小雨' }, text: '这款有现货吗', at: askedAt });
    await f.run(3_000);
    await sink!.botReply!({
      shopId: SHOP,
      buyerId: 'b-bot',
      text: '亲，欢迎光临～客服马上为您服务',
      at: f.clock.now(),
    });
    const chats = await call<ConversationSummary[]>(f, owner, 'inbox.listConversations', {
      shopId: SHOP,
      view: 'recent',
    });
    const chat = chats.find((c) => c.buyer.id === 'b-bot')!;
    expect(chat).toMatchObject({ status: 'waiting', waitingSince: askedAt, lastMessage: { text: '这款有现货吗' } });
    const page = await call<{ messages: Message[] }>(f, owner, 'inbox.listMessages', {
      shopId: SHOP,
      conversationId: chat.id,
    });
    expect(page.messages.map((m) => [m.from, m.authorId, m.text])).toEqual([
      ['buyer', null, '这款有现货吗'],
      ['agent', null, '亲，欢迎光临～客服马上为您服务'],
    ]);
    // A bot reply for a buyer with no chat is refused, not stored somewhere.
    await expect(sink!.botReply!({ shopId: SHOP, buyerId: 'nobody', text: '您好', at: f.clock.now() })).rejects.toThrow(
      /no chat with buyer/,
    );

    // A person answers a minute after the buyer asked: the round is theirs, measured from the buyer's message.
    await f.run(57_000);
    const replied = await f.core.dispatch(owner, 'inbox.reply', {
      shopId: SHOP,
      conversationId: chat.id,
      text: '有的，今天下单明天发',
    });
    expect(replied.ok).toBe(true);
    await f.run(1_000);
    const today = chinaDay(f.clock.now());
    const report = await call<KpiReport>(f, owner, 'reports.kpis', {
      from: today,
      to: today,
      by: 'shop',
      shopIds: [SHOP],
    });
    const row = report.rows.find((r) => r.key === SHOP)!;
    expect(row.firstResponseMs).toBe(60_000);
    expect([row.rounds, row.answered, row.buyerMessages, row.agentMessages]).toEqual([1, 1, 1, 1]);
  });
});
