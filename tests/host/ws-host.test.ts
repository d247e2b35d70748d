// The browser host's trust boundary: token, Origin, Host, frame size and shape, static files, event scope.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/index.ts';
import { connectClient } from '../support/ws-client.ts';
import { goodHeaders, startHostFixture, wsUrl, type HostFixture } from '../support/host-fixture.ts';

let fixture: HostFixture;
beforeAll(async () => {
  fixture = await startHostFixture({ messagesPerMinute: 120 });
});
afterAll(async () => {
  await fixture.close();
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: fixture.host.port,
        path,
        method: 'GET',
        headers: { Host: `127.0.0.1:${fixture.host.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('browser host: WebSocket admission', () => {
  it('binds to loopback and prints a URL carrying the token in the fragment', () => {
    expect(fixture.host.url).toBe(`http://127.0.0.1:${fixture.host.port}/#token=${fixture.host.token}`);
    expect(fixture.host.token.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    [
      'no token',
      (f: HostFixture) => `ws://127.0.0.1:${f.host.port}/ws`,
      (f: HostFixture) => goodHeaders(f),
      'HTTP 401',
    ],
    ['a wrong token', (f: HostFixture) => wsUrl(f, 'x'.repeat(32)), (f: HostFixture) => goodHeaders(f), 'HTTP 401'],
    [
      'a foreign Origin',
      (f: HostFixture) => wsUrl(f),
      (f: HostFixture) => ({ ...goodHeaders(f), Origin: 'http://evil.example' }),
      'HTTP 403',
    ],
    [
      'an Origin on another port',
      (f: HostFixture) => wsUrl(f),
      (f: HostFixture) => ({ ...goodHeaders(f), Origin: 'http://127.0.0.1:1' }),
      'HTTP 403',
    ],
    ['no Origin', (f: HostFixture) => wsUrl(f), (f: HostFixture) => ({ Host: `127.0.0.1:${f.host.port}` }), 'HTTP 403'],
    [
      'a rebinding Host',
      (f: HostFixture) => wsUrl(f),
      (f: HostFixture) => ({ Origin: `http://evil.example:${f.host.port}`, Host: `evil.example:${f.host.port}` }),
      'HTTP 421',
    ],
    [
      'a wrong path',
      (f: HostFixture) => `ws://127.0.0.1:${f.host.port}/socket?token=${f.host.token}`,
      (f: HostFixture) => goodHeaders(f),
      'HTTP 404',
    ],
  ])('rejects %s', async (_label, url, headers, expected) => {
    await expect(connectClient(url(fixture), headers(fixture))).rejects.toThrow(expected);
  });

  it('accepts localhost as well as 127.0.0.1 when Origin matches Host', async () => {
    const client = await connectClient(wsUrl(fixture), {
      Origin: `http://localhost:${fixture.host.port}`,
      Host: `localhost:${fixture.host.port}`,
    });
    expect(await client.call('app.info', {})).toMatchObject({ ok: true });
    await client.close();
  });
});

describe('browser host: frames', () => {
  it('closes a connection that sends a frame over the limit (1009), without buffering it, and serves the next one', async () => {
    const client = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    const closed = new Promise<number>((resolve) => client.onClose(resolve));
    client.sendRaw(
      JSON.stringify({
        t: 'call',
        id: 1,
        method: 'session.login',
        input: { login: 'owner', password: 'x'.repeat(MAX_MESSAGE_BYTES + 10) },
      }),
    );
    expect(await closed).toBe(1009);
    const next = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    expect(await next.call('app.info', {})).toMatchObject({ ok: true });
    await next.close();
  });

  it('answers garbage with an error frame, unknown methods with unknown_method, and no session with not_authenticated', async () => {
    const client = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    client.sendRaw('{not json');
    client.sendRaw(JSON.stringify({ t: 'call', id: -1, method: 'app.info' }));
    expect(await client.call('shops.explode', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await client.call('shops.list', {})).toMatchObject({ ok: false, error: { code: 'not_authenticated' } });
    expect(await client.call('shops.update', { shopId: '%2e%2e', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_authenticated' },
    });
    const errors = client.frames.filter((f) => (f as { t: string }).t === 'error');
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(
      errors.map(() => expect.objectContaining({ error: expect.objectContaining({ code: 'invalid_input' }) })),
    );
    await client.close();
  });

  it('holds the session per connection: logging in on one does not log in another', async () => {
    const a = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    const b = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    expect(await a.call('session.login', { login: 'owner', password: 'demo1234' })).toMatchObject({ ok: true });
    expect(await a.call('shops.list', {})).toMatchObject({ ok: true });
    expect(await b.call('session.current', {})).toEqual({ ok: true, value: null });
    expect(await b.call('shops.list', {})).toMatchObject({ ok: false, error: { code: 'not_authenticated' } });
    await a.close();
    await b.close();
  });

  it('gives an agent over the socket exactly her shops, and refuses the others', async () => {
    const agent = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    await agent.call('session.login', { login: 'tangtang', password: 'demo1234' });
    const shops = await agent.call('shops.list', {});
    expect(shops.ok && (shops.value as { id: string }[]).map((s) => s.id)).toEqual(['taobao-xiaolu', 'douyin-xiaolu']);
    expect(await agent.call('orders.list', { shopId: 'tmall-mianyu' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await agent.call('inbox.listConversations', { shopId: 'jd-mianyu' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await agent.call('shops.archive', { shopId: 'taobao-xiaolu' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await agent.close();
  });

  it('forwards each connection only the events of its own scope, in batches', async () => {
    const owner = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    const agent = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    await owner.call('session.login', { login: 'owner', password: 'demo1234' });
    await agent.call('session.login', { login: 'xiaolin', password: 'demo1234' });
    await fixture.run(60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The shops' events (the owner also hears of the stock, which belongs to no shop).
    expect(new Set(owner.events.map((e) => e.payload.shopId).filter((id) => id !== null)).size).toBe(5);
    expect(agent.events.length).toBeGreaterThan(0);
    expect(new Set(agent.events.map((e) => e.payload.shopId))).toEqual(
      new Set(['tmall-mianyu', 'jd-mianyu', 'pdd-mianyu']),
    );
    const batches = owner.frames.filter((f) => (f as { t: string }).t === 'events');
    expect(batches.length).toBeLessThan(owner.events.length);
    await owner.close();
    await agent.close();
  });
});

describe('browser host: static files', () => {
  it('serves the renderer with a strict CSP and falls back to index.html for app routes', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Seller Console');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/inbox')).body).toContain('Seller Console');
    expect((await get('/assets/app.js')).status).toBe(200);
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('refuses a request with a foreign Host (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'evil.example' })).status).toBe(421);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/..\\secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%00',
    '/a%00b.js',
  ])('never serves a file outside the renderer for %s', async (path) => {
    const response = await get(path);
    expect(response.body).not.toContain(fixture.secretOutside);
  });
});
