// The desktop host: binds the core to Electron. It hardens every window and web contents, serves the built
// renderer from the app:// scheme, answers IPC calls only from our own top-level frame, keeps one session per
// window, and forwards that session's events in batches (about one per frame).
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import {
  IPC_EVENTS_CHANNEL,
  HOST_PRINT_METHOD,
  IPC_INVOKE_CHANNEL,
  err,
  type AnyEvent,
  type Caller,
} from '../../shared/contract/index.ts';
import type { Core } from '../core/create-core.ts';
import { CONTENT_SECURITY_POLICY } from '../hosting/content-security-policy.ts';
import { createEventBatcher } from '../hosting/event-batcher.ts';
import { CONTENT_TYPES } from '../hosting/static-files.ts';
import type { BrowserWindowLike, ElectronLike, WebContentsLike } from './electron-like.ts';
import { hostPrint } from './host-print.ts';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  windowOptions,
} from './security.ts';

export type DesktopOptions = Readonly<{
  rendererDir: string;
  preloadPath: string;
  title: string;
  /** Builds and starts the core once Electron is ready (it needs the userData path). */
  startCore(userDataDir: string): Promise<Core>;
}>;

/** Must run before `app.whenReady()`: app:// must be a standard, secure scheme for CSP and storage to work. */
export function registerAppScheme(electron: ElectronLike): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves files of the built renderer for app://seller-console/…; anything outside that folder is refused. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const file = resolve(root, `.${normalize(pathname === '/' ? '/index.html' : pathname)}`);
    if (pathname.includes('\0') || (file !== root && !file.startsWith(root + sep)))
      return new Response('Forbidden', { status: 403 });
    const body = await readFile(file).catch(() => null);
    if (!body) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}

/** Denies navigation away from our page, webviews, and new windows; allowed https links open in the system browser. */
export function hardenWebContents(electron: ElectronLike, contents: WebContentsLike): void {
  contents.on('will-navigate', (event, url) => {
    if (!url || !isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url || !isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void electron.shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** One Caller (session) per web contents, created on first use and dropped with the contents. */
/** The taskbar badge: total unread across the shops the window's person serves, from the events it receives. */
export function createUnreadBadge(setBadgeCount: (count: number) => unknown) {
  const unreadByShop = new Map<string, number>();
  let shown = -1;
  return {
    observe(batch: readonly AnyEvent[]): void {
      for (const event of batch)
        if ('shopUnread' in event.payload) unreadByShop.set(event.payload.shopId, event.payload.shopUnread);
      let total = 0;
      for (const unread of unreadByShop.values()) total += unread;
      if (total !== shown) setBadgeCount((shown = total));
    },
    reset(): void {
      unreadByShop.clear();
      if (shown !== 0) setBadgeCount((shown = 0));
    },
  };
}

export function createCallerRegistry(core: Core, badge?: ReturnType<typeof createUnreadBadge>) {
  const callers = new Map<number, { caller: Caller; dispose(): void }>();
  return {
    callerFor(contents: WebContentsLike): Caller {
      const known = callers.get(contents.id);
      if (known) return known.caller;
      const caller: Caller = { session: null, connectionId: `window-${contents.id}`, origin: 'ipc' };
      const batcher = createEventBatcher(caller, (batch: AnyEvent[]) => {
        badge?.observe(batch);
        if (!contents.isDestroyed()) contents.send(IPC_EVENTS_CHANNEL, batch);
      });
      const unsubscribe = core.subscribe(caller, (event) => batcher.push(event));
      callers.set(contents.id, {
        caller,
        dispose: () => {
          unsubscribe();
          batcher.dispose();
          caller.session = null;
          badge?.reset();
        },
      });
      contents.once('destroyed', () => {
        callers.get(contents.id)?.dispose();
        callers.delete(contents.id);
      });
      return caller;
    },
    size: () => callers.size,
  };
}

export function registerIpc(
  electron: ElectronLike,
  core: Core,
  callerFor: (contents: WebContentsLike) => Caller,
): void {
  electron.ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method, input) => {
    if (!isTrustedSender(event)) return err('forbidden', 'calls are accepted only from the console page');
    // Printing is the host's, not the core's: the page's own print root, at the size it asks for.
    if (method === HOST_PRINT_METHOD) return hostPrint(electron, event.sender, input);
    return core.dispatch(callerFor(event.sender), typeof method === 'string' ? method : '', input);
  });
}

export async function startDesktopApp(
  electron: ElectronLike,
  options: DesktopOptions,
): Promise<BrowserWindowLike | null> {
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme(electron);
  app.on('web-contents-created', ((_event: unknown, contents: WebContentsLike) =>
    hardenWebContents(electron, contents)) as (...args: never[]) => void);
  app.on('window-all-closed', () => app.quit());
  await app.whenReady();

  // Desktop notifications (new chats, transfers) are the one permission the console uses; everything else is denied.
  electron.session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'notifications'),
  );
  electron.session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'notifications');
  electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererDir));

  const core = await options.startCore(app.getPath('userData'));
  const callers = createCallerRegistry(
    core,
    createUnreadBadge((count) => app.setBadgeCount(count)),
  );
  registerIpc(electron, core, callers.callerFor);

  const window = new electron.BrowserWindow(windowOptions(options.preloadPath, options.title));
  window.once('ready-to-show', () => window.show());
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  await window.loadURL(APP_ENTRY_URL);
  return window;
}

export function resolveBuiltPaths(buildDir: string): { rendererDir: string; preloadPath: string } {
  return { rendererDir: join(buildDir, 'renderer'), preloadPath: join(buildDir, 'electron', 'preload', 'preload.cjs') };
}
