// Browser mode: serves the built renderer over HTTP and binds the core to a WebSocket, on 127.0.0.1 by default.
// The trust boundary is here: every request must carry the right Host (no DNS rebinding); the socket must come
// from our own Origin with this start's token; each frame is size-checked and parsed before dispatch. What one
// local process can make the host hold is bounded: connections (idle ones time out, the oldest idle one makes room),
// frame size (refused before it is buffered), calls in flight, and bytes queued to a client that stops reading.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CallFrame,
  MAX_MESSAGE_BYTES,
  err,
  peekCallId,
  type AnyEvent,
  type Caller,
  type ServerFrame,
} from '../../shared/contract/index.ts';
import type { Core } from '../core/create-core.ts';
import type { Logger } from '../core/ports.ts';
import { CONTENT_SECURITY_POLICY } from '../hosting/content-security-policy.ts';
import { createEventBatcher } from '../hosting/event-batcher.ts';
import { CONTENT_TYPES } from '../hosting/static-files.ts';

export type BrowserHostOptions = Readonly<{
  core: Core;
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
  maxMessageBytes?: number;
  logger: Logger;
  /**
   * false: every event goes in a frame of its own, at once — only for the `arrival` benchmark's naive baseline
   * (the product always batches, at most one frame per EVENT_BATCH_MS).
   */
  batchEvents?: boolean;
}>;

export type BrowserHost = Readonly<{
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}>;

export const WS_PATH = '/ws';
/**
 * Which start of the console this is (a random id, no secret): a page that lost its socket asks, to tell a
 * reconnect from a console that restarted (then its URL token is new and reconnecting is pointless).
 */
export const INSTANCE_PATH = '/instance.json';

/** Limits on what one local process can make the host hold (the review's figures are in the security table). */
export const HOST_LIMITS = {
  /** TCP connections at once (HTTP and WebSocket); at the cap the oldest idle HTTP connection is closed. */
  maxConnections: 128,
  /** WebSocket connections at once (a console tab holds one). */
  maxSockets: 64,
  /** An HTTP connection with no request in progress is closed after this. */
  idleHttpMs: 10_000,
  /** Bytes one connection may have waiting to be sent before its event stream is dropped. */
  maxQueuedBytes: 4 * 1024 * 1024,
  /** Calls of one connection being answered at once; more are refused with `rate_limited`. */
  maxCallsInFlight: 32,
  /** A WebSocket that answers no ping for this long is dropped. */
  heartbeatMs: 30_000,
} as const;

