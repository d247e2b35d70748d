// End to end: what people do in the console shows in the audit log, filtered as asked, exported as a CSV that
// reads back with the same rows, and verified intact. An agent sees only her own entries and no Verify button.
import { mkdir, readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, logInAs, startServe, type ServeProcess } from '../support/browser.ts';

vi.setConfig({ testTimeout: 60_000 });

const ARTIFACTS = 'tests/artifacts';
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  serve = await startServe(['--demo-rate', '60']);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const logIn = (login: string) => logInAs(browser, serve.url, login, { acceptDownloads: true });

const actions = (page: Page) =>
  page.getByTestId('audit-action').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-action') ?? ''));

describe('the audit log page', () => {
  it('shows the owner what was done, filters, exports a CSV that matches, and verifies every log', async () => {
    const page = await logIn('owner');
    // Something to audit in a shop: a change to its inbox rules, made through Settings' API as the page would.
    await page.evaluate(() =>
      (
        window as unknown as { sellerConsole: { invoke(m: string, i: unknown): Promise<unknown> } }
      ).sellerConsole.invoke('shops.updateInbox', { shopId: 'jd-mianyu', warnAfterSeconds: 75 }),
    );
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await page.getByTestId('audit-page').waitFor();
    await expect.poll(() => actions(page), { timeout: 10_000 }).toContain('session.login');
    expect(await page.getByTestId('audit-row').first().textContent()).toContain('店主');

    // The shop's own log holds the rule change, with before and after (newest first; below it the roster's
    // first import into this shop, made by the console itself).
    await page.getByTestId('audit-log-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '棉语家居京东专营店' }).click();
    await expect.poll(() => actions(page)).toEqual(['shops.updateInbox', 'roster.imported']);
    expect(await page.getByTestId('audit-row').first().textContent()).toMatch(/提醒时间（秒）: \d+ → 75/);
    await page.screenshot({ path: `${ARTIFACTS}/audit-shop-log-zh.png` });

    // Export what is shown and read it back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const path = await download.path();
    const csv = await readFile(path!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual([
      'n',
      'time',
      'actor',
      'actorId',
      'connection',
      'origin',
      'shop',
      'action',
      'target',
      'changes',
      'hash',
    ]);
    expect(parsed.data.slice(1).map((row) => row[7])).toEqual(['shops.updateInbox', 'roster.imported']);
    expect(parsed.data[1]![10]).toMatch(/^[0-9a-f]{64}$/);
    await page.getByText(/已导出 2 条/).waitFor();

    // Verify: every log intact.
    await page.getByTestId('audit-verify').click();
    await page.getByText(/个日志全部完好/).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('audit-verify-report').getByText('完好').count()).toBeGreaterThanOrEqual(6);
    await page.waitForTimeout(500); // the dialog's opening animation
    await page.screenshot({ path: `${ARTIFACTS}/audit-verify-zh.png` });
    await page.context().close();
  });

  it('shows an agent her own entries only, without Verify', async () => {
    const page = await logIn('xiaolin');
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await page.getByTestId('audit-page').waitFor();
    await page.getByText('只显示你本人的操作').waitFor();
    await expect.poll(() => actions(page), { timeout: 10_000 }).toContain('session.login');
    const who = await page
      .getByTestId('audit-row')
      .evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent ?? ''));
    expect(new Set(who)).toEqual(new Set(['小林']));
    expect(await page.getByTestId('audit-verify').count()).toBe(0);
    await page.context().close();
  });
});
