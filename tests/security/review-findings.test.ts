// Review items 6 and 8–12 and the Electron fuses: scope through every shop-naming input, equal login cost, throttling
// without lockout, events after logout or lock, control characters in search, symlinks in the build folder.
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ArchiveId,
  methods,
  ShopId,
  shopIdsAt,
  type AnyEvent,
  type Caller,
  type ConversationSummary,
  type ShopRoster,
} from '../../shared/contract/index.ts';
import { createEventBatcher } from '../../electron/hosting/event-batcher.ts';
import { LOGIN_THROTTLE } from '../../electron/core/sessions/session-service.ts';
import { aConversation } from '../support/factories.ts';
import { loggedIn, quietLogger, startCoreFixture, type CoreFixture } from '../support/core-fixture.ts';
import { startHostFixture } from '../support/host-fixture.ts';
import { startBrowserHost } from '../../electron/browser-host/ws-host.ts';

let fixture: CoreFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

/** Paths of an input schema whose values name a shop (a ShopId or an ArchiveId), however wrapped or nested. */
function shopNamingPaths(schema: z.ZodType, path = ''): string[] {
  if (schema === ShopId || schema === ArchiveId) return [path];
  if (schema instanceof z.ZodObject)
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
      shopNamingPaths(child, path ? `${path}.${key}` : key),
    );
  if (schema instanceof z.ZodArray) return shopNamingPaths(schema.element as z.ZodType, `${path}[]`);
  if (schema instanceof z.ZodUnion)
    return (schema.options as z.ZodType[]).flatMap((option) => shopNamingPaths(option, path));
  const inner = (schema as { _zod?: { def?: { innerType?: z.ZodType; in?: z.ZodType } } })._zod?.def;
  if (inner?.innerType) return shopNamingPaths(inner.innerType, path);
  if (inner?.in) return shopNamingPaths(inner.in, path);
  return [];
}

