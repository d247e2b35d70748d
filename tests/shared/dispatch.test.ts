// Dispatch is the single gate for every transport: each kind of bad call gets a stable error code and never
// reaches a handler.
import { defaultInboxSettings } from '../support/factories.ts';
import { describe, expect, it, vi } from 'vitest';
import {
  AppError,
  createDispatcher,
  type Caller,
  type Handlers,
  type SessionInfo,
} from '../../shared/contract/index.ts';
import { HOSTILE_SHOP_IDS } from '../support/core-fixture.ts';

const agent: SessionInfo = {
  userId: 'p1',
  login: 'xiaolin',
  displayName: '小林',
  kind: 'staff',
  roleLabel: '售前客服',
  grants: ['inbox'],
  shopGrants: { 'tmall-mianyu': ['inbox'] },
  shopIds: ['tmall-mianyu'],
  locked: false,
  hasPin: false,
};
const owner: SessionInfo = { ...agent, userId: 'p0', login: 'owner', kind: 'owner', grants: ['*'], shopIds: 'all' };
const shop = {
  id: 'tmall-mianyu',
  platform: 'tmall',
  name: '棉语家居旗舰店',
  shortName: '棉天',
  mainAccount: '棉语家居旗舰店',
  sellerLevel: 'tmall',
  colour: '#c41d48',
  demo: true,
  archived: false,
  position: 0,
  createdAt: 1,
  connector: { kind: 'demo', hasCredentials: false, protection: null },
  inbox: defaultInboxSettings('tmall'),
} as const;

function fakeHandlers(): Handlers {
  const handler = vi.fn(() => {
    throw new Error('not under test');
  });
  return new Proxy({} as Handlers, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? handler,
  });
}

function setup(overrides: Partial<Handlers> = {}) {
  const handlers = Object.assign(fakeHandlers(), overrides);
  const onInternalError = vi.fn();
  return { dispatch: createDispatcher(handlers, { onInternalError }), handlers, onInternalError };
}

describe('dispatch', () => {
  it('rejects an unknown method without calling anything', async () => {
    const rename = vi.fn();
    const { dispatch } = setup({ 'shops.update': rename });
    for (const method of ['shops.delete', '__proto__', 'constructor', 'toString', '', 'shops.update ']) {
      const result = await dispatch({ session: owner }, method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(rename).not.toHaveBeenCalled();
  });

  it.each([
    ['not an object', 'x'],
    ['nothing to change', { shopId: 'tmall-mianyu' }],
    ['wrong type', { shopId: 'tmall-mianyu', name: 42 }],
    ['extra field', { shopId: 'tmall-mianyu', name: 'a', admin: true }],
    ['empty name', { shopId: 'tmall-mianyu', name: '   ' }],
    ['null', null],
  ])('rejects malformed input (%s) as invalid_input', async (_label, input) => {
    const rename = vi.fn();
    const { dispatch } = setup({ 'shops.update': rename });
    const result = await dispatch({ session: owner }, 'shops.update', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(rename).not.toHaveBeenCalled();
  });

  it.each(HOSTILE_SHOP_IDS)('rejects the shop id %j before any handler runs', async (shopId) => {
    const rename = vi.fn();
    const { dispatch } = setup({ 'shops.update': rename });
    const result = await dispatch({ session: owner }, 'shops.update', { shopId, name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(rename).not.toHaveBeenCalled();
  });

  it('needs a session for non-public methods', async () => {
    const list = vi.fn(() => []);
    const { dispatch } = setup({ 'shops.list': list });
    expect(await dispatch({ session: null }, 'shops.list', {})).toMatchObject({
      ok: false,
      error: { code: 'not_authenticated' },
    });
    expect(list).not.toHaveBeenCalled();
  });

  it('refuses a session without the permission', async () => {
    const add = vi.fn();
    const { dispatch } = setup({ 'shops.add': add });
    const result = await dispatch({ session: agent }, 'shops.add', { platform: 'jd', name: 'x', mainAccount: 'y' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(add).not.toHaveBeenCalled();
  });

  it('refuses a shop outside the session scope', async () => {
    const list = vi.fn(() => ({ messages: [], more: false }));
    const { dispatch } = setup({ 'inbox.listMessages': list });
    const result = await dispatch({ session: agent }, 'inbox.listMessages', {
      shopId: 'taobao-xiaolu',
      conversationId: 'c1',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(list).not.toHaveBeenCalled();
    expect(
      await dispatch({ session: agent }, 'inbox.listMessages', { shopId: 'tmall-mianyu', conversationId: 'c1' }),
    ).toEqual({ ok: true, value: { messages: [], more: false } });
  });

  it('turns a thrown AppError into its code and anything else into internal', async () => {
    const { dispatch, onInternalError } = setup({
      'shops.archive': () => {
        throw new AppError('shop_archived', 'already');
      },
      'shops.list': () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatch({ session: owner }, 'shops.archive', { shopId: 'tmall-mianyu' })).toEqual({
      ok: false,
      error: { code: 'shop_archived', message: 'already' },
    });
    const failure = await dispatch({ session: owner }, 'shops.list', {});
    expect(failure).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(failure)).not.toContain('boom');
    expect(onInternalError).toHaveBeenCalledTimes(1);
  });

  it('validates output and strips fields the schema does not name', async () => {
    const { dispatch } = setup({
      'shops.list': () => [{ ...shop, secretPath: '/home/x' }] as never,
      'shops.update': () => ({ nope: true }) as never,
    });
    const listed = await dispatch({ session: owner }, 'shops.list', {});
    expect(listed).toEqual({ ok: true, value: [shop] });
    expect(await dispatch({ session: owner }, 'shops.update', { shopId: 'tmall-mianyu', name: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('lets a handler set the caller session (login) and applies input defaults', async () => {
    const login = vi.fn((_input, caller: Caller) => (caller.session = agent));
    const list = vi.fn(() => []);
    const { dispatch } = setup({ 'session.login': login, 'inbox.listConversations': list as never });
    const caller: Caller = { session: null };
    expect(await dispatch(caller, 'session.login', { login: 'xiaolin', password: 'pw' })).toMatchObject({ ok: true });
    expect(caller.session).toBe(agent);
    expect(await dispatch(caller, 'inbox.listConversations', {})).toEqual({ ok: true, value: [] });
    expect(list).toHaveBeenCalledWith({ shopId: null, view: 'urgent', limit: 200 }, caller);
  });
});
