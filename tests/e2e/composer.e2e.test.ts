// The composer's attachments end to end in a real browser against browser mode: a large photo pasted into the
// reply box is scaled down, previewed, sent and shown in the thread from the console's own copy; a product from the
// shop's catalogue goes as a card; a reply the platform refuses (a link to another site) says why and can be sent
// again; the owner adds a product on the inventory page and an agent can send it at once.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, logInAs, startServe, type ServeProcess } from '../support/browser.ts';

vi.setConfig({ testTimeout: 120_000 });

const ARTIFACTS = 'tests/artifacts';
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  serve = await startServe(['--demo-rate', '120', '--seed', '5']);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

/** Opens a chat the agent holds (routing hands her some within seconds at this demo rate). */
async function openHeldChat(page: Page): Promise<void> {
  await page.getByTestId('tab-mine').click();
  await expect.poll(() => page.getByTestId('conversation-row').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByTestId('conversation-row').first().click();
  await page.getByTestId('composer').waitFor();
}

describe('composer attachments', () => {
  let xiaolin: Page;

  it('scales a large pasted photo down, previews it, sends it, and shows the stored copy in the thread', async () => {
    xiaolin = await logInAs(browser, serve.url, 'xiaolin', { viewport: { width: 1400, height: 840 } });
    await openHeldChat(xiaolin);
    const box = xiaolin.getByLabel('回复内容');
    await box.click();
    // A 2400×1800 photo of noise (several MB as PNG): pasted as a file, as a screenshot tool would.
    const pastedBytes = await xiaolin.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 2400;
      canvas.height = 1800;
      const context = canvas.getContext('2d')!;
      const image = context.createImageData(canvas.width, canvas.height);
      for (let i = 0; i < image.data.length; i += 1) image.data[i] = i % 4 === 3 ? 255 : (i * 2654435761) % 251;
      context.putImageData(image, 0, 0);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'photo.png', { type: 'image/png' }));
      const area = document.querySelector('textarea')!;
      area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      return blob.size;
    });
    expect(pastedBytes).toBeGreaterThan(700 * 1024);
    await xiaolin.getByTestId('image-attached').waitFor({ timeout: 20_000 });
    expect(await xiaolin.getByTestId('image-attached').textContent()).toMatch(/已压缩到 \d+ KB/);
    await box.fill('这是实拍图');
    await box.press('Control+Enter');
    const picture = xiaolin.getByTestId('bubble').filter({ hasText: '这是实拍图' }).locator('img');
    await picture.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await picture.getAttribute('src')).toMatch(/^blob:/);
    // The demo platform took it: no "sending" mark stays under the bubble.
    await expect
      .poll(() =>
        xiaolin.getByTestId('bubble').filter({ hasText: '这是实拍图' }).getByTestId('delivery-sending').count(),
      )
      .toBe(0);
    await expect.poll(() => xiaolin.getByTestId('image-attached').count()).toBe(0);
    await xiaolin.screenshot({ path: `${ARTIFACTS}/composer-picture-zh.png` });
  });

  it('refuses a file that is not a picture with a clear message', async () => {
    await xiaolin.getByTestId('image-file').setInputFiles({
      name: 'evil.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<svg onload="alert(1)"></svg>'),
    });
    await expect
      .poll(() => xiaolin.getByTestId('image-problem').textContent())
      .toContain('只能发送 PNG、JPEG、GIF 或 WebP 图片');
    expect(await xiaolin.getByTestId('image-attached').count()).toBe(0);
  });

  it('sends a product of the shop as a card', async () => {
    await xiaolin.getByTestId('product-card-select').click();
    await xiaolin.keyboard.type('T恤');
    await xiaolin.locator('.ant-select-item-option').filter({ hasText: 'MY-TS-2301-WHT-M' }).click();
    await xiaolin.getByTestId('product-card-attached').waitFor();
    await xiaolin.getByLabel('回复内容').fill('这款白色的很受欢迎');
    await xiaolin.getByLabel('回复内容').press('Control+Enter');
    const bubble = xiaolin.getByTestId('bubble').filter({ hasText: '这款白色的很受欢迎' });
    await expect.poll(() => bubble.getByTestId('product-card-message').textContent()).toContain('纯棉短袖T恤 白 M');
  });

  it('says why the platform refused a reply, and sends it again on request', async () => {
    const box = xiaolin.getByLabel('回复内容');
    await box.fill('详情请看 https://example.com/size');
    await box.press('Control+Enter');
    const bubble = xiaolin.getByTestId('bubble').filter({ hasText: 'example.com/size' });
    await expect.poll(() => bubble.getByTestId('delivery-failed').textContent()).toContain('站外链接');
    await bubble.getByTestId('resend').click();
    // The demo refuses links every time: it comes back failed, with the reason again.
    await expect.poll(() => bubble.getByTestId('delivery-failed').textContent()).toContain('站外链接');
  });

  it('a product the owner adds on the inventory page is offered to agents of its shops', async () => {
    const owner = await logInAs(browser, serve.url, 'owner', { viewport: { width: 1400, height: 840 } });
    await owner.getByRole('menuitem', { name: /库存/ }).click();
    await owner.getByRole('tab', { name: '商品资料' }).click();
    await owner.getByTestId('sku-table').waitFor();
    await expect.poll(() => owner.getByTestId('sku-table').locator('tbody tr').count()).toBe(5);
    await owner.getByRole('button', { name: /新增商品/ }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('商家编码').fill('坏编码');
    await dialog.getByLabel('商品名称').fill('乳胶枕 白');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.textContent()).toContain('商家编码只能包含字母、数字');
    await dialog.getByLabel('商家编码').fill('MY-PL-0001-WHT');
    await dialog.getByLabel('售价（元）').fill('129');
    await dialog.getByLabel('在售店铺').click();
    await owner.locator('.ant-select-item-option').filter({ hasText: '棉语家居京东专营店' }).click();
    await dialog.locator('.ant-modal-title').click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => owner.getByTestId('sku-table').locator('tbody tr').count()).toBe(6);
    expect(await owner.getByTestId('sku-table').textContent()).toContain('¥129.00');
    await owner.screenshot({ path: `${ARTIFACTS}/inventory-catalogue-zh.png` });
    await owner.close();
  });
});
