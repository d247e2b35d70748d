// End to end (issue #12): with Tmall's platform offline, the owner adds a person with a sub-account, changes a
// colleague's role and disables a leaver; the console restarts with every edit still pending; the platform comes
// back and everything syncs (what only a person can do in the seller centre becomes a checklist). A change made on
// the platform's side to the same field is a conflict the owner resolves; the audit log shows all of it and verifies.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShopRoster } from '../../shared/contract/index.ts';
import { launchChromium, logInAs, startServe, type ServeProcess } from '../support/browser.ts';
import { makeTempDir } from '../support/core-fixture.ts';

vi.setConfig({ testTimeout: 120_000 });

const ARTIFACTS = 'tests/artifacts';
const SERVE_ARGS = ['--demo-rate', '2', '--roster-changes-per-hour', '0'];
let dataDir: string;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await makeTempDir('seller-console-roster-e2e-');
  serve = await startServe([...SERVE_ARGS, '--platform-offline', 'tmall-mianyu'], dataDir);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const invoke = <T>(page: Page, method: string, input: unknown) =>
  page.evaluate(
    ([m, i]) =>
      (
        window as unknown as { sellerConsole: { invoke(m: string, i: unknown): Promise<unknown> } }
      ).sellerConsole.invoke(m as string, i),
    [method, input] as const,
  ) as Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>;

async function tmallRoster(page: Page): Promise<ShopRoster> {
  const result = await invoke<ShopRoster>(page, 'roster.shop', { shopId: 'tmall-mianyu' });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

async function openRoster(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '员工与权限' }).click();
  await page.locator('.roster-person-row').first().waitFor();
  await page.getByRole('combobox', { name: '选择店铺' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '棉语家居旗舰店' }).click();
}

/** A row of the sub-account table, by the text it shows. */
const accountRow = (page: Page, text: string) =>
  page.locator('.roster-subaccounts .ant-table-row').filter({ hasText: text });

