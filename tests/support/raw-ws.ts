// A hand-made WebSocket client over a bare TCP socket, for the hostile-client tests: it can stop reading, declare a
// frame larger than it sends, or hold a connection open without a word — what a real client library would not do.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';

/** Opens a TCP connection and completes the WebSocket handshake (the answer's header is read and dropped). */
export function rawWebSocket(port: number, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        [
          `GET /ws?token=${encodeURIComponent(token)} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          `Origin: http://127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
    let header = '';
    const onData = (chunk: Buffer) => {
      header += chunk.toString('latin1');
      const end = header.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      if (!header.startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${header.split('\r\n')[0]}`));
      else resolve(socket);
    };
    socket.on('data', onData);
  });
}

/** A masked client text frame; `declaredLength` lets the header claim more than the payload holds. */
export function textFrame(payload: Buffer | string, declaredLength?: number): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = declaredLength ?? body.length;
  const mask = randomBytes(4);
  let header: Buffer;
  if (length < 126) header = Buffer.from([0x81, 0x80 | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt8(0x81, 0);
    header.writeUInt8(0x80 | 126, 1);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(0x81, 0);
    header.writeUInt8(0x80 | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.alloc(body.length);
  for (let i = 0; i < body.length; i += 1) masked[i] = body[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

export const callFrame = (id: number, method: string, input: unknown): Buffer =>
  textFrame(JSON.stringify({ t: 'call', id, method, input }));

/** Resident memory of a process, in MB (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Samples a process's memory every 50 ms until stopped; returns the peak. */
export function samplePeakRss(pid: number): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await rssMb(pid).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
