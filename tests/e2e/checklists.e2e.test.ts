// The checklists page end to end in a real browser against browser mode: the warehouse keeper ticks an item of
// today's goods-in list (who and when shown, kept after a reload), and checks a listing photo against a photo of
// the goods by colour difference — an off-white shirt against a white listing fails the threshold — recording it.
import { mkdir } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, logInAs, startServe, type ServeProcess } from '../support/browser.ts';

vi.setConfig({ testTimeout: 120_000 });

const ARTIFACTS = 'tests/artifacts';
let serve: ServeProcess;
let browser: Browser;
let page: Page;

/** A solid-colour PNG (8-bit RGB), encoded here so the test needs no image library. */
function solidPng(width: number, height: number, [r, g, b]: readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  serve = await startServe(['--demo-rate', '60', '--seed', '9']);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const card = (title: string) => page.getByTestId('checklist').filter({ hasText: title }).first();

describe('the checklists page', () => {
  it('ticks an item of today’s goods-in list, with who and when, kept after a reload', async () => {
    page = await logInAs(browser, serve.url, 'laowang', { viewport: { width: 1400, height: 900 } });
    await page.getByRole('menuitem', { name: /每日清单/ }).click();
    await card('进货验收').waitFor();
    await card('进货验收').getByRole('checkbox', { name: '浅色货逐件检查污渍' }).check();
    await expect.poll(() => card('进货验收').textContent()).toMatch(/仓管老王 \d{2}\/\d{2} \d{2}:\d{2}/);
    expect(await card('进货验收').textContent()).toContain('1/3');
    await page.screenshot({ path: `${ARTIFACTS}/checklists.png` });
    await page.reload();
    await page.getByRole('menuitem', { name: /每日清单/ }).click();
    await card('进货验收').waitFor();
    expect(await card('进货验收').getByRole('checkbox', { name: '浅色货逐件检查污渍' }).isChecked()).toBe(true);
  });

  it('compares a listing photo with the goods by ΔE00 and records the result on the item', async () => {
    await card('新品图片色差检查')
      .getByRole('button', { name: /对比色差/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('photo-file-listing').setInputFiles({
      name: 'listing.png',
      mimeType: 'image/png',
      buffer: solidPng(200, 200, [255, 255, 255]),
    });
    await dialog.getByTestId('photo-file-goods').setInputFiles({
      name: 'goods.png',
      mimeType: 'image/png',
      buffer: solidPng(200, 200, [245, 240, 228]),
    });
    await page.waitForTimeout(300);
    await dialog.getByTestId('photo-listing').click({ position: { x: 100, y: 100 } });
    await dialog.getByTestId('photo-goods').click({ position: { x: 100, y: 100 } });
    const result = await dialog.getByTestId('photo-results').textContent();
    const deltaE = Number(/ΔE00 = ([\d.]+)/.exec(result ?? '')?.[1]);
    expect(deltaE).toBeGreaterThan(3);
    expect(result).toContain('超过阈值');
    await dialog.getByTestId('photo-record').click();
    await expect
      .poll(() => card('新品图片色差检查').textContent())
      .toMatch(/色差 ΔE00：[\d.]+（阈值 3）有色差，需调图/);
    // Both pictures were kept with the tick, listing first, and are still there after a reload.
    const kept = () => card('新品图片色差检查').getByRole('group', { name: '色差检查的图片' }).locator('img');
    await expect.poll(() => kept().count(), { timeout: 10_000 }).toBe(2);
    expect(await kept().evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')))).toEqual([
      '上架图',
      '实物照片',
    ]);
    expect(await kept().first().getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await card('新品图片色差检查').screenshot({ path: `${ARTIFACTS}/checklists-photo-check.png` });
    await page.reload();
    await page.getByRole('menuitem', { name: /每日清单/ }).click();
    await expect.poll(() => kept().count(), { timeout: 10_000 }).toBe(2);
  });

  it('turns a buyer’s “when will it ship?” into a shipping task; done in the warehouse, its reply is drafted', async () => {
    const agent = await logInAs(browser, serve.url, 'owner', { viewport: { width: 1500, height: 900 } });
    await agent.getByTestId('conversation-row').first().waitFor({ timeout: 30_000 });
    // A chat whose buyer has an order (the demo's shipping and after-sale buyers arrive with one).
    let found = false;
    const tried = new Set<string>();
    const until = Date.now() + 45_000;
    while (!found && Date.now() < until) {
      // The warehouse keeper serves the Tmall shop: a chat of that shop.
      const rows = agent.locator('[data-testid=conversation-row][data-shop=tmall-mianyu]');
      const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
      const next = ids.find((id) => !tried.has(id));
      if (next === undefined) {
        await agent.waitForTimeout(1_000);
        continue;
      }
      tried.add(next);
      await agent.locator(`[data-testid=conversation-row][data-id="${next}"]`).click();
      found = await agent
        .getByTestId('order-card')
        .first()
        .waitFor({ timeout: 1_500 })
        .then(() => true)
        .catch(() => false);
    }
    expect(found).toBe(true);
    await agent.getByTestId('create-task').click();
    const dialog = agent.getByRole('dialog');
    await dialog.getByLabel('要做什么').fill('买家问：今天下单什么时候发货？');
    await dialog.getByRole('button', { name: /建任务/ }).click();
    await expect.poll(() => agent.getByTestId('chat-task').count()).toBe(1);

    await page.getByRole('menuitem', { name: /每日清单/ }).click();
    await page.getByTestId('open-tasks').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '完成 买家问：今天下单什么时候发货？' }).click();
    await page.getByRole('dialog').getByLabel('结果（会写进给买家的回复草稿）').fill('明天上午发顺丰');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /完\s*成/ })
      .click();

    await expect
      .poll(() => agent.getByTestId('chat-task').textContent(), { timeout: 15_000 })
      .toMatch(/仓管老王 已完成/);
    await agent.getByRole('button', { name: '填入回复框' }).click();
    await expect
      .poll(() => agent.getByRole('textbox', { name: '回复内容' }).inputValue())
      .toMatch(/^亲，您的订单 .+：明天上午发顺丰$/);
    await agent.screenshot({ path: `${ARTIFACTS}/chat-task.png` });
    await agent.context().close();
  });

  it('adds a checklist for a shop, shows it among today’s lists, and archives it (history kept)', async () => {
    const owner = await logInAs(browser, serve.url, 'owner', { viewport: { width: 1400, height: 900 } });
    await owner.getByRole('menuitem', { name: /每日清单/ }).click();
    // Which shop a new list is for comes first.
    expect(await owner.getByRole('button', { name: '新建清单' }).isDisabled()).toBe(true);
    await owner.getByRole('combobox', { name: '店铺' }).click();
    await owner.locator('.ant-select-item-option').filter({ hasText: '棉语家居旗舰店' }).click();
    await owner.getByRole('button', { name: '新建清单' }).click();
    const drawer = owner.locator('.ant-drawer').filter({ hasText: '新建清单' });
    await drawer.getByLabel('清单名称').fill('月末盘点准备');
    await drawer.getByLabel('岗位').fill('库管');
    await drawer.locator('.ant-drawer-title').click(); // closes the role suggestions
    await drawer.getByLabel('指派给（可选）').click();
    await owner.locator('.ant-select-item-option').filter({ hasText: '仓管老王' }).click();
    await drawer.getByLabel('截止时间（北京时间）').click();
    await drawer.getByLabel('截止时间（北京时间）').fill('23:55');
    await drawer.getByLabel('截止时间（北京时间）').press('Enter');
    await drawer.locator('.ant-drawer-title').click();
    await drawer.getByLabel('第 1 项', { exact: true }).fill('核对货位标签');
    await drawer.getByRole('button', { name: '添加一项' }).click();
    await drawer.getByLabel('第 2 项', { exact: true }).fill('清点赠品');
    await owner.screenshot({ path: `${ARTIFACTS}/checklist-editor.png` });
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    const list = owner.getByTestId('checklist').filter({ hasText: '月末盘点准备' });
    await list.waitFor();
    expect(await list.textContent()).toContain('0/2');
    expect(await list.textContent()).toMatch(/截止 (\d{2}\/\d{2} )?23:55/);
    await list.getByRole('checkbox', { name: '清点赠品' }).check();
    await expect.poll(() => list.textContent()).toContain('1/2');
    expect(await list.textContent()).toContain('指派给 仓管老王');
    // 老王 finds it under “only mine”, marked as his.
    const laowang = await logInAs(browser, serve.url, 'laowang', { viewport: { width: 1400, height: 900 } });
    await laowang.getByRole('menuitem', { name: /每日清单/ }).click();
    await laowang.getByRole('switch', { name: /只看我的/ }).click();
    await laowang.getByTestId('checklist').filter({ hasText: '月末盘点准备' }).getByText('指派给我').waitFor();
    await laowang.context().close();
    // Archived: no longer among the lists.
    await list.getByRole('button', { name: '编辑清单 月末盘点准备' }).click();
    const editor = owner.locator('.ant-drawer').filter({ hasText: '编辑清单：月末盘点准备' });
    await editor.getByLabel('停用这份清单').click();
    await editor.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => list.count()).toBe(0);
    await owner.context().close();
  });
});
