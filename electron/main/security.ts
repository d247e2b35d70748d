// The Electron security checklist in one place: window options, the renderer's origin, which callers the IPC
// handler trusts (only our own page's top-level frame), and which external links may open (https, allowlist).
import type { InvokeEventLike, WindowOptions } from './electron-like.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'seller-console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sites the console may open in the system browser: the platforms' own seller pages. */
export const EXTERNAL_HOST_ALLOWLIST = [
  'taobao.com',
  'tmall.com',
  'jd.com',
  'pinduoduo.com',
  'yangkeduo.com',
  'douyin.com',
  'jinritemai.com',
  'dingtalk.com',
] as const;

export function windowOptions(preloadPath: string, title: string): WindowOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/** Only our own page, in the window's top-level frame, may call the core. */
export function isTrustedSender(event: InvokeEventLike): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return EXTERNAL_HOST_ALLOWLIST.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
