// The reports page end to end in a real browser against browser mode: after demo activity (buyers arrive, agents
// reply), the owner opens Reports, filters one shop, reads the table, and exports XLSX; the file, read back with
// exceljs, matches the screen cell for cell (header, every row, the total), then again compared with the period
// before (each figure beside its change); the agent timeline shows who was online.
import { mkdir, readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  formatCell,
  REPORT_COLUMNS,
  reportHeader,
  type ColumnFormat,
} from '../../shared/domain/reports/report-columns.ts';
import { launchChromium, logInAs, startServe, type ServeProcess } from '../support/browser.ts';

vi.setConfig({ testTimeout: 120_000 });

const ARTIFACTS = 'tests/artifacts';
const SHOP = 'tmall-mianyu';
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  serve = await startServe(['--demo-rate', '6', '--seed', '5']);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

type Bridge = { sellerConsole: { invoke(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> } };

/** An agent answers the chats she holds or can take in the shop (demo activity, as a person would at her desk). */
async function answerSome(page: Page, shopId: string, count: number): Promise<number> {
  return page.evaluate(
    async ({ shopId, count }) => {
      const api = (window as unknown as Bridge).sellerConsole;
      await api.invoke('inbox.setStatus', { status: 'online' });
      let answered = 0;
      for (let attempt = 0; attempt < 100 && answered < count; attempt += 1) {
        const list = await api.invoke('inbox.listConversations', { shopId, view: 'urgent', limit: 50 });
        const chats = (list.value ?? []) as { id: string; status: string; assigneeId: string | null }[];
        for (const chat of chats.filter((c) => c.status === 'waiting')) {
          const reply = await api.invoke('inbox.reply', {
            shopId,
            conversationId: chat.id,
            text: '亲，在的，马上为您查询',
          });
          if (reply.ok) answered += 1;
          if (answered >= count) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return answered;
    },
    { shopId, count },
  );
}

describe('the reports page', () => {
  it('after demo activity, the owner filters one shop and exports XLSX that matches the screen cell for cell', async () => {
    const xiaolin = await logInAs(browser, serve.url, 'xiaolin', { viewport: { width: 1200, height: 800 } });
    expect(await answerSome(xiaolin, SHOP, 2)).toBeGreaterThanOrEqual(1);

    const page = await logInAs(browser, serve.url, 'owner', {
      viewport: { width: 1500, height: 950 },
      acceptDownloads: true,
    });
    await page.getByRole('menuitem', { name: /数据报表/ }).click();
    await page.getByRole('heading', { name: '客服绩效' }).waitFor();
    // One shop.
    await page.getByRole('combobox', { name: '店铺' }).click();
    await page.locator('.ant-select-item-option[title="棉语家居旗舰店"]').click();
    await page.keyboard.press('Escape');
    const table = page.locator('.report-table');
    await expect
      .poll(async () => table.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain('小林');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${ARTIFACTS}/reports.png`, fullPage: true });

    // The screen's table as text, header first, total last. Comparing, each figure's header spans its two columns
    // (本期, 较上期): the flat header the file holds is the figure's, then the figure's with 较上期.
    const readScreen = () =>
      page.evaluate(() => {
        const root = document.querySelector('.report-table')!;
        const rows = [...root.querySelectorAll('thead tr')];
        const top = [...rows[0]!.querySelectorAll('th')].map((th) => th.textContent!.trim());
        const sub = rows[1] ? [...rows[1].querySelectorAll('th')].map((th) => th.textContent!.trim()) : [];
        const head = sub.length === 0 ? top : [top[0]!, ...top.slice(1).flatMap((name) => [name, `${name} 较上期`])];
        const body = [...root.querySelectorAll('tbody tr.ant-table-row')].map((tr) =>
          [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
        );
        const total = [...root.querySelectorAll('tr.report-total td')].map((td) => td.textContent!.trim());
        return { sub, table: [head, ...body, total] };
      });
    // Buyers keep arriving: compare an export with a screen that stood still while it was made.
    const exportMatches = async (formats: readonly string[]) => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const before = (await readScreen()).table;
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: /导出 XLSX/ }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^客服绩效-.*\.xlsx$/);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
        await page.waitForTimeout(1500);
        const after = (await readScreen()).table;
        if (JSON.stringify(before) !== JSON.stringify(after)) continue;
        const file: string[][] = [];
        workbook.worksheets[0]!.eachRow((row, n) => {
          const cells: string[] = [];
          for (let i = 1; i <= before[0]!.length; i += 1) {
            const v = row.getCell(i).value;
            cells.push(
              typeof v === 'number' && n > 1 ? formatCell(formats[i - 1] as ColumnFormat, v) : String(v ?? ''),
            );
          }
          file.push(cells);
        });
        expect(file).toEqual(before);
        return workbook;
      }
      throw new Error('the screen never stood still for an export');
    };
    const workbook = await exportMatches(['int', ...REPORT_COLUMNS.map((c) => c.format)]);
    // The shop filter reached the file: its About sheet names only that shop.
    const about = workbook.getWorksheet('说明')!;
    expect(String(about.getRow(2).getCell(2).value)).not.toContain('、');

    // Compared with the period before: each figure beside its change, and the file holds the same columns.
    await page.getByRole('switch', { name: '对比上一期' }).click();
    await expect.poll(async () => (await readScreen()).sub.length).toBe(2 * REPORT_COLUMNS.length);
    const { sub, table: compared } = await readScreen();
    expect(sub.slice(0, 2)).toEqual(['本期', '较上期']);
    expect(compared[0]).toEqual(reportHeader('agent', 'zh-CN', true));
    expect(compared.at(-1)![2]).toMatch(/^([+-]?\d+\.\d%|—)$/);
    expect(await page.locator('.report-compare-of').textContent()).toMatch(
      /^与 \d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d 对比$/,
    );
    await page.screenshot({ path: `${ARTIFACTS}/reports-compare.png`, fullPage: true });
    const comparedFile = await exportMatches(['int', ...REPORT_COLUMNS.flatMap((c) => [c.format, 'change' as const])]);
    expect(String(comparedFile.getWorksheet('说明')!.getRow(2).getCell(1).value)).toBe('对比期间');
    await page.getByRole('switch', { name: '对比上一期' }).click();

    // The agent timeline under the table: 小林 went online to answer, and her bar shows it, read out in words.
    const mine = page.locator('.agent-timeline [data-testid="timeline-row"]', { hasText: '小林' });
    await expect.poll(() => mine.locator('[data-status="online"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await mine.getByRole('img').getAttribute('aria-label')).toMatch(/^小林：在线 \d\d:\d\d–\d\d:\d\d/);
    await page.locator('.agent-timeline').scrollIntoViewIfNeeded();
    await page.locator('.agent-timeline').screenshot({ path: `${ARTIFACTS}/reports-timeline.png` });
  });
});
