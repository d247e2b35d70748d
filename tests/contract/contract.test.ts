// The same calls through in-process dispatch and through the WebSocket host must give the same Results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type Caller } from '../../shared/contract/index.ts';
import { connectClient, type TestClient } from '../support/ws-client.ts';
import { goodHeaders, startHostFixture, wsUrl, type HostFixture } from '../support/host-fixture.ts';

let fixture: HostFixture;
let client: TestClient;
beforeAll(async () => {
  fixture = await startHostFixture({ messagesPerMinute: 60 });
  await fixture.run(120_000);
  // The full-text index trails a commit by up to 200 ms: let it catch up, or the first search can miss a message
  // that the second one (over the WebSocket) finds.
  await new Promise((resolve) => setTimeout(resolve, 600));
  client = await connectClient(wsUrl(fixture), goodHeaders(fixture));
});
afterAll(async () => {
  await client.close();
  await fixture.close();
});

// Each step runs on a fresh in-process caller and on one WebSocket connection, in the same order.
const STEPS: readonly (readonly [string, unknown])[] = [
  ['app.info', {}],
  ['session.current', {}],
  ['shops.list', {}],
  ['nope.nothing', {}],
  ['session.login', { login: 'owner', password: 'wrong' }],
  ['session.login', { login: 'xiaolin', password: 'demo1234' }],
  ['session.current', {}],
  ['shops.list', {}],
  ['shops.list', { includeArchived: 'yes' }],
  ['inbox.counts', {}],
  ['inbox.listConversations', { limit: 3 }],
  ['inbox.listConversations', { shopId: 'taobao-xiaolu' }],
  ['inbox.listMessages', { shopId: 'tmall-mianyu', conversationId: 'missing' }],
  ['orders.list', { shopId: 'douyin-xiaolu' }],
  ['orders.list', { shopId: 'jd-mianyu', limit: 5 }],
  ['shops.add', { platform: 'jd', name: 'x', mainAccount: 'y' }],
  ['shops.update', { shopId: '../../etc', name: 'x' }],
  ['shops.updateInbox', { shopId: 'tmall-mianyu', warnAfterSeconds: 5 }],
  ['shops.updateInbox', { shopId: 'tmall-mianyu', warnAfterSeconds: 60 }],
  ['shops.setConnector', { shopId: 'tmall-mianyu', kind: 'demo' }],
  ['shops.archive', { shopId: 'tmall-mianyu' }],
  ['shops.listArchived', {}],
  ['shops.restore', { archiveId: 'tmall-mianyu--1' }],
  ['app.notices', {}],
  ['settings.get', {}],
  ['settings.setLanguage', { language: 'fr' }],
  ['settings.update', { idleLockMinutes: 10 }],
  [
    'settings.setNotifications',
    {
      notifications: {
        enabled: true,
        mutedShopIds: ['../x'],
        doNotDisturb: { enabled: false, from: '22:00', to: '08:00' },
      },
    },
  ],
  ['session.setPin', { pin: '12', password: 'demo1234' }],
  ['inbox.setStatus', { status: 'away' }],
  ['inbox.setStatus', { status: 'online' }],
  ['inbox.agents', {}],
  ['inbox.agents', { shopId: 'douyin-xiaolu' }],
  ['inbox.listConversations', { view: 'mine' }],
  ['inbox.listConversations', { view: 'queue', limit: 5 }],
  ['inbox.listConversations', { view: 'recent', limit: 5 }],
  ['inbox.listMessages', { shopId: 'tmall-mianyu', conversationId: 'missing', before: 'm1' }],
  ['inbox.markRead', { shopId: 'tmall-mianyu', conversationId: 'missing' }],
  ['inbox.reply', { shopId: 'tmall-mianyu', conversationId: 'missing', text: '你好' }],
  ['inbox.claim', { shopId: 'tmall-mianyu', conversationId: 'missing' }],
  ['inbox.transfer', { shopId: 'tmall-mianyu', conversationId: 'missing', to: { group: 'BAD GROUP' }, reason: 'x' }],
  ['inbox.transfer', { shopId: 'tmall-mianyu', conversationId: 'missing', to: { agentId: 'nobody' }, reason: 'x' }],
  ['inbox.takeOver', { shopId: 'tmall-mianyu', conversationId: 'missing' }],
  ['inbox.close', { shopId: 'tmall-mianyu', conversationId: 'missing' }],
  ['inbox.snooze', { shopId: 'douyin-xiaolu', conversationId: 'missing' }],
  ['inbox.setNote', { shopId: 'tmall-mianyu', conversationId: 'missing', note: 'x', tags: [] }],
  ['inbox.myPhrases', {}],
  ['inbox.setMyPhrases', { quickPhrases: [{ code: 'bad code!', group: '我的', text: 'x' }] }],
  ['inbox.search', { query: '纯棉的' }],
  ['inbox.search', { query: '发货', shopId: 'jd-mianyu', status: 'waiting' }],
  ['inbox.search', { query: '' }],
  ['inbox.supervisor', {}],
  ['inbox.lockedSummary', {}],
  ['audit.logs', {}],
  ['audit.list', { log: 'security' }],
  ['audit.list', { log: 'shop', shopId: 'pdd-mianyu', limit: 5 }],
  ['audit.verify', {}],
  ['audit.export', { log: 'bogus' }],
  ['roster.people', {}],
  ['roster.shop', { shopId: 'tmall-mianyu' }],
  ['roster.explain', { personId: 'person_1', shopId: 'tmall-mianyu' }],
  ['roster.viewAs', { personId: 'person_1' }],
  ['roster.conflicts', {}],
  ['roster.organisationSync', {}],
  ['roster.resolveOrganisationConflict', { entity: 'subAccount', entityId: 'sa-x', field: 'name', versionId: 'v' }],
  ['roster.savePerson', { personId: null, profile: { displayName: '' } }],
  ['roster.saveDepartment', { departmentId: null, name: '客服二部', parentId: null, supervisorId: null }],
  ['roster.createSubAccount', { shopId: 'tmall-mianyu', personId: 'p', name: '12345', roleIds: [] }],
  ['roster.updateSubAccount', { shopId: 'taobao-xiaolu', subAccountId: 'sa-x' }],
  ['roster.setSubAccountStatus', { shopId: 'tmall-mianyu', subAccountId: 'sa-x', status: 'frozen' }],
  ['roster.saveRole', { shopId: 'tmall-mianyu', roleId: null, name: '超级', permissions: ['*'] }],
  ['roster.setQuota', { shopId: 'tmall-mianyu', limit: -1 }],
  ['roster.setPlatformRules', { shopId: 'tmall-mianyu', rules: { roleRequired: 'yes' } }],
  ['roster.resolveConflict', { shopId: 'tmall-mianyu', entity: 'role', entityId: 'r', field: 'name', versionId: 'v' }],
  ['roster.offboard', { personId: 'person_1' }],
  ['roster.completeChecklistItem', { shopId: 'tmall-mianyu', itemId: 'todo-x' }],
  ['roster.setDemoPlatformOnline', { shopId: 'tmall-mianyu', online: false }],
  ['roster.exportPeople', { format: 'pdf' }],
  ['roster.setRouting', { shopId: 'tmall-mianyu', subAccountId: 'sa-x', routing: { optIn: true } }],
  ['roster.previewImport', { format: 'csv', content: '姓名\n小明\n' }],
  ['roster.importPeople', { format: 'xlsx', content: 'not base64 at all' }],
  ['roster.simulatePlatformEdit', { shopId: 'tmall-mianyu', subAccountId: 'sa-x', field: 'status', value: 'x' }],
  ['inbox.resend', { shopId: 'tmall-mianyu', conversationId: 'missing', messageId: 'm1' }],
  ['inbox.media', { shopId: 'tmall-mianyu', conversationId: 'missing', ref: 'media:../../people.json' }],
  ['inventory.productCards', { shopId: 'jd-mianyu', query: 'T恤' }],
  ['orders.uploadPart', { uploadId: null, part: 'AAAA', last: true }],
  ['orders.previewImport', { uploadId: 'up_missing', shopId: 'tmall-mianyu' }],
  ['orders.importOrders', { uploadId: 'not an upload', shopId: 'tmall-mianyu' }],
  ['shipping.board', { filter: 'waiting', limit: 5 }],
  ['shipping.rules', {}],
  ['shipping.setRule', { shopId: 'tmall-mianyu', printWaves: [600, 600], penalty: null }],
  ['reports.kpis', { from: '2026-11-01', to: '2026-11-22', by: 'shop' }],
  ['reports.kpis', { from: '2026-11-22', to: '2026-11-01' }],
  ['reports.timeline', { day: '2026-11-22' }],
  ['reports.timeline', { day: '22/11/2026' }],
  ['reports.rules', {}],
  ['reports.watch', { month: '2026-11' }],
  ['reports.setRule', { shopId: 'tmall-mianyu', countedFrom: 20, countedTo: 10, floor: null, minSample: null }],
  ['reports.export', { filter: { from: '2026-11-01', to: '2026-11-22' }, format: 'pdf', locale: 'zh-CN' }],
  ['checklists.current', { shopId: 'tmall-mianyu' }],
  ['checklists.tasks', { status: 'all' }],
  ['checklists.createTask', { shopId: 'tmall-mianyu', conversationId: 'missing', kind: 'shipping', text: '几时发货' }],
  ['checklists.completeTask', { shopId: 'tmall-mianyu', taskId: 'task_x', result: '' }],
  ['checklists.history', { shopId: 'tmall-mianyu', templateId: 'shipping', limit: 3 }],
  ['checklists.tick', { shopId: 'tmall-mianyu', templateId: 'nope', period: '2026-12-01', itemId: 'x', done: true }],
  ['checklists.uploadPhoto', { shopId: 'tmall-mianyu', data: 'not base64!' }],
  ['checklists.photo', { shopId: 'tmall-mianyu', photoId: 'f'.repeat(64) }],
  [
    'checklists.saveTemplate',
    { id: null, shopId: 'tmall-mianyu', title: '', role: 'x', recurrence: { kind: 'daily' }, dueMinutes: 0, items: [] },
  ],
  ['shipping.ship', { shopId: 'tmall-mianyu', shipments: [{ orderId: 'o', courier: 'XX', trackingNumber: '1' }] }],
  ['inventory.skus', {}],
  ['inventory.saveSku', { create: true, code: 'X-1', title: 'x', priceFen: 1, shopIds: ['tmall-mianyu'] }],
  ['inventory.stock', {}],
  ['inventory.goodsIn', {}],
  ['inventory.uploadPhoto', { data: 'not base64!' }],
  ['inventory.photo', { photoId: 'x' }],
  ['inventory.stocktakes', {}],
  ['inventory.startStocktake', { skus: ['bad code!'] }],
  ['inventory.submitCounts', { sheetId: 'st_x', counts: [] }],
  ['inventory.postStocktake', { sheetId: 'st_x' }],
  [
    'inventory.receiveGoods',
    {
      supplier: 'x',
      sku: 'MY-TW-7030-PNK',
      lotSize: 10,
      found: { critical: 0, major: 0, minor: 0 },
      accepted: 9,
      rejected: 0,
    },
  ],
  ['inventory.movements', { sku: 'bad code!' }],
  ['inventory.moveStock', { sku: 'MY-TW-7030-PNK', kind: 'goods_in', quantity: 5 }],
  [
    'inventory.setAllocation',
    { sku: 'MY-TW-7030-PNK', buffer: 1, shops: [{ shopId: 'jd-mianyu', exclusive: 1, coefficient: 2 }] },
  ],
  ['session.resumeToken', { forWhom: 'someone else' }],
  ['session.resume', { token: 'x'.repeat(43) }],
  ['session.lock', {}],
  ['inbox.counts', {}],
  ['session.unlock', { secret: 'wrong' }],
  ['session.unlock', { secret: 'demo1234' }],
  ['session.logout', {}],
  ['inbox.counts', {}],
];