describe('the roster, offline and back', () => {
  it('keeps offline edits through a restart, syncs them, resolves a conflict, and audits everything', async () => {
    let page = await logInAs(browser, serve.url, 'owner');
    await openRoster(page);
    await page.locator('.roster-offline').getByText('棉语家居旗舰店 的平台离线').waitFor();

    // Add a person with a console login.
    await page.getByRole('button', { name: '新增员工' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('姓名').fill('新人小周');
    await drawer.getByLabel('工号').fill('E-0099');
    await drawer.getByLabel('电话').fill('abc');
    await drawer.getByLabel('登录名（可选）').fill('zhou');
    await drawer.getByLabel('初始密码').fill('long-password-1');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    // Inline validation: the phone is refused before anything is sent.
    await drawer.getByText('a phone number has digits, spaces, + and - only').waitFor();
    await drawer.getByLabel('电话').fill('138 0000 0000');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.roster-person-row').filter({ hasText: '新人小周' }).waitFor();

    // Give them a Tmall sub-account (the name is checked as it is typed).
    await page.getByRole('tab', { name: '子账号' }).click();
    await page.getByRole('button', { name: '新建子账号' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建子账号' });
    await modal.getByLabel('员工').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '新人小周' }).click();
    await modal.getByLabel('子账号名（冒号后部分）').fill('12345');
    await modal.getByText('子账号名不能全是数字').waitFor();
    await modal.getByLabel('子账号名（冒号后部分）').fill('小周');
    await modal.getByText('完整账号：棉语家居旗舰店:小周').waitFor();
    await modal.getByLabel('岗位').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '售前' }).first().click();
    await modal.locator('.ant-modal-title').click(); // closes the dropdown, not the dialog
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await accountRow(page, '棉语家居旗舰店:小周').waitFor();

    // Change 阿杰's role; disable 仓管老王 (a leaver), with a confirmation.
    await accountRow(page, '阿杰').getByRole('button', { name: '分配岗位' }).click();
    const roles = page.locator('.ant-modal').filter({ hasText: '分配岗位' });
    await roles.getByLabel('岗位').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^客服$/ })
      .click();
    await roles.locator('.ant-modal-title').click(); // closes the dropdown, not the dialog
    await roles
      .locator('.ant-select-selection-item')
      .filter({ hasText: /^客服$/ })
      .waitFor();
    await roles.getByRole('button', { name: /保\s*存/ }).click();
    await accountRow(page, '阿杰').getByText('客服', { exact: true }).waitFor();
    await accountRow(page, '仓管老王')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await accountRow(page, '仓管老王').getByText('卖家停用').waitFor();
    // Meanwhile the platform froze the same account on its side (an edit the console has not seen).
    const laowang = (await tmallRoster(page)).subAccounts.find((a) => a.fullName.endsWith(':仓管老王'))!;
    expect(
      await invoke(page, 'roster.simulatePlatformEdit', {
        shopId: 'tmall-mianyu',
        subAccountId: laowang.id,
        field: 'status',
        value: 'frozen',
      }),
    ).toMatchObject({ ok: true });
    const pending = (await tmallRoster(page)).sync.pending;
    expect(pending).toBeGreaterThanOrEqual(8);
    await page.locator('.roster-offline').getByText(`${pending} 项待同步`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/roster-offline-zh.png` });
    await page.context().close();

    // Restart the console (the platform still offline): every edit is still there and still pending.
    await serve.stop();
    serve = await startServe([...SERVE_ARGS, '--platform-offline', 'tmall-mianyu'], dataDir);
    page = await logInAs(browser, serve.url, 'owner');
    await openRoster(page);
    await page.locator('.roster-offline').getByText(`${pending} 项待同步`).waitFor();
    await page.getByRole('tab', { name: '子账号' }).click();
    await accountRow(page, '棉语家居旗舰店:小周').getByText('待同步').waitFor();
    // The sync tab lists what waits, each edit named, oldest first.
    await page.getByRole('tab', { name: /同步与冲突/ }).click();
    const waiting = page.locator('.roster-pending [data-testid="pending-edit"]');
    await expect.poll(() => waiting.count()).toBe(Math.min(pending, 50));
    await waiting.filter({ hasText: '棉语家居旗舰店:小周' }).first().waitFor();
    // The new person waits too, for the organisation's platform: the business's first shop, offline as well.
    const organisation = page.locator('.roster-organisation-sync');
    await organisation.getByText('经由 棉语家居旗舰店 的平台同步').waitFor();
    await organisation.getByText('平台离线').waitFor();
    // (Everything of the organisation waits: the platform was offline since the first start.)
    const orgSync = await invoke<{ pending: number }>(page, 'roster.organisationSync', {});
    const orgPending = orgSync.ok ? orgSync.value.pending : 0;
    expect(orgPending).toBeGreaterThan(11);
    await organisation.getByText(`${orgPending} 项改动待同步`).first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/roster-pending-zh.png` });
    await organisation.screenshot({ path: `${ARTIFACTS}/roster-organisation-sync-zh.png` });

    // The platform comes back: everything syncs; creating the account is a seller-centre job (a checklist item).
    await page.locator('.roster-offline').getByRole('button', { name: '让演示平台上线' }).click();
    await expect
      .poll(async () => (await tmallRoster(page)).sync, { timeout: 20_000 })
      .toMatchObject({ online: true, pending: 0 });
    await page.locator('.roster-conflicts-banner').waitFor();
    await page.getByRole('tab', { name: /同步与冲突/ }).click();
    await organisation.getByText('已全部同步').waitFor({ timeout: 20_000 });
    await page.locator('.roster-checklist').getByText('新建子账号「小周」').waitFor();
    const conflict = page.locator('.roster-conflict').filter({ hasText: '棉语家居旗舰店:仓管老王' });
    await conflict.getByText('平台冻结').waitFor();
    await conflict.getByText('卖家停用').waitFor();
    await conflict.getByText(/平台（卖家中心）/).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/roster-conflict-zh.png` });
    // The owner keeps the platform's value (frozen).
    await conflict
      .locator('.ant-list-item')
      .filter({ hasText: '平台冻结' })
      .getByRole('button', { name: '保留这个' })
      .click();
    await page.getByText('没有冲突。').waitFor();
    await expect
      .poll(async () => (await tmallRoster(page)).subAccounts.find((a) => a.id === laowang.id)?.status)
      .toBe('frozen');
    // The kept value can be undone from a notice (one click brings the other back); here it is dismissed.
    const notice = page.locator('.ant-notification-notice').filter({ hasText: '已保留所选的值' });
    await notice.getByRole('button', { name: '恢复这个值' }).waitFor();
    await notice.locator('.ant-notification-notice-close').click();
    await page.locator('.roster-checklist').getByRole('button', { name: '标记完成' }).first().click();

    // The new person logs in and serves Tmall.
    const zhou = await logInAs(browser, serve.url, 'zhou', { password: 'long-password-1' });
    await zhou.getByText('新人小周').first().waitFor();
    await zhou.context().close();

    // The audit log shows it all, and verifies.
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await page.getByTestId('audit-page').waitFor();
    const actions = () =>
      page.getByTestId('audit-action').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-action') ?? ''));
    await expect.poll(actions).toContain('roster.savePerson');
    await page.getByTestId('audit-log-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '棉语家居旗舰店' }).click();
    await expect
      .poll(actions)
      .toEqual(
        expect.arrayContaining([
          'roster.createSubAccount',
          'roster.updateSubAccount',
          'roster.setSubAccountStatus',
          'roster.simulatePlatformEdit',
          'roster.setDemoPlatformOnline',
          'roster.synced',
          'roster.resolveConflict',
          'roster.completeChecklistItem',
        ]),
      );
    await page.getByTestId('audit-verify').click();
    await page.getByText(/个日志全部完好/).waitFor({ timeout: 20_000 });
    await page.context().close();
  });

  it('exports the people as Excel matching the table, and imports a file only once it has no problems', async () => {
    const page = await logInAs(browser, serve.url, 'owner', { acceptDownloads: true });
    await openRoster(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(1).value));
    });
    const shown = await page
      .locator('.roster-person-row')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('[role=cell]')?.textContent ?? ''));
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    // The table shows people in this console's active filter (在职); the file holds everyone in scope.
    for (const name of shown) expect(names.some((n) => name.startsWith(n))).toBe(true);

    const dir = await makeTempDir('seller-console-roster-import-');
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, '\uFEFF姓名,工号,部门\n新同事甲,E-3001,没有的部门\n新同事乙,E-3002,客服部\n');
    await page.getByRole('button', { name: '导入…' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '导入员工' });
    await dialog.locator('input[type=file]').setInputFiles(bad);
    await dialog.locator('.roster-import-problems').getByText('部门“没有的部门”不存在').waitFor();
    expect(
      await dialog
        .getByRole('button', { name: /导\s*入/ })
        .last()
        .isDisabled(),
    ).toBe(true);
    const good = join(dir, 'good.csv');
    await writeFile(good, '\uFEFF姓名,工号,部门\n新同事甲,E-3001,仓储部\n新同事乙,E-3002,客服部\n');
    await dialog.locator('input[type=file]').setInputFiles(good);
    await dialog.getByText('新增 2 人，修改 0 人').waitFor();
    await dialog
      .getByRole('button', { name: /导\s*入/ })
      .last()
      .click();
    await page.locator('.roster-person-row').filter({ hasText: '新同事乙' }).waitFor();
    await page.context().close();
  });

  it('opens a routing form filled with what routing does now, keeps a change, and goes back to the defaults', async () => {
    const page = await logInAs(browser, serve.url, 'owner');
    await openRoster(page);
    await page.getByRole('tab', { name: '子账号' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '的分流设置' });
    const capacity = modal.getByLabel('同时接待上限');
    const groups = modal
      .locator('.ant-form-item')
      .filter({ hasText: '所在分组' })
      .locator('.ant-select-selection-item');
    const open = async () => {
      await accountRow(page, '棉语家居旗舰店:小林')
        .getByRole('button', { name: /分流设置/ })
        .click();
      await capacity.waitFor();
    };
    // 小林 has no routing of her own in this shop: the form shows her profile (6 chats, pre-sale only), not a
    // generic 5 in both groups.
    await open();
    await modal.getByText('未单独设置：使用此人的默认分流。').waitFor();
    expect(await capacity.inputValue()).toBe('6');
    expect(await groups.allTextContents()).toEqual(['售前']);
    await page.screenshot({ path: `${ARTIFACTS}/roster-routing.png` });
    await capacity.fill('7');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await accountRow(page, '棉语家居旗舰店:小林').getByRole('button', { name: '分流设置 ●' }).waitFor();
    await open();
    expect(await capacity.inputValue()).toBe('7');
    await modal.getByRole('button', { name: '恢复默认' }).click();
    await modal.waitFor({ state: 'hidden' });
    await accountRow(page, '棉语家居旗舰店:小林').getByRole('button', { name: '分流设置', exact: true }).waitFor();
    await open();
    expect(await capacity.inputValue()).toBe('6');
    await page.context().close();
  });

  it('previews 小林 as she would find the console ("view as"): the same menu her own login shows', async () => {
    // (仓管老王 was disabled by the first test; 小林 serves three shops.)
    const page = await logInAs(browser, serve.url, 'owner');
    await openRoster(page);
    await page.locator('.roster-person-row').filter({ hasText: '小林' }).click();
    await page.getByRole('button', { name: '以此人视角预览' }).click();
    const modal = page.locator('.roster-view-as');
    const menu = modal.getByRole('navigation', { name: '工作台菜单' });
    await menu.waitFor();
    const previewed = (await menu.locator('.ant-tag').allTextContents()).map((text) => text.trim());
    expect(previewed).toContain('客服消息');
    expect(previewed).not.toContain('库存');
    await modal.getByText('登录后先打开：客服消息').waitFor();
    await modal.locator('tr').filter({ hasText: '棉语家居旗舰店' }).getByText('回复买家').waitFor();
    expect(await modal.locator('tr').count()).toBe(3); // her three shops
    await page.waitForTimeout(400); // the dialog's opening animation, for the screenshot
    await page.screenshot({ path: `${ARTIFACTS}/roster-view-as.png` });
    // The role 库管 of Tmall previewed the same way: someone holding only it.
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '岗位与权限' }).click();
    await page
      .locator('.roster-roles .ant-table-row')
      .filter({ has: page.getByRole('cell', { name: '库管', exact: true }) })
      .getByRole('button', { name: '预览' })
      .click();
    await modal.getByText('以岗位「库管」的视角（只持有此岗位的人）').waitFor();
    const roleMenu = (await menu.locator('.ant-tag').allTextContents()).map((text) => text.trim());
    expect(roleMenu).toContain('库存');
    expect(roleMenu).not.toContain('客服消息');
    await page.context().close();
    // Her own login: the same menu.
    const xiaolin = await logInAs(browser, serve.url, 'xiaolin');
    const nav = xiaolin.getByRole('navigation', { name: '功能导航' });
    await nav.getByRole('menuitem').first().waitFor();
    expect((await nav.getByRole('menuitem').allTextContents()).map((text) => text.trim())).toEqual(previewed);
    await xiaolin.context().close();
  });

  it('says the shop platform’s sub-account rules and refuses a JD account without a role, in words', async () => {
    const page = await logInAs(browser, serve.url, 'owner');
    await page.getByRole('menuitem', { name: '员工与权限' }).click();
    await page.locator('.roster-person-row').first().waitFor();
    await page.getByRole('combobox', { name: '选择店铺' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '棉语家居京东专营店' }).click();
    await page.getByRole('tab', { name: '子账号' }).click();
    await page.getByRole('button', { name: '新建子账号' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新建子账号' });
    await dialog.getByText('京东：子账号必须分配岗位。').waitFor();
    await dialog.getByLabel('员工').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '糖糖' }).click();
    await dialog.getByLabel('子账号名（冒号后部分）').fill('糖糖');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message').getByText('这个平台的子账号必须先分配一个岗位。').waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    // The owner gives this shop its own rule (JD granted it 5 export places); the list says so.
    const note = page.getByTestId('platform-rules-note').first();
    await expect.poll(() => note.textContent()).toMatch(/京东：最多 3 个子账号可导出订单（现有 \d+ 个）/);
    await page.getByRole('button', { name: '平台规则' }).click();
    const rules = page.locator('.ant-modal').filter({ hasText: '本店的子账号平台规则' });
    await rules.getByLabel('可导出订单的子账号最多').fill('5');
    await rules.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => note.textContent()).toMatch(/最多 5 个子账号可导出订单.*本店自定的平台规则/);
    await page.screenshot({ path: `${ARTIFACTS}/roster-platform-rules-zh.png` });
    await page.getByRole('button', { name: '平台规则' }).click();
    await page
      .locator('.ant-modal')
      .filter({ hasText: '本店的子账号平台规则' })
      .getByRole('button', { name: '恢复平台默认' })
      .click();
    await expect.poll(() => note.textContent()).toMatch(/最多 3 个子账号可导出订单/);
    await page.context().close();
  });

  it('denies one permission to one person in one shop, shown on the account and in "what can they do"', async () => {
    const page = await logInAs(browser, serve.url, 'owner');
    await openRoster(page);
    await page.getByRole('tab', { name: '子账号' }).click();
    await accountRow(page, '棉语家居旗舰店:阿杰').getByRole('button', { name: '分配岗位' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '单独禁止' });
    await dialog.getByLabel('单独禁止').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '回复买家' }).click();
    await dialog.locator('.ant-modal-title').click(); // closes the option list
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await accountRow(page, '棉语家居旗舰店:阿杰').getByText('禁止 1 项').waitFor();
    await accountRow(page, '棉语家居旗舰店:阿杰').getByRole('button', { name: '能做什么' }).click();
    const explain = page.locator('.roster-explain');
    await explain.locator('.ant-list-item').filter({ hasText: '回复买家' }).getByText('单独禁止').waitFor();
    await page.context().close();
  });
});
