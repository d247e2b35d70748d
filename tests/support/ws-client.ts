// A minimal Node WebSocket client for host tests: sends call frames, matches results by id, records events.
import WebSocket from 'ws';
import type { AnyEvent, Result } from '../../shared/contract/index.ts';

export type TestClient = Readonly<{
  call(method: string, input: unknown): Promise<Result<unknown>>;
  sendRaw(text: string): void;
  events: AnyEvent[];
  frames: unknown[];
  /** Called with the close code once the socket closes (from either side). */
  onClose(listener: (code: number, reason: string) => void): void;
  close(): Promise<void>;
}>;

export function connectClient(url: string, headers: Record<string, string>): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, maxPayload: 64 * 1024 * 1024 });
    const pending = new Map<number, (result: Result<unknown>) => void>();
    const events: AnyEvent[] = [];
    const frames: unknown[] = [];
    let nextId = 1;
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as {
        t: string;
        id?: number;
        result?: Result<unknown>;
        events?: AnyEvent[];
      };
      frames.push(frame);
      if (frame.t === 'result' && frame.id !== undefined) pending.get(frame.id)?.(frame.result!);
      if (frame.t === 'events') events.push(...frame.events!);
    });
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        call(method, input) {
          const id = nextId++;
          return new Promise((done) => {
            pending.set(id, done);
            socket.send(JSON.stringify({ t: 'call', id, method, input }));
          });
        },
        sendRaw: (text) => socket.send(text),
        onClose: (listener) => void socket.once('close', (code, reason) => listener(code, reason.toString())),
        events,
        frames,
        close: () =>
          new Promise<void>((done) => {
            socket.once('close', () => done());
            socket.close();
          }),
      }),
    );
  });
}
