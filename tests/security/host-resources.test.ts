// Review items 3–5: what one hostile local process can make the browser host hold. The host runs as the real
// `serve` process; its memory and file descriptors are read from /proc while a client stops reading, floods it
// with idle connections, or sends frames far over the limit. The bounds asserted are loose for slow machines (the
// review measured +137 MB for a non-reading client over 30 s and +722 MB for the frames before the fixes).
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_LIMITS } from '../../electron/browser-host/ws-host.ts';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/index.ts';
import { startServe, type ServeProcess } from '../support/browser.ts';
import { callFrame, rawWebSocket, rssMb, samplePeakRss, textFrame } from '../support/raw-ws.ts';
import { connectClient } from '../support/ws-client.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let serve: ServeProcess;
let port = 0;
let token = '';

beforeAll(async () => {
  serve = await startServe(['--demo-rate', '3000']);
  port = Number(new URL(serve.url).port);
  token = new URL(serve.url).hash.slice('#token='.length);
  await sleep(1_000);
});
afterAll(async () => {
  await serve.stop();
});

async function ownerClient() {
  const client = await connectClient(`ws://127.0.0.1:${port}/ws?token=${token}`, {
    Origin: serve.origin,
    Host: `127.0.0.1:${port}`,
  });
  expect(await client.call('session.login', { login: 'owner', password: 'demo1234' })).toMatchObject({ ok: true });
  return client;
}

describe.runIf(process.platform === 'linux')('browser host resources (review items 3–5)', () => {
  it(
    '3. a client that stops reading loses its event stream instead of growing the host',
    { timeout: 60_000 },
    async () => {
      const before = await rssMb(serve.pid);
      const peak = samplePeakRss(serve.pid);
      const socket = await rawWebSocket(port, token);
      socket.write(callFrame(1, 'session.login', { login: 'owner', password: 'demo1234' }));
      await sleep(300);
      socket.pause(); // from here on nothing is read: events stream in (5 shops × 50 msgs/s) and answers pile up
      for (let id = 2; id < 2_502; id += 1) socket.write(callFrame(id, 'inbox.listConversations', { limit: 500 }));
      await expect.poll(() => serve.output(), { timeout: 30_000, interval: 200 }).toContain('stopped reading');
      await sleep(2_000);
      const highest = await peak.stop();
      socket.destroy();
      console.log(
        `non-reading client: host RSS ${before.toFixed(0)} MB before, peak ${highest.toFixed(0)} MB (+${(highest - before).toFixed(0)} MB); ` +
          `limit ${HOST_LIMITS.maxQueuedBytes / 2 ** 20} MiB queued`,
      );
      expect(highest - before).toBeLessThan(200);
      // Everyone else is served as before.
      const other = await ownerClient();
      expect(await other.call('app.info', {})).toMatchObject({ ok: true });
      await other.close();
    },
  );

  it(
    '4. a flood of idle TCP connections holds at most the cap; the page loads and writes succeed',
    { timeout: 60_000 },
    async () => {
      const softLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()) || 1024;
      const count = Math.min(1_100, softLimit - 200);
      const fdsBefore = (await readdir(`/proc/${serve.pid}/fd`)).length;
      const flood: Socket[] = [];
      for (let i = 0; i < count; i += 1) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        flood.push(socket);
      }
      await sleep(1_500);
      const fdsDuring = (await readdir(`/proc/${serve.pid}/fd`)).length;
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      const owner = await ownerClient();
      expect(
        await owner.call('shops.update', { shopId: 'jd-mianyu', name: '棉语家居京东专营店（洪水中改名）' }),
      ).toMatchObject({ ok: true });
      await owner.close();
      for (const socket of flood) socket.destroy();
      console.log(
        `idle flood: ${count} connections opened, host fds ${fdsBefore} before → ${fdsDuring} during (cap ${HOST_LIMITS.maxConnections})`,
      );
      expect(fdsDuring - fdsBefore).toBeLessThanOrEqual(HOST_LIMITS.maxConnections + 8);
    },
  );

  it(
    '5. frames far over the limit are refused from their header, without being buffered',
    { timeout: 90_000 },
    async () => {
      const before = await rssMb(serve.pid);
      const peak = samplePeakRss(serve.pid);
      const eightMiB = Buffer.alloc(8 * 2 ** 20, 0x61);
      let refused = 0;
      for (let batch = 0; batch < 10; batch += 1) {
        await Promise.all(
          Array.from({ length: 10 }, async () => {
            const socket = await rawWebSocket(port, token);
            const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
            socket.on('error', () => undefined);
            socket.on('data', (chunk: Buffer) => {
              // The close frame: 0x88, length, then the code 1009 (message too big).
              if (chunk[0] === 0x88 && chunk.length >= 4 && chunk.readUInt16BE(2) === 1009) refused += 1;
            });
            socket.write(textFrame(eightMiB));
            await closed;
          }),
        );
      }
      const highest = await peak.stop();
      console.log(
        `100 frames of 8 MiB: host RSS ${before.toFixed(0)} MB before, peak ${highest.toFixed(0)} MB (+${(highest - before).toFixed(0)} MB); ` +
          `${refused} refused with 1009 (limit ${MAX_MESSAGE_BYTES / 2 ** 20} MiB)`,
      );
      expect(refused).toBe(100);
      expect(highest - before).toBeLessThan(200);
    },
  );

  it('5. calls in flight on one connection are bounded; the rest are refused at once', async () => {
    const socket = await rawWebSocket(port, token);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.write(
      Buffer.concat(
        Array.from({ length: 200 }, (_, i) =>
          callFrame(i + 1, 'session.login', { login: `nobody${i}`, password: 'x' }),
        ),
      ),
    );
    await expect.poll(() => (text.match(/"result":/g) ?? []).length, { timeout: 20_000 }).toBe(200);
    const limited = (text.match(/"rate_limited"/g) ?? []).length;
    socket.destroy();
    expect(limited).toBeGreaterThanOrEqual(200 - HOST_LIMITS.maxCallsInFlight);
  });
});
