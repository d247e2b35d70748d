// Per-shop SQLite streams: migrations, group commit, durability across a restart, refusal of newer files.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/contract/index.ts';
import { MIGRATIONS } from '../../electron/storage/sqlite/migrations.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { loggedIn, makeTempDir, startCoreFixture } from '../support/core-fixture.ts';
import { aConversation, aMessage, anOrder } from '../support/factories.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempStreams() {
  const root = await makeTempDir();
  await mkdir(join(root, 'shops', 'shop-a'), { recursive: true });
  const streams = createShopStreams(root);
  cleanups.push(async () => {
    await streams.closeAll();
    await rm(root, { recursive: true, force: true });
  });
  return { root, streams };
}

function conversation(id: string, unread: number, at: number): ConversationSummary {
  return aConversation({
    id,
    shopId: 'shop-a',
    buyer: { id: `b-${id}`, nick: `买家${id}` },
    lastMessage: { text: `第${unread}条`, at },
    unread,
    waitingSince: 1000,
    updatedAt: at,
  });
}

function message(n: number, conversationId: string): Message {
  return aMessage({
    id: `m${n}`,
    conversationId,
    shopId: 'shop-a',
    text: `消息 ${n} <img src=x onerror=alert(1)>`,
    at: 1000 + n,
  });
}

describe('shop streams', () => {
  it('creates the schema with WAL and records the migration version', async () => {
    const { root, streams } = await tempStreams();
    await streams.open('shop-a');
    const db = new DatabaseSync(join(root, 'shops', 'shop-a', 'shop.sqlite'));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
    db.close();
  });

  it('group-commits a burst: 2,000 writes become a few batches, and every promise resolves after commit', async () => {
    const { streams } = await tempStreams();
    await streams.open('shop-a');
    const writes: Promise<void>[] = [];
    for (let n = 1; n <= 2000; n += 1) {
      const id = `c${n % 50}`;
      writes.push(
        streams.write('shop-a', { conversations: [conversation(id, n, 1000 + n)], messages: [message(n, id)] }),
      );
    }
    await Promise.all(writes);
    const stats = streams.stats();
    expect(stats.messages).toBe(2000);
    expect(stats.batches).toBeLessThan(20);
    expect(streams.conversations('shop-a')).toHaveLength(50);
    const thread = streams.messages('shop-a', 'c7', 500).messages;
    expect(thread).toHaveLength(40);
    expect(thread.map((m) => m.at)).toEqual([...thread.map((m) => m.at)].sort((a, b) => a - b));
    expect(thread[0]!.text).toContain('<img src=x onerror=alert(1)>');
  });

  it('keeps the latest state of a conversation written twice in one batch', async () => {
    const { streams } = await tempStreams();
    await streams.open('shop-a');
    await Promise.all([
      streams.write('shop-a', { conversations: [conversation('c1', 1, 1001)] }),
      streams.write('shop-a', { conversations: [conversation('c1', 2, 1002)] }),
    ]);
    expect(streams.conversations('shop-a')).toEqual([conversation('c1', 2, 1002)]);
  });

  it('refuses a database written by a newer version and leaves it unchanged', async () => {
    const { root, streams } = await tempStreams();
    const path = join(root, 'shops', 'shop-a', 'shop.sqlite');
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    await expect(streams.open('shop-a')).rejects.toThrow(/newer version/);
    const again = new DatabaseSync(path);
    expect(again.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length + 1 });
    again.close();
  });

  it('indexes messages for full-text search after each commit, and rebuilds what is missing when it opens', async () => {
    const { root, streams } = await tempStreams();
    await streams.open('shop-a');
    await streams.write('shop-a', {
      conversations: [conversation('c1', 1, 1000)],
      messages: [
        message(1, 'c1'),
        aMessage({ id: 'x', conversationId: 'c1', shopId: 'shop-a', text: '四件套有灰色吗' }),
      ],
    });
    await expect
      .poll(() => streams.search('shop-a', '四件套', { from: null, to: null, limit: 10 }).map((m) => m.id))
      .toEqual(['x']);
    await streams.close('shop-a');
    // As if a crash came between a commit and its indexing: the index loses everything.
    const db = new DatabaseSync(join(root, 'shops', 'shop-a', 'shop.sqlite'));
    db.exec(
      "INSERT INTO messages_fts (messages_fts) VALUES ('delete-all'); UPDATE search_index_state SET indexed_seq = 0",
    );
    db.close();
    await streams.open('shop-a');
    await expect
      .poll(() => streams.search('shop-a', '四件套', { from: null, to: null, limit: 10 }).map((m) => m.id))
      .toEqual(['x']);
    expect(streams.search('shop-a', 'onerror', { from: null, to: null, limit: 10 }).map((m) => m.id)).toEqual(['m1']);
  });

  it("keeps an order's lines; an order stored before them, or with lines unreadable, is the one line of its row", async () => {
    const { root, streams } = await tempStreams();
    await streams.open('shop-a');
    const lines = [
      { sku: 'MY-TS-2301-WHT-M', title: '纯棉短袖T恤 白 M', quantity: 2, amountFen: 11_800, gift: false },
      { sku: 'MY-GIFT-BAG', title: '【赠品】棉麻收纳袋', quantity: 1, amountFen: 0, gift: true },
    ];
    const basket = anOrder({ id: 'o-basket', shopId: 'shop-a', amountFen: 11_800, lines });
    await streams.write('shop-a', {
      orders: [basket, anOrder({ id: 'o-old', shopId: 'shop-a' }), anOrder({ id: 'o-broken', shopId: 'shop-a' })],
    });
    expect(streams.order('shop-a', 'o-basket')).toEqual(basket);
    const db = new DatabaseSync(join(root, 'shops', 'shop-a', 'shop.sqlite'));
    db.prepare("UPDATE orders SET lines = NULL, quantity = 3 WHERE id = 'o-old'").run();
    db.prepare("UPDATE orders SET lines = '[{\"sku\":1}]' WHERE id = 'o-broken'").run();
    db.close();
    const one = (id: string) => streams.order('shop-a', id)!.lines;
    expect(one('o-old')).toEqual([
      { sku: 'MY-TS-2301-WHT-M', title: '纯棉短袖T恤 白 M', quantity: 3, amountFen: 5900, gift: false },
    ]);
    expect(one('o-broken')).toHaveLength(1);
  });

  it('rejects writes to a shop that is not open', async () => {
    const { streams } = await tempStreams();
    await expect(streams.write('shop-a', { messages: [message(1, 'c1')] })).rejects.toThrow(/not open/);
  });
});

