// Debian's Chromium driven over a bare DevTools connection, for the benchmarks that time the renderer. Playwright
// enables the Network domain on every page it controls, and Chromium then mirrors each WebSocket frame the page
// receives to the driver — at 1,000 msgs/s that costs about a quarter of a core in the browser process and more
// in the driver, on a 2-core machine shared with the core being measured. Here only Page, Runtime and Input are
// used, so what is measured is the console, not the instrumentation.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { CHROMIUM_FLAGS, requireChromium } from './browser.ts';
import { makeTempDir } from './core-fixture.ts';

export type BarePage = Readonly<{
  /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  navigate(url: string): Promise<void>;
  /** Types text into the focused element, as a keyboard would. */
  insertText(text: string): Promise<void>;
  /** Resolves once `expression` is truthy in the page; polls every 50 ms. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  /** The browser's main process (its renderers are among its descendants). */
  pid: number;
  /** Heap of the page's JavaScript, after a collection (Runtime.getHeapUsage). */
  heapUsedBytes(): Promise<number>;
  close(): Promise<void>;
}>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function devToolsPort(profile: string, child: ChildProcess): Promise<number> {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`Chromium exited with ${child.exitCode}`);
    const text = await readFile(join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const port = Number(text.split('\n')[0]);
    if (port > 0) return port;
    await sleep(50);
  }
  throw new Error('Chromium did not open its DevTools port in 10 s');
}

/** Starts headless Chromium with one page of the given size and connects to that page. */
export async function openBarePage(
  viewport: Readonly<{ width: number; height: number }>,
  lang = 'zh-CN',
): Promise<BarePage> {
  const executable = requireChromium();
  const profile = await makeTempDir('bare-chromium-');
  const child = spawn(
    executable,
    [
      '--headless',
      ...CHROMIUM_FLAGS,
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--window-size=${viewport.width},${viewport.height}`,
      `--lang=${lang}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  try {
    const port = await devToolsPort(profile, child);
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      type: string;
      webSocketDebuggerUrl: string;
    }[];
    const target = targets.find((t) => t.type === 'page');
    if (!target) throw new Error('Chromium has no page target');
    const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    let nextId = 1;
    const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
    const loaded: (() => void)[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
      };
      if (message.method === 'Page.loadEventFired') loaded.splice(0).forEach((resolve) => resolve());
      if (message.id === undefined) return;
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(message.error.message));
      else call?.resolve(message.result);
    });
    const send = <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    await send('Page.enable');
    const evaluate = async <T>(expression: string): Promise<T> => {
      const result = await send<{
        result: { value: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      }>('Runtime.evaluate', {
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      if (result.exceptionDetails)
        throw new Error(
          `in the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`,
        );
      return result.result.value;
    };
    return {
      evaluate,
      pid: child.pid!,
      async heapUsedBytes() {
        await send('HeapProfiler.collectGarbage');
        return (await send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
      },
      async navigate(url) {
        const load = new Promise<void>((resolve) => loaded.push(resolve));
        await send('Page.navigate', { url });
        await load;
      },
      insertText: (text) => send('Input.insertText', { text }),
      async waitFor(expression, timeoutMs = 60_000) {
        const until = Date.now() + timeoutMs;
        while (!(await evaluate<boolean>(`Boolean(${expression})`))) {
          if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
          await sleep(50);
        }
      },
      async close() {
        socket.close();
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    throw error;
  }
}
