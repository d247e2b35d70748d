// Picks the transport once at start-up: the Electron preload has already put `window.sellerConsole` in place;
// otherwise (browser mode) a WebSocket bridge is created from this start's token and installed under the same name.
import type { Bridge } from '../../../shared/contract/index.ts';
import { createWebSocketBridge, type WebSocketBridge } from './ws-bridge.ts';

declare global {
  interface Window {
    sellerConsole?: Bridge;
  }
}

const TOKEN_KEY = 'seller-console.token';

/** Takes the token from the URL fragment (never sent to a server or a Referer), keeps it for reloads, hides it. */
function takeToken(): string | null {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export type InstalledBridge =
  | Readonly<{ kind: 'electron'; bridge: Bridge }>
  | Readonly<{ kind: 'browser'; bridge: WebSocketBridge }>
  | Readonly<{ kind: 'missing-token' }>;

export function installBridge(): InstalledBridge {
  if (window.sellerConsole) return { kind: 'electron', bridge: window.sellerConsole };
  const token = takeToken();
  if (!token) return { kind: 'missing-token' };
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = createWebSocketBridge(`${protocol}//${window.location.host}/ws?token=${encodeURIComponent(token)}`);
  window.sellerConsole = bridge;
  return { kind: 'browser', bridge };
}