describe('inbox durability across a restart', () => {
  it('keeps conversations, unread counts, messages and orders after the core restarts', async () => {
    const first = await startCoreFixture({ messagesPerMinute: 60 });
    const owner = await loggedIn(first.core, 'owner');
    await first.run(60_000);
    const before = await first.core.dispatch(owner, 'inbox.listConversations', { limit: 500 });
    const counts = await first.core.dispatch(owner, 'inbox.counts', {});
    const orders = await first.core.dispatch(owner, 'orders.list', { limit: 500 });
    if (!before.ok || !counts.ok || !orders.ok) throw new Error('calls failed');
    const conversations = before.value as ConversationSummary[];
    expect(conversations.length).toBeGreaterThan(20);
    const sample = conversations[3]!;
    const thread = await first.core.dispatch(owner, 'inbox.listMessages', {
      shopId: sample.shopId,
      conversationId: sample.id,
    });
    await first.core.stop();

    const second = await startCoreFixture({ dataDir: first.dataDir, messagesPerMinute: 0.0001 });
    cleanups.push(async () => {
      await second.core.stop();
      await rm(first.dataDir, { recursive: true, force: true });
    });
    const again = await loggedIn(second.core, 'owner');
    expect(await second.core.dispatch(again, 'inbox.listConversations', { limit: 500 })).toEqual(before);
    expect(await second.core.dispatch(again, 'inbox.counts', {})).toEqual(counts);
    expect(await second.core.dispatch(again, 'orders.list', { limit: 500 })).toEqual(orders);
    expect(
      await second.core.dispatch(again, 'inbox.listMessages', { shopId: sample.shopId, conversationId: sample.id }),
    ).toEqual(thread);
  });
});
