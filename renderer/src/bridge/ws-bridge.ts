// The browser-mode transport: `window.sellerConsole` over a WebSocket to the browser host. Calls are matched to
// results by id; a call that cannot be delivered resolves to a `transport_closed` Result (errors are data); the
// socket reconnects with backoff and reports its state. Before reconnecting it asks the host which start of the
// console it is (`/instance.json`): a console that restarted has a new URL token, so the page says so and stops
// instead of retrying the old token for ever.
import { MAX_MESSAGE_BYTES, ServerFrame, err, type Bridge, type Result } from '../../../shared/contract/index.ts';

/** `closed`: lost, retrying · `restarted`: the console restarted (a new start, a new token): retrying is pointless. */
export type SocketState = 'connecting' | 'open' | 'closed' | 'restarted';

/** How long a call waits for a lost connection to come back before it fails with `transport_closed`. */
const OPEN_WAIT_MS = 10_000;

/** Why the host ended the last connection, when it said: `too_slow` — the page did not keep up with its events. */
export type CloseReason = 'too_slow' | null;

/** The browser host's close code for a client that stopped reading (electron/browser-host/ws-host.ts). */
const CLOSE_TOO_SLOW = 4008;

export interface WebSocketBridge extends Bridge {
  onState(listener: (state: SocketState, reconnected: boolean, closeReason: CloseReason) => void): () => void;
}

/** Where the host says which start of the console it is (electron/browser-host/ws-host.ts INSTANCE_PATH). */
function instanceUrlOf(socketUrl: string): string {
  const url = new URL(socketUrl);
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}/instance.json`;
}

async function fetchInstance(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) return null;
    const body = (await response.json()) as { instance?: unknown };
    return typeof body.instance === 'string' ? body.instance : null;
  } catch {
    return null;
  }
}

export function createWebSocketBridge(url: string): WebSocketBridge {
  const instanceUrl = instanceUrlOf(url);
  let instance: string | null = null;
  let gaveUp = false;
  /** Connection attempts in a row that closed without ever opening (the host refused the token, or is down). */
  let failedOpens = 0;
  void fetchInstance(instanceUrl).then((id) => (instance ??= id));
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: SocketState, reconnected: boolean, closeReason: CloseReason) => void>();
  const encoder = new TextEncoder();
  let socket: WebSocket;
  let nextId = 1;
  let opened = false;
  let retryMs = 500;
  let waiters: ((open: boolean) => void)[] = [];

  function setState(state: SocketState, reconnected = false, closeReason: CloseReason = null): void {
    for (const listener of stateListeners) listener(state, reconnected, closeReason);
  }

  function connect(): void {
    setState('connecting');
    socket = new WebSocket(url);
    socket.onopen = () => {
      const reconnected = opened;
      opened = true;
      retryMs = 500;
      if (instance === null) void fetchInstance(instanceUrl).then((id) => (instance ??= id));
      setState('open', reconnected);
      failedOpens = 0;
      for (const wake of waiters) wake(true);
      waiters = [];
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      let frame: ServerFrame;
      try {
        frame = ServerFrame.parse(JSON.parse(message.data));
      } catch {
        return;
      }
      switch (frame.t) {
        case 'result':
          pending.get(frame.id)?.(frame.result as Result<unknown>);
          pending.delete(frame.id);
          break;
        case 'events':
          for (const event of frame.events)
            for (const listener of listeners.get(event.name) ?? []) listener(event.payload);
          break;
        case 'error':
          console.warn('seller-console host error', frame.error);
          break;
        default:
          frame satisfies never;
      }
    };
    let wasOpen = false;
    socket.addEventListener('open', () => (wasOpen = true));
    socket.onclose = (event: CloseEvent) => {
      if (!wasOpen) failedOpens += 1;
      for (const resolve of pending.values())
        resolve(err('transport_closed', 'the connection closed before the call finished'));
      pending.clear();
      setState('closed', false, event.code === CLOSE_TOO_SLOW ? 'too_slow' : null);
      setTimeout(() => void reconnect(), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  }

  /** Reconnects to the same start of the console; a different start means the page's token is void: stop. */
  async function reconnect(): Promise<void> {
    const now = await fetchInstance(instanceUrl);
    if (now === null) {
      // The console is not answering (stopped, or the machine asleep): ask again later.
      setTimeout(() => void reconnect(), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
      return;
    }
    // Another start of the console, or this start refusing our token again and again (the page was reloaded with
    // the token of an earlier start): the token is void.
    if ((instance !== null && now !== instance) || failedOpens >= 5) {
      gaveUp = true;
      setState('restarted');
      for (const wake of waiters) wake(false);
      waiters = [];
      return;
    }
    connect();
  }

  /** Resolves true once the socket is open, false if it stays closed for `OPEN_WAIT_MS` (the call then fails). */
  function whenOpen(): Promise<boolean> {
    if (socket.readyState === WebSocket.OPEN) return Promise.resolve(true);
    if (gaveUp) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), OPEN_WAIT_MS);
      waiters.push((open) => {
        clearTimeout(timer);
        resolve(open);
      });
    });
  }

  connect();

  return {
    async invoke(method, input) {
      const id = nextId++;
      const frame = JSON.stringify({ t: 'call', id, method, input });
      if (encoder.encode(frame).byteLength > MAX_MESSAGE_BYTES) {
        return err('payload_too_large', `a message may be at most ${MAX_MESSAGE_BYTES} bytes`);
      }
      if (!(await whenOpen())) return err('transport_closed', 'the console is not reachable');
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(frame);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
  };
}
