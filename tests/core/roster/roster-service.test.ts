// The roster through the real core (real SQLite, the demo platform's roster hub): per-shop permissions, sub-account
// rules and quota, delegation, temporary accounts expiring on the core's clock, offline edits that survive a
// restart and sync later, a conflict with the platform resolved by the owner, and offboarding.
import { afterEach, describe, expect, it } from 'vitest';
import {
  PENDING_EDITS_LISTED,
  type Caller,
  type OrganisationSync,
  type RosterConflict,
  type RosterPerson,
  type ShopRoster,
  type SubAccount,
  type PermissionExplanation,
  type ViewAsPreview,
  grants,
} from '../../../shared/contract/index.ts';
import type { DemoRosterHub } from '../../../electron/connectors/demo-platform/demo-roster-hub.ts';
import { call, loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

let fixture: CoreFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

async function settle(f: CoreFixture): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await f.core.flush();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const people = async (f: CoreFixture, caller: Caller) =>
  (await call<{ people: RosterPerson[] }>(f, caller, 'roster.people', {})).people;
const idOf = async (f: CoreFixture, login: string) =>
  (await people(f, await loggedIn(f.core, 'owner'))).find((p) => p.login === login)!.id;
const shopRoster = (f: CoreFixture, caller: Caller, shopId: string) =>
  call<ShopRoster>(f, caller, 'roster.shop', { shopId });

const profile = (displayName: string, extra: Record<string, unknown> = {}) => ({
  displayName,
  nickname: '',
  employeeNo: '',
  departmentId: null,
  title: '客服',
  level: '',
  supervisorId: null,
  hireDate: null,
  phone: '',
  dingTalkId: '',
  status: 'active',
  ...extra,
});

describe('roster', () => {
  it('imports people.json: role templates per shop, each sub-account with the role that matches its grants', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const tmall = await shopRoster(fixture, owner, 'tmall-mianyu');
    expect(tmall.roles.map((r) => r.name)).toEqual(expect.arrayContaining(['店长', '客服', '售前', '售后', '库管']));
    const xiaolin = await idOf(fixture, 'xiaolin');
    expect(tmall.subAccounts.find((a) => a.personId === xiaolin)).toMatchObject({
      fullName: '棉语家居旗舰店:小林',
      status: 'active',
      roleIds: ['role-presale'],
    });
    // Tmall's free quota is 30; three people hold sub-accounts there.
    expect(tmall.quota).toEqual({ used: 3, limit: 30, free: 27 });
    // Where an account sets no routing, the form starts from what routing does: each person's own profile.
    const ajie = await idOf(fixture, 'ajie');
    expect(tmall.defaultRouting[xiaolin]).toEqual({
      optIn: true,
      capacity: 6,
      weight: 300,
      groups: ['presale'],
      dedicatedBuyers: [],
    });
    expect(tmall.defaultRouting[ajie]).toMatchObject({ capacity: 5, groups: ['aftersale'] });
    const taobao = await shopRoster(fixture, owner, 'taobao-xiaolu');
    expect(taobao.quota.limit).toBe(20); // a crown seller
    const amy = (await people(fixture, owner)).find((p) => p.login === 'amy')!;
    const tangtang = (await people(fixture, owner)).find((p) => p.login === 'tangtang')!;
    expect(tangtang.supervisorId).toBe(amy.id);
  });

  it('previews a person exactly as their login would be ("view as"), within the shops the asker may see', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const amy = await loggedIn(fixture.core, 'amy');
    const viewAs = (caller: Caller, login: string) =>
      idOf(fixture!, login).then((personId) => call<ViewAsPreview>(fixture!, caller, 'roster.viewAs', { personId }));
    // 仓管老王: the warehouse in Tmall, no inbox.
    const laowang = await viewAs(owner, 'laowang');
    expect(laowang).toMatchObject({ displayName: '仓管老王', canLogIn: true, hiddenShops: 0 });
    expect(laowang.shops.map((s) => s.shopId)).toEqual(['tmall-mianyu']);
    expect(grants(laowang.grants, 'stock.edit')).toBe(true);
    expect(grants(laowang.grants, 'inbox.view')).toBe(false);
    // The same grants, shop by shop, as the session 糖糖 gets when she logs in.
    const tangtang = await viewAs(amy, 'tangtang');
    const session = (await loggedIn(fixture.core, 'tangtang')).session!;
    expect(Object.fromEntries(tangtang.shops.map((s) => [s.shopId, s.grants]))).toEqual(session.shopGrants);
    // Amy keeps the roster of Taobao and Douyin only: 小林's three shops are not hers to see.
    const xiaolin = await viewAs(amy, 'xiaolin');
    expect(xiaolin).toMatchObject({ shops: [], grants: [], hiddenShops: 3 });
    // The owner holds everything everywhere.
    const ownerView = await viewAs(owner, 'owner');
    expect(ownerView).toMatchObject({ kind: 'owner', grants: ['*'], hiddenShops: 0 });
  });

  it('checks permissions per shop: a role in one shop grants nothing in another', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const xiaolin = await idOf(fixture, 'xiaolin');
    const tmall = await shopRoster(fixture, owner, 'tmall-mianyu');
    const account = tmall.subAccounts.find((a) => a.personId === xiaolin)!;
    // 小林 becomes 店长 in Tmall only.
    await call(fixture, owner, 'roster.updateSubAccount', {
      shopId: 'tmall-mianyu',
      subAccountId: account.id,
      roleIds: ['role-manager'],
    });
    const agent = await loggedIn(fixture.core, 'xiaolin');
    fixture.core.subscribe(agent, () => undefined);
    expect(agent.session!.shopGrants['tmall-mianyu']).toEqual(expect.arrayContaining(['settings.shops', 'roster']));
    expect(
      await fixture.core.dispatch(agent, 'shops.updateInbox', { shopId: 'tmall-mianyu', warnAfterSeconds: 90 }),
    ).toMatchObject({ ok: true });
    expect(
      await fixture.core.dispatch(agent, 'shops.updateInbox', { shopId: 'jd-mianyu', warnAfterSeconds: 90 }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // And a live session follows a change at once.
    await call(fixture, owner, 'roster.updateSubAccount', {
      shopId: 'tmall-mianyu',
      subAccountId: account.id,
      roleIds: ['role-presale'],
    });
    await settle(fixture);
    expect(
      await fixture.core.dispatch(agent, 'shops.updateInbox', { shopId: 'tmall-mianyu', warnAfterSeconds: 91 }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('validates sub-account names, keeps names unique, refuses beyond the quota and never deletes', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const ajie = await idOf(fixture, 'ajie');
    const create = (name: string, extra: Record<string, unknown> = {}) =>
      fixture!.core.dispatch(owner, 'roster.createSubAccount', {
        shopId: 'pdd-mianyu',
        personId: ajie,
        name,
        roleIds: ['role-cs'],
        ...extra,
      });
    expect(await create('12345')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await create('阿:杰')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await create('非常非常非常长的名字')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // A diamond seller has 10 free sub-accounts; one is taken (小林). Lower the limit to see the refusal.
    await call(fixture, owner, 'roster.setQuota', { shopId: 'pdd-mianyu', limit: 1 });
    expect(await create('阿杰')).toMatchObject({ ok: false, error: { code: 'quota_exceeded' } });
    // A temporary account does not count toward the quota.
    const now = fixture.clock.now();
    const temp = await call<SubAccount>(fixture, owner, 'roster.createSubAccount', {
      shopId: 'pdd-mianyu',
      personId: ajie,
      name: '阿杰',
      roleIds: ['role-cs'],
      expiresAt: now + 60 * 60_000,
    });
    expect(temp).toMatchObject({ status: 'active', expiresAt: now + 3_600_000 });
    expect((await shopRoster(fixture, owner, 'pdd-mianyu')).quota).toMatchObject({ used: 1, limit: 1 });
    // Disabled, never deleted: the name stays taken.
    await call(fixture, owner, 'roster.setSubAccountStatus', {
      shopId: 'pdd-mianyu',
      subAccountId: temp.id,
      status: 'disabled',
    });
    expect((await shopRoster(fixture, owner, 'pdd-mianyu')).subAccounts.find((a) => a.id === temp.id)?.status).toBe(
      'disabled',
    );
    await call(fixture, owner, 'roster.setQuota', { shopId: 'pdd-mianyu', limit: 10 });
    expect(await create('阿杰')).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('denies one permission to one person in one shop, whatever their role gives, and says so', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const xiaolin = await idOf(fixture, 'xiaolin');
    const account = (await shopRoster(fixture, owner, 'tmall-mianyu')).subAccounts.find((a) => a.personId === xiaolin)!;
    const before = (await loggedIn(fixture.core, 'xiaolin')).session!;
    expect(grants(before.shopGrants['tmall-mianyu']!, 'inbox.reply')).toBe(true);
    const updated = await call<SubAccount>(fixture, owner, 'roster.updateSubAccount', {
      shopId: 'tmall-mianyu',
      subAccountId: account.id,
      deniedGrants: ['inbox.reply'],
    });
    expect(updated.deniedGrants).toEqual(['inbox.reply']);
    // Her next login: no replies in Tmall (reading still), replies in JD as before.
    const after = (await loggedIn(fixture.core, 'xiaolin')).session!;
    expect(grants(after.shopGrants['tmall-mianyu']!, 'inbox.reply')).toBe(false);
    expect(grants(after.shopGrants['tmall-mianyu']!, 'inbox.view')).toBe(true);
    expect(grants(after.shopGrants['jd-mianyu']!, 'inbox.reply')).toBe(true);
    // "What can she do, and why" lists the denial and leaves it out of what she holds.
    const explained = await call<PermissionExplanation>(fixture, owner, 'roster.explain', {
      personId: xiaolin,
      shopId: 'tmall-mianyu',
    });
    expect(explained.reasons).toContainEqual({ grant: 'inbox.reply', source: 'denied', label: '', until: null });
    expect(grants(explained.effective, 'inbox.reply')).toBe(false);
  });

  it('refuses what the platform would: a JD account without a role, a Pinduoduo phone without a number or used twice', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const tangtang = await idOf(fixture, 'tangtang');
    const create = (shopId: string, personId: string, roleIds: string[]) =>
      fixture!.core.dispatch(owner, 'roster.createSubAccount', { shopId, personId, name: '新号', roleIds });
    expect(await create('jd-mianyu', tangtang, [])).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'role_required', platform: 'jd' } },
    });
    // A new colleague with no phone, then with 小林's (written differently): Pinduoduo refuses both.
    const created = await call<{ id: string }>(fixture, owner, 'roster.savePerson', {
      personId: null,
      profile: profile('新同事'),
    });
    expect(await create('pdd-mianyu', created.id, ['role-cs'])).toMatchObject({
      ok: false,
      error: { details: { reason: 'phone_required' } },
    });
    await call(fixture, owner, 'roster.savePerson', {
      personId: created.id,
      profile: profile('新同事', { phone: '+86 13800000001' }),
    });
    expect(await create('pdd-mianyu', created.id, ['role-cs'])).toMatchObject({
      ok: false,
      error: { details: { reason: 'phone_taken' } },
    });
    await call(fixture, owner, 'roster.savePerson', {
      personId: created.id,
      profile: profile('新同事', { phone: '139 0000 0009' }),
    });
    expect(await create('pdd-mianyu', created.id, ['role-cs'])).toMatchObject({ ok: true });
    // Holding that account, the person's phone cannot later become 小林's, or nothing.
    for (const [phone, reason] of [
      ['138-0000-0001', 'phone_taken'],
      ['', 'phone_required'],
    ] as const)
      expect(
        await fixture.core.dispatch(owner, 'roster.savePerson', {
          personId: created.id,
          profile: profile('新同事', { phone }),
        }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { reason } } });
    // Taking the last role away from a JD account is refused too.
    const ajie = await idOf(fixture, 'ajie');
    const jd = await call<{ id: string }>(fixture, owner, 'roster.createSubAccount', {
      shopId: 'jd-mianyu',
      personId: ajie,
      name: '阿杰',
      roleIds: ['role-aftersale'],
    });
    expect(
      await fixture.core.dispatch(owner, 'roster.updateSubAccount', {
        shopId: 'jd-mianyu',
        subAccountId: jd.id,
        roleIds: [],
      }),
    ).toMatchObject({ ok: false, error: { details: { reason: 'role_required' } } });
  });

  it('lets at most 3 JD accounts export orders — by role, extra grant, enabling or a role edit — as the shop sets', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const jd = await shopRoster(fixture, owner, 'jd-mianyu');
    expect(jd.platformRules).toMatchObject({ roleRequired: true, maxOrderExporters: 3, custom: false });
    // New accounts with a role that does not export, then given the export one at a time.
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const person = await call<{ id: string }>(fixture, owner, 'roster.savePerson', {
        personId: null,
        profile: profile(`导出员${i}`),
      });
      const created = await call<SubAccount>(fixture, owner, 'roster.createSubAccount', {
        shopId: 'jd-mianyu',
        personId: person.id,
        name: `导出${i}`,
        roleIds: ['role-cs'],
      });
      ids.push(created.id);
    }
    const exporters = async () => (await shopRoster(fixture!, owner, 'jd-mianyu')).platformRules.exporters;
    const give = (id: string) =>
      fixture!.core.dispatch(owner, 'roster.updateSubAccount', {
        shopId: 'jd-mianyu',
        subAccountId: id,
        extraGrants: [{ grant: 'orders.export', until: null }],
      });
    let given = 0;
    while ((await exporters()) < 3) expect(await give(ids[given++]!)).toMatchObject({ ok: true });
    const refused = { ok: false, error: { code: 'invalid_input', details: { reason: 'exporters_full', limit: 3 } } };
    expect(await give(ids[given]!)).toMatchObject(refused);
    // A role edit that would make every 客服 an exporter is refused too; so is a new account with such a role.
    const cs = jd.roles.find((r) => r.id === 'role-cs')!;
    expect(
      await fixture.core.dispatch(owner, 'roster.saveRole', {
        shopId: 'jd-mianyu',
        roleId: 'role-cs',
        name: cs.name,
        permissions: [...cs.permissions, 'orders.export'],
      }),
    ).toMatchObject(refused);
    // Disabling an exporter frees a place; enabling it again while the place is taken is refused.
    await call(fixture, owner, 'roster.setSubAccountStatus', {
      shopId: 'jd-mianyu',
      subAccountId: ids[0]!,
      status: 'disabled',
    });
    expect(await give(ids[given]!)).toMatchObject({ ok: true });
    expect(
      await fixture.core.dispatch(owner, 'roster.setSubAccountStatus', {
        shopId: 'jd-mianyu',
        subAccountId: ids[0]!,
        status: 'active',
      }),
    ).toMatchObject(refused);
    // The shop's own rule (the owner's: JD raised its limit for this shop) lets it; null puts the default back.
    const raised = await call<ShopRoster['platformRules']>(fixture, owner, 'roster.setPlatformRules', {
      shopId: 'jd-mianyu',
      rules: { roleRequired: true, uniquePhone: false, employeeAccepts: false, maxOrderExporters: 5 },
    });
    expect(raised).toMatchObject({ maxOrderExporters: 5, custom: true, exporters: 3 });
    expect(
      await fixture.core.dispatch(owner, 'roster.setSubAccountStatus', {
        shopId: 'jd-mianyu',
        subAccountId: ids[0]!,
        status: 'active',
      }),
    ).toMatchObject({ ok: true });
    const back = await call<ShopRoster['platformRules']>(fixture, owner, 'roster.setPlatformRules', {
      shopId: 'jd-mianyu',
      rules: null,
    });
    expect(back).toMatchObject({ maxOrderExporters: 3, custom: false, exporters: 4 });
    // Over the limit now, the shop is not blocked from other edits — only from adding exporters.
    expect(
      await fixture.core.dispatch(owner, 'roster.updateSubAccount', {
        shopId: 'jd-mianyu',
        subAccountId: ids[0]!,
        name: '导出改名',
      }),
    ).toMatchObject({ ok: true });
    // Only the owner sets a shop's platform rules.
    const manager = await loggedIn(fixture.core, 'xiaolin');
    expect(
      await fixture.core.dispatch(manager, 'roster.setPlatformRules', { shopId: 'jd-mianyu', rules: null }),
    ).toMatchObject({ ok: false });
  });

  it('disables a temporary account on time, driven by the core clock, and audits it as the console', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const ajie = await idOf(fixture, 'ajie');
    const temp = await call<SubAccount>(fixture, owner, 'roster.createSubAccount', {
      shopId: 'jd-mianyu',
      personId: ajie,
      name: '临时阿杰',
      roleIds: ['role-cs'],
      expiresAt: fixture.clock.now() + 10 * 60_000,
    });
    const agent = await loggedIn(fixture.core, 'ajie');
    fixture.core.subscribe(agent, () => undefined);
    expect(agent.session!.shopIds).toContain('jd-mianyu');
    await fixture.run(9 * 60_000);
    expect((await shopRoster(fixture, owner, 'jd-mianyu')).subAccounts.find((a) => a.id === temp.id)?.status).toBe(
      'active',
    );
    await fixture.run(2 * 60_000);
    await settle(fixture);
    expect((await shopRoster(fixture, owner, 'jd-mianyu')).subAccounts.find((a) => a.id === temp.id)?.status).toBe(
      'disabled',
    );
    expect(agent.session!.shopIds).not.toContain('jd-mianyu');
    const entries = fixture.ports.streams.auditEntries(
      'jd-mianyu',
      { actorId: null, action: 'roster.expired', shopId: null, from: null, to: null, text: null },
      0,
      5,
    );
    expect(entries.rows[0]).toMatchObject({ action: 'roster.expired', origin: 'system', targetId: temp.id });
  });

  it('lets a supervisor manage only the people below them, granting only what they hold in that shop', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const amy = await loggedIn(fixture.core, 'amy');
    const tangtang = await idOf(fixture, 'tangtang');
    const laowang = await idOf(fixture, 'laowang');
    const taobao = await shopRoster(fixture, owner, 'taobao-xiaolu');
    const account = taobao.subAccounts.find((a) => a.personId === tangtang)!;
    // Below her, with a role within her grants: allowed.
    expect(
      await fixture.core.dispatch(amy, 'roster.updateSubAccount', {
        shopId: 'taobao-xiaolu',
        subAccountId: account.id,
        roleIds: ['role-presale'],
      }),
    ).toMatchObject({ ok: true });
    // Beyond her grants (店长 holds settings.shops): refused, whatever the UI shows.
    expect(
      await fixture.core.dispatch(amy, 'roster.updateSubAccount', {
        shopId: 'taobao-xiaolu',
        subAccountId: account.id,
        roleIds: ['role-manager'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden', details: { reason: 'escalation' } } });
    // Not below her: refused. And she cannot give herself more.
    const mine = taobao.subAccounts.find((a) => a.personId === amy.session!.userId)!;
    expect(
      await fixture.core.dispatch(amy, 'roster.updateSubAccount', {
        shopId: 'taobao-xiaolu',
        subAccountId: mine.id,
        extraGrants: [{ grant: 'orders.refund', until: null }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await fixture.core.dispatch(amy, 'roster.offboard', { personId: laowang, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // An agent without roster.edit cannot call at all.
    const agent = await loggedIn(fixture.core, 'tangtang');
    expect(
      await fixture.core.dispatch(agent, 'roster.setSubAccountStatus', {
        shopId: 'taobao-xiaolu',
        subAccountId: account.id,
        status: 'disabled',
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // What can Amy do, and why; roster.edit with audit.view is flagged.
    const explained = await call<{ reasons: { source: string; label: string }[]; risky: string[] }>(
      fixture,
      owner,
      'roster.explain',
      { personId: amy.session!.userId, shopId: 'taobao-xiaolu' },
    );
    expect(explained.reasons.every((r) => r.source === 'role' && r.label === '客服主管')).toBe(true);
    expect(explained.risky).toContain('roster_and_audit');
  });

  it('keeps edits made while the platform is offline through a restart, then syncs them', async () => {
    const hubs = new Map<string, DemoRosterHub>();
    const dataDir = await makeTempDir();
    fixture = await startCoreFixture({ dataDir, messagesPerMinute: 0.001, rosterHubs: hubs, idPrefix: 'a' });
    await settle(fixture);
    const hub = hubs.get('tmall-mianyu')!;
    const before = hub.replica.size;
    hub.setOnline(false);
    await settle(fixture);
    const owner = await loggedIn(fixture.core, 'owner');
    const newbie = await call<RosterPerson>(fixture, owner, 'roster.savePerson', {
      personId: null,
      profile: profile('新人小周'),
      login: 'zhou',
      password: 'long-password-1',
    });
    await call(fixture, owner, 'roster.createSubAccount', {
      shopId: 'tmall-mianyu',
      personId: newbie.id,
      name: '小周',
      roleIds: ['role-presale'],
    });
    const status = (await shopRoster(fixture, owner, 'tmall-mianyu')).sync;
    expect(status).toMatchObject({ online: false });
    expect(status.pending).toBeGreaterThan(0);
    // Each pending edit is listed, named: the new sub-account's fields, by the owner, in the order they will go.
    expect(status.pendingEdits.length).toBe(Math.min(status.pending, PENDING_EDITS_LISTED));
    const mine = status.pendingEdits.filter((e) => e.entity === 'subAccount');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.entityLabel.endsWith(':小周'))).toBe(true);
    expect(mine.map((e) => e.field)).toContain('roleIds');
    expect(status.pendingEdits.map((e) => e.opId)).toEqual([...status.pendingEdits.map((e) => e.opId)].sort());
    // The new person waits too: the organisation syncs through the business's first shop, this one.
    const organisation = await call<OrganisationSync>(fixture, owner, 'roster.organisationSync', {});
    expect(organisation).toMatchObject({ viaShopId: 'tmall-mianyu', online: false });
    expect(organisation.pendingEdits.map((e) => e.entityLabel)).toContain('新人小周');
    await fixture.close();
    fixture = null;

    fixture = await startCoreFixture({ dataDir, messagesPerMinute: 0.001, rosterHubs: hubs, idPrefix: 'b' });
    await settle(fixture);
    const again = await loggedIn(fixture.core, 'owner');
    expect((await shopRoster(fixture, again, 'tmall-mianyu')).sync.pending).toBe(status.pending);
    expect((await call<OrganisationSync>(fixture, again, 'roster.organisationSync', {})).pending).toBe(
      organisation.pending,
    );
    expect(hub.replica.size).toBe(before);
    hub.setOnline(true);
    await settle(fixture);
    const synced = await shopRoster(fixture, again, 'tmall-mianyu');
    expect(synced.sync).toMatchObject({ online: true, pending: 0, pendingEdits: [] });
    expect(await call<OrganisationSync>(fixture, again, 'roster.organisationSync', {})).toMatchObject({
      online: true,
      pending: 0,
    });
    expect(hub.replica.size).toBe(before + status.pending + organisation.pending);
    expect(hub.replica.value('person', newbie.id, 'displayName')).toBe('新人小周');
    // Creating a sub-account is a seller-centre job on every platform: it comes back as a checklist item.
    expect(synced.sync.checklist.some((i) => i.instruction.includes('小周'))).toBe(true);
    // The new person can log in and serves Tmall.
    const zhou = await loggedIn(fixture.core, 'zhou', 'long-password-1');
    expect(zhou.session!.shopIds).toEqual(['tmall-mianyu']);
  });

  it('keeps a conflicting platform edit with both values; the owner keeps one, the loser is told', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    await settle(fixture);
    const owner = await loggedIn(fixture.core, 'owner');
    const amy = await loggedIn(fixture.core, 'amy');
    const told: unknown[] = [];
    fixture.core.subscribe(amy, (event) => {
      if (event.name === 'roster.editOverruled') told.push(event.payload);
    });
    const tangtang = await idOf(fixture, 'tangtang');
    const account = (await shopRoster(fixture, owner, 'taobao-xiaolu')).subAccounts.find(
      (a) => a.personId === tangtang,
    )!;
    const hub = fixture.hubs.get('taobao-xiaolu')!;
    hub.setOnline(false);
    await call(fixture, amy, 'roster.updateSubAccount', {
      shopId: 'taobao-xiaolu',
      subAccountId: account.id,
      name: '糖糖2',
    });
    hub.remoteEdit('subAccount', account.id, 'name', '糖糖小可爱', '卖家中心网页');
    hub.setOnline(true);
    await settle(fixture);
    const conflicts = await call<RosterConflict[]>(fixture, owner, 'roster.conflicts', {});
    const conflict = conflicts.find((c) => c.entityId === account.id && c.field === 'name')!;
    expect(conflict.versions.map((v) => v.value).sort()).toEqual(['糖糖2', '糖糖小可爱']);
    expect(conflict.versions.find((v) => v.value === '糖糖2')).toMatchObject({ actorName: '主管Amy' });
    expect(conflict.versions.find((v) => v.value === '糖糖小可爱')).toMatchObject({ origin: 'platform' });
    // Editing a field in conflict is refused until it is resolved.
    expect(
      await fixture.core.dispatch(owner, 'roster.updateSubAccount', {
        shopId: 'taobao-xiaolu',
        subAccountId: account.id,
        name: 'x糖',
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const platformVersion = conflict.versions.find((v) => v.value === '糖糖小可爱')!;
    await call(fixture, owner, 'roster.resolveConflict', {
      shopId: 'taobao-xiaolu',
      entity: 'subAccount',
      entityId: account.id,
      field: 'name',
      versionId: platformVersion.id,
    });
    await settle(fixture);
    expect(told).toEqual([
      expect.objectContaining({ personId: amy.session!.userId, field: 'name', value: '糖糖小可爱' }),
    ]);
    expect(await call<RosterConflict[]>(fixture, owner, 'roster.conflicts', {})).toEqual([]);
    // The losing value can be restored in one step (it is a version in the field's history).
    const amyVersion = conflict.versions.find((v) => v.value === '糖糖2')!;
    await call(fixture, owner, 'roster.resolveConflict', {
      shopId: 'taobao-xiaolu',
      entity: 'subAccount',
      entityId: account.id,
      field: 'name',
      versionId: amyVersion.id,
    });
    await settle(fixture);
    expect((await shopRoster(fixture, owner, 'taobao-xiaolu')).subAccounts.find((a) => a.id === account.id)?.name).toBe(
      '糖糖2',
    );
    // The platform converged on the same value.
    expect(hub.replica.value('subAccount', account.id, 'name')).toBe('糖糖2');
  });

  it('applies a routing profile set in the roster at once: out of one shop’s queue, dedicated buyers in another', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    fixture.core.subscribe(xiaolin, () => undefined);
    const id = xiaolin.session!.userId;
    const account = (shop: ShopRoster) => shop.subAccounts.find((a) => a.personId === id)!;
    const jd = account(await shopRoster(fixture, owner, 'jd-mianyu'));
    await call(fixture, owner, 'roster.setRouting', {
      shopId: 'jd-mianyu',
      subAccountId: jd.id,
      routing: { optIn: false, capacity: 6, weight: 300, groups: ['presale'], dedicatedBuyers: [] },
    });
    await settle(fixture);
    const agents = await call<{ id: string; receivesChats: boolean }[]>(fixture, owner, 'inbox.agents', {
      shopId: 'jd-mianyu',
    });
    expect(agents.find((a) => a.id === id)?.receivesChats).toBe(false);
    const supervisor = await call<{ shops: { shopId: string; receiving: number }[] }>(
      fixture,
      owner,
      'inbox.supervisor',
      {},
    ).catch(() => null);
    void supervisor;
    expect(
      (await shopRoster(fixture, owner, 'jd-mianyu')).subAccounts.find((a) => a.id === jd.id)?.routing,
    ).toMatchObject({
      optIn: false,
    });
    // Chats of JD now wait in its queue instead of reaching her; Tmall's still reach her.
    await fixture.run(5 * 60_000);
    const mine = await call<{ shopId: string; assigneeId: string | null }[]>(
      fixture,
      xiaolin,
      'inbox.listConversations',
      {
        view: 'mine',
        limit: 500,
      },
    );
    expect(mine.some((c) => c.shopId === 'jd-mianyu')).toBe(false);
  });

  it('syncs people and departments between two consoles through the first shop’s platform, conflicts kept', async () => {
    const hubs = new Map<string, DemoRosterHub>();
    const a = await startCoreFixture({ messagesPerMinute: 0.001, rosterHubs: hubs, idPrefix: 'a' });
    const b = await startCoreFixture({ messagesPerMinute: 0.001, rosterHubs: hubs, idPrefix: 'b' });
    try {
      const both = async () => {
        for (let i = 0; i < 3; i += 1) {
          await settle(a);
          await settle(b);
        }
      };
      await both();
      const ownerA = await loggedIn(a.core, 'owner');
      const ownerB = await loggedIn(b.core, 'owner');
      const department = await call<{ id: string }>(a, ownerA, 'roster.saveDepartment', {
        departmentId: null,
        name: '客服三部',
        parentId: null,
        supervisorId: null,
      });
      const zhou = await call<RosterPerson>(a, ownerA, 'roster.savePerson', {
        personId: null,
        profile: profile('新人小周', { departmentId: department.id, phone: '13800000001' }),
      });
      await both();
      // The second console, on its own data folder, has both — the person in the department.
      let seen = await call<{ people: RosterPerson[]; departments: { id: string; name: string }[] }>(
        b,
        ownerB,
        'roster.people',
        {},
      );
      expect(seen.departments.find((d) => d.id === department.id)?.name).toBe('客服三部');
      expect(seen.people.find((p) => p.id === zhou.id)).toMatchObject({
        displayName: '新人小周',
        departmentId: department.id,
        phone: '13800000001',
      });
      expect(await call<OrganisationSync>(b, ownerB, 'roster.organisationSync', {})).toMatchObject({
        viaShopId: 'tmall-mianyu',
        online: true,
        pending: 0,
      });

      // Both change 小周's phone while the platform is offline: each keeps its edit, then both show the conflict.
      hubs.get('tmall-mianyu')!.setOnline(false);
      await both();
      const edit = (f: CoreFixture, caller: Caller, phone: string) =>
        call(f, caller, 'roster.savePerson', {
          personId: zhou.id,
          profile: profile('新人小周', { departmentId: department.id, phone }),
        });
      await edit(a, ownerA, '13800000002');
      await edit(b, ownerB, '13800000003');
      expect((await call<OrganisationSync>(a, ownerA, 'roster.organisationSync', {})).online).toBe(false);
      expect((await call<OrganisationSync>(b, ownerB, 'roster.organisationSync', {})).pending).toBe(1);
      hubs.get('tmall-mianyu')!.setOnline(true);
      await both();
      for (const [f, caller] of [
        [a, ownerA],
        [b, ownerB],
      ] as const) {
        const conflicts = await call<RosterConflict[]>(f, caller, 'roster.conflicts', {});
        const phone = conflicts.find((c) => c.entityId === zhou.id && c.field === 'phone')!;
        expect(phone).toMatchObject({ shopId: null, entity: 'person', entityLabel: '新人小周' });
        expect(phone.versions.map((v) => v.value).sort()).toEqual(['13800000002', '13800000003']);
      }
      // The owner keeps the first console's number on the second console; the first follows.
      const conflict = (await call<RosterConflict[]>(b, ownerB, 'roster.conflicts', {})).find(
        (c) => c.entityId === zhou.id && c.field === 'phone',
      )!;
      await call(b, ownerB, 'roster.resolveOrganisationConflict', {
        entity: 'person',
        entityId: zhou.id,
        field: 'phone',
        versionId: conflict.versions.find((v) => v.value === '13800000002')!.id,
      });
      await both();
      for (const [f, caller] of [
        [a, ownerA],
        [b, ownerB],
      ] as const) {
        // (Each console seeded its own demo organisation, so the demo departments' supervisors are a conflict of
        // their own; 小周's is resolved.)
        const left = await call<RosterConflict[]>(f, caller, 'roster.conflicts', {});
        expect(left.filter((c) => c.entityId === zhou.id)).toEqual([]);
        seen = await call(f, caller, 'roster.people', {});
        expect(seen.people.find((p) => p.id === zhou.id)?.phone).toBe('13800000002');
      }
      // A shop's log takes none of the organisation's ops from the hub they share (and the other way round).
      const shopSide = await shopRoster(a, ownerA, 'tmall-mianyu');
      expect(shopSide.sync.pending).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('offboards a leaver everywhere: sub-accounts disabled, grants revoked, session ended, chats back to the queue', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 30 });
    const owner = await loggedIn(fixture.core, 'owner');
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    fixture.core.subscribe(xiaolin, () => undefined);
    await fixture.run(120_000);
    const id = xiaolin.session!.userId;
    const result = await call<{ disabled: unknown[]; checklist: string[] }>(fixture, owner, 'roster.offboard', {
      personId: id,
      reason: '离职',
    });
    expect(result.disabled).toHaveLength(3);
    expect(result.checklist).toHaveLength(3);
    await settle(fixture);
    expect(xiaolin.session).toBeNull();
    for (const shopId of ['tmall-mianyu', 'jd-mianyu', 'pdd-mianyu']) {
      const roster = await shopRoster(fixture, owner, shopId);
      expect(roster.subAccounts.find((a) => a.personId === id)?.status).toBe('disabled');
      const chats = await call<{ assigneeId: string | null }[]>(fixture, owner, 'inbox.listConversations', {
        shopId,
        view: 'recent',
        limit: 500,
      });
      expect(chats.some((c) => c.assigneeId === id)).toBe(false);
    }
    expect(
      await fixture.core.dispatch({ session: null }, 'session.login', { login: 'xiaolin', password: 'demo1234' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    expect((await people(fixture, owner)).find((p) => p.id === id)?.status).toBe('left');
  });
});