describe('contract: in-process and WebSocket agree', () => {
  it('exercises every method of the contract', () => {
    const exercised = new Set(STEPS.map(([method]) => method));
    expect(Object.keys(methods).filter((method) => !exercised.has(method))).toEqual([]);
  });

  it('gives identical Results for every step', async () => {
    const caller: Caller = { session: null };
    for (const [method, input] of STEPS) {
      const local = await fixture.core.dispatch(caller, method, input);
      const remote = await client.call(method, input);
      expect({ method, result: remote }).toEqual({ method, result: JSON.parse(JSON.stringify(local)) });
    }
  });

  it('covers both outcomes: some steps succeed and some fail with distinct codes', async () => {
    const probe = await connectClient(wsUrl(fixture), goodHeaders(fixture));
    const codes = new Set<string>();
    let successes = 0;
    for (const [method, input] of STEPS) {
      const result = await probe.call(method, input);
      if (result.ok) successes += 1;
      else codes.add(result.error.code);
    }
    expect(successes).toBeGreaterThan(5);
    expect([...codes].sort()).toEqual([
      'forbidden',
      'invalid_credentials',
      'invalid_input',
      'not_authenticated',
      'not_found',
      'session_locked',
      'unknown_method',
    ]);
    await probe.close();
  });
});
