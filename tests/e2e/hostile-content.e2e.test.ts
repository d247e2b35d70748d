// Chat content is untrusted HTML from strangers. A scripted connector delivers hostile buyer names and messages
// through the real core and browser host; in Chromium they must show as inert text and run nothing.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectorFactory } from '../../electron/core/ports.ts';
import { MAX_MESSAGE_CHARS } from '../../electron/core/inbox/inbox-service.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/ws-host.ts';
import { launchChromium } from '../support/browser.ts';
import { quietLogger, startCoreFixture, type CoreFixture } from '../support/core-fixture.ts';

vi.setConfig({ testTimeout: 60_000 });

const HOSTILE = [
  { nick: '<img src=x onerror="window.__pwned=1">', text: '<script>window.__pwned=2</script>你好' },
  { nick: '<svg onload="window.__pwned=3"></svg>', text: '<a href="javascript:window.__pwned=4">点我领券</a>' },
  { nick: 'rtl\u202Egnp.exe', text: '\u202E反向文字 and a lone surrogate \uD800 here' },
  { nick: 'big-body', text: `开头${'很长的消息'.repeat(200_000)}` },
] as const;

// Delivers the hostile messages once, on start, to the first demo shop only.
const scripted: ConnectorFactory = (shop, context) => ({
  start(sink) {
    if (shop.id !== 'tmall-mianyu') return;
    HOSTILE.forEach(
      (m, i) =>
        void sink.buyerMessage({
          shopId: shop.id,
          buyer: { id: `hostile-${i}`, nick: m.nick },
          text: m.text,
          at: context.clock.now() + i,
        }),
    );
  },
  stop() {},
});

let fixture: CoreFixture;
let host: BrowserHost;
let browser: Browser;

beforeAll(async () => {
  fixture = await startCoreFixture({ connectors: { demo: scripted } });
  await fixture.run(0);
  host = await startBrowserHost({
    core: fixture.core,
    staticDir: join(process.cwd(), 'build', 'renderer'),
    port: 0,
    logger: quietLogger,
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await fixture?.close();
});

describe('hostile chat content', () => {
  it('renders buyer names and messages as inert text', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => void (dialogs.push(dialog.message()), dialog.dismiss()));
    await page.goto(host.url);
    await page.getByRole('textbox', { name: '账号' }).fill('owner');
    await page.getByLabel('密码', { exact: true }).fill('demo1234');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('active-shop-title').waitFor();
    await page.getByTestId('tab-all').click();
    await expect.poll(() => page.getByTestId('conversation-row').count()).toBe(HOSTILE.length);

    const list = page.getByTestId('conversation-list');
    expect(await list.textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    // Bidi overrides cannot disguise a name ("rtl\u202Egnp.exe" must not read as "rtlexe.png").
    expect(await list.textContent()).toContain('rtlgnp.exe');
    expect(await list.textContent()).not.toContain('\u202E');
    for (const tag of ['img', 'svg', 'script', 'a[href^="javascript"]'])
      expect(await list.locator(tag).count()).toBe(0);

    for (let i = 0; i < HOSTILE.length; i += 1) {
      const row = page.getByTestId('conversation-row').nth(i);
      await row.click();
      await expect.poll(() => row.getAttribute('aria-current')).toBe('true');
      const thread = page.getByTestId('thread-messages');
      await expect.poll(() => thread.locator('li').count()).toBeGreaterThan(0);
      for (const tag of ['img', 'svg', 'script', 'a']) expect(await thread.locator(tag).count()).toBe(0);
    }

    const threadText = async (nick: string) => {
      await page.getByTestId('conversation-row').filter({ hasText: nick }).click();
      // The thread switches once its first page is here.
      await expect.poll(() => page.locator('#thread-title').textContent()).toContain(nick);
      return (await page.getByTestId('thread-messages').textContent()) ?? '';
    };
    expect(await threadText('<svg onload')).toContain('<a href="javascript:window.__pwned=4">点我领券</a>');
    expect(await threadText('<img src=x')).toContain('<script>window.__pwned=2</script>你好');
    const big = await threadText('big-body');
    // The 1-MB body was cut at the door, with a visible mark, and the page stays responsive.
    expect(big.length).toBeLessThan(MAX_MESSAGE_CHARS + 100);
    expect(big).toContain('…');
    await page.screenshot({ path: 'tests/artifacts/hostile-content.png' });

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
