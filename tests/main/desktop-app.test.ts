// The Electron glue driven by a fake `electron` object: window options, single-instance lock, IPC sender
// checks, navigation and window.open denial, permission denial, the app:// file handler, event batches, and printing
// answered by the host (the core never sees it).
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOST_PRINT_METHOD, IPC_EVENTS_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/index.ts';
import type {
  BrowserWindowLike,
  ElectronLike,
  FrameLike,
  InvokeEventLike,
  WebContentsLike,
  WindowOptions,
} from '../../electron/main/electron-like.ts';
import { createAppProtocolHandler, startDesktopApp } from '../../electron/main/desktop-app.ts';
import { APP_ENTRY_URL, isAllowedExternalUrl } from '../../electron/main/security.ts';
import { makeTempDir, startCoreFixture, type CoreFixture } from '../support/core-fixture.ts';

type Listener = (...args: unknown[]) => void;

function fakeContents(id: number, url = APP_ENTRY_URL) {
  const listeners = new Map<string, Listener[]>();
  const sent: [string, unknown][] = [];
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    id,
    mainFrame: { url } as FrameLike,
    sent,
    send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
    isDestroyed: () => false,
    on: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    once: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
    printed: [] as unknown[],
    print: (options: unknown, callback: (success: boolean, reason: string) => void) => {
      contents.printed.push(options);
      callback(true, '');
    },
    printToPDF: () => Promise.resolve(new Uint8Array()),
    emit: (event: string, ...args: unknown[]) => (listeners.get(event) ?? []).forEach((l) => l(...args)),
    openWindow: (target: string) => openHandler?.({ url: target }),
  };
  return contents;
}

function fakeElectron(options: { lock?: boolean } = {}) {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const appListeners = new Map<string, Listener>();
  const windows: { options: WindowOptions; window: BrowserWindowLike & { loaded: string[] } }[] = [];
  let protocolHandler: ((request: Request) => Promise<Response> | Response) | null = null;
  let permissionHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
  let permissionCheck: ((c: unknown, p: string) => boolean) | null = null;
  const opened: string[] = [];
  const badges: number[] = [];
  const schemes: unknown[] = [];
  const quit = vi.fn();
  let nextId = 1;
  const electron: ElectronLike = {
    app: {
      requestSingleInstanceLock: () => options.lock ?? true,
      quit,
      whenReady: () => Promise.resolve(),
      getPath: () => '/unused',
      getVersion: () => '0.0.0-test',
      setBadgeCount: (count) => (badges.push(count), true),
      on: ((event: string, listener: Listener) => void appListeners.set(event, listener)) as ElectronLike['app']['on'],
    },
    BrowserWindow: class {
      readonly webContents: WebContentsLike;
      readonly loaded: string[] = [];
      constructor(windowOptions: WindowOptions) {
        const contents = fakeContents(nextId++);
        this.webContents = contents as unknown as WebContentsLike;
        appListeners.get('web-contents-created')?.({}, contents);
        windows.push({ options: windowOptions, window: this as never });
      }
      loadURL(url: string) {
        this.loaded.push(url);
        return Promise.resolve();
      }
      once() {}
      show() {}
      focus() {}
      restore() {}
      isMinimized() {
        return false;
      }
    } as unknown as ElectronLike['BrowserWindow'],
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener) },
    protocol: {
      registerSchemesAsPrivileged: (s) => void schemes.push(...s),
      handle: (_scheme, handler) => void (protocolHandler = handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => void (permissionHandler = handler),
        setPermissionCheckHandler: (handler) => void (permissionCheck = handler),
      },
    },
    shell: { openExternal: (url) => (opened.push(url), Promise.resolve()) },
    dialog: { showSaveDialog: () => Promise.resolve({ canceled: true }) },
  };
  return {
    electron,
    handlers,
    windows,
    quit,
    opened,
    schemes,
    badges,
    protocol: () => protocolHandler!,
    permission: () => permissionHandler!,
    permissionCheck: () => permissionCheck!,
  };
}

