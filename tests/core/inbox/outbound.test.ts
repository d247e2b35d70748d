// Replies go out through the shop's connector: pictures stored in the shop's folder and read back, every reply
// kept `sending` in the outbox until the platform takes it (also across an offline platform and a restart), a
// refusal shown with its reason and sent again on request, nothing queued for a shop without a connector.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  WAITING_FOR_PLATFORM,
  type AnyEvent,
  type Caller,
  type ConversationSummary,
  type Message,
} from '../../../shared/contract/index.ts';
import { MAX_IMAGE_BYTES } from '../../../shared/domain/image-file.ts';
import type { DemoRosterHub } from '../../../electron/connectors/demo-platform/demo-roster-hub.ts';
import { loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const SHOP = 'tmall-mianyu';
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

async function start(options: Parameters<typeof startCoreFixture>[0] = {}): Promise<CoreFixture> {
  const f = await startCoreFixture(options);
  fixtures.push(f);
  return f;
}

async function settle(f: CoreFixture): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await f.core.flush();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function aChat(f: CoreFixture, caller: Caller): Promise<ConversationSummary> {
  for (let i = 0; i < 20; i += 1) {
    const listed = await f.core.dispatch(caller, 'inbox.listConversations', { shopId: SHOP, view: 'recent' });
    if (!listed.ok) throw new Error(listed.error.code);
    const free = (listed.value as ConversationSummary[]).find(
      (c) => c.assigneeId === null || c.assigneeId === caller.session?.userId,
    );
    if (free) return free;
    await f.run(30_000);
  }
  throw new Error('no chat arrived');
}

type Sent = { ok: true; value: Message } | { ok: false; error: { code: string } };

async function reply(f: CoreFixture, caller: Caller, chat: ConversationSummary, extra: Record<string, unknown>) {
  return (await f.core.dispatch(caller, 'inbox.reply', {
    shopId: SHOP,
    conversationId: chat.id,
    text: '',
    ...extra,
  })) as Sent;
}

async function resend(f: CoreFixture, caller: Caller, chat: ConversationSummary, messageId: string) {
  return (await f.core.dispatch(caller, 'inbox.resend', { shopId: SHOP, conversationId: chat.id, messageId })) as Sent;
}

async function stored(f: CoreFixture, caller: Caller, chat: ConversationSummary, id: string): Promise<Message> {
  const page = await f.core.dispatch(caller, 'inbox.listMessages', { shopId: SHOP, conversationId: chat.id });
  if (!page.ok) throw new Error(page.error.code);
  const found = (page.value as { messages: Message[] }).messages.find((m) => m.id === id);
  if (!found) throw new Error(`message ${id} not stored`);
  return found;
}

describe('outbound replies', () => {
  it('stores a sent picture by its hash in the shop folder, reads it back, and marks the reply sent', async () => {
    const f = await start();
    const owner = await loggedIn(f.core, 'owner');
    const events: AnyEvent[] = [];
    f.core.subscribe(owner, (event) => events.push(event));
    const chat = await aChat(f, owner);
    const sent = await reply(f, owner, chat, { text: '实物图', image: { data: PNG } });
    if (!sent.ok) throw new Error(sent.error.code);
    const bytes = Buffer.from(PNG, 'base64');
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect(sent.value).toMatchObject({ kind: 'image', text: '实物图', ref: `media:${hash}.png` });
    expect(sent.value.delivery).toEqual({ state: 'sending', note: null });
    expect(await readFile(join(f.dataDir, 'shops', SHOP, 'media', `${hash}.png`))).toEqual(bytes);

    const media = await f.core.dispatch(owner, 'inbox.media', {
      shopId: SHOP,
      conversationId: chat.id,
      ref: `media:${hash}.png`,
    });
    expect(media).toEqual({ ok: true, value: { mime: 'image/png', data: PNG } });

    await settle(f);
    expect((await stored(f, owner, chat, sent.value.id)).delivery).toEqual({ state: 'sent', note: null });
    const updates = events.filter((e) => e.name === 'inbox.messageUpdated');
    expect(updates.map((e) => e.payload.message.delivery?.state)).toEqual(['sent']);
  });

  it('refuses what is not a picture, and a picture over the limit, with a clear error and nothing stored', async () => {
    const f = await start();
    const owner = await loggedIn(f.core, 'owner');
    const chat = await aChat(f, owner);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString(
      'base64',
    );
    const refused = await reply(f, owner, chat, { image: { data: svg } });
    expect(refused.ok || refused.error.code).toBe('invalid_input');
    const big = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.alloc(MAX_IMAGE_BYTES)]).toString('base64');
    const tooBig = await reply(f, owner, chat, { image: { data: big } });
    expect(tooBig.ok || tooBig.error.code).toMatch(/payload_too_large|invalid_input/);
    const page = await f.core.dispatch(owner, 'inbox.listMessages', { shopId: SHOP, conversationId: chat.id });
    // Nothing of the owner's stored (the platform's bot may have greeted the buyer: a reply by nobody).
    expect(
      page.ok && (page.value as { messages: Message[] }).messages.filter((m) => m.authorId === owner.session!.userId),
    ).toEqual([]);
    const both = await reply(f, owner, chat, { image: { data: PNG }, card: { kind: 'product', sku: 'X' } });
    expect(both.ok || both.error.code).toBe('invalid_input');
  });

  it('keeps a reply sending while the platform is offline, and sends it when it is back — also after a restart', async () => {
    const dataDir = await makeTempDir();
    const hubs = new Map<string, DemoRosterHub>();
    const first = await startCoreFixture({ dataDir, rosterHubs: hubs, idPrefix: 'a' });
    const owner = await loggedIn(first.core, 'owner');
    const chat = await aChat(first, owner);
    hubs.get(SHOP)!.setOnline(false);
    const sent = await reply(first, owner, chat, { text: '您好，稍等' });
    if (!sent.ok) throw new Error(sent.error.code);
    await settle(first);
    expect((await stored(first, owner, chat, sent.value.id)).delivery).toEqual({
      state: 'sending',
      note: WAITING_FOR_PLATFORM,
    });
    // Retries back off while it stays offline; the message waits.
    await first.run(10_000);
    await settle(first);
    expect((await stored(first, owner, chat, sent.value.id)).delivery?.state).toBe('sending');
    await first.core.stop();

    hubs.get(SHOP)!.setOnline(true);
    const second = await start({ dataDir, rosterHubs: hubs, idPrefix: 'b' });
    await settle(second);
    const again = await loggedIn(second.core, 'owner');
    expect((await stored(second, again, chat, sent.value.id)).delivery).toEqual({ state: 'sent', note: null });
  });

  it('goes out after the platform comes back, within the retry pause', async () => {
    const f = await start();
    const owner = await loggedIn(f.core, 'owner');
    const chat = await aChat(f, owner);
    f.hubs.get(SHOP)!.setOnline(false);
    const sent = await reply(f, owner, chat, { text: '第一条' });
    const next = await reply(f, owner, chat, { text: '第二条' });
    if (!sent.ok || !next.ok) throw new Error('reply refused');
    await settle(f);
    f.hubs.get(SHOP)!.setOnline(true);
    await f.run(31_000);
    await settle(f);
    expect((await stored(f, owner, chat, sent.value.id)).delivery?.state).toBe('sent');
    expect((await stored(f, owner, chat, next.value.id)).delivery?.state).toBe('sent');
  });

  it("shows the platform's refusal with its reason; only a refused reply can be sent again", async () => {
    const f = await start();
    const owner = await loggedIn(f.core, 'owner');
    const chat = await aChat(f, owner);
    const sent = await reply(f, owner, chat, { text: '看这里 https://example.com/x' });
    if (!sent.ok) throw new Error(sent.error.code);
    await settle(f);
    const failed = await stored(f, owner, chat, sent.value.id);
    expect(failed.delivery?.state).toBe('failed');
    expect(failed.delivery?.note).toMatch(/站外链接/);

    const resent = await resend(f, owner, chat, sent.value.id);
    expect(resent.ok && resent.value.delivery).toEqual({ state: 'sending', note: null });
    await settle(f);
    expect((await stored(f, owner, chat, sent.value.id)).delivery?.state).toBe('failed');

    const fine = await reply(f, owner, chat, { text: '好的' });
    if (!fine.ok) throw new Error(fine.error.code);
    await settle(f);
    const notFailed = await resend(f, owner, chat, fine.value.id);
    expect(notFailed.ok || notFailed.error.code).toBe('conflict');
  });

  it("queues nothing when the shop's connector does not send (the reply stays in the console)", async () => {
    // A connector that only delivers buyers (an order-export import, say): one buyer writes, nothing goes out.
    const f = await start({
      connectors: {
        demo: (shop) => ({
          start(sink) {
            if (shop.id === SHOP)
              void sink.buyerMessage({ shopId: SHOP, buyer: { id: 'b1', nick: '买家1' }, text: '在吗', at: 1 });
          },
          stop: () => undefined,
        }),
      },
    });
    const owner = await loggedIn(f.core, 'owner');
    await settle(f);
    const chat = await aChat(f, owner);
    const sent = await reply(f, owner, chat, { text: '在的' });
    expect(sent.ok && sent.value.delivery).toBeUndefined();
    await settle(f);
    expect((await stored(f, owner, chat, sent.ok ? sent.value.id : '')).delivery).toBeUndefined();
  });
});
