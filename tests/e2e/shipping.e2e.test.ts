// The shipping page end to end in a real browser against browser mode: the board of the demo shops' orders, an
// order export imported (a GBK file with a bad row refused by line, then the fixed file), and the imported order
// shipped with a wrong then a right tracking number while its platform is offline — waiting on the board — then
// taken once the platform is back.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, logInAs, startServe, type ServeProcess } from '../support/browser.ts';
import { encodeGbk } from '../support/gbk.ts';

vi.setConfig({ testTimeout: 120_000 });

const ARTIFACTS = 'tests/artifacts';
const SHOP = 'tmall-mianyu';
let serve: ServeProcess;
let browser: Browser;
let owner: Page;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  serve = await startServe(['--demo-rate', '30', '--seed', '5']);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const HEADER =
  '订单编号,买家会员名,商家编码,宝贝标题,宝贝总数量,买家实际支付金额,订单状态,订单付款时间,收货人姓名,联系手机,收货地址,买家留言';
const paidAt = () => {
  const d = new Date(Date.now() + 8 * 3_600_000 - 3_600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
};
const exportLine = (id: string, amount = '59.00') =>
  `="${id}",tb_小鹿,MY-TS-2301-WHT-M,纯棉短袖T恤 白 M,1,${amount},买家已付款，等待卖家发货,${paidAt()},林小姐,13812345678,浙江省 杭州市 西湖区 文三路 90 号 1204 室,请发顺丰`;

const board = () => owner.getByTestId('shipping-board');
const boardRow = (id: string) => board().getByTestId('board-row').filter({ hasText: id });

async function chooseFile(name: string, buffer: Buffer) {
  await owner.getByRole('dialog').locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

describe('the shipping page', () => {
  it('shows the demo shops’ orders waiting to ship, nearest deadline first', async () => {
    owner = await logInAs(browser, serve.url, 'owner', { viewport: { width: 1500, height: 900 } });
    await owner.getByRole('menuitem', { name: /发货/ }).click();
    await board().waitFor();
    await expect.poll(() => board().getByTestId('board-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => board().textContent()).toMatch(/还剩|已超时|赶不上/);
    await owner.screenshot({ path: `${ARTIFACTS}/shipping-board.png` });
  });

  it('imports an order export: a bad row is listed and blocks the file; the fixed file imports', async () => {
    await owner.getByRole('button', { name: /导入订单/ }).click();
    const dialog = owner.getByRole('dialog');
    await chooseFile(
      'ExportOrderList.csv',
      encodeGbk([HEADER, exportLine('4099000000000001'), exportLine('4099000000000002', '免费')].join('\r\n')),
    );
    await dialog.getByTestId('import-preview').waitFor();
    expect(await dialog.textContent()).toMatch(/共 2 行 · 识别为淘宝\/天猫格式（GB18030）/);
    await expect
      .poll(() => dialog.getByTestId('import-problems').textContent())
      .toMatch(/3.*实付金额.*金额应是数字.*免费/);
    expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(true);
    await owner.screenshot({ path: `${ARTIFACTS}/order-import-problems.png` });

    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await chooseFile(
      'ExportOrderList.csv',
      encodeGbk([HEADER, exportLine('4099000000000001'), exportLine('4099000000000002')].join('\r\n')),
    );
    await dialog.getByTestId('import-preview').waitFor();
    await expect.poll(() => dialog.textContent()).toMatch(/没有发现问题/);
    await dialog.getByTestId('import-confirm').click();
    await expect.poll(() => dialog.getByTestId('import-done').textContent()).toMatch(/新订单 2/);
    await dialog
      .getByRole('button', { name: /关\s*闭/ })
      .last()
      .click();
    await owner.getByTestId('board-search').locator('input').fill('4099000000000001');
    await owner.getByTestId('board-search').locator('input').press('Enter');
    await expect.poll(() => board().getByTestId('board-row').count()).toBe(1);
    expect(await boardRow('4099000000000001').textContent()).toMatch(/林小姐.*请发顺丰/);
  });

  it('prints a packing slip at 76×130 mm with the consignee masked, read back from the PDF', async () => {
    await boardRow('4099000000000001').getByLabel('选择订单 4099000000000001').check();
    await owner.getByTestId('print-selected').click();
    const preview = owner.getByTestId('print-preview');
    await preview.getByTestId('print-slip').waitFor();
    const slip = await owner.getByTestId('print-root').textContent();
    expect(slip).toContain('林**');
    expect(slip).toContain('138******78');
    expect(slip).toContain('文三路 90 号 **** 室');
    expect(slip).not.toContain('13812345678');
    expect(
      await owner.getByTestId('print-root').locator('svg[data-code128="4099000000000001"] rect').count(),
    ).toBeGreaterThan(10);
    await owner.waitForTimeout(400); // the dialog's opening animation
    await owner.screenshot({ path: `${ARTIFACTS}/print-preview.png` });
    const pdf = await PDFDocument.load(await owner.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    // 76 × 130 mm in PDF points (1 pt = 1/72 inch); Chromium rounds a page to whole CSS pixels (< 1 pt).
    expect(Math.abs(width - (76 / 25.4) * 72)).toBeLessThan(1);
    expect(Math.abs(height - (130 / 25.4) * 72)).toBeLessThan(1);
    // In browser mode the host has no printing of its own: both buttons open the browser's print dialog.
    await owner.evaluate(() => {
      const w = window as unknown as { printCalls: number; print(): void };
      w.printCalls = 0;
      w.print = () => void (w.printCalls += 1);
    });
    await owner.getByTestId('print-now').click();
    await owner.getByTestId('print-pdf').click();
    await expect.poll(() => owner.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(2);
    await owner
      .getByRole('dialog')
      .getByRole('button', { name: /关\s*闭/ })
      .last()
      .click();
    await boardRow('4099000000000001').getByLabel('选择订单 4099000000000001').uncheck();
  });

  it("sets a shop's late penalty in its shipping rules, and the board follows", async () => {
    // The board shows a penalty only on orders at risk or late; this one is not: read its figure from the core.
    const penaltyOf = (orderId: string) =>
      owner.evaluate(async (id) => {
        const bridge = (window as unknown as { sellerConsole: { invoke(m: string, i: unknown): Promise<unknown> } })
          .sellerConsole;
        const board = (await bridge.invoke('shipping.board', { filter: 'all', query: id })) as {
          value: { rows: { id: string; penaltyFen: number }[] };
        };
        return board.value.rows.find((r) => r.id === id)?.penaltyFen;
      }, orderId);
    expect(await penaltyOf('4099000000000001')).toBe(500);
    await owner.getByRole('button', { name: '发货规则' }).click();
    const drawer = owner.locator('.ant-drawer-open');
    const tmall = drawer.getByTestId(`shipping-rule-${SHOP}`);
    await tmall.waitFor();
    expect(await tmall.textContent()).toContain('平台默认');
    expect(await drawer.getByTestId('shipping-rule-jd-mianyu').textContent()).toContain('估算');
    await tmall.getByLabel(/的赔付比例/).fill('10');
    await tmall.getByLabel(/的赔付下限/).fill('1');
    await tmall.getByLabel(/的赔付上限/).fill('10');
    await tmall.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => owner.locator('.ant-message').textContent()).toContain('的发货规则已保存');
    await owner.waitForTimeout(300); // the drawer's opening animation, for the screenshot
    await owner.screenshot({ path: `${ARTIFACTS}/shipping-rules.png` });
    await owner.keyboard.press('Escape');
    // 10% of ¥59, within ¥1–¥10.
    expect(await penaltyOf('4099000000000001')).toBe(590);
    // Reopened, the drawer shows the shop's own rule.
    await owner.getByRole('button', { name: '发货规则' }).click();
    await expect.poll(() => tmall.getByLabel(/的赔付比例/).inputValue()).toBe('10');
    expect(await tmall.textContent()).not.toContain('平台默认');
    await owner.keyboard.press('Escape');
  });

  it('ships with a wrong then a right tracking number while the platform is offline, then syncs online', async () => {
    await owner.evaluate(
      (shopId) =>
        (
          window as unknown as { sellerConsole: { invoke(m: string, i: unknown): Promise<unknown> } }
        ).sellerConsole.invoke('roster.setDemoPlatformOnline', { shopId, online: false }),
      SHOP,
    );
    // The packing checklist first: a wrong item scanned is refused; the right one and the address tick it.
    await boardRow('4099000000000001').getByRole('button', { name: '装箱核对 4099000000000001' }).click();
    const pack = owner.getByRole('dialog');
    await pack.getByTestId('pack-scan').fill('XL-DR-2405-BEI-S');
    await pack.getByTestId('pack-scan').press('Enter');
    await expect.poll(() => pack.textContent()).toMatch(/XL-DR-2405-BEI-S 不是这个订单的商品/);
    await pack.getByTestId('pack-scan').fill('my-ts-2301-wht-m');
    await pack.getByTestId('pack-scan').press('Enter');
    await expect.poll(() => pack.getByTestId('pack-line').textContent()).toMatch(/已装 1 \/ 1/);
    expect(await pack.getByTestId('pack-done').isDisabled()).toBe(true);
    await pack.getByRole('checkbox', { name: /买家留言：请发顺丰/ }).check();
    await pack.getByRole('checkbox', { name: /地址已核对/ }).check();
    await pack.getByTestId('pack-done').click();
    const dialog = owner.getByRole('dialog');
    const input = dialog.getByLabel('订单 4099000000000001 的运单号');
    await input.fill('YT1234567890123');
    await expect.poll(() => dialog.textContent()).toMatch(/不像顺丰速运的运单号/);
    expect(await dialog.getByTestId('ship-confirm').isDisabled()).toBe(true);
    await input.fill('SF1234567890123');
    await dialog.getByTestId('ship-confirm').click();
    await expect.poll(() => owner.getByRole('dialog').count()).toBe(0);

    await owner.getByTestId('board-filter-unsent').click();
    await expect.poll(() => boardRow('4099000000000001').textContent()).toMatch(/待同步到平台.*SF1234567890123/);
    await owner.screenshot({ path: `${ARTIFACTS}/shipping-unsent.png` });

    await owner.evaluate(
      (shopId) =>
        (
          window as unknown as { sellerConsole: { invoke(m: string, i: unknown): Promise<unknown> } }
        ).sellerConsole.invoke('roster.setDemoPlatformOnline', { shopId, online: true }),
      SHOP,
    );
    await expect.poll(() => board().getByTestId('board-row').count(), { timeout: 45_000 }).toBe(0);
  });
  it('imports an order of several lines with a gift, packs each line by scanning, and prints them on the slip', async () => {
    const row = (sku: string, title: string, quantity: number) =>
      `="4099000000000009",tb_小鹿,${sku},${title},${quantity},137.90,买家已付款，等待卖家发货,${paidAt()},林小姐,13812345678,浙江省 杭州市 西湖区 文三路 90 号 1204 室,`;
    await owner.getByTestId('board-filter-waiting').click();
    await owner.getByRole('button', { name: /导入订单/ }).click();
    const dialog = owner.getByRole('dialog');
    await chooseFile(
      'ExportOrderList.csv',
      encodeGbk(
        [
          HEADER,
          row('MY-TS-2301-WHT-M', '纯棉短袖T恤 白 M', 2),
          row('MY-TW-7030-PNK', '毛巾 70×30 粉', 1),
          row('MY-GIFT-BAG', '【赠品】棉麻收纳袋', 1),
        ].join('\r\n'),
      ),
    );
    await dialog.getByTestId('import-preview').waitFor();
    await expect.poll(() => dialog.textContent()).toMatch(/没有发现问题/);
    await dialog.getByTestId('import-confirm').click();
    await expect.poll(() => dialog.getByTestId('import-done').textContent()).toMatch(/新订单 1/);
    await dialog
      .getByRole('button', { name: /关\s*闭/ })
      .last()
      .click();
    await owner.getByTestId('board-search').locator('input').fill('4099000000000009');
    await owner.getByTestId('board-search').locator('input').press('Enter');
    await expect.poll(() => boardRow('4099000000000009').count()).toBe(1);
    expect(await boardRow('4099000000000009').getByTestId('board-lines').textContent()).toBe(' 共 3 种（含赠品 1）');

    // Packing: each line ticks by its own scans; a scan past a line's quantity is refused, and the gift is marked.
    await boardRow('4099000000000009').getByRole('button', { name: '装箱核对 4099000000000009' }).click();
    const pack = owner.getByRole('dialog');
    const scan = async (code: string) => {
      await pack.getByTestId('pack-scan').fill(code);
      await pack.getByTestId('pack-scan').press('Enter');
    };
    const lines = () => pack.getByTestId('pack-line').allTextContents();
    expect(await lines()).toEqual([
      expect.stringMatching(/MY-TS-2301-WHT-M 纯棉短袖T恤 白 M.*已装 0 \/ 2/),
      expect.stringMatching(/MY-TW-7030-PNK 毛巾 70×30 粉.*已装 0 \/ 1/),
      expect.stringMatching(/MY-GIFT-BAG 【赠品】棉麻收纳袋赠品.*已装 0 \/ 1/),
    ]);
    await scan('MY-TS-2301-WHT-M');
    await scan('MY-TW-7030-PNK');
    await scan('MY-TW-7030-PNK');
    await expect.poll(() => pack.textContent()).toMatch(/MY-TW-7030-PNK 已经装够了/);
    await scan('MY-TS-2301-WHT-M');
    await scan('MY-GIFT-BAG');
    await expect.poll(async () => (await lines()).every((text) => /已装 (\d) \/ \1/.test(text))).toBe(true);
    await pack.getByRole('checkbox', { name: /地址已核对/ }).check();
    expect(await pack.getByTestId('pack-done').isDisabled()).toBe(false);
    await owner.waitForTimeout(300);
    await pack.screenshot({ path: `${ARTIFACTS}/shipping-pack-lines.png` });
    await pack.getByRole('button', { name: /取\s*消/ }).click();

    // The packing slip lists every line, the gift marked.
    await boardRow('4099000000000009').getByLabel('选择订单 4099000000000009').check();
    await owner.getByTestId('print-selected').click();
    await owner.getByTestId('print-preview').getByTestId('print-slip').waitFor();
    const slip = (await owner.getByTestId('print-root').textContent()) ?? '';
    expect(slip).toMatch(/MY-TS-2301-WHT-M.*× 2.*MY-TW-7030-PNK.*× 1.*MY-GIFT-BAG赠品：【赠品】棉麻收纳袋× 1/);
  });
});
