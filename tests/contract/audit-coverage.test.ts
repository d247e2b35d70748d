// Every command leaves exactly one audit entry, in the log it belongs to, naming the method. The table is typed
// over every command name: a new command without a case here does not compile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  methods,
  type Caller,
  type CommandName,
  type ConversationSummary,
  type Message,
  type RosterConflict,
  type RosterPerson,
  type ShopRoster,
} from '../../shared/contract/index.ts';

type RosterPeople = { people: RosterPerson[] };
import { ORG_LOG } from '../../electron/core/ports.ts';
import { PROFILE_FIELDS } from '../../electron/core/roster/roster-views.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../support/core-fixture.ts';
import { DEMO_PASSWORD } from '../../electron/connectors/demo-platform/demo-data.ts';

type Case = Readonly<{
  /** The log the entry must land in: the org log or a shop's. */
  log: string;
  /** Steps before the call (they may leave entries of their own); returns who calls and with what. */
  prepare(f: CoreFixture): Promise<{ caller: Caller; input: unknown }>;
}>;

const ALL = { actorId: null, action: null, shopId: null, from: null, to: null, text: null } as const;
const countIn = (f: CoreFixture, log: string, action: string | null = null) =>
  f.ports.streams.auditEntries(log, { ...ALL, action }, 0, 1).total;

async function chat(
  f: CoreFixture,
  shopId: string,
  pick: (c: ConversationSummary) => boolean = () => true,
): Promise<ConversationSummary> {
  const owner = await loggedIn(f.core, 'owner');
  const result = await f.core.dispatch(owner, 'inbox.listConversations', { shopId, view: 'recent', limit: 500 });
  if (!result.ok) throw new Error(result.error.code);
  const found = (result.value as ConversationSummary[]).find(pick);
  if (!found) throw new Error(`no conversation in ${shopId} to act on`);
  return found;
}

const owner = (f: CoreFixture) => loggedIn(f.core, 'owner');
const asOwner = (input: unknown) => async (f: CoreFixture) => ({ caller: await owner(f), input });
const onChat =
  (shopId: string, extra: Record<string, unknown> = {}, pick?: (c: ConversationSummary) => boolean) =>
  async (f: CoreFixture) => {
    const c = await chat(f, shopId, pick);
    return { caller: await owner(f), input: { shopId, conversationId: c.id, ...extra } };
  };

async function personId(f: CoreFixture, login: string): Promise<string> {
  const result = await f.core.dispatch(await owner(f), 'roster.people', {});
  if (!result.ok) throw new Error(result.error.code);
  const found = (result.value as RosterPeople).people.find((p) => p.login === login);
  if (!found) throw new Error(`no person ${login}`);
  return found.id;
}

async function subAccountOf(f: CoreFixture, shopId: string, login: string): Promise<string> {
  const id = await personId(f, login);
  const result = await f.core.dispatch(await owner(f), 'roster.shop', { shopId });
  if (!result.ok) throw new Error(result.error.code);
  const found = (result.value as ShopRoster).subAccounts.find((a) => a.personId === id);
  if (!found) throw new Error(`${login} has no sub-account in ${shopId}`);
  return found.id;
}

/** Lets background work (roster sync with the demo platform) finish. */
/** Uploads a one-order Taobao export (waiting to ship) and returns its upload id. */
async function uploadOrder(f: CoreFixture, caller: Caller, orderId: string): Promise<string> {
  const csv = `\uFEFF订单编号,买家会员名,商家编码,宝贝标题,买家实际支付金额,订单状态,订单付款时间\n="${orderId}",tb_buyer,MY-TS-2301-WHT-M,纯棉短袖T恤 白 M,59.00,买家已付款，等待卖家发货,2026-11-30 10:00:00\n`;
  const part = Buffer.from(csv).toString('base64');
  const upload = await f.core.dispatch(caller, 'orders.uploadPart', { uploadId: null, part, last: true });
  if (!upload.ok) throw new Error(upload.error.code);
  return (upload.value as { uploadId: string }).uploadId;
}

