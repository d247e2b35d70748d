// The stock page end to end in a real browser against browser mode: the demo's SKUs with their stock (orders from
// the demo shops lock it as they come), goods in raising the shelf, a movement that would make stock negative
// refused with the reason, an allocation changing what one shop displays, and the SKU's ledger.
import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, logInAs, startServe, type ServeProcess } from '../support/browser.ts';

vi.setConfig({ testTimeout: 120_000 });

const ARTIFACTS = 'tests/artifacts';
const SKU = 'MY-TW-7030-PNK';
let serve: ServeProcess;
let browser: Browser;
let owner: Page;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  serve = await startServe(['--demo-rate', '60', '--seed', '3']);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const stockRow = () => owner.getByTestId('stock-table').locator('.ant-table-row').filter({ hasText: SKU });
const cell = async (column: number) =>
  Number((await stockRow().locator('.ant-table-cell').nth(column).textContent())?.replace(/\D/g, ''));

describe('the stock page', () => {
  it('lists the demo SKUs with their stock and each shop’s sellable', async () => {
    owner = await logInAs(browser, serve.url, 'owner', {
      viewport: { width: 1500, height: 900 },
      acceptDownloads: true,
    });
    await owner.getByRole('menuitem', { name: /库存/ }).click();
    await owner.getByTestId('stock-table').waitFor();
    await expect.poll(() => owner.getByTestId('stock-table').locator('.ant-table-row').count()).toBe(5);
    // On the shelf: the opening 500, less what demo orders shipped since (never more).
    expect(await cell(3)).toBeLessThanOrEqual(500);
    expect(await stockRow().textContent()).toMatch(/棉天 \d+/);
  });

  it('takes goods in, and refuses an adjustment that would make stock negative', async () => {
    const before = await cell(3);
    await stockRow()
      .getByRole('button', { name: `入库 / 调整 ${SKU}` })
      .click();
    let dialog = owner.getByRole('dialog');
    await dialog.getByLabel('数量').fill('20');
    await dialog.getByLabel('备注').fill('供应商到货');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => cell(3)).toBe(before + 20);

    await stockRow()
      .getByRole('button', { name: `入库 / 调整 ${SKU}` })
      .click();
    dialog = owner.getByRole('dialog');
    await dialog.getByLabel('类型').click();
    await owner.locator('.ant-select-item-option').filter({ hasText: '盘点调整' }).click();
    await dialog.getByLabel('数量').fill('-100000');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => owner.locator('.ant-message').textContent())
      .toMatch(/没有执行：这样会使.+变为 -\d+，库存不能为负数/);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    expect(await cell(3)).toBe(before + 20);
  });

  it('an allocation changes what one shop displays; the ledger lists the goods in', async () => {
    await stockRow()
      .getByRole('button', { name: `分配 ${SKU}` })
      .click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('安全库存（不对任何店铺显示）').fill('10');
    await dialog.locator('.ant-modal-title').click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => owner.getByRole('dialog').count()).toBe(0);
    const available = await cell(2);
    // Every shop now displays the available stock less the buffer.
    await expect.poll(async () => stockRow().textContent()).toContain(`棉天 ${available - 10}`);
    await owner.screenshot({ path: `${ARTIFACTS}/inventory-stock-zh.png` });

    await stockRow()
      .getByRole('button', { name: `流水 ${SKU}` })
      .click();
    const ledger = owner.getByTestId('stock-ledger');
    await expect.poll(() => ledger.textContent()).toContain('供应商到货');
    expect(await ledger.textContent()).toContain('进货入库');
  });

  it('inspects a purchase batch by AQL and posts it: accepted on sale, rejected frozen', async () => {
    // The ledger drawer of the last step closes with Esc.
    await owner.keyboard.press('Escape');
    await expect.poll(() => owner.locator('.ant-drawer-open').count()).toBe(0);
    const before = await cell(3);
    await owner.getByRole('tab', { name: '进货验收' }).click();
    const form = owner.getByTestId('goods-in-form');
    await form.getByLabel('供应商').fill('杭州织造');
    await form.getByLabel('商家编码').click();
    await owner.keyboard.type('PNK');
    await owner.locator('.ant-select-item-option').filter({ hasText: SKU }).click();
    await form.getByLabel('批量（件）').fill('800');
    await expect.poll(() => owner.getByTestId('aql-plan').textContent()).toContain('样本字码 J，抽检 80 件');
    expect(await owner.getByTestId('aql-plan').textContent()).toContain('Ac 5 / Re 6');
    await form.getByLabel('主要缺陷').fill('6');
    await expect.poll(() => owner.getByTestId('aql-verdict').textContent()).toContain('不合格');
    await form.getByLabel('主要缺陷').fill('5');
    await expect.poll(() => owner.getByTestId('aql-verdict').textContent()).toContain('合格');
    expect(await owner.getByTestId('aql-verdict').textContent()).not.toContain('不合格');
    await form.getByText('浅色货逐件查污渍').click();
    await form.getByLabel('退回（冻结）件数').fill('10');
    await form.getByRole('button', { name: '添加缺陷记录' }).click();
    await form.getByPlaceholder('说明（如：米白色领口污渍）').fill('粉色毛巾边有污渍');
    // A photo of the stain (a 2000×1500 picture drawn here: shrunk to a JPEG before it is sent), and a text file
    // named like a picture, which is refused with its name.
    const picture = await owner.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 2000;
      canvas.height = 1500;
      const ctx = canvas.getContext('2d')!;
      // Pink towel with the grain of a camera photo (a flat colour would compress below the limit as it is).
      const image = ctx.createImageData(2000, 1500);
      for (let i = 0; i < image.data.length; i += 4) {
        const grain = Math.floor(Math.random() * 40) - 20;
        image.data[i] = 244 + Math.min(11, grain);
        image.data[i + 1] = 182 + grain;
        image.data[i + 2] = 194 + grain;
        image.data[i + 3] = 255;
      }
      ctx.putImageData(image, 0, 0);
      ctx.fillStyle = '#8a6d3b';
      ctx.beginPath();
      ctx.arc(900, 700, 160, 0, Math.PI * 2);
      ctx.fill();
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    const photoInput = form.getByTestId('defect-photo-input');
    await photoInput.setInputFiles({ name: 'note.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await expect.poll(() => owner.locator('.ant-message').textContent()).toContain('“note.png”不是图片，未添加');
    await photoInput.setInputFiles({
      name: 'stain.png',
      mimeType: 'image/png',
      buffer: Buffer.from(picture, 'base64'),
    });
    await expect.poll(() => form.getByTestId('kept-photo').locator('img').count()).toBe(1);
    expect(await form.getByTestId('kept-photo').locator('img').getAttribute('src')).toMatch(
      /^data:image\/jpeg;base64,/,
    );
    await form.screenshot({ path: `${ARTIFACTS}/goods-in-photo-zh.png` });
    await form.getByRole('button', { name: '验收入库' }).click();
    await expect
      .poll(() => owner.locator('.ant-message').textContent())
      .toContain('已入库：可售 790 件，冻结待退 10 件');
    await expect.poll(() => owner.getByTestId('goods-in-history').textContent()).toContain('杭州织造');
    expect(await owner.getByTestId('supplier-scores').textContent()).toContain('1.3%');
    // The batch keeps its photo: shown in the history, read back from the core.
    const kept = owner.getByTestId('goods-in-history').getByTestId('kept-photo').locator('img');
    await expect.poll(() => kept.count()).toBe(1);
    expect(await kept.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    await owner.screenshot({ path: `${ARTIFACTS}/inventory-goods-in-zh.png`, fullPage: true });
    await owner.getByRole('tab', { name: '库存' }).click();
    await expect.poll(() => cell(3)).toBe(before + 790);
    expect(await cell(7)).toBe(10);
  });

  it('counts a sheet blind with a scanner, needs a second counter for a large variance, and posts it', async () => {
    await owner.locator('.ant-tabs-tab', { hasText: '盘点' }).click();
    await owner.getByRole('button', { name: /新建盘点单（5 个商品）/ }).click();
    const lines = owner.getByTestId('stocktake-lines');
    await expect.poll(() => lines.locator('.ant-table-row').count()).toBe(5);
    const line = (sku: string) => lines.locator('.ant-table-row').filter({ hasText: sku });
    const book = async (sku: string) => Number(await line(sku).locator('.ant-table-cell').nth(2).textContent());
    // The scanner types the code and Enter: the same code twice is one line with 2.
    const scan = owner.getByTestId('stocktake-scan');
    for (let i = 0; i < 2; i += 1) {
      await scan.fill('XL-DR-2405-BEI-S');
      await scan.press('Enter');
    }
    await expect.poll(() => owner.getByLabel('本次数量 XL-DR-2405-BEI-S').inputValue()).toBe('2');
    await owner.getByLabel('本次数量 XL-DR-2405-BEI-S').fill('');
    const towelBook = await book(SKU);
    const shirtBook = await book('MY-TS-2301-WHT-M');
    await owner.getByLabel(`本次数量 ${SKU}`).fill(String(towelBook - 2));
    await owner.getByLabel('本次数量 MY-TS-2301-WHT-M').fill(String(shirtBook - 40));
    await owner.getByRole('button', { name: '提交本次盘点' }).click();
    await expect.poll(() => line('MY-TS-2301-WHT-M').textContent()).toContain('差异大，待他人复盘');
    expect(await line(SKU).textContent()).toContain('完成');
    // The first counter may not count it again; a colleague does.
    await owner.getByLabel('本次数量 MY-TS-2301-WHT-M').fill(String(shirtBook - 38));
    await owner.getByRole('button', { name: '提交本次盘点' }).click();
    await expect.poll(() => owner.locator('.ant-message').textContent()).toContain('复盘需要由另一个人完成');
    const laowang = await logInAs(browser, serve.url, 'laowang', { viewport: { width: 1500, height: 900 } });
    await laowang.getByRole('menuitem', { name: /库存/ }).click();
    await laowang.locator('.ant-tabs-tab', { hasText: '盘点' }).click();
    await laowang.getByLabel('本次数量 MY-TS-2301-WHT-M').fill(String(shirtBook - 38));
    await laowang.getByRole('button', { name: '提交本次盘点' }).click();
    await expect.poll(() => laowang.locator('.ant-message').textContent()).toContain('已提交 1 个商品的数量');
    await laowang.close();
    // The three lines nobody counted keep the sheet open: count them as on the book, then post.
    await owner.reload();
    await owner.getByRole('menuitem', { name: /库存/ }).click();
    await owner.locator('.ant-tabs-tab', { hasText: '盘点' }).click();
    for (const sku of ['MY-BS-4PC-GRY-1.8M', 'MY-TS-2301-BLK-XL', 'XL-DR-2405-BEI-S'])
      await owner.getByLabel(`本次数量 ${sku}`).fill(String(await book(sku)));
    await owner.getByRole('button', { name: '提交本次盘点' }).click();
    await expect.poll(() => line('MY-TS-2301-WHT-M').textContent()).toContain('-38');
    const download = owner.waitForEvent('download');
    await owner.getByRole('button', { name: '导出 CSV' }).click();
    const csv = await (await download).path().then((path) => readFile(path, 'utf8'));
    expect(csv.split('\n')[0]).toContain('账面');
    await owner.screenshot({ path: `${ARTIFACTS}/inventory-stocktake-zh.png` });
    await owner.getByRole('button', { name: '审核过账' }).click();
    await owner.getByRole('dialog').getByRole('button', { name: '审核过账' }).click();
    await expect.poll(() => owner.locator('.ant-message').textContent()).toContain('已过账');
    await owner.getByRole('tab', { name: '库存' }).click();
    await expect.poll(() => cell(3)).toBe(towelBook - 2);
  });

  it('scrolls a catalogue of 1,500 more SKUs as one virtual list: only the rows in view are in the page', async () => {
    // 1,500 SKUs saved through the console's own bridge, 100 at a time.
    await owner.evaluate(async () => {
      const bridge = (window as unknown as { sellerConsole: { invoke(m: string, i: unknown): Promise<unknown> } })
        .sellerConsole;
      for (let batch = 0; batch < 15; batch += 1)
        await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            bridge.invoke('inventory.saveSku', {
              create: true,
              code: `BULK-${String(batch * 100 + i).padStart(4, '0')}`,
              title: `批量商品 ${batch * 100 + i}`,
              priceFen: 1990,
              shopIds: ['tmall-mianyu'],
            }),
          ),
        );
    });
    await owner.reload();
    await owner.getByRole('menuitem', { name: /库存/ }).click();
    const table = owner.getByTestId('stock-table');
    const rows = table.locator('.ant-table-row');
    await table
      .locator('code', { hasText: /^BULK-/ })
      .first()
      .waitFor();
    const inPage = await rows.count();
    expect(inPage).toBeGreaterThan(5);
    expect(inPage).toBeLessThan(100);
    // Scrolled to the end, the last rows are there (and the first ones have left the page).
    const holder = table.locator('.ant-table-tbody-virtual-holder');
    const codes = () => rows.locator('code').allTextContents();
    const first = await codes();
    await holder.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await codes()).some((code) => !first.includes(code))).toBe(true);
    expect(await rows.count()).toBeLessThan(100);
    await owner.screenshot({ path: `${ARTIFACTS}/inventory-virtual.png` });
  });
});
