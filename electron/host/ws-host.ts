// Browser mode: serves the built renderer over HTTP and binds the core to a WebSocket, on 127.0.0.1 by default.
// The trust boundary is here: every request must carry the right Host (no DNS rebinding); the socket must come
// from our own Origin with this start's token; each frame is size-checked and parsed before dispatch.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CallFrame, MAX_MESSAGE_BYTES, err, peekCallId, type AnyEvent, type Caller, type ServerFrame } from '../../shared/contract/index.ts';
import type { Core } from '../core/create-core.ts';
import type { Logger } from '../core/ports.ts';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';
import { createEventBatcher } from './event-batcher.ts';

export type BrowserHostOptions = Readonly<{
  core: Core;
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
  maxMessageBytes?: number;
  logger: Logger;
}>;

export type BrowserHost = Readonly<{ url: string; origin: string; port: number; token: string; close(): Promise<void> }>;

export const WS_PATH = '/ws';
/** Frames above this are not even buffered: the socket is closed (1009). Between the limit and this, the call fails. */
const HARD_FRAME_CAP = 8 * MAX_MESSAGE_BYTES;

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};


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
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const staticRoot = resolve(options.staticDir);
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
    if (pathname.includes('\0')) {
      response.writeHead(400, headers).end('Bad request');
      return;
    }
    let file = resolve(staticRoot, `.${normalize(pathname)}`);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) {
      response.writeHead(403, headers).end('Forbidden');
      return;
    }
    const stats = await stat(file).catch(() => null);
    // Unknown paths without an extension are client-side routes: they get the app's page.
    if (!stats?.isFile()) {
      if (extname(pathname) !== '') {
        response.writeHead(404, headers).end('Not found');
        return;
      }
      file = join(staticRoot, 'index.html');
    }
    const body = await readFile(file).catch(() => null);
    if (!body) {
      response.writeHead(500, headers).end('The renderer is not built: run `npm run build:renderer`.');
      return;
    }
    const isAsset = file.includes(`${sep}assets${sep}`);
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
  const sockets = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_CAP });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(request)) return rejectUpgrade(socket, 421, 'Misdirected Request');
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || origin !== `http://${request.headers.host}`) return rejectUpgrade(socket, 403, 'Forbidden');
    if (!sameSecret(url.searchParams.get('token'), token)) return rejectUpgrade(socket, 401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws));
  });

  function connect(ws: WebSocket): void {
    const caller: Caller = { session: null };
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const batcher = createEventBatcher((batch: AnyEvent[]) => send({ t: 'events', events: batch }));
    const unsubscribe = options.core.subscribe(caller, (event) => batcher.push(event));

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
        send({ t: 'error', error: { code: 'invalid_input', message: 'a frame must be a JSON call: {t:"call", id, method, input}' } });
        return;
      }
      options.core.dispatch(caller, frame.method, frame.input).then(
        (result) => send({ t: 'result', id: frame.id, result }),
        (error: unknown) => {
          options.logger.error('dispatch threw', error);
          send({ t: 'result', id: frame.id, result: err('internal', 'the call failed') });
        },
      );
    });
    ws.on('close', () => {
      unsubscribe();
      batcher.dispose();
      caller.session = null;
    });
    ws.on('error', (error) => options.logger.warn('websocket error', error.message));
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  const hosts = isLoopback(bindHost) ? ['127.0.0.1', 'localhost', '[::1]'] : [bindHost.includes(':') ? `[${bindHost}]` : bindHost];
  allowedHosts = new Set(hosts.map((h) => `${h}:${port}`.toLowerCase()));
  const origin = `http://${isLoopback(bindHost) ? '127.0.0.1' : hosts[0]}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}