async function settle(f: CoreFixture): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await f.core.flush();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const CASES = {
  'settings.setLanguage': {
    log: ORG_LOG,
    prepare: async () => ({ caller: { session: null }, input: { language: 'en-US' } }),
  },
  'settings.setNotifications': {
    log: ORG_LOG,
    prepare: asOwner({
      notifications: {
        enabled: false,
        mutedShopIds: ['jd-mianyu'],
        doNotDisturb: { enabled: true, from: '22:00', to: '08:00' },
      },
    }),
  },
  'settings.update': { log: ORG_LOG, prepare: asOwner({ idleLockMinutes: 12 }) },
  'session.login': {
    log: ORG_LOG,
    prepare: async () => ({ caller: { session: null }, input: { login: 'owner', password: DEMO_PASSWORD } }),
  },
  'session.logout': { log: ORG_LOG, prepare: asOwner({}) },
  'session.lock': { log: ORG_LOG, prepare: asOwner({}) },
  'session.unlock': {
    log: ORG_LOG,
    prepare: async (f) => {
      const caller = await owner(f);
      await f.core.dispatch(caller, 'session.lock', {});
      return { caller, input: { secret: DEMO_PASSWORD } };
    },
  },
  'session.setPin': { log: ORG_LOG, prepare: asOwner({ pin: '2468', password: DEMO_PASSWORD }) },
  'session.resume': {
    log: ORG_LOG,
    prepare: async (f) => {
      const caller = await owner(f);
      const token = await f.core.dispatch(caller, 'session.resumeToken', {});
      if (!token.ok) throw new Error(token.error.code);
      return { caller: { session: null }, input: { token: (token.value as { token: string }).token } };
    },
  },
  'shops.add': { log: ORG_LOG, prepare: asOwner({ platform: 'jd', name: '新开的京东店', mainAccount: 'new-jd' }) },
  'shops.update': { log: 'jd-mianyu', prepare: asOwner({ shopId: 'jd-mianyu', name: '棉语京东店' }) },
  'shops.updateInbox': { log: 'jd-mianyu', prepare: asOwner({ shopId: 'jd-mianyu', warnAfterSeconds: 90 }) },
  'shops.setConnector': {
    log: 'jd-mianyu',
    prepare: asOwner({ shopId: 'jd-mianyu', kind: 'demo', credentials: { appKey: 'key', appSecret: 'very-secret' } }),
  },
  'inbox.markRead': { log: 'tmall-mianyu', prepare: onChat('tmall-mianyu', {}, (c) => c.unread > 0) },
  'inbox.claim': {
    log: 'tmall-mianyu',
    prepare: onChat('tmall-mianyu', {}, (c) => c.status === 'waiting' && c.assigneeId === null),
  },
  'inbox.reply': {
    log: 'tmall-mianyu',
    prepare: onChat('tmall-mianyu', { text: '您好，在的' }, (c) => c.assigneeId === null || c.status !== 'closed'),
  },
  'inventory.saveSku': {
    log: ORG_LOG,
    prepare: asOwner({
      create: true,
      code: 'MY-PL-0001-WHT',
      title: '乳胶枕 白',
      priceFen: 12900,
      shopIds: ['tmall-mianyu', 'jd-mianyu'],
    }),
  },
  'inventory.moveStock': {
    log: ORG_LOG,
    prepare: asOwner({ sku: 'MY-TW-7030-PNK', kind: 'goods_in', quantity: 40, note: '到货' }),
  },
  'inventory.setAllocation': {
    log: ORG_LOG,
    prepare: asOwner({
      sku: 'MY-TW-7030-PNK',
      buffer: 5,
      shops: [{ shopId: 'tmall-mianyu', exclusive: 20, coefficient: 1 }],
    }),
  },
  'inventory.receiveGoods': {
    log: ORG_LOG,
    prepare: asOwner({
      supplier: '南通家纺',
      sku: 'MY-BS-4PC-GRY-1.8M',
      lotSize: 100,
      found: { critical: 0, major: 1, minor: 2 },
      accepted: 98,
      rejected: 2,
      defects: [{ code: 'stain', count: 2, note: '浅色污渍' }],
      checks: ['污渍', '色差'],
    }),
  },
  // A 1×1 PNG.
  'inventory.uploadPhoto': {
    log: ORG_LOG,
    prepare: asOwner({
      data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    }),
  },
  'inventory.startStocktake': { log: ORG_LOG, prepare: asOwner({ skus: ['MY-TW-7030-PNK'] }) },
  'inventory.submitCounts': {
    log: ORG_LOG,
    prepare: async (f) => {
      const caller = await owner(f);
      const sheet = await f.core.dispatch(caller, 'inventory.startStocktake', { skus: ['XL-DR-2405-BEI-S'] });
      if (!sheet.ok) throw new Error(sheet.error.code);
      return {
        caller,
        input: { sheetId: (sheet.value as { id: string }).id, counts: [{ sku: 'XL-DR-2405-BEI-S', count: 498 }] },
      };
    },
  },
  'inventory.postStocktake': {
    log: ORG_LOG,
    prepare: async (f) => {
      const caller = await owner(f);
      const sheet = await f.core.dispatch(caller, 'inventory.startStocktake', { skus: ['MY-TS-2301-BLK-XL'] });
      if (!sheet.ok) throw new Error(sheet.error.code);
      const sheetId = (sheet.value as { id: string }).id;
      await f.core.dispatch(caller, 'inventory.submitCounts', {
        sheetId,
        counts: [{ sku: 'MY-TS-2301-BLK-XL', count: 499 }],
      });
      return { caller, input: { sheetId } };
    },
  },
  'orders.importOrders': {
    log: 'tmall-mianyu',
    prepare: async (f) => {
      const caller = await owner(f);
      return { caller, input: { uploadId: await uploadOrder(f, caller, '4012345678901'), shopId: 'tmall-mianyu' } };
    },
  },
  'shipping.ship': {
    log: 'tmall-mianyu',
    prepare: async (f) => {
      const caller = await owner(f);
      const uploadId = await uploadOrder(f, caller, '4012345678902');
      const imported = await f.core.dispatch(caller, 'orders.importOrders', { uploadId, shopId: 'tmall-mianyu' });
      if (!imported.ok) throw new Error(imported.error.code);
      return {
        caller,
        input: {
          shopId: 'tmall-mianyu',
          shipments: [{ orderId: '4012345678902', courier: 'SF', trackingNumber: 'SF1234567890123' }],
        },
      };
    },
  },
  'checklists.uploadPhoto': {
    log: ORG_LOG,
    prepare: asOwner({
      shopId: 'jd-mianyu',
      data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    }),
  },
  'checklists.tick': {
    log: 'jd-mianyu',
    prepare: async (f) => {
      const caller = await owner(f);
      const lists = await f.core.dispatch(caller, 'checklists.current', { shopId: 'jd-mianyu' });
      if (!lists.ok) throw new Error(lists.error.code);
      const first = (lists.value as { template: { id: string; items: { id: string }[] }; period: string }[])[0]!;
      return {
        caller,
        input: {
          shopId: 'jd-mianyu',
          templateId: first.template.id,
          period: first.period,
          itemId: first.template.items[0]!.id,
          done: true,
        },
      };
    },
  },
  'checklists.createTask': {
    log: 'tmall-mianyu',
    prepare: onChat('tmall-mianyu', { kind: 'shipping', text: '买家问什么时候发货' }),
  },
  'checklists.completeTask': {
    log: 'tmall-mianyu',
    prepare: async (f) => {
      const { caller, input } = await onChat('tmall-mianyu', { kind: 'stock', text: '查一下白色 M 还有没有' })(f);
      const task = await f.core.dispatch(caller, 'checklists.createTask', input);
      if (!task.ok) throw new Error(task.error.code);
      return {
        caller,
        input: { shopId: 'tmall-mianyu', taskId: (task.value as { id: string }).id, result: '有货，明天发' },
      };
    },
  },
  'checklists.saveTemplate': {
    log: 'jd-mianyu',
    prepare: asOwner({
      id: null,
      shopId: 'jd-mianyu',
      title: '直播间备货',
      role: '运营',
      recurrence: { kind: 'weekly', weekday: 5 },
      dueMinutes: 19 * 60,
      items: [{ id: 'samples', text: '样品已到直播间' }],
    }),
  },
  'inbox.resend': {
    log: 'tmall-mianyu',
    prepare: async (f) => {
      const { caller, input } = await onChat('tmall-mianyu', {}, (c) => c.assigneeId === null)(f);
      // The demo platform refuses links to other sites: the reply fails, and may be sent again.
      const sent = await f.core.dispatch(caller, 'inbox.reply', { ...input, text: '详情见 https://example.com' });
      if (!sent.ok) throw new Error(sent.error.code);
      await settle(f);
      return { caller, input: { ...input, messageId: (sent.value as Message).id } };
    },
  },
  'inbox.takeOver': { log: 'tmall-mianyu', prepare: onChat('tmall-mianyu', {}, (c) => c.assigneeId !== null) },
  'inbox.transfer': {
    log: 'tmall-mianyu',
    prepare: onChat('tmall-mianyu', { to: { group: 'aftersale' }, reason: '售后问题' }),
  },
  'inbox.setNote': { log: 'pdd-mianyu', prepare: onChat('pdd-mianyu', { note: '老客户', tags: ['VIP'] }) },
  'inbox.close': { log: 'pdd-mianyu', prepare: onChat('pdd-mianyu') },
  'inbox.snooze': { log: 'douyin-xiaolu', prepare: onChat('douyin-xiaolu') },
  'inbox.setStatus': {
    log: ORG_LOG,
    prepare: async (f) => ({ caller: await loggedIn(f.core, 'xiaolin'), input: { status: 'paused' } }),
  },
  'inbox.setMyPhrases': {
    log: ORG_LOG,
    prepare: asOwner({ quickPhrases: [{ code: 'hi', group: '我的', text: '亲，在的' }] }),
  },
  'audit.export': { log: ORG_LOG, prepare: asOwner({ log: 'org' }) },
  'reports.export': {
    log: ORG_LOG,
    prepare: asOwner({ filter: { from: '2026-11-20', to: '2026-11-22', by: 'shop' }, format: 'csv', locale: 'zh-CN' }),
  },
  'reports.setRule': {
    log: 'jd-mianyu',
    prepare: asOwner({ shopId: 'jd-mianyu', countedFrom: 9, countedTo: 22, floor: 0.85, minSample: null }),
  },
  'shipping.setRule': {
    log: 'jd-mianyu',
    prepare: asOwner({
      shopId: 'jd-mianyu',
      printWaves: [540, 900],
      penalty: { percent: 5, minFen: 300, maxFen: 5000 },
    }),
  },
  'shops.archive': { log: ORG_LOG, prepare: asOwner({ shopId: 'taobao-xiaolu' }) },
  'shops.restore': {
    log: ORG_LOG,
    prepare: async (f) => {
      const caller = await owner(f);
      const archived = await f.core.dispatch(caller, 'shops.listArchived', {});
      if (!archived.ok) throw new Error(archived.error.code);
      return { caller, input: { archiveId: (archived.value as { archiveId: string }[])[0]!.archiveId } };
    },
  },
  'roster.savePerson': {
    log: ORG_LOG,
    prepare: asOwner({
      personId: null,
      profile: {
        displayName: '新人小周',
        nickname: '周周',
        employeeNo: 'E-0099',
        departmentId: null,
        title: '售前',
        level: 'P1',
        supervisorId: null,
        hireDate: '2026-11-30',
        phone: '138 0000 0000',
        dingTalkId: 'zhouzhou',
        status: 'active',
      },
      login: 'zhou',
      password: 'secret-password-1',
    }),
  },
  'roster.saveDepartment': {
    log: ORG_LOG,
    prepare: asOwner({ departmentId: null, name: '推广部', parentId: null, supervisorId: null }),
  },
  'roster.createSubAccount': {
    log: 'jd-mianyu',
    prepare: async (f) => ({
      caller: await owner(f),
      input: { shopId: 'jd-mianyu', personId: await personId(f, 'ajie'), name: '阿杰', roleIds: ['role-aftersale'] },
    }),
  },
  'roster.updateSubAccount': {
    log: 'tmall-mianyu',
    prepare: async (f) => ({
      caller: await owner(f),
      input: {
        shopId: 'tmall-mianyu',
        subAccountId: await subAccountOf(f, 'tmall-mianyu', 'xiaolin'),
        roleIds: ['role-presale', 'role-aftersale'],
      },
    }),
  },
  'roster.setRouting': {
    log: 'tmall-mianyu',
    prepare: async (f) => ({
      caller: await owner(f),
      input: {
        shopId: 'tmall-mianyu',
        subAccountId: await subAccountOf(f, 'tmall-mianyu', 'ajie'),
        routing: { optIn: true, capacity: 8, weight: 200, groups: ['aftersale'], dedicatedBuyers: ['b-1'] },
      },
    }),
  },
  'roster.setSubAccountStatus': {
    log: 'tmall-mianyu',
    prepare: async (f) => ({
      caller: await owner(f),
      input: {
        shopId: 'tmall-mianyu',
        subAccountId: await subAccountOf(f, 'tmall-mianyu', 'laowang'),
        status: 'disabled',
        reason: '调岗',
      },
    }),
  },
  'roster.saveRole': {
    log: 'tmall-mianyu',
    prepare: asOwner({
      shopId: 'tmall-mianyu',
      roleId: null,
      name: '大促临时',
      permissions: ['inbox.view', 'inbox.reply'],
    }),
  },
  'roster.setQuota': { log: 'tmall-mianyu', prepare: asOwner({ shopId: 'tmall-mianyu', limit: 40 }) },
  'roster.setPlatformRules': {
    log: 'pdd-mianyu',
    prepare: asOwner({
      shopId: 'pdd-mianyu',
      rules: { roleRequired: false, uniquePhone: true, employeeAccepts: false, maxOrderExporters: 2 },
    }),
  },
  'roster.resolveConflict': {
    log: 'jd-mianyu',
    prepare: async (f) => {
      const caller = await owner(f);
      const subAccountId = await subAccountOf(f, 'jd-mianyu', 'xiaolin');
      await settle(f);
      const hub = f.hubs.get('jd-mianyu')!;
      hub.setOnline(false);
      await f.core.dispatch(caller, 'roster.updateSubAccount', { shopId: 'jd-mianyu', subAccountId, name: '小林A' });
      hub.remoteEdit('subAccount', subAccountId, 'name', '林林', '卖家中心网页');
      hub.setOnline(true);
      await settle(f);
      const conflicts = await f.core.dispatch(caller, 'roster.conflicts', {});
      if (!conflicts.ok) throw new Error(conflicts.error.code);
      const conflict = (conflicts.value as RosterConflict[]).find((c) => c.entityId === subAccountId)!;
      return {
        caller,
        input: {
          shopId: 'jd-mianyu',
          entity: 'subAccount',
          entityId: subAccountId,
          field: 'name',
          versionId: conflict.versions[0]!.id,
        },
      };
    },
  },
  'roster.resolveOrganisationConflict': {
    log: ORG_LOG,
    prepare: async (f) => {
      const caller = await owner(f);
      const id = await personId(f, 'xiaolin');
      await settle(f);
      // The organisation syncs through the business's first shop's platform.
      const hub = f.hubs.get('tmall-mianyu')!;
      hub.setOnline(false);
      const person = await f.core.dispatch(caller, 'roster.people', {});
      if (!person.ok) throw new Error(person.error.code);
      const profile = (person.value as { people: RosterPerson[] }).people.find((p) => p.id === id)!;
      await f.core.dispatch(caller, 'roster.savePerson', {
        personId: id,
        profile: { ...Object.fromEntries(PROFILE_FIELDS.map((k) => [k, profile[k]])), phone: '13800000001' },
      });
      hub.remoteEdit('person', id, 'phone', '13900000002', '另一台电脑');
      hub.setOnline(true);
      await settle(f);
      const conflicts = await f.core.dispatch(caller, 'roster.conflicts', {});
      if (!conflicts.ok) throw new Error(conflicts.error.code);
      const conflict = (conflicts.value as RosterConflict[]).find((c) => c.entityId === id && c.field === 'phone')!;
      return {
        caller,
        input: { entity: 'person', entityId: id, field: 'phone', versionId: conflict.versions[0]!.id },
      };
    },
  },
  'roster.offboard': {
    log: ORG_LOG,
    prepare: async (f) => ({ caller: await owner(f), input: { personId: await personId(f, 'zhou'), reason: '离职' } }),
  },
  'roster.exportPeople': { log: ORG_LOG, prepare: asOwner({ format: 'xlsx' }) },
  'roster.importPeople': {
    log: ORG_LOG,
    prepare: asOwner({ format: 'csv', content: '\uFEFF姓名,工号,岗位\n导入的人,E-7001,售前\n' }),
  },
  'roster.completeChecklistItem': {
    log: 'pdd-mianyu',
    prepare: async (f) => {
      const caller = await owner(f);
      await f.core.dispatch(caller, 'roster.createSubAccount', {
        shopId: 'pdd-mianyu',
        personId: await personId(f, 'ajie'),
        name: '阿杰',
        roleIds: ['role-aftersale'],
      });
      await settle(f);
      const shop = await f.core.dispatch(caller, 'roster.shop', { shopId: 'pdd-mianyu' });
      if (!shop.ok) throw new Error(shop.error.code);
      const item = (shop.value as ShopRoster).sync.checklist.find((i) => !i.done);
      if (!item) throw new Error('no checklist item');
      return { caller, input: { shopId: 'pdd-mianyu', itemId: item.id } };
    },
  },
  'roster.simulatePlatformEdit': {
    log: 'tmall-mianyu',
    // With the platform offline, so that the edit is not pulled back at once (a pull leaves its own entry).
    prepare: async (f) => ({
      caller: await owner(f).then(async (caller) => {
        f.hubs.get('tmall-mianyu')!.setOnline(false);
        await settle(f);
        return caller;
      }),
      input: {
        shopId: 'tmall-mianyu',
        subAccountId: await subAccountOf(f, 'tmall-mianyu', 'ajie'),
        field: 'name',
        value: '阿杰A',
      },
    }),
  },
  'roster.setDemoPlatformOnline': {
    log: 'douyin-xiaolu',
    prepare: asOwner({ shopId: 'douyin-xiaolu', online: false }),
  },
} satisfies Record<CommandName, Case>;