describe('6. shop scope through every input that names a shop', () => {
  it('every method declares a scope rule for each shop-naming field of its input', () => {
    const uncovered = Object.entries(methods).flatMap(([name, def]) =>
      shopNamingPaths(def.input)
        .filter((path) => !def.shopScope.includes(path) && !def.shopScopeExempt.includes(path))
        .map((path) => `${name}: ${path}`),
    );
    expect(uncovered).toEqual([]);
    // The walk itself finds what it must: an archive id, a nullable shop id, a chat reference.
    expect(shopNamingPaths(methods['shops.restore'].input)).toEqual(['archiveId']);
    expect(shopNamingPaths(methods['inbox.search'].input)).toEqual(['shopId']);
    expect(shopNamingPaths(z.object({ to: z.object({ shopId: ShopId }), shopIds: z.array(ShopId) }))).toEqual([
      'to.shopId',
      'shopIds[]',
    ]);
  });

  it('reads nested and listed shop ids, and the shop of an archive', () => {
    expect(shopIdsAt({ archiveId: 'jd-mianyu--1700000000000' }, 'archiveId')).toEqual(['jd-mianyu']);
    expect(shopIdsAt({ moves: [{ shopId: 'a' }, { shopId: 'b' }] }, 'moves[].shopId')).toEqual(['a', 'b']);
    expect(shopIdsAt({ shopId: null }, 'shopId')).toEqual([]);
  });

  it('a staff member allowed to manage shops in one shop can neither list nor restore another shop’s archive', async () => {
    const first = await startCoreFixture();
    const dataDir = first.dataDir;
    const owner = await loggedIn(first.core, 'owner');
    const archived = await first.core.dispatch(owner, 'shops.archive', { shopId: 'pdd-mianyu' });
    if (!archived.ok) throw new Error('archive failed');
    const archiveId = (archived.value as { archiveId: string }).archiveId;
    // 糖糖 gets settings.shops in one of her shops (taobao), through the roster.
    const roster = await first.core.dispatch(owner, 'roster.shop', { shopId: 'taobao-xiaolu' });
    if (!roster.ok) throw new Error('roster failed');
    const account = (roster.value as ShopRoster).subAccounts.find((a) => a.fullName.endsWith(':糖糖'))!;
    const granted = await first.core.dispatch(owner, 'roster.updateSubAccount', {
      shopId: 'taobao-xiaolu',
      subAccountId: account.id,
      extraGrants: [{ grant: 'settings.shops', until: null }],
    });
    if (!granted.ok) throw new Error('grant failed');
    await first.core.stop();

    fixture = await startCoreFixture({ dataDir });
    const tangtang = await loggedIn(fixture.core, 'tangtang');
    expect(await fixture.core.dispatch(tangtang, 'shops.listArchived', {})).toEqual({ ok: true, value: [] });
    expect(await fixture.core.dispatch(tangtang, 'shops.restore', { archiveId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const ownerAgain = await loggedIn(fixture.core, 'owner');
    expect(await fixture.core.dispatch(ownerAgain, 'shops.listArchived', {})).toMatchObject({
      ok: true,
      value: [{ archiveId }],
    });
  });
});

describe('8. login names cannot be told apart by timing', () => {
  it(
    'an unknown login costs as much as a wrong password (product scrypt cost, interleaved)',
    { timeout: 60_000 },
    async () => {
      fixture = await startCoreFixture({ passwordCost: 15, messagesPerMinute: 0.001 });
      const timings = { wrongPassword: [] as number[], unknownLogin: [] as number[] };
      for (let i = 0; i < 24; i += 1) {
        for (const [kind, login] of [
          ['wrongPassword', 'xiaolin'],
          ['unknownLogin', `nobody${i}`],
        ] as const) {
          // A fresh connection each time, and the clock moved past the throttle window: only the hash is timed.
          fixture.clock.advance(LOGIN_THROTTLE.globalWindowMs + 1);
          const started = performance.now();
          const result = await fixture.core.dispatch({ session: null }, 'session.login', {
            login,
            password: 'not-the-password',
          });
          timings[kind].push(performance.now() - started);
          expect(result).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
        }
      }
      const quantile = (values: number[], q: number) =>
        [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;
      const describe = (values: number[]) =>
        `p10 ${quantile(values, 0.1).toFixed(1)} / p50 ${quantile(values, 0.5).toFixed(1)} / p90 ${quantile(values, 0.9).toFixed(1)} ms`;
      // The first unknown login may also make the stand-in hash; compare from the second attempt on.
      const wrong = timings.wrongPassword.slice(1);
      const unknown = timings.unknownLogin.slice(1);
      console.log(`login timing: wrong password ${describe(wrong)}; unknown login ${describe(unknown)}`);
      const ratio = quantile(unknown, 0.5) / quantile(wrong, 0.5);
      expect(ratio).toBeGreaterThan(0.8);
      expect(ratio).toBeLessThan(1.25);
    },
  );
});

describe('9. guessing is slowed, nobody is locked out', () => {
  it('spraying logins from many connections meets a growing global delay that passes', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const logins = ['owner', 'xiaolin', 'ajie', 'laowang', 'tangtang', 'amy'];
    for (let i = 0; i < LOGIN_THROTTLE.globalFreeFailures; i += 1) {
      const result = await fixture.core.dispatch({ session: null }, 'session.login', {
        login: logins[i % logins.length]!,
        password: `spray${i}`,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    }
    // One more failure anywhere, and every connection now waits a little, growing with each further failure.
    expect(
      await fixture.core.dispatch({ session: null }, 'session.login', { login: 'amy', password: 'spray-last' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    const waiting = await fixture.core.dispatch({ session: null }, 'session.login', {
      login: 'owner',
      password: 'demo1234',
    });
    expect(waiting).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', details: { retryAfterMs: LOGIN_THROTTLE.globalStepMs } },
    });
    await fixture.run(LOGIN_THROTTLE.globalStepMs);
    // A delay, not a lockout: the owner gets in, and so does everyone the sprayer tried.
    expect(
      await fixture.core.dispatch({ session: null }, 'session.login', { login: 'owner', password: 'demo1234' }),
    ).toMatchObject({ ok: true });
    expect(
      await fixture.core.dispatch({ session: null }, 'session.login', { login: 'xiaolin', password: 'demo1234' }),
    ).toMatchObject({ ok: true });
  });
});

describe('10. no event is delivered after a logout or a lock', () => {
  const event = (conversation: ConversationSummary): AnyEvent => ({
    name: 'inbox.conversationUpdated',
    payload: { shopId: conversation.shopId, conversation, shopUnread: 1 },
  });

  it.each([
    ['logout', (caller: Caller) => void (caller.session = null)],
    ['lock', (caller: Caller) => void (caller.session = { ...caller.session!, locked: true })],
  ])('events queued before a %s are dropped when the batch goes', async (_label, change) => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const caller = await loggedIn(fixture.core, 'owner');
    const sent: AnyEvent[][] = [];
    const batcher = createEventBatcher(caller, (batch) => sent.push(batch), 5);
    batcher.push(event(aConversation({ id: 'c1', shopId: 'jd-mianyu' })));
    batcher.flush();
    batcher.push(event(aConversation({ id: 'c2', shopId: 'jd-mianyu' })));
    change(caller);
    batcher.flush();
    batcher.push(event(aConversation({ id: 'c3', shopId: 'jd-mianyu' })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(
      sent.map((batch) => batch.map((e) => (e.payload as { conversation: ConversationSummary }).conversation.id)),
    ).toEqual([['c1']]);
  });
});

describe('11. control characters in a search', () => {
  it.each(['\u0000', 'ab\u0000cd', '\u0000\u0000\u0000', '退\u0007款'])(
    '%j is invalid input, and nothing is logged',
    async (query) => {
      fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
      const owner = await loggedIn(fixture.core, 'owner');
      const before = quietLogger.errors.length;
      expect(await fixture.core.dispatch(owner, 'inbox.search', { query })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(quietLogger.errors.length).toBe(before);
    },
  );
});

describe('12. the static file server and symlinks', () => {
  it('refuses a symlink inside the build folder that leads outside it', async () => {
    const host = await startHostFixture();
    try {
      await mkdir(join(host.staticDir, 'assets', 'linked'), { recursive: true });
      await symlink(join(host.staticDir, '..', 'secret.txt'), join(host.staticDir, 'assets', 'leak.txt'));
      await symlink(join(host.staticDir, '..'), join(host.staticDir, 'assets', 'linked', 'up'));
      for (const path of ['/assets/leak.txt', '/assets/linked/up/secret.txt']) {
        const response = await fetch(`http://127.0.0.1:${host.host.port}${path}`);
        expect([path, response.status]).toEqual([path, 403]);
        expect(await response.text()).not.toContain(host.secretOutside);
      }
      expect((await fetch(`http://127.0.0.1:${host.host.port}/assets/app.js`)).status).toBe(200);

      // A build folder reached through a symlinked path (as /tmp is on macOS) is still served.
      const linked = join(host.staticDir, '..', 'linked-renderer');
      await symlink(host.staticDir, linked);
      const viaLink = await startBrowserHost({ core: host.core, staticDir: linked, logger: quietLogger });
      try {
        expect((await fetch(`http://127.0.0.1:${viaLink.port}/assets/app.js`)).status).toBe(200);
        expect((await fetch(`http://127.0.0.1:${viaLink.port}/assets/leak.txt`)).status).toBe(403);
      } finally {
        await viaLink.close();
      }
    } finally {
      await host.close();
    }
  });
});

describe('Electron fuses in the packaged app', () => {
  it('electron-builder.yml flips every fuse the review names', async () => {
    const yml = await readFile('electron-builder.yml', 'utf8');
    const block = yml.slice(yml.indexOf('electronFuses:'));
    const fuses = Object.fromEntries(
      [...block.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']),
    );
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    const scheme = JSON.parse(await readFile('node_modules/app-builder-lib/scheme.json', 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: object } };
    };
    expect(
      Object.keys(fuses).filter((key) => !Object.hasOwn(scheme.definitions.FuseOptionsV1.properties, key)),
    ).toEqual([]);
  });
});
