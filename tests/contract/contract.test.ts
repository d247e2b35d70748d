// The same calls through in-process dispatch and through the WebSocket host must give the same Results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/contract/index.ts';
import { connectClient, type TestClient } from '../support/ws-client.ts';
import { goodHeaders, startHostFixture, wsUrl, type HostFixture } from '../support/host-fixture.ts';

let fixture: HostFixture;
let client: TestClient;
beforeAll(async () => {
  fixture = await startHostFixture({ messagesPerMinute: 60 });
  await fixture.run(120_000);
  client = await connectClient(wsUrl(fixture), goodHeaders(fixture));
});
afterAll(async () => {
  await client.close();
  await fixture.close();
});

// Each step runs on a fresh in-process caller and on one WebSocket connection, in the same order.
const STEPS: readonly (readonly [string, unknown])[] = [
  ['app.info', {}],
  ['session.current', {}],
  ['shops.list', {}],
  ['nope.nothing', {}],
  ['session.login', { login: 'owner', password: 'wrong' }],
  ['session.login', { login: 'xiaolin', password: 'demo1234' }],
  ['session.current', {}],
  ['shops.list', {}],
  ['shops.list', { includeArchived: 'yes' }],
  ['inbox.counts', {}],
  ['inbox.listConversations', { limit: 3 }],
  ['inbox.listConversations', { shopId: 'taobao-xiaolu' }],
  ['inbox.listMessages', { shopId: 'tmall-mianyu', conversationId: 'missing' }],
  ['orders.list', { shopId: 'douyin-xiaolu' }],
  ['orders.list', { shopId: 'jd-mianyu', limit: 5 }],
  ['shops.add', { platform: 'jd', name: 'x', mainAccount: 'y' }],
  ['shops.update', { shopId: '../../etc', name: 'x' }],
  ['session.logout', {}],
  ['inbox.counts', {}],
];

describe('contract: in-process and WebSocket agree', () => {
  it('gives identical Results for every step', async () => {
    const caller: Caller = { session: null };
    for (const [method, input] of STEPS) {
      const local = await fixture.core.dispatch(caller, method, input);
      const remote = await client.call(method, input);
      expect({ method, result: remote }).toEqual({ method, result: JSON.parse(JSON.stringify(local)) });
    }
  });

  it('covers both outcomes: some steps succeed and some fail with distinct codes', async () => {
    const probe = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    const codes = new Set<string>();
    let successes = 0;
    for (const [method, input] of STEPS) {
      const result = await probe.call(method, input);
      if (result.ok) successes += 1;
      else codes.add(result.error.code);
    }
    expect(successes).toBeGreaterThan(5);
    expect([...codes].sort()).toEqual(['forbidden', 'invalid_credentials', 'invalid_input', 'not_authenticated', 'not_found', 'unknown_method']);
    await probe.close();
  });
});