/** Close code sent to a client that stopped reading: the page says so and resyncs when it reconnects. */
export const CLOSE_TOO_SLOW = 4008;

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const instance = randomBytes(9).toString('base64url');
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const staticRoot = resolve(options.staticDir);
  const realStaticRoot = await realpath(staticRoot).catch(() => staticRoot);
  const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);
  let allowedHosts = new Set<string>();

  function hostAllowed(request: IncomingMessage): boolean {
    return typeof request.headers.host === 'string' && allowedHosts.has(request.headers.host.toLowerCase());
  }

  async function serveFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    if (!hostAllowed(request)) {
      response.writeHead(421, headers).end('Misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400, headers).end('Bad request');
      return;
    }
    if (pathname === INSTANCE_PATH) {
      response.writeHead(200, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify({ instance }));
      return;
    }
    if (pathname.includes('\0')) {
      response.writeHead(400, headers).end('Bad request');
      return;
    }
    let file = resolve(staticRoot, `.${normalize(pathname)}`);
    if (!inside(staticRoot, file)) {
      response.writeHead(403, headers).end('Forbidden');
      return;
    }
    // A symlink inside the build folder must not lead outside it.
    const real = await realpath(file).catch(() => null);
    if (real !== null && !inside(realStaticRoot, real)) {
      response.writeHead(403, headers).end('Forbidden');
      return;
    }
    const stats = real === null ? null : await stat(real).catch(() => null);
    // Unknown paths without an extension are client-side routes: they get the app's page.
    if (!stats?.isFile()) {
      if (extname(pathname) !== '') {
        response.writeHead(404, headers).end('Not found');
        return;
      }
      file = join(realStaticRoot, 'index.html');
    } else {
      file = real!;
    }
    const body = await readFile(file).catch(() => null);
    if (!body) {
      response.writeHead(500, headers).end('The renderer is not built: run `npm run build:renderer`.');
      return;
    }
    const isAsset = file.startsWith(join(realStaticRoot, 'assets') + sep);
    response.writeHead(200, {
      ...headers,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((request, response) => {
    serveFile(request, response).catch((error: unknown) => {
      options.logger.error('static file request failed', error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  // Frames over the limit are refused from their header, before their payload is buffered (the socket closes, 1009).
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  server.headersTimeout = 5_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;

  // Every TCP connection, oldest first; `busy` while a request is being answered, `upgraded` once it is a socket.
  const connections = new Map<Socket, { busy: boolean; upgraded: boolean }>();
  server.on('connection', (socket: Socket) => {
    if (connections.size >= HOST_LIMITS.maxConnections) {
      const idle = [...connections].find(([, state]) => !state.busy && !state.upgraded);
      if (!idle) {
        socket.destroy();
        return;
      }
      idle[0].destroy();
      connections.delete(idle[0]);
    }
    connections.set(socket, { busy: false, upgraded: false });
    socket.setTimeout(HOST_LIMITS.idleHttpMs, () => {
      if (!connections.get(socket)?.upgraded) socket.destroy();
    });
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const state = connections.get(request.socket as Socket);
    if (!state) return;
    state.busy = true;
    response.once('close', () => (state.busy = false));
  });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(request)) return rejectUpgrade(socket, 421, 'Misdirected Request');
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || origin !== `http://${request.headers.host}`)
      return rejectUpgrade(socket, 403, 'Forbidden');
    if (!sameSecret(url.searchParams.get('token'), token)) return rejectUpgrade(socket, 401, 'Unauthorized');
    if (sockets.clients.size >= HOST_LIMITS.maxSockets) return rejectUpgrade(socket, 503, 'Service Unavailable');
    const state = connections.get(socket as Socket);
    if (state) state.upgraded = true;
    (socket as Socket).setTimeout(0);
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws));
  });

  const heartbeat = setInterval(() => {
    for (const client of sockets.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, HOST_LIMITS.heartbeatMs);
  heartbeat.unref();
  const alive = new WeakMap<WebSocket, boolean>();
  /** WebSocket connections so far: each caller's id in the audit log (`ws-7`). */
  let connectionsSoFar = 0;

  function connect(ws: WebSocket): void {
    connectionsSoFar += 1;
    const caller: Caller = { session: null, connectionId: `ws-${connectionsSoFar}`, origin: 'ws' };
    let streaming = true;
    let callsInFlight = 0;
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));

    /** A client that stopped reading loses its stream (it resyncs on reconnect) instead of growing our memory. */
    const dropSlowClient = () => {
      if (!streaming) return;
      streaming = false;
      unsubscribe();
      batcher.dispose();
      options.logger.warn(
        `a browser connection stopped reading (${ws.bufferedAmount} bytes waiting): its event stream was dropped`,
      );
      ws.close(CLOSE_TOO_SLOW, 'too slow: events were dropped; reconnect to resync');
      // The close frame waits behind what the client does not read: end the connection shortly after.
      setTimeout(() => ws.terminate(), 1_000).unref();
    };
    const send = (frame: ServerFrame) => {
      if (ws.readyState !== ws.OPEN || !streaming) return;
      const text = JSON.stringify(frame);
      if (ws.bufferedAmount > 0 && ws.bufferedAmount + text.length > HOST_LIMITS.maxQueuedBytes) {
        dropSlowClient();
        return;
      }
      ws.send(text);
    };
    const batcher = createEventBatcher(caller, (batch: AnyEvent[]) => send({ t: 'events', events: batch }));
    const unsubscribe =
      options.batchEvents === false
        ? options.core.subscribe(caller, (event) => send({ t: 'events', events: [event] }))
        : options.core.subscribe(caller, (event) => batcher.push(event));

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const raw = isBinary ? null : data.toString();
      if (raw === null) {
        send({ t: 'error', error: { code: 'invalid_input', message: 'binary frames are not accepted' } });
        return;
      }
      if (Buffer.byteLength(raw) > maxMessageBytes) {
        const failure = err('payload_too_large', `a message may be at most ${maxMessageBytes} bytes`);
        const id = peekCallId(raw);
        send(id === null ? { t: 'error', error: failure.error } : { t: 'result', id, result: failure });
        return;
      }
      let frame: CallFrame;
      try {
        const parsed = CallFrame.safeParse(JSON.parse(raw));
        if (!parsed.success) throw new Error('not a call frame');
        frame = parsed.data;
      } catch {
        send({
          t: 'error',
          error: { code: 'invalid_input', message: 'a frame must be a JSON call: {t:"call", id, method, input}' },
        });
        return;
      }
      if (callsInFlight >= HOST_LIMITS.maxCallsInFlight) {
        send({
          t: 'result',
          id: frame.id,
          result: err(
            'rate_limited',
            `at most ${HOST_LIMITS.maxCallsInFlight} calls may be in flight on one connection`,
          ),
        });
        return;
      }
      callsInFlight += 1;
      options.core
        .dispatch(caller, frame.method, frame.input)
        .then(
          (result) => send({ t: 'result', id: frame.id, result }),
          (error: unknown) => {
            options.logger.error('dispatch threw', error);
            send({ t: 'result', id: frame.id, result: err('internal', 'the call failed') });
          },
        )
        .finally(() => (callsInFlight -= 1));
    });
    ws.on('close', () => {
      if (streaming) {
        unsubscribe();
        batcher.dispose();
      }
      streaming = false;
      caller.session = null;
    });
    ws.on('error', (error) => options.logger.warn('websocket error', error.message));
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  const hosts = isLoopback(bindHost)
    ? ['127.0.0.1', 'localhost', '[::1]']
    : [bindHost.includes(':') ? `[${bindHost}]` : bindHost];
  allowedHosts = new Set(hosts.map((h) => `${h}:${port}`.toLowerCase()));
  const origin = `http://${isLoopback(bindHost) ? '127.0.0.1' : hosts[0]}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        clearInterval(heartbeat);
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}
