// The core on real files with a fake clock: first-run demo, sessions and their scope, events filtered per
// session, shops service, and bad input that must not reach the file system.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyEvent, Caller, ConversationSummary, Result, Shop } from '../../shared/contract/index.ts';
import { shopDirectory } from '../../electron/storage/file-storage.ts';
import { HOSTILE_SHOP_IDS, loggedIn, startCoreFixture, type CoreFixture } from '../support/core-fixture.ts';

const DEMO_SHOP_IDS = ['tmall-mianyu', 'taobao-xiaolu', 'jd-mianyu', 'pdd-mianyu', 'douyin-xiaolu'];
let fixture: CoreFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

describe('first run', () => {
  it('seeds the five demo shops, each labelled demo, in the order of DOMAIN.md', async () => {
    fixture = await startCoreFixture();
    const owner = await loggedIn(fixture.core, 'owner');
    const shops = value<Shop[]>(await fixture.core.dispatch(owner, 'shops.list', {}));
    expect(shops.map((s) => s.id)).toEqual(DEMO_SHOP_IDS);
    expect(shops.map((s) => s.platform)).toEqual(['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin']);
    expect(shops.every((s) => s.demo)).toBe(true);
    const info = value<{ demo: boolean; demoAccounts: { login: string }[] }>(
      await fixture.core.dispatch({ session: null }, 'app.info', {}),
    );
    expect(info.demo).toBe(true);
    expect(info.demoAccounts.map((a) => a.login)).toContain('xiaolin');
  });

  it('stores people with scrypt hashes, never the password', async () => {
    fixture = await startCoreFixture();
    const raw = await readFile(join(fixture.dataDir, 'people.json'), 'utf8');
    expect(raw).toContain('scrypt$');
    expect(raw).not.toContain('demo1234');
    expect(raw).toContain('棉语家居旗舰店:小林');
  });

  it('does not seed again on the next start, and keeps renamed shops', async () => {
    fixture = await startCoreFixture();
    const owner = await loggedIn(fixture.core, 'owner');
    value(await fixture.core.dispatch(owner, 'shops.update', { shopId: 'jd-mianyu', name: '棉语京东店' }));
    const dataDir = fixture.dataDir;
    await fixture.core.stop();
    fixture = await startCoreFixture({ dataDir });
    const again = await loggedIn(fixture.core, 'owner');
    const shops = value<Shop[]>(await fixture.core.dispatch(again, 'shops.list', {}));
    expect(shops).toHaveLength(5);
    expect(shops.find((s) => s.id === 'jd-mianyu')?.name).toBe('棉语京东店');
    // The folder goes only once the core on it has stopped: a running core still writes (a flush, the demo's
    // traffic), and removing the folder under it fails with ENOTEMPTY now and then.
    await fixture.close();
    fixture = null;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts with no shops and no demo when the demo is off', async () => {
    fixture = await startCoreFixture({ demo: false });
    const info = value<{ demo: boolean }>(await fixture.core.dispatch({ session: null }, 'app.info', {}));
    expect(info.demo).toBe(false);
  });
});