let fixture: CoreFixture;
beforeAll(async () => {
  fixture = await startCoreFixture({ messagesPerMinute: 120 });
  await fixture.run(180_000);
});
afterAll(() => fixture.close());

describe('audit coverage', () => {
  it('has a case for every command and only for commands', () => {
    const commands = Object.entries(methods)
      .filter(([, def]) => def.kind === 'command')
      .map(([name]) => name);
    expect(Object.keys(CASES).sort()).toEqual(commands.sort());
  });

  for (const [method, c] of Object.entries(CASES) as [CommandName, Case][]) {
    it(`${method} leaves exactly one entry in its log`, async () => {
      const { caller, input } = await c.prepare(fixture);
      await fixture.core.flush();
      const before = countIn(fixture, c.log);
      const beforeOwn = countIn(fixture, c.log, method);
      const result = await fixture.core.dispatch(caller, method, input);
      expect(result, JSON.stringify(result).slice(0, 300)).toMatchObject({ ok: true });
      await fixture.core.flush();
      expect(countIn(fixture, c.log, method) - beforeOwn).toBe(1);
      // Nothing else of this call went to that log (routing changes write data, never an entry of their own).
      expect(countIn(fixture, c.log) - before).toBe(1);
      const [entry] = fixture.ports.streams.auditEntries(c.log, { ...ALL, action: method }, 0, 1).rows;
      expect(entry).toMatchObject({ action: method, origin: 'system', connectionId: 'in-process' });
      expect(entry!.changes).not.toMatch(/demo1234|very-secret|2468/);
    });
  }

  it('a refused command leaves no entry; a refused login is a security event', async () => {
    const agent = await loggedIn(fixture.core, 'tangtang');
    const before = countIn(fixture, 'jd-mianyu');
    expect(await fixture.core.dispatch(agent, 'shops.update', { shopId: 'jd-mianyu', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await fixture.core.dispatch({ session: null }, 'session.login', { login: 'owner', password: 'wrong' }),
    ).toMatchObject({ ok: false });
    await fixture.core.flush();
    expect(countIn(fixture, 'jd-mianyu')).toBe(before);
    const events = fixture.ports.streams.securityEvents(ALL, 0, 10).rows;
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['security.forbidden', 'security.wrongCredentials']),
    );
    expect(events.find((e) => e.action === 'security.wrongCredentials')).toMatchObject({
      login: 'owner',
      method: 'session.login',
    });
  });
});