let fixture: CoreFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

async function startWithFake(options: { lock?: boolean } = {}) {
  fixture = await startCoreFixture({ messagesPerMinute: 120 });
  const fake = fakeElectron(options);
  const rendererDir = await makeTempDir('renderer-');
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>SC</title>');
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'a.js'), 'x');
  const core = fixture.core;
  const window = await startDesktopApp(fake.electron, {
    rendererDir,
    preloadPath: '/app/preload.cjs',
    title: 'SC',
    startCore: async () => core,
  });
  return { fake, window, rendererDir };
}

function invokeEvent(
  sender: ReturnType<typeof fakeContents>,
  frame: FrameLike | null = sender.mainFrame,
): InvokeEventLike {
  return { sender: sender as unknown as WebContentsLike, senderFrame: frame };
}

describe('desktop glue', () => {
  it('opens one hardened window on the app:// page', async () => {
    const { fake } = await startWithFake();
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
    expect(fake.windows[0]!.window.loaded).toEqual([APP_ENTRY_URL]);
    expect(fake.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('quits when another instance holds the lock', async () => {
    const { fake, window } = await startWithFake({ lock: false });
    expect(window).toBeNull();
    expect(fake.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('grants desktop notifications and denies every other permission request and check', async () => {
    const { fake } = await startWithFake();
    for (const [permission, granted] of [
      ['notifications', true],
      ['media', false],
      ['geolocation', false],
      ['clipboard-read', false],
      ['openExternal', false],
    ] as const) {
      const callback = vi.fn();
      fake.permission()({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(granted);
      expect(fake.permissionCheck()({}, permission)).toBe(granted);
    }
  });

  it('answers IPC only from our own top-level frame', async () => {
    const { fake, window } = await startWithFake();
    const handle = fake.handlers.get(IPC_INVOKE_CHANNEL)!;
    const ours = window!.webContents as unknown as ReturnType<typeof fakeContents>;
    expect(await handle(invokeEvent(ours), 'app.info', {})).toMatchObject({ ok: true });
    const subFrame = { url: APP_ENTRY_URL };
    expect(await handle(invokeEvent(ours, subFrame), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await handle(invokeEvent(ours, null), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const foreign = fakeContents(99, 'https://evil.example/');
    expect(await handle(invokeEvent(foreign), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const fileUrl = fakeContents(98, 'file:///etc/passwd');
    expect(await handle(invokeEvent(fileUrl), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await handle(invokeEvent(ours), 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('prints for our own page only, answered by the host', async () => {
    const { fake, window } = await startWithFake();
    const handle = fake.handlers.get(IPC_INVOKE_CHANNEL)!;
    const ours = window!.webContents as unknown as ReturnType<typeof fakeContents>;
    const request = { to: 'printer', widthMm: 76, heightMm: 130 };
    expect(await handle(invokeEvent(ours), HOST_PRINT_METHOD, request)).toEqual({
      ok: true,
      value: { to: 'printer', printed: true },
    });
    expect(ours.printed).toHaveLength(1);
    const foreign = fakeContents(99, 'https://evil.example/');
    expect(await handle(invokeEvent(foreign), HOST_PRINT_METHOD, request)).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(foreign.printed).toHaveLength(0);
  });

  it('keeps one session per window and forwards its events in batches', async () => {
    const { fake, window } = await startWithFake();
    const handle = fake.handlers.get(IPC_INVOKE_CHANNEL)!;
    const contents = window!.webContents as unknown as ReturnType<typeof fakeContents>;
    expect(
      await handle(invokeEvent(contents), 'session.login', { login: 'tangtang', password: 'demo1234' }),
    ).toMatchObject({ ok: true });
    expect(await handle(invokeEvent(contents), 'session.current', {})).toMatchObject({
      ok: true,
      value: { login: 'tangtang' },
    });
    await fixture!.run(60_000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const batches = contents.sent
      .filter(([channel]) => channel === IPC_EVENTS_CHANNEL)
      .map(([, batch]) => batch as { payload: { shopId: string } }[]);
    const events = batches.flat();
    expect(events.length).toBeGreaterThan(batches.length);
    expect(new Set(events.map((e) => e.payload.shopId))).toEqual(new Set(['taobao-xiaolu', 'douyin-xiaolu']));
    // The taskbar badge shows the person's total unread, as the core counts it.
    const counts = await handle(invokeEvent(contents), 'inbox.counts', {});
    const total = Object.values((counts as { value: Record<string, { unread: number }> }).value).reduce(
      (sum, c) => sum + c.unread,
      0,
    );
    expect(total).toBeGreaterThan(0);
    expect(fake.badges.at(-1)).toBe(total);
  });

  it('denies navigation, webviews and new windows; opens only allowlisted https links outside', async () => {
    const { fake, window } = await startWithFake();
    const contents = window!.webContents as unknown as ReturnType<typeof fakeContents>;
    const navigate = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigate, 'https://evil.example/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inside, `${APP_ENTRY_URL}#x`);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.openWindow('https://myseller.taobao.com/home')).toEqual({ action: 'deny' });
    expect(contents.openWindow('http://taobao.com/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://myseller.taobao.com/home']);
  });

  it.each([
    ['https://trade.taobao.com/x', true],
    ['https://jd.com', true],
    ['http://jd.com', false],
    ['https://jd.com.evil.example', false],
    ['https://eviljd.com', false],
    ['https://user:pw@jd.com', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('external link %s allowed: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('app:// protocol handler', () => {
  it('serves renderer files with the CSP and refuses anything outside the folder', async () => {
    const rendererDir = await makeTempDir('renderer-');
    await writeFile(join(rendererDir, 'index.html'), '<title>SC</title>');
    await writeFile(join(rendererDir, '..', 'outside-secret.txt'), 'SECRET');
    const handler = createAppProtocolHandler(rendererDir);
    const index = await handler(new Request('app://seller-console/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await handler(new Request('app://seller-console/'))).text()).toContain('SC');
    for (const path of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/..%2foutside-secret.txt', '/%00']) {
      const response = await handler(new Request(`app://seller-console${path}`));
      expect(response.status).not.toBe(200);
    }
    expect((await handler(new Request('app://other-host/index.html'))).status).toBe(404);
  });
});

describe('preload', () => {
  const require = createRequire(import.meta.url);
  const preload = require('../../electron/preload/preload.cts') as {
    createPreloadBridge(ipc: { invoke: Listener; on: Listener }): {
      invoke(m: string, i: unknown): unknown;
      on(e: string, l: Listener): () => void;
    };
    INVOKE_CHANNEL: string;
    EVENTS_CHANNEL: string;
  };

  it('uses the channel names of the contract', () => {
    expect(preload.INVOKE_CHANNEL).toBe(IPC_INVOKE_CHANNEL);
    expect(preload.EVENTS_CHANNEL).toBe(IPC_EVENTS_CHANNEL);
  });

  it('exposes only invoke and on, and unrolls event batches to listeners by name', () => {
    let batchListener: Listener = () => undefined;
    const ipc = {
      invoke: vi.fn(() => Promise.resolve({ ok: true })),
      on: vi.fn((_channel: unknown, listener: Listener) => (batchListener = listener)),
    };
    const bridge = preload.createPreloadBridge(ipc as never);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    void bridge.invoke('app.info', {});
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'app.info', {});
    const received: unknown[] = [];
    const off = bridge.on('shops.changed', (payload) => received.push(payload));
    batchListener({}, [
      { name: 'shops.changed', payload: { shopId: 'a' } },
      { name: 'inbox.messageReceived', payload: {} },
      null,
      'junk',
    ]);
    batchListener({}, 'not a batch');
    off();
    batchListener({}, [{ name: 'shops.changed', payload: { shopId: 'b' } }]);
    expect(received).toEqual([{ shopId: 'a' }]);
  });
});