describe('sessions', () => {
  it('rejects a wrong password and an unknown login with the same code', async () => {
    fixture = await startCoreFixture();
    const caller: Caller = { session: null };
    expect(await fixture.core.dispatch(caller, 'session.login', { login: 'owner', password: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    expect(
      await fixture.core.dispatch(caller, 'session.login', { login: 'ghost', password: 'demo1234' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(caller.session).toBeNull();
  });

  it('slows a connection that keeps guessing with growing delays, without locking the person out elsewhere', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const guesser: Caller = { session: null };
    for (let i = 0; i < 3; i += 1) {
      expect(
        await fixture.core.dispatch(guesser, 'session.login', { login: 'ajie', password: `guess${i}` }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    }
    // After three failures this connection waits 1 s, after the fourth 2 s: doubling, not a lockout.
    expect(
      await fixture.core.dispatch(guesser, 'session.login', { login: 'ajie', password: 'demo1234' }),
    ).toMatchObject({ ok: false, error: { code: 'rate_limited', details: { retryAfterMs: 1000 } } });
    await fixture.run(1_000);
    expect(await fixture.core.dispatch(guesser, 'session.login', { login: 'ajie', password: 'guess3' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    expect(
      await fixture.core.dispatch(guesser, 'session.login', { login: 'ajie', password: 'demo1234' }),
    ).toMatchObject({ ok: false, error: { code: 'rate_limited', details: { retryAfterMs: 2000 } } });
    // Ajie herself, at her own desk, logs in at once.
    expect(
      await fixture.core.dispatch({ session: null }, 'session.login', { login: 'AJIE', password: 'demo1234' }),
    ).toMatchObject({ ok: true });
    await fixture.run(2_000);
    expect(
      await fixture.core.dispatch(guesser, 'session.login', { login: 'ajie', password: 'demo1234' }),
    ).toMatchObject({ ok: true });
  });

  it('gives the owner every shop and an agent only hers', async () => {
    fixture = await startCoreFixture();
    const owner = await loggedIn(fixture.core, 'owner');
    const agent = await loggedIn(fixture.core, 'xiaolin');
    expect(owner.session?.shopIds).toBe('all');
    const agentShops = value<Shop[]>(await fixture.core.dispatch(agent, 'shops.list', {}));
    expect(agentShops.map((s) => s.id)).toEqual(['tmall-mianyu', 'jd-mianyu', 'pdd-mianyu']);
    expect(await fixture.core.dispatch(agent, 'orders.list', { shopId: 'taobao-xiaolu' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await fixture.core.dispatch(agent, 'shops.archive', { shopId: 'tmall-mianyu' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('logs out: the caller loses the session and its calls', async () => {
    fixture = await startCoreFixture();
    const owner = await loggedIn(fixture.core, 'owner');
    value(await fixture.core.dispatch(owner, 'session.logout', {}));
    expect(owner.session).toBeNull();
    expect(await fixture.core.dispatch(owner, 'shops.list', {})).toMatchObject({
      ok: false,
      error: { code: 'not_authenticated' },
    });
  });

  it('keeps a warehouse role without inbox access out of the inbox and its events', async () => {
    fixture = await startCoreFixture();
    const laowang = await loggedIn(fixture.core, 'laowang');
    const seen: AnyEvent[] = [];
    fixture.core.subscribe(laowang, (event) => seen.push(event));
    await fixture.run(30_000);
    // No chat reaches him; what he hears of is the stock he keeps and the orders he ships, as they come.
    expect(seen.filter((event) => !/^(inventory|shipping)\./.test(event.name))).toEqual([]);
    expect(seen.some((event) => event.name === 'shipping.changed')).toBe(true);
    expect(await fixture.core.dispatch(laowang, 'inbox.listConversations', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('inbox and events', () => {
  it('delivers demo buyer messages from all five shops to the owner', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 60 });
    const owner = await loggedIn(fixture.core, 'owner');
    const seen: AnyEvent[] = [];
    fixture.core.subscribe(owner, (event) => seen.push(event));
    await fixture.run(60_000);
    const shopsWithMessages = new Set(
      seen.filter((e) => e.name === 'inbox.messageReceived').map((e) => e.payload.shopId),
    );
    expect([...shopsWithMessages].sort()).toEqual([...DEMO_SHOP_IDS].sort());
    const counts = value<Record<string, { unread: number }>>(await fixture.core.dispatch(owner, 'inbox.counts', {}));
    const received = seen.filter((e) => e.name === 'inbox.messageReceived').length;
    expect(Object.values(counts).reduce((sum, c) => sum + c.unread, 0)).toBe(received);
  });

  it('filters events by the session scope: an agent never receives another shop', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 120 });
    const agent = await loggedIn(fixture.core, 'tangtang');
    const anonymous: Caller = { session: null };
    const seen: AnyEvent[] = [];
    const seenAnonymous: AnyEvent[] = [];
    fixture.core.subscribe(agent, (event) => seen.push(event));
    fixture.core.subscribe(anonymous, (event) => seenAnonymous.push(event));
    await fixture.run(60_000);
    expect(seen.length).toBeGreaterThan(10);
    expect(new Set(seen.map((e) => e.payload.shopId))).toEqual(new Set(['taobao-xiaolu', 'douyin-xiaolu']));
    expect(seenAnonymous).toHaveLength(0);
    const listed = value<ConversationSummary[]>(await fixture.core.dispatch(agent, 'inbox.listConversations', {}));
    expect(listed.every((c) => c.shopId === 'taobao-xiaolu' || c.shopId === 'douyin-xiaolu')).toBe(true);
  });

  it('lists waiting conversations by breach time (each shop’s own window), and mark-read clears unread', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 30 });
    const owner = await loggedIn(fixture.core, 'owner');
    await fixture.run(120_000);
    const listed = value<ConversationSummary[]>(await fixture.core.dispatch(owner, 'inbox.listConversations', {}));
    expect(listed.length).toBeGreaterThan(5);
    const waiting = listed.filter((c) => c.waitingSince !== null);
    const dues = waiting.map((c) => c.dueAt!);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    // Pinduoduo allows 60 minutes, Tmall 3: the due time carries the shop's platform window.
    for (const c of waiting) expect(c.dueAt! - c.waitingSince!).toBe(c.shopId === 'pdd-mianyu' ? 3_600_000 : 180_000);
    const first = listed[0]!;
    const { messages } = value<{ messages: { text: string }[] }>(
      await fixture.core.dispatch(owner, 'inbox.listMessages', { shopId: first.shopId, conversationId: first.id }),
    );
    expect(messages.length).toBe(first.unread);
    value(await fixture.core.dispatch(owner, 'inbox.markRead', { shopId: first.shopId, conversationId: first.id }));
    const counts = value<Record<string, { unread: number }>>(await fixture.core.dispatch(owner, 'inbox.counts', {}));
    const after = value<ConversationSummary[]>(
      await fixture.core.dispatch(owner, 'inbox.listConversations', { shopId: first.shopId }),
    );
    expect(after.find((c) => c.id === first.id)?.unread).toBe(0);
    expect(counts[first.shopId]?.unread).toBe(after.reduce((sum, c) => sum + c.unread, 0));
  });

  it('archiving moves the shop folder aside with its data, stops its messages, and restoring brings it all back', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 120 });
    const owner = await loggedIn(fixture.core, 'owner');
    await fixture.run(30_000);
    const before = value<ConversationSummary[]>(
      await fixture.core.dispatch(owner, 'inbox.listConversations', { shopId: 'pdd-mianyu', limit: 500 }),
    );
    expect(before.length).toBeGreaterThan(0);
    const archived = value<{ archiveId: string; shop: Shop }>(
      await fixture.core.dispatch(owner, 'shops.archive', { shopId: 'pdd-mianyu' }),
    );
    expect(archived.archiveId).toMatch(/^pdd-mianyu--\d+$/);
    expect(archived.shop.archived).toBe(true);
    await expect(readFile(join(fixture.dataDir, 'shops', 'pdd-mianyu', 'shop.json'), 'utf8')).rejects.toThrow();
    expect(
      JSON.parse(await readFile(join(fixture.dataDir, 'archive', archived.archiveId, 'shop.json'), 'utf8')).profile
        .archived,
    ).toBe(true);

    const seen: AnyEvent[] = [];
    fixture.core.subscribe(owner, (event) => seen.push(event));
    await fixture.run(60_000);
    expect(seen.some((e) => e.payload.shopId === 'pdd-mianyu')).toBe(false);
    expect(value<Shop[]>(await fixture.core.dispatch(owner, 'shops.list', {})).map((s) => s.id)).not.toContain(
      'pdd-mianyu',
    );
    expect(await fixture.core.dispatch(owner, 'shops.archive', { shopId: 'pdd-mianyu' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      value<{ archiveId: string }[]>(await fixture.core.dispatch(owner, 'shops.listArchived', {})).map(
        (a) => a.archiveId,
      ),
    ).toEqual([archived.archiveId]);

    const restored = value<Shop>(
      await fixture.core.dispatch(owner, 'shops.restore', { archiveId: archived.archiveId }),
    );
    expect(restored).toMatchObject({ id: 'pdd-mianyu', archived: false });
    const after = value<ConversationSummary[]>(
      await fixture.core.dispatch(owner, 'inbox.listConversations', { shopId: 'pdd-mianyu', limit: 500 }),
    );
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    expect(await fixture.core.dispatch(owner, 'shops.restore', { archiveId: archived.archiveId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await fixture.core.dispatch(owner, 'shops.restore', { archiveId: 'pdd-mianyu--1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await fixture.core.dispatch(owner, 'shops.restore', { archiveId: 'gone-shop--1' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await fixture.core.dispatch(owner, 'shops.restore', { archiveId: '../../etc--1' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('edits a shop and seals connector credentials, reporting how they are protected', async () => {
    fixture = await startCoreFixture();
    const owner = await loggedIn(fixture.core, 'owner');
    const edited = value<Shop>(
      await fixture.core.dispatch(owner, 'shops.update', {
        shopId: 'jd-mianyu',
        name: '棉语京东店',
        sellerLevel: 'crown',
        mainAccount: 'mianyu_jd',
      }),
    );
    expect(edited).toMatchObject({
      name: '棉语京东店',
      sellerLevel: 'crown',
      mainAccount: 'mianyu_jd',
      platform: 'jd',
    });
    const withSecret = value<Shop>(
      await fixture.core.dispatch(owner, 'shops.setConnector', {
        shopId: 'jd-mianyu',
        kind: 'demo',
        credentials: { appKey: 'key-123', appSecret: 's3cr3t-value' },
      }),
    );
    expect(withSecret.connector).toEqual({ kind: 'demo', hasCredentials: true, protection: 'plaintext' });
    const raw = await readFile(join(fixture.dataDir, 'shops', 'jd-mianyu', 'shop.json'), 'utf8');
    expect(raw).not.toContain('s3cr3t-value');
    expect(
      await fixture.core.dispatch(owner, 'shops.setConnector', { shopId: 'jd-mianyu', kind: 'no-such-kind' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const cleared = value<Shop>(
      await fixture.core.dispatch(owner, 'shops.setConnector', {
        shopId: 'jd-mianyu',
        kind: 'none',
        credentials: null,
      }),
    );
    expect(cleared.connector).toEqual({ kind: 'none', hasCredentials: false, protection: null });
    const info = value<{ secretProtection: string; connectorKinds: string[] }>(
      await fixture.core.dispatch(owner, 'app.info', {}),
    );
    expect(info).toMatchObject({ secretProtection: 'plaintext', connectorKinds: ['demo'] });
  });

  it('adds a shop with its own data folder and announces it', async () => {
    fixture = await startCoreFixture();
    const owner = await loggedIn(fixture.core, 'owner');
    const seen: AnyEvent[] = [];
    fixture.core.subscribe(owner, (event) => seen.push(event));
    const shop = value<Shop>(
      await fixture.core.dispatch(owner, 'shops.add', { platform: 'jd', name: '新京东店', mainAccount: 'new_jd' }),
    );
    expect(shop.id).toMatch(/^jd-[a-z0-9]+$/);
    expect(shop.demo).toBe(false);
    expect(shop.position).toBe(5);
    expect(seen).toContainEqual({ name: 'shops.changed', payload: { shopId: shop.id } });
    const doc = JSON.parse(await readFile(join(fixture.dataDir, 'shops', shop.id, 'shop.json'), 'utf8'));
    expect(doc).toMatchObject({ schemaVersion: 1, profile: { name: '新京东店', mainAccount: 'new_jd' } });
  });
});

describe('storage boundaries', () => {
  it.each(HOSTILE_SHOP_IDS)('shopDirectory refuses %j', (shopId) => {
    expect(() => shopDirectory('/data', shopId)).toThrow(expect.objectContaining({ code: 'invalid_shop_id' }));
  });
});

describe('lock, PIN and unlock (a shared desk)', () => {
  it('locks a session: no calls, no events, until unlocked with the password', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 120 });
    const agent = await loggedIn(fixture.core, 'xiaolin');
    const seen: AnyEvent[] = [];
    fixture.core.subscribe(agent, (event) => seen.push(event));
    expect(await fixture.core.dispatch(agent, 'session.lock', {})).toMatchObject({ ok: true, value: { locked: true } });
    expect(await fixture.core.dispatch(agent, 'inbox.listConversations', {})).toMatchObject({
      ok: false,
      error: { code: 'session_locked' },
    });
    await fixture.run(60_000);
    expect(seen).toEqual([]);
    expect(await fixture.core.dispatch(agent, 'session.current', {})).toMatchObject({
      ok: true,
      value: { locked: true, login: 'xiaolin' },
    });
    expect(await fixture.core.dispatch(agent, 'session.unlock', { secret: 'demo1234' })).toMatchObject({
      ok: true,
      value: { locked: false },
    });
    expect(await fixture.core.dispatch(agent, 'inbox.listConversations', {})).toMatchObject({ ok: true });
  });

  it('sets a PIN (with the password) that unlocks, and stores only its hash', async () => {
    fixture = await startCoreFixture();
    const owner = await loggedIn(fixture.core, 'owner');
    expect(await fixture.core.dispatch(owner, 'session.setPin', { pin: '2468', password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    expect(await fixture.core.dispatch(owner, 'session.setPin', { pin: '12', password: 'demo1234' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await fixture.core.dispatch(owner, 'session.setPin', { pin: '2468', password: 'demo1234' })).toMatchObject({
      ok: true,
      value: { hasPin: true },
    });
    expect(await readFile(join(fixture.dataDir, 'people.json'), 'utf8')).not.toContain('2468');
    value(await fixture.core.dispatch(owner, 'session.lock', {}));
    expect(await fixture.core.dispatch(owner, 'session.unlock', { secret: '1357' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    expect(await fixture.core.dispatch(owner, 'session.unlock', { secret: '2468' })).toMatchObject({
      ok: true,
      value: { locked: false, hasPin: true },
    });
  });

  it('ends the session after five wrong unlock attempts', async () => {
    fixture = await startCoreFixture();
    const owner = await loggedIn(fixture.core, 'owner');
    value(await fixture.core.dispatch(owner, 'session.lock', {}));
    for (let i = 0; i < 4; i += 1) {
      expect(await fixture.core.dispatch(owner, 'session.unlock', { secret: `nope${i}` })).toMatchObject({
        ok: false,
        error: { code: 'invalid_credentials' },
      });
    }
    expect(await fixture.core.dispatch(owner, 'session.unlock', { secret: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_authenticated' },
    });
    expect(owner.session).toBeNull();
  });
});

describe('replying', () => {
  it('sends a reply durably, ends the wait and tells the agents; the guard blocks banned phrases', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 60 });
    const agent = await loggedIn(fixture.core, 'xiaolin');
    await fixture.run(30_000);
    const [first] = value<ConversationSummary[]>(
      await fixture.core.dispatch(agent, 'inbox.listConversations', { limit: 1 }),
    );
    const target = { shopId: first!.shopId, conversationId: first!.id };
    const seen: AnyEvent[] = [];
    fixture.core.subscribe(agent, (event) => seen.push(event));

    const blocked = await fixture.core.dispatch(agent, 'inbox.reply', { ...target, text: '这个我 不 知 道' });
    expect(blocked).toMatchObject({
      ok: false,
      error: { code: 'banned_phrase', details: { phrase: '不知道', suggestion: expect.any(String) } },
    });

    const sent = value<{ from: string; text: string }>(
      await fixture.core.dispatch(agent, 'inbox.reply', { ...target, text: '亲，我帮您确认一下～' }),
    );
    expect(sent).toMatchObject({ from: 'agent', text: '亲，我帮您确认一下～' });
    const { messages } = value<{ messages: { from: string; authorId: string | null }[] }>(
      await fixture.core.dispatch(agent, 'inbox.listMessages', target),
    );
    expect(messages.at(-1)).toMatchObject({ from: 'agent', authorId: agent.session!.userId });
    const after = value<ConversationSummary[]>(
      await fixture.core.dispatch(agent, 'inbox.listConversations', { shopId: target.shopId, limit: 500 }),
    );
    expect(after.find((c) => c.id === target.conversationId)).toMatchObject({
      status: 'active',
      waitingSince: null,
      unread: 0,
    });
    expect(seen.some((e) => e.name === 'inbox.replied' && e.payload.message.text === '亲，我帮您确认一下～')).toBe(
      true,
    );

    const warehouse = await loggedIn(fixture.core, 'laowang');
    expect(await fixture.core.dispatch(warehouse, 'inbox.reply', { ...target, text: '你好' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
