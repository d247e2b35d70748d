// The roster's behaviour: the organisation (people, departments) in the organisation's log, and per shop the
// sub-accounts, roles and quota in the shop's log. Every edit becomes roster ops (one per field) stamped by this
// console's hybrid clock, stored with the command's audit entry in one transaction, applied to the replica, and
// queued for a platform: a shop's for its own, the organisation's for the platform of the business's first shop
// (where every console of the business meets; from that shop's hub the organisation takes only people and
// departments, and the shop only the rest). Edits of one log run one at a time, so an op always names the versions
// its author saw. Delegation is checked here on every call: a supervisor edits only people below them and grants only
// what they hold in that shop.
import {
  AppError,
  grants,
  grantsInShop,
  PENDING_EDITS_LISTED,
  PlatformRules,
  type ChecklistItem,
  type Department,
  type OrganisationSync,
  type Grant,
  type Permission,
  type PermissionExplanation,
  type PendingEdit,
  type PersonProfile,
  type Role,
  type RosterConflict,
  type RosterPerson,
  type RosterSyncStatus,
  type RoutingSettings,
  type SessionInfo,
  type ShopRoster,
  type SubAccount,
  type ViewAsPreview,
} from '../../../shared/contract/index.ts';
import { createHybridClock, hlcTime, type HybridClock } from '../../../shared/domain/hlc.ts';
import { escalations, isAbove, type OrgLinks } from '../../../shared/domain/roster/delegation.ts';
import { DEFAULT_SUB_ACCOUNT_QUOTA, quotaUse } from '../../../shared/domain/roster/quota.ts';
import { riskyCombinations } from '../../../shared/domain/roster/risky-grants.ts';
import { withoutDenied } from '../../../shared/domain/roster/denied-grants.ts';
import { ROLE_TEMPLATES, templateForLabel } from '../../../shared/domain/roster/roles.ts';
import {
  canonicalJson,
  RosterReplica,
  type JsonValue,
  type RosterEntity,
  type RosterOp,
} from '../../../shared/domain/roster/roster-ops.ts';
import {
  checkOrderExporters,
  checkPlatformRules,
  DEFAULT_SUB_ACCOUNT_PLATFORM_RULES,
  exportsOrders,
  NO_PLATFORM_RULES,
  type SubAccountPlatformRules,
} from '../../../shared/domain/roster/platform-sub-accounts.ts';
import { checkSubAccountName } from '../../../shared/domain/roster/sub-account-rules.ts';
import type { CommandTx } from '../module.ts';
import { ORG_LOG, type AuditDraft, type Clock, type DemoSeed, type Ids } from '../ports.ts';
import { defaultRouting, routingOf, type Person } from '../sessions/people-document.ts';
import type { EffectivePerson } from '../sessions/session-service.ts';
import type { ShopDocument } from '../shops/shop-document.ts';
import type { ImportRow } from './roster-file.ts';
import type { RosterStore, RosterWrite } from './roster-store.ts';
import type { SyncTarget } from './roster-sync.ts';
import {
  departmentsOf,
  EMPTY_PROFILE,
  inForce,
  PROFILE_FIELDS,
  profileOf,
  rolesOf,
  subAccountOf,
  conflictedFields,
} from './roster-views.ts';

/** Who makes an edit: a person through a command, or the console itself (expiry, import). */
export type Actor = Readonly<{ id: string | null; name: string | null; session: SessionInfo | null }>;

export type RosterDeps = Readonly<{
  store: RosterStore;
  clock: Clock;
  ids: Ids;
  /** Writes to a log outside a command (imports, expiry, sync), with the system's audit entry when given. */
  write(log: string, write: Readonly<{ roster: RosterWrite; audit?: AuditDraft[] }>): Promise<void>;
  shopOf(shopId: string): ShopDocument | null;
  people(): readonly Person[];
  demo: DemoSeed | null;
}>;

type LogState = {
  readonly key: string;
  readonly replica: RosterReplica;
  /** Ops queued for the platform and not yet answered, in order. */
  outbox: Set<string>;
  cursor: string | null;
  checklist: ChecklistItem[];
  online: boolean | null;
  lastSyncAt: number | null;
  error: string | null;
  /** Edits of this log run one after another (see the file comment). */
  queue: Promise<unknown>;
  /** Index: person → the ids of their sub-accounts here (rebuilt after a change). */
  byPerson: Map<string, string[]> | null;
};

export type Edit = Readonly<{ entity: RosterEntity; entityId: string; field: string; value: JsonValue }>;

export interface RosterService {
  openLog(key: string): Promise<void>;
  closeLog(key: string): void;
  isOpen(key: string): boolean;
  /** Imports people.json's people (and the demo's departments) into the organisation's log where missing. */
  importOrganisation(): Promise<void>;
  people(session: SessionInfo): { people: RosterPerson[]; departments: Department[] };
  shop(session: SessionInfo, shopId: string): ShopRoster;
  explain(personId: string, shopId: string): PermissionExplanation;
  /** "View as", from the session the person would get (`session`: null when they cannot log in). */
  viewAs(asker: SessionInfo, personId: string, session: SessionInfo | null): ViewAsPreview;
  conflicts(session: SessionInfo): RosterConflict[];
  savePerson(
    actor: Actor,
    tx: CommandTx,
    input: Readonly<{ personId: string | null; profile: PersonProfile }>,
    newId: string,
  ): Promise<RosterPerson>;
  saveDepartment(
    actor: Actor,
    tx: CommandTx,
    input: Readonly<{
      departmentId: string | null;
      name: string;
      parentId: string | null;
      supervisorId: string | null;
    }>,
  ): Promise<Department>;
  createSubAccount(
    actor: Actor,
    tx: CommandTx,
    input: Readonly<{
      shopId: string;
      personId: string;
      name: string;
      roleIds: readonly string[];
      expiresAt: number | null;
    }>,
  ): Promise<SubAccount>;
  updateSubAccount(
    actor: Actor,
    tx: CommandTx,
    input: Readonly<{
      shopId: string;
      subAccountId: string;
      name?: string;
      roleIds?: readonly string[];
      extraGrants?: readonly Readonly<{ grant: Grant; until: number | null }>[];
      deniedGrants?: readonly Permission[];
      expiresAt?: number | null;
    }>,
  ): Promise<SubAccount>;
  setRouting(
    actor: Actor,
    tx: CommandTx,
    input: Readonly<{ shopId: string; subAccountId: string; routing: RoutingSettings | null }>,
  ): Promise<SubAccount>;
  /** Everyone below a person in the organisation (directly, through supervisors, or as their department's head). */
  peopleBelow(personId: string): string[];
  /** The shop's dedicated buyers (专属客服) from the roster's routing settings: buyer id → person id. */
  dedicatedIn(shopId: string): Record<string, string>;
  setSubAccountStatus(
    actor: Actor,
    tx: CommandTx | null,
    input: Readonly<{ shopId: string; subAccountId: string; status: 'active' | 'disabled' }>,
  ): Promise<SubAccount>;
  saveRole(
    actor: Actor,
    tx: CommandTx,
    input: Readonly<{ shopId: string; roleId: string | null; name: string; permissions: readonly Grant[] }>,
  ): Promise<Role>;
  setQuota(actor: Actor, tx: CommandTx, shopId: string, limit: number): Promise<ShopRoster['quota']>;
  /** The shop's own sub-account rules of its platform (null: its platform's defaults); the owner only. */
  setPlatformRules(
    actor: Actor,
    tx: CommandTx,
    shopId: string,
    rules: PlatformRules | null,
  ): Promise<ShopRoster['platformRules']>;
  resolve(
    actor: Actor,
    tx: CommandTx,
    log: string,
    key: Readonly<{ entity: RosterEntity; entityId: string; field: string; versionId: string }>,
  ): Promise<{ value: unknown; overruled: RosterOp[] }>;
  offboard(
    actor: Actor,
    tx: CommandTx,
    personId: string,
  ): Promise<{ disabled: { shopId: string; subAccountId: string }[]; checklist: string[] }>;
  completeChecklistItem(tx: CommandTx, shopId: string, itemId: string): Promise<ChecklistItem>;
  /** What importing these rows would do: people added, people changed, rows that change nothing. */
  importCounts(rows: readonly ImportRow[]): { creates: number; updates: number; unchanged: number };
  /** Applies imported rows in one change of the organisation's log (the owner only). */
  importPeople(
    actor: Actor,
    tx: CommandTx,
    rows: readonly ImportRow[],
  ): Promise<{ creates: number; updates: number; unchanged: number }>;
  /** A person as sessions and routing see them: their sub-accounts and grants per shop from the roster. */
  overlay(person: Person): EffectivePerson;
  /** A shop's sync with its platform; with ORG_LOG, the organisation's with the platform it syncs through. */
  syncTarget(key: string): SyncTarget | null;
  syncStatus(shopId: string): RosterSyncStatus;
  /**
   * Sets the shop whose platform the organisation syncs through. When it is another than the one the organisation
   * last synced with (or the first), every op of the organisation is queued for it and it is pulled from its start.
   */
  organisationHub(shopId: string | null): Promise<void>;
  organisationSync(): OrganisationSync;
  /** The shop whose platform the organisation syncs through now (null: none yet). */
  organisationVia(): string | null;
  /** The next time something expires (a temporary account, an extra grant), or null. */
  nextExpiry(now: number): number | null;
  /** Disables temporary accounts whose time is up (as the console); returns the shops that changed. */
  expire(now: number): Promise<string[]>;
  onChange(listener: (log: string) => void): () => void;
  onSyncStatus(listener: (shopId: string, status: RosterSyncStatus) => void): () => void;
  onOrganisationSync(listener: (status: OrganisationSync) => void): () => void;
}

/** What the organisation's log keeps of a hub: people and departments (the rest is the shops'). */
const ofOrganisation = (op: RosterOp) => op.entity === 'person' || op.entity === 'department';

/** The organisation's cursor names the shop whose platform it is of: `<shopId>\n<cursor>`. */
function splitOrgCursor(stored: string | null): { hub: string | null; cursor: string | null } {
  const at = stored?.indexOf('\n') ?? -1;
  if (stored === null || at < 0) return { hub: null, cursor: null };
  return { hub: stored.slice(0, at), cursor: stored.slice(at + 1) || null };
}

function asJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}

export function createRosterService(deps: RosterDeps): RosterService {
  const logs = new Map<string, LogState>();
  // This console's replica id and clock: set when the organisation's log opens (it keeps the id), before any edit.
  let node = 'unset';
  let hlc: HybridClock = createHybridClock(node, () => deps.clock.now());
  const here = () => `console:${node}`;
  const changeListeners = new Set<(log: string) => void>();
  const syncListeners = new Set<(shopId: string, status: RosterSyncStatus) => void>();
  const orgSyncListeners = new Set<(status: OrganisationSync) => void>();

  const org = (): LogState => {
    const state = logs.get(ORG_LOG);
    if (!state) throw new AppError('unavailable', 'the organisation roster is not open');
    return state;
  };
  const shopLog = (shopId: string): LogState => {
    const state = logs.get(shopId);
    if (!state) throw new AppError('shop_archived', `shop ${shopId} is not open`);
    return state;
  };
  const mainAccountOf = (shopId: string) => deps.shopOf(shopId)?.profile.mainAccount ?? shopId;

  /**
   * Refuses an account that its platform would refuse (a JD account without a role, a Pinduoduo phone twice).
   * `phone`: the person's phone as it is about to be (a profile edit), else as it stands.
   */
  function requirePlatformRules(
    log: LogState,
    accountId: string | null,
    personId: string,
    roleIds: readonly string[],
    phone?: string,
  ) {
    const platform = deps.shopOf(log.key)?.profile.platform;
    if (!platform) return;
    const { rules } = platformRulesOf(log);
    const phoneOf = (id: string) =>
      id === personId && phone !== undefined ? phone : (profileOf(org().replica, id)?.phone ?? '');
    const others = subAccounts(log).filter(
      (a) => a.id !== accountId && a.status !== 'disabled' && a.personId !== null && a.personId !== personId,
    );
    const problem = checkPlatformRules(
      rules,
      { roleIds, phone: phoneOf(personId) },
      others.map((a) => phoneOf(a.personId!)),
    );
    if (problem)
      throw new AppError('invalid_input', `the platform (${platform}) refuses this sub-account: ${problem}`, {
        reason: problem,
        platform,
      });
  }

  /** The shop's sub-account rules: its own (set by the owner, synced with its roster), else its platform's. */
  function platformRulesOf(log: LogState): { rules: SubAccountPlatformRules; custom: boolean } {
    const stored = PlatformRules.safeParse(log.replica.value('shop', log.key, 'platformRules'));
    if (stored.success) return { rules: stored.data, custom: true };
    const platform = deps.shopOf(log.key)?.profile.platform;
    return { rules: platform ? DEFAULT_SUB_ACCOUNT_PLATFORM_RULES[platform] : NO_PLATFORM_RULES, custom: false };
  }

  /** How many accounts (not disabled) export orders, with one account or one role as a change would leave it. */
  function orderExporters(
    log: LogState,
    change: Readonly<{ accountId: string | null; account?: Partial<SubAccount> }> | null,
    role: Readonly<{ id: string; permissions: readonly Grant[] }> | null,
  ): number {
    const now = deps.clock.now();
    const roles = new Map(rolesOf(log.replica, log.key).map((r) => [r.id, r.permissions as readonly Grant[]]));
    if (role) roles.set(role.id, role.permissions);
    const accounts: Pick<SubAccount, 'status' | 'roleIds' | 'extraGrants' | 'deniedGrants'>[] = subAccounts(log).map(
      (a) => (change !== null && a.id === change.accountId ? { ...a, ...change.account } : a),
    );
    if (change !== null && change.accountId === null)
      accounts.push({ status: 'active', roleIds: [], extraGrants: [], deniedGrants: [], ...change.account });
    return accounts.filter((a) => {
      if (a.status === 'disabled') return false;
      const given = [
        ...a.roleIds.flatMap((id) => roles.get(id) ?? []),
        ...a.extraGrants.filter((g) => g.until === null || g.until > now).map((g) => g.grant),
      ];
      return exportsOrders(a.deniedGrants.length === 0 ? given : withoutDenied(given, a.deniedGrants));
    }).length;
  }

  /** Refuses a change that would leave more accounts exporting orders than the platform lets (JD: 3). */
  function requireOrderExporters(
    log: LogState,
    change: Readonly<{ accountId: string | null; account?: Partial<SubAccount> }> | null,
    role: Readonly<{ id: string; permissions: readonly Grant[] }> | null = null,
  ): void {
    const { rules } = platformRulesOf(log);
    if (rules.maxOrderExporters === null) return;
    const after = orderExporters(log, change, role);
    // A shop already over the limit (its rule lowered) is not blocked from other changes; only from adding more.
    if (checkOrderExporters(rules, after) && after > orderExporters(log, null, null))
      throw new AppError(
        'invalid_input',
        `the platform lets at most ${rules.maxOrderExporters} sub-accounts export orders`,
        { reason: 'exporters_full', limit: rules.maxOrderExporters },
      );
  }

  function platformRulesView(log: LogState): ShopRoster['platformRules'] {
    const { rules, custom } = platformRulesOf(log);
    return { ...rules, custom, exporters: orderExporters(log, null, null) };
  }

  function changed(log: LogState): void {
    log.byPerson = null;
    for (const listener of changeListeners) listener(log.key);
  }

  function announceSync(key: string): void {
    if (key === ORG_LOG) {
      const status = organisationSync();
      for (const listener of orgSyncListeners) listener(status);
      return;
    }
    const status = syncStatus(key);
    for (const listener of syncListeners) listener(key, status);
  }

  function byPerson(log: LogState): Map<string, string[]> {
    if (log.byPerson) return log.byPerson;
    const index = new Map<string, string[]>();
    for (const id of log.replica.entityIds('subAccount')) {
      const personId = log.replica.value('subAccount', id, 'personId');
      if (typeof personId !== 'string') continue;
      const list = index.get(personId);
      if (list) list.push(id);
      else index.set(personId, [id]);
    }
    log.byPerson = index;
    return index;
  }

  function subAccount(log: LogState, id: string): SubAccount | null {
    return subAccountOf(log.replica, log.key, mainAccountOf(log.key), id, log.outbox);
  }

  function subAccounts(log: LogState): SubAccount[] {
    const out: SubAccount[] = [];
    for (const id of log.replica.entityIds('subAccount')) {
      const account = subAccount(log, id);
      if (account) out.push(account);
    }
    return out.sort((a, b) => a.fullName.localeCompare(b.fullName, 'zh-CN'));
  }

  /** Each linked person's routing where their sub-account sets none (a person without a login: the staff default). */
  function routingDefaults(accounts: readonly SubAccount[]): Record<string, RoutingSettings> {
    const out: Record<string, RoutingSettings> = {};
    const people = new Map(deps.people().map((p) => [p.id, p]));
    for (const { personId } of accounts) {
      if (personId === null || personId in out) continue;
      const person = people.get(personId);
      const routing = person ? routingOf(person) : defaultRouting('staff');
      out[personId] = { ...routing, groups: [...routing.groups], dedicatedBuyers: [] };
    }
    return out;
  }

  function quotaLimit(log: LogState): number {
    const stored = log.replica.value('shop', log.key, 'quotaLimit');
    if (typeof stored === 'number') return stored;
    const level = deps.shopOf(log.key)?.profile.sellerLevel ?? 'heart';
    return DEFAULT_SUB_ACCOUNT_QUOTA[level];
  }

  function quota(log: LogState) {
    return quotaUse(
      subAccounts(log).map((a) => ({ status: a.status, temporary: a.expiresAt !== null })),
      quotaLimit(log),
    );
  }

  /** Grants a person holds in a shop now, each with where it comes from. */
  function reasonsIn(personId: string, shopId: string, now: number): PermissionExplanation['reasons'] {
    const person = deps.people().find((p) => p.id === personId);
    if (person?.kind === 'owner') return [{ grant: '*', source: 'owner', label: '', until: null }];
    const log = logs.get(shopId);
    if (!log) return [];
    const profile = profileOf(org().replica, personId);
    if (profile?.status === 'left') return [];
    const roles = new Map(rolesOf(log.replica, shopId).map((r) => [r.id, r]));
    const reasons: PermissionExplanation['reasons'] = [];
    for (const id of byPerson(log).get(personId) ?? []) {
      const account = subAccount(log, id);
      if (!account || !inForce(account, now)) continue;
      for (const roleId of account.roleIds) {
        const role = roles.get(roleId);
        for (const grant of role?.permissions ?? [])
          reasons.push({ grant, source: 'role', label: role!.name, until: account.expiresAt });
      }
      for (const extra of account.extraGrants)
        if (extra.until === null || extra.until > now)
          reasons.push({ grant: extra.grant, source: 'extra', label: '', until: extra.until });
      for (const denied of account.deniedGrants)
        reasons.push({ grant: denied, source: 'denied', label: '', until: null });
    }
    return reasons;
  }

  /** What a person holds in a shop: what their roles and extra grants give, less what is denied them there. */
  function grantsIn(personId: string, shopId: string, now: number): Grant[] {
    return grantsOf(reasonsIn(personId, shopId, now));
  }

  function grantsOf(reasons: PermissionExplanation['reasons']): Grant[] {
    const given = [...new Set(reasons.filter((r) => r.source !== 'denied').map((r) => r.grant))];
    const denied = reasons.filter((r) => r.source === 'denied').map((r) => r.grant);
    return denied.length === 0 ? given : withoutDenied(given, denied);
  }

  /** What the actor holds in a shop (the owner: everything). */
  function actorGrants(actor: Actor, shopId: string): Grant[] {
    if (actor.session === null || actor.session.kind === 'owner') return ['*'];
    return grantsIn(actor.session.userId, shopId, deps.clock.now());
  }

  const links = (): OrgLinks => {
    const replica = org().replica;
    const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : null);
    return {
      supervisorOf: (id) => text(replica.value('person', id, 'supervisorId')),
      departmentOf: (id) => text(replica.value('person', id, 'departmentId')),
      departmentSupervisor: (id) => text(replica.value('department', id, 'supervisorId')),
      departmentParent: (id) => text(replica.value('department', id, 'parentId')),
    };
  };

  /** The owner (or the console itself) manages everyone; anyone else only the people below them. */
  function mayManage(actor: Actor, personId: string): boolean {
    if (actor.session === null || actor.session.kind === 'owner') return true;
    return isAbove(links(), actor.session.userId, personId);
  }

  function requireManage(actor: Actor, personId: string): void {
    if (!mayManage(actor, personId))
      throw new AppError('forbidden', 'you can edit only the people below you in the organisation', {
        reason: 'not_below',
      });
  }

  function requireWithin(actor: Actor, shopId: string, wanted: readonly Grant[]): void {
    const beyond = escalations(actorGrants(actor, shopId), wanted);
    if (beyond.length > 0)
      throw new AppError('forbidden', `you can grant only what you hold in this shop (not: ${beyond.join(', ')})`, {
        reason: 'escalation',
        grants: beyond,
      });
  }

  /** Runs one edit of a log after the ones before it. */
  function serial<T>(log: LogState, body: () => Promise<T>): Promise<T> {
    const run = log.queue.then(body, body);
    log.queue = run.catch(() => undefined);
    return run;
  }

  function makeOps(log: LogState, actor: Actor, origin: string, edits: readonly Edit[]): RosterOp[] {
    const ops: RosterOp[] = [];
    for (const edit of edits) {
      const current = log.replica.field(edit.entity, edit.entityId, edit.field);
      // Setting a field to the value it has is no edit (and no op to sync).
      if (current && !current.conflict && canonicalJson(current.value) === canonicalJson(edit.value)) continue;
      ops.push({
        id: hlc.send(),
        entity: edit.entity,
        entityId: edit.entityId,
        field: edit.field,
        value: edit.value,
        supersedes: log.replica.heads(edit.entity, edit.entityId, edit.field),
        actorId: actor.id,
        actorName: actor.name,
        origin,
      });
    }
    return ops;
  }

  /** Stores ops (with the command's entry when through `tx`), applies them, queues a shop's for its platform. */
  async function commit(
    log: LogState,
    ops: readonly RosterOp[],
    tx: CommandTx | null,
    audit?: AuditDraft,
  ): Promise<void> {
    if (ops.length === 0 && !tx) return;
    const queue = ops.map((op) => op.id);
    const write: RosterWrite = { ops, queue };
    if (tx) await tx.write(log.key, { roster: write });
    else await deps.write(log.key, { roster: write, ...(audit ? { audit: [audit] } : {}) });
    for (const op of ops) log.replica.apply(op);
    for (const id of queue) log.outbox.add(id);
    if (ops.length > 0) changed(log);
  }

  function recordOps(tx: CommandTx, ops: readonly RosterOp[], log: LogState): void {
    const changes: Record<string, { from?: unknown; to?: unknown }> = {};
    for (const op of ops) {
      const before = op.supersedes.map(
        (id) => log.replica.history(op.entity, op.entityId, op.field).find((o) => o.id === id)?.value,
      );
      changes[op.field] = {
        ...(before.length > 0 ? { from: before.length === 1 ? before[0] : before } : {}),
        to: op.value,
      };
    }
    tx.record(changes);
    const first = ops[0];
    if (first) tx.target({ kind: first.entity, id: first.entityId });
  }

  /** A sub-account the actor may manage, none of whose `fields` is in conflict (an edit of those waits for the owner). */
  function manageable(log: LogState, actor: Actor, subAccountId: string, fields: readonly string[]): SubAccount {
    const account = subAccount(log, subAccountId);
    if (!account) throw new AppError('not_found', 'no such sub-account');
    if (account.personId !== null) requireManage(actor, account.personId);
    const conflicted = fields.filter((field) => account.conflicts.includes(field));
    if (conflicted.length > 0)
      throw new AppError('conflict', 'this field has a conflict: resolve it in the conflict list first', {
        fields: conflicted,
      });
    return account;
  }

  /** One command's edits of a log: made into ops, recorded for its audit entry, stored and applied. */
  async function applyEdits(log: LogState, actor: Actor, tx: CommandTx | null, edits: readonly Edit[]): Promise<void> {
    const ops = makeOps(log, actor, here(), edits);
    if (tx) recordOps(tx, ops, log);
    await commit(log, ops, tx);
  }

  function systemEntry(log: string, action: string, target: { kind: string; id: string }, changes: object): AuditDraft {
    return {
      id: deps.ids.next('aud'),
      at: deps.clock.now(),
      actorId: null,
      actorName: null,
      connectionId: 'system',
      origin: 'system',
      shopId: log === ORG_LOG ? null : log,
      action,
      targetKind: target.kind,
      targetId: target.id,
      changes: JSON.stringify(changes),
    };
  }

  /** First open of a shop's roster: its role templates, and the sub-accounts people.json knew of. */
  async function importShop(log: LogState): Promise<void> {
    const shopId = log.key;
    const edits: Edit[] = [];
    for (const template of ROLE_TEMPLATES) {
      const id = `role-${template.key}`;
      edits.push(
        { entity: 'role', entityId: id, field: 'name', value: template.name },
        { entity: 'role', entityId: id, field: 'permissions', value: [...template.permissions] },
        { entity: 'role', entityId: id, field: 'template', value: template.key },
      );
    }
    let custom = 0;
    for (const person of deps.people()) {
      if (person.kind === 'owner') continue;
      for (const sub of person.subAccounts.filter((s) => s.shopId === shopId)) {
        const template = templateForLabel(person.roleLabel);
        let roleId: string;
        if (template && canonicalJson([...template.permissions].sort()) === canonicalJson([...person.grants].sort()))
          roleId = `role-${template.key}`;
        else {
          roleId = `role-imported-${(custom += 1)}`;
          edits.push(
            { entity: 'role', entityId: roleId, field: 'name', value: person.roleLabel || '导入的岗位' },
            { entity: 'role', entityId: roleId, field: 'permissions', value: [...person.grants] },
          );
        }
        const id = `sa-${person.id}`.slice(0, 64);
        const main = mainAccountOf(shopId);
        const name = sub.name.startsWith(`${main}:`) ? sub.name.slice(main.length + 1) : sub.name;
        edits.push(
          { entity: 'subAccount', entityId: id, field: 'personId', value: person.id },
          { entity: 'subAccount', entityId: id, field: 'name', value: name },
          { entity: 'subAccount', entityId: id, field: 'status', value: person.disabled ? 'disabled' : 'active' },
          { entity: 'subAccount', entityId: id, field: 'roleIds', value: [roleId] },
        );
      }
    }
    const ops = makeOps(log, { id: null, name: null, session: null }, 'import', edits);
    await commit(
      log,
      ops,
      null,
      systemEntry(shopId, 'roster.imported', { kind: 'shop', id: shopId }, { ops: { to: ops.length } }),
    );
  }

  function profileEdits(personId: string, profile: PersonProfile): Edit[] {
    return PROFILE_FIELDS.map((field) => ({ entity: 'person', entityId: personId, field, value: profile[field] }));
  }

  function personView(
    session: SessionInfo,
    person: Pick<Person, 'id' | 'login' | 'kind'> | null,
    id: string,
  ): RosterPerson | null {
    const replica = org().replica;
    const profile = profileOf(replica, id);
    if (!profile) return null;
    const subs: RosterPerson['subAccounts'] = [];
    for (const log of logs.values()) {
      if (log.key === ORG_LOG) continue;
      if (session.shopIds !== 'all' && !session.shopIds.includes(log.key)) continue;
      for (const subId of byPerson(log).get(id) ?? []) {
        const account = subAccount(log, subId);
        if (account)
          subs.push({ shopId: log.key, subAccountId: subId, fullName: account.fullName, status: account.status });
      }
    }
    return {
      ...profile,
      id,
      login: person?.login ?? null,
      kind: person?.kind ?? 'staff',
      conflicts: conflictedFields(replica, 'person', id, PROFILE_FIELDS),
      subAccounts: subs,
      editable: person?.kind !== 'owner' && mayManage({ id: session.userId, name: null, session }, id),
    };
  }

  function syncStatus(shopId: string): RosterSyncStatus {
    const log = logs.get(shopId);
    return {
      shopId,
      online: log?.online ?? null,
      pending: log?.outbox.size ?? 0,
      pendingEdits: log ? pendingEdits(log) : [],
      lastSyncAt: log?.lastSyncAt ?? null,
      error: log?.error ?? null,
      checklist: log?.checklist ?? [],
    };
  }

  function organisationSync(): OrganisationSync {
    const log = logs.get(ORG_LOG);
    return {
      viaShopId: splitOrgCursor(log?.cursor ?? null).hub,
      online: log?.online ?? null,
      pending: log?.outbox.size ?? 0,
      pendingEdits: log ? pendingEdits(log) : [],
      lastSyncAt: log?.lastSyncAt ?? null,
      error: log?.error ?? null,
    };
  }

  function pendingEdits(log: LogState): PendingEdit[] {
    const out: PendingEdit[] = [];
    for (const id of log.outbox) {
      if (out.length === PENDING_EDITS_LISTED) break;
      const op = log.replica.op(id);
      if (!op) continue;
      out.push({
        opId: op.id,
        entity: op.entity,
        entityId: op.entityId,
        entityLabel: labelOf(log, op.entity, op.entityId),
        field: op.field,
        value: op.value,
        actorName: op.actorName,
        at: hlcTime(op.id),
      });
    }
    return out;
  }

  function labelOf(log: LogState, entity: RosterEntity, entityId: string): string {
    const replica = log.replica;
    if (entity === 'person') return String(org().replica.value('person', entityId, 'displayName') ?? entityId);
    if (entity === 'department') return String(replica.value('department', entityId, 'name') ?? entityId);
    if (entity === 'subAccount') return subAccount(log, entityId)?.fullName ?? entityId;
    if (entity === 'role') return String(replica.value('role', entityId, 'name') ?? entityId);
    return deps.shopOf(entityId)?.profile.name ?? entityId;
  }

  const service: RosterService = {
    async openLog(key) {
      if (logs.has(key)) return;
      const stored = await deps.store.load(key);
      if (key === ORG_LOG) {
        node =
          stored.node ??
          `c${deps.ids
            .next('n')
            .replace(/[^A-Za-z0-9]/g, '')
            .slice(-12)}`;
        if (stored.node === null) await deps.write(ORG_LOG, { roster: { node } });
        hlc = createHybridClock(node, () => deps.clock.now(), hlc.last());
      }
      const log: LogState = {
        key,
        replica: new RosterReplica(),
        outbox: new Set(stored.outbox),
        cursor: stored.cursor,
        checklist: stored.checklist,
        online: null,
        lastSyncAt: null,
        error: null,
        queue: Promise.resolve(),
        byPerson: null,
      };
      let newest: string | null = null;
      for (const op of stored.ops) {
        log.replica.apply(op);
        if (newest === null || op.id > newest) newest = op.id;
      }
      if (newest !== null) hlc.receive(newest);
      logs.set(key, log);
      if (key !== ORG_LOG && log.replica.entityIds('role').length === 0) await serial(log, () => importShop(log));
      changed(log);
    },
    closeLog(key) {
      logs.delete(key);
    },
    isOpen: (key) => logs.has(key),
    async importOrganisation() {
      const log = org();
      await serial(log, async () => {
        const edits: Edit[] = [];
        const departments = new Map<string, string>();
        const demoPeople = new Map((deps.demo?.people ?? []).map((p) => [p.login, p]));
        const loginToId = new Map(deps.people().map((p) => [p.login, p.id]));
        if (departmentsOf(log.replica).length === 0 && deps.people().some((p) => p.demo)) {
          for (const [i, dept] of (deps.demo?.departments ?? []).entries()) {
            const id = `dept-${i + 1}`;
            departments.set(dept.name, id);
            const supervisor = dept.supervisorLogin ? (loginToId.get(dept.supervisorLogin) ?? null) : null;
            edits.push(
              { entity: 'department', entityId: id, field: 'name', value: dept.name },
              { entity: 'department', entityId: id, field: 'parentId', value: null },
              { entity: 'department', entityId: id, field: 'supervisorId', value: supervisor },
            );
          }
        }
        for (const person of deps.people()) {
          if (profileOf(log.replica, person.id)) continue;
          const demo = person.demo ? demoPeople.get(person.login) : undefined;
          edits.push(
            ...profileEdits(person.id, {
              ...EMPTY_PROFILE,
              displayName: person.displayName,
              title: person.roleLabel,
              departmentId: demo?.department ? (departments.get(demo.department) ?? null) : null,
              supervisorId: demo?.supervisorLogin ? (loginToId.get(demo.supervisorLogin) ?? null) : null,
              phone: demo?.phone ?? '',
              status: person.disabled ? 'left' : 'active',
            }),
          );
        }
        if (edits.length === 0) return;
        const ops = makeOps(log, { id: null, name: null, session: null }, 'import', edits);
        await commit(
          log,
          ops,
          null,
          systemEntry(ORG_LOG, 'roster.imported', { kind: 'organisation', id: 'org' }, { ops: { to: ops.length } }),
        );
      });
    },

    people(session) {
      const stored = new Map(deps.people().map((p) => [p.id, p]));
      const replica = org().replica;
      const people: RosterPerson[] = [];
      for (const id of replica.entityIds('person')) {
        const view = personView(session, stored.get(id) ?? null, id);
        if (!view) continue;
        // Outside the owner's view, a person is listed where they hold a sub-account in the caller's shops, or
        // when the caller manages them.
        if (session.shopIds !== 'all' && view.subAccounts.length === 0 && !view.editable && id !== session.userId)
          continue;
        people.push(view);
      }
      people.sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
      return { people, departments: departmentsOf(replica) };
    },
    shop(_session, shopId) {
      const log = shopLog(shopId);
      const accounts = subAccounts(log);
      return {
        shopId,
        mainAccount: mainAccountOf(shopId),
        subAccounts: accounts,
        roles: rolesOf(log.replica, shopId),
        quota: quota(log),
        platformRules: platformRulesView(log),
        sync: syncStatus(shopId),
        defaultRouting: routingDefaults(accounts),
      };
    },
    viewAs(asker, personId, session) {
      const profile = logs.has(ORG_LOG) ? profileOf(org().replica, personId) : null;
      if (!profile && !session) throw new AppError('not_found', 'no such person');
      const now = deps.clock.now();
      const shopIds = [...logs.keys()].filter((key) => key !== ORG_LOG);
      // With a login, exactly the session's grants per shop; without, what their sub-accounts would allow.
      const held: [string, Grant[]][] =
        session?.kind === 'owner'
          ? shopIds.map((id) => [id, ['*']])
          : session
            ? Object.entries(session.shopGrants).map(([id, list]) => [id, [...list]])
            : shopIds.map((id) => [id, grantsIn(personId, id, now)]);
      const holding = held.filter(([, list]) => list.length > 0);
      const visible = holding.filter(
        ([id]) => asker.kind === 'owner' || grants(grantsInShop(asker, id), 'roster.view'),
      );
      return {
        personId,
        displayName: session?.displayName ?? profile!.displayName,
        kind: session?.kind ?? 'staff',
        canLogIn: session !== null,
        grants: session?.kind === 'owner' ? ['*'] : [...new Set(visible.flatMap(([, list]) => list))],
        shops: visible.map(([shopId, list]) => ({ shopId, grants: list })),
        hiddenShops: holding.length - visible.length,
      };
    },
    explain(personId, shopId) {
      shopLog(shopId);
      const reasons = reasonsIn(personId, shopId, deps.clock.now());
      const effective = grantsOf(reasons);
      return { personId, shopId, effective, reasons, risky: riskyCombinations(effective).map((c) => c.key) };
    },
    conflicts(session) {
      const out: RosterConflict[] = [];
      for (const log of logs.values()) {
        if (log.key !== ORG_LOG && session.shopIds !== 'all' && !session.shopIds.includes(log.key)) continue;
        for (const c of log.replica.conflicts()) {
          out.push({
            shopId: log.key === ORG_LOG ? null : log.key,
            entity: c.entity,
            entityId: c.entityId,
            entityLabel: labelOf(log, c.entity, c.entityId),
            field: c.field,
            versions: c.versions.map((v) => ({
              id: v.id,
              value: v.value,
              actorName: v.actorName,
              origin: v.origin,
              at: hlcTime(v.id),
            })),
          });
        }
      }
      return out;
    },

    savePerson(actor, tx, input, newId) {
      const log = org();
      return serial(log, async () => {
        const id = input.personId ?? newId;
        const before = input.personId === null ? null : profileOf(log.replica, id);
        if (input.personId !== null) {
          if (!before) throw new AppError('not_found', 'no such person');
          if (deps.people().find((p) => p.id === id)?.kind === 'owner' && actor.session?.kind !== 'owner')
            throw new AppError('forbidden', 'only the owner edits the owner');
          if (actor.session?.userId !== id || actor.session.kind !== 'owner') requireManage(actor, id);
        } else if (actor.session !== null && actor.session.kind !== 'owner') {
          // A supervisor adds people below themselves only.
          if (input.profile.supervisorId !== actor.session.userId)
            throw new AppError('forbidden', 'a new person must report to you (set yourself as their supervisor)', {
              reason: 'not_below',
            });
        }
        const { departmentId, supervisorId } = input.profile;
        if (departmentId !== null && log.replica.value('department', departmentId, 'name') === undefined)
          throw new AppError('not_found', 'no such department');
        if (supervisorId !== null && (supervisorId === id || !profileOf(log.replica, supervisorId)))
          throw new AppError('invalid_input', 'the supervisor must be another person of the organisation');
        if (supervisorId !== null && isAbove(links(), id, supervisorId))
          throw new AppError('invalid_input', 'that would make a circle of supervisors');
        const changedFields = PROFILE_FIELDS.filter(
          (field) => before === null || canonicalJson(before[field]) !== canonicalJson(input.profile[field]),
        );
        // A new phone must still suit the platforms of the person's accounts (Pinduoduo: one number per account).
        if (before !== null && changedFields.includes('phone'))
          for (const shop of logs.values()) {
            if (shop.key === ORG_LOG) continue;
            if (!platformRulesOf(shop).rules.uniquePhone) continue;
            for (const account of subAccounts(shop))
              if (account.personId === id && account.status !== 'disabled')
                requirePlatformRules(shop, account.id, id, account.roleIds, input.profile.phone);
          }
        const conflicted = changedFields.filter((field) => log.replica.field('person', id, field)?.conflict);
        if (conflicted.length > 0)
          throw new AppError('conflict', 'this field has a conflict: resolve it in the conflict list first', {
            fields: conflicted,
          });
        await applyEdits(
          log,
          actor,
          tx,
          profileEdits(id, input.profile).filter((e) => changedFields.includes(e.field as never)),
        );
        const stored = deps.people().find((p) => p.id === id) ?? null;
        return personView(actor.session!, stored, id)!;
      });
    },
    saveDepartment(actor, tx, input) {
      const log = org();
      return serial(log, async () => {
        if (actor.session !== null && actor.session.kind !== 'owner')
          throw new AppError('forbidden', 'only the owner changes the departments');
        const id =
          input.departmentId ??
          deps.ids
            .next('dept')
            .replace(/[^A-Za-z0-9_-]/g, '')
            .slice(0, 64);
        if (input.departmentId !== null && log.replica.value('department', id, 'name') === undefined)
          throw new AppError('not_found', 'no such department');
        for (let parent = input.parentId, steps = 0; parent !== null; steps += 1) {
          if (parent === id || steps > 100) throw new AppError('invalid_input', 'a department cannot be inside itself');
          const next = log.replica.value('department', parent, 'parentId');
          if (log.replica.value('department', parent, 'name') === undefined)
            throw new AppError('not_found', 'no such parent department');
          parent = typeof next === 'string' ? next : null;
        }
        await applyEdits(log, actor, tx, [
          { entity: 'department', entityId: id, field: 'name', value: input.name },
          { entity: 'department', entityId: id, field: 'parentId', value: input.parentId },
          { entity: 'department', entityId: id, field: 'supervisorId', value: input.supervisorId },
        ]);
        return departmentsOf(log.replica).find((d) => d.id === id)!;
      });
    },
    createSubAccount(actor, tx, input) {
      const log = shopLog(input.shopId);
      return serial(log, async () => {
        const profile = profileOf(org().replica, input.personId);
        if (!profile) throw new AppError('not_found', 'no such person');
        if (profile.status === 'left') throw new AppError('conflict', 'this person has left the organisation');
        requireManage(actor, input.personId);
        const main = mainAccountOf(input.shopId);
        const problem = checkSubAccountName(main, input.name);
        if (problem) throw new AppError('invalid_input', `sub-account name: ${problem}`, { reason: problem });
        const existing = subAccounts(log);
        const fullName = `${main}:${input.name}`;
        if (existing.some((a) => a.fullName === fullName))
          throw new AppError(
            'conflict',
            'this shop already has a sub-account of that name (sub-accounts are never deleted)',
          );
        if (existing.some((a) => a.personId === input.personId && a.status !== 'disabled'))
          throw new AppError('conflict', 'this person already has a sub-account in this shop');
        const roles = new Map(rolesOf(log.replica, input.shopId).map((r) => [r.id, r]));
        const missing = input.roleIds.find((id) => !roles.has(id));
        if (missing) throw new AppError('not_found', `no such role: ${missing}`);
        requireWithin(
          actor,
          input.shopId,
          input.roleIds.flatMap((id) => roles.get(id)!.permissions),
        );
        requirePlatformRules(log, null, input.personId, input.roleIds);
        requireOrderExporters(log, { accountId: null, account: { roleIds: [...input.roleIds] } });
        const now = deps.clock.now();
        if (input.expiresAt !== null && input.expiresAt <= now)
          throw new AppError('invalid_input', 'a temporary account must expire in the future');
        const use = quota(log);
        if (input.expiresAt === null && use.free === 0)
          throw new AppError('quota_exceeded', `the shop uses all ${use.limit} sub-accounts of its quota`, use);
        const id = deps.ids
          .next('sa')
          .replace(/[^A-Za-z0-9_-]/g, '')
          .slice(0, 64);
        await applyEdits(log, actor, tx, [
          { entity: 'subAccount', entityId: id, field: 'personId', value: input.personId },
          { entity: 'subAccount', entityId: id, field: 'name', value: input.name },
          { entity: 'subAccount', entityId: id, field: 'status', value: 'active' },
          { entity: 'subAccount', entityId: id, field: 'expiresAt', value: input.expiresAt },
          { entity: 'subAccount', entityId: id, field: 'roleIds', value: [...input.roleIds] },
          { entity: 'subAccount', entityId: id, field: 'extraGrants', value: [] },
        ]);
        return subAccount(log, id)!;
      });
    },
    updateSubAccount(actor, tx, input) {
      const log = shopLog(input.shopId);
      return serial(log, async () => {
        const account = manageable(log, actor, input.subAccountId, []);
        const edits: Edit[] = [];
        if (input.name !== undefined && input.name !== account.name) {
          const main = mainAccountOf(input.shopId);
          const problem = checkSubAccountName(main, input.name);
          if (problem) throw new AppError('invalid_input', `sub-account name: ${problem}`, { reason: problem });
          if (subAccounts(log).some((a) => a.id !== account.id && a.fullName === `${main}:${input.name}`))
            throw new AppError('conflict', 'this shop already has a sub-account of that name');
          edits.push({ entity: 'subAccount', entityId: account.id, field: 'name', value: input.name });
        }
        if (input.roleIds !== undefined) {
          const roles = new Map(rolesOf(log.replica, input.shopId).map((r) => [r.id, r]));
          const missing = input.roleIds.find((id) => !roles.has(id));
          if (missing) throw new AppError('not_found', `no such role: ${missing}`);
          requireWithin(
            actor,
            input.shopId,
            input.roleIds.flatMap((id) => roles.get(id)!.permissions),
          );
          if (account.personId !== null) requirePlatformRules(log, account.id, account.personId, input.roleIds);
          edits.push({ entity: 'subAccount', entityId: account.id, field: 'roleIds', value: [...input.roleIds] });
        }
        if (input.extraGrants !== undefined) {
          requireWithin(
            actor,
            input.shopId,
            input.extraGrants.map((g) => g.grant),
          );
          edits.push({
            entity: 'subAccount',
            entityId: account.id,
            field: 'extraGrants',
            value: asJson(input.extraGrants),
          });
        }
        if (input.deniedGrants !== undefined)
          edits.push({
            entity: 'subAccount',
            entityId: account.id,
            field: 'deniedGrants',
            value: [...new Set(input.deniedGrants)],
          });
        if (input.expiresAt !== undefined)
          edits.push({ entity: 'subAccount', entityId: account.id, field: 'expiresAt', value: input.expiresAt });
        manageable(
          log,
          actor,
          account.id,
          edits.map((e) => e.field),
        );
        requireOrderExporters(log, {
          accountId: account.id,
          account: {
            ...(input.roleIds !== undefined ? { roleIds: [...input.roleIds] } : {}),
            ...(input.extraGrants !== undefined ? { extraGrants: input.extraGrants.map((g) => ({ ...g })) } : {}),
            ...(input.deniedGrants !== undefined ? { deniedGrants: [...input.deniedGrants] } : {}),
          },
        });
        await applyEdits(log, actor, tx, edits);
        return subAccount(log, account.id)!;
      });
    },
    setRouting(actor, tx, input) {
      const log = shopLog(input.shopId);
      return serial(log, async () => {
        const account = manageable(log, actor, input.subAccountId, ['routing']);
        await applyEdits(log, actor, tx, [
          { entity: 'subAccount', entityId: account.id, field: 'routing', value: asJson(input.routing) },
        ]);
        return subAccount(log, account.id)!;
      });
    },
    peopleBelow(personId) {
      if (!logs.has(ORG_LOG)) return [];
      const orgLinks = links();
      return org()
        .replica.entityIds('person')
        .filter((id) => id !== personId && isAbove(orgLinks, personId, id));
    },
    dedicatedIn(shopId) {
      const log = logs.get(shopId);
      const out: Record<string, string> = {};
      if (!log) return out;
      const now = deps.clock.now();
      for (const account of subAccounts(log)) {
        if (!account.personId || !account.routing || !inForce(account, now)) continue;
        for (const buyerId of account.routing.dedicatedBuyers) out[buyerId] = account.personId;
      }
      return out;
    },
    setSubAccountStatus(actor, tx, input) {
      const log = shopLog(input.shopId);
      return serial(log, async () => {
        const account = manageable(log, actor, input.subAccountId, ['status']);
        if (account.status === 'frozen' && input.status === 'active')
          throw new AppError('conflict', 'the platform froze this account; only the platform can unfreeze it');
        if (
          input.status === 'active' &&
          account.expiresAt === null &&
          account.status === 'disabled' &&
          quota(log).free === 0
        )
          throw new AppError('quota_exceeded', 'the shop uses all sub-accounts of its quota', quota(log));
        requireOrderExporters(log, { accountId: account.id, account: { status: input.status } });
        await applyEdits(log, actor, tx, [
          { entity: 'subAccount', entityId: account.id, field: 'status', value: input.status },
        ]);
        return subAccount(log, account.id)!;
      });
    },
    saveRole(actor, tx, input) {
      const log = shopLog(input.shopId);
      return serial(log, async () => {
        const id =
          input.roleId ??
          deps.ids
            .next('role')
            .replace(/[^A-Za-z0-9_-]/g, '')
            .slice(0, 64);
        const roles = rolesOf(log.replica, input.shopId);
        const before = roles.find((r) => r.id === id);
        if (input.roleId !== null && !before) throw new AppError('not_found', 'no such role');
        if (roles.some((r) => r.id !== id && r.name === input.name))
          throw new AppError('conflict', 'this shop already has a role of that name');
        requireWithin(actor, input.shopId, input.permissions);
        // Taking a permission away from a role is granting less; still only someone who holds it may remove it.
        if (before) requireWithin(actor, input.shopId, before.permissions);
        requireOrderExporters(log, null, { id, permissions: input.permissions });
        await applyEdits(log, actor, tx, [
          { entity: 'role', entityId: id, field: 'name', value: input.name },
          { entity: 'role', entityId: id, field: 'permissions', value: [...new Set(input.permissions)] },
          ...(before ? [] : [{ entity: 'role' as const, entityId: id, field: 'template', value: null }]),
        ]);
        return rolesOf(log.replica, input.shopId).find((r) => r.id === id)!;
      });
    },
    setQuota(actor, tx, shopId, limit) {
      const log = shopLog(shopId);
      return serial(log, async () => {
        if (actor.session !== null && actor.session.kind !== 'owner')
          throw new AppError('forbidden', 'only the owner sets the sub-account quota');
        await applyEdits(log, actor, tx, [{ entity: 'shop', entityId: shopId, field: 'quotaLimit', value: limit }]);
        return quota(log);
      });
    },
    setPlatformRules(actor, tx, shopId, rules) {
      const log = shopLog(shopId);
      return serial(log, async () => {
        if (actor.session !== null && actor.session.kind !== 'owner')
          throw new AppError('forbidden', "only the owner sets a shop's platform rules");
        await applyEdits(log, actor, tx, [
          { entity: 'shop', entityId: shopId, field: 'platformRules', value: rules === null ? null : { ...rules } },
        ]);
        return platformRulesView(log);
      });
    },
    resolve(actor, tx, key, input) {
      const log = key === ORG_LOG ? org() : shopLog(key);
      return serial(log, async () => {
        if (actor.session !== null && actor.session.kind !== 'owner')
          throw new AppError('forbidden', 'only the owner resolves roster conflicts');
        const history = log.replica.history(input.entity, input.entityId, input.field);
        const chosen = history.find((op) => op.id === input.versionId);
        if (!chosen) throw new AppError('not_found', 'no such version of this field');
        const current = log.replica.field(input.entity, input.entityId, input.field);
        const overruled = (current?.versions ?? []).filter(
          (v) => canonicalJson(v.value) !== canonicalJson(chosen.value),
        );
        const ops: RosterOp[] = [
          {
            id: hlc.send(),
            entity: input.entity,
            entityId: input.entityId,
            field: input.field,
            value: chosen.value,
            supersedes: log.replica.heads(input.entity, input.entityId, input.field),
            actorId: actor.id,
            actorName: actor.name,
            origin: here(),
          },
        ];
        recordOps(tx, ops, log);
        await commit(log, ops, tx);
        return { value: chosen.value, overruled };
      });
    },
    async offboard(actor, tx, personId) {
      const profile = profileOf(org().replica, personId);
      if (!profile) throw new AppError('not_found', 'no such person');
      if (deps.people().find((p) => p.id === personId)?.kind === 'owner')
        throw new AppError('forbidden', 'the owner cannot be offboarded');
      requireManage(actor, personId);
      const disabled: { shopId: string; subAccountId: string }[] = [];
      const checklist: string[] = [];
      // The organisation's entry (through tx) says the person left; each shop's disabling is its own write there.
      const orgLog = org();
      await serial(orgLog, async () => {
        const ops = makeOps(orgLog, actor, here(), [
          { entity: 'person', entityId: personId, field: 'status', value: 'left' },
        ]);
        recordOps(tx, ops, orgLog);
        await commit(orgLog, ops, tx);
      });
      for (const log of logs.values()) {
        if (log.key === ORG_LOG) continue;
        for (const id of byPerson(log).get(personId) ?? []) {
          const account = subAccount(log, id);
          if (!account) continue;
          await serial(log, async () => {
            const edits: Edit[] = [];
            if (account.status === 'active')
              edits.push({ entity: 'subAccount', entityId: id, field: 'status', value: 'disabled' });
            if (account.extraGrants.length > 0)
              edits.push({ entity: 'subAccount', entityId: id, field: 'extraGrants', value: [] });
            const ops = makeOps(log, actor, here(), edits);
            await commit(
              log,
              ops,
              null,
              ops.length === 0
                ? undefined
                : {
                    ...systemEntry(
                      log.key,
                      'roster.offboard',
                      { kind: 'subAccount', id },
                      { status: { from: account.status, to: 'disabled' } },
                    ),
                    actorId: actor.id,
                    actorName: actor.name,
                  },
            );
          });
          disabled.push({ shopId: log.key, subAccountId: id });
          checklist.push(`${deps.shopOf(log.key)?.profile.name ?? log.key}: ${account.fullName}`);
        }
      }
      return { disabled, checklist };
    },
    async completeChecklistItem(tx, shopId, itemId) {
      const log = shopLog(shopId);
      const item = log.checklist.find((i) => i.id === itemId);
      if (!item) throw new AppError('not_found', 'no such checklist item');
      if (item.done) return item;
      await tx.write(shopId, { roster: { checklistDone: [{ id: itemId, at: tx.at }] } });
      log.checklist = log.checklist.map((i) => (i.id === itemId ? { ...i, done: true } : i));
      announceSync(shopId);
      return { ...item, done: true };
    },

    importCounts(rows) {
      const replica = org().replica;
      let creates = 0;
      let updates = 0;
      for (const row of rows) {
        const before = row.isNew ? null : profileOf(replica, row.personId);
        if (!before) creates += 1;
        else if (PROFILE_FIELDS.some((f) => canonicalJson(before[f]) !== canonicalJson(row.profile[f]))) updates += 1;
      }
      return { creates, updates, unchanged: rows.length - creates - updates };
    },
    importPeople(actor, tx, rows) {
      const log = org();
      return serial(log, async () => {
        if (actor.session !== null && actor.session.kind !== 'owner')
          throw new AppError('forbidden', 'only the owner imports the roster');
        const counts = service.importCounts(rows);
        const edits: Edit[] = [];
        for (const row of rows) {
          const id = row.personId;
          const before = row.isNew ? null : profileOf(log.replica, id);
          for (const field of PROFILE_FIELDS) {
            if (before && canonicalJson(before[field]) === canonicalJson(row.profile[field])) continue;
            if (log.replica.field('person', id, field)?.conflict)
              throw new AppError('conflict', `line ${row.line}: ${field} has a conflict; resolve it first`);
            edits.push({ entity: 'person', entityId: id, field, value: row.profile[field] });
          }
        }
        const ops = makeOps(log, actor, here(), edits);
        tx.record({ creates: { to: counts.creates }, updates: { to: counts.updates }, fields: { to: ops.length } });
        tx.target({ kind: 'roster', id: 'people' });
        await commit(log, ops, tx);
        return counts;
      });
    },
    overlay(person) {
      if (person.kind === 'owner') return { ...person, shopGrants: {}, routingByShop: {} };
      const now = deps.clock.now();
      const profile = logs.has(ORG_LOG) ? profileOf(org().replica, person.id) : null;
      const shopGrants: Record<string, Grant[]> = {};
      const routingByShop: EffectivePerson['routingByShop'] = {};
      const subAccountsOut: Person['subAccounts'] = [];
      // Shops whose roster is not open yet (early in start) keep what people.json knew.
      for (const legacy of person.subAccounts)
        if (!logs.has(legacy.shopId)) {
          subAccountsOut.push(legacy);
          shopGrants[legacy.shopId] = [...person.grants];
        }
      if (profile?.status !== 'left') {
        for (const log of logs.values()) {
          if (log.key === ORG_LOG) continue;
          for (const id of byPerson(log).get(person.id) ?? []) {
            const account = subAccount(log, id);
            if (!account || !inForce(account, now)) continue;
            subAccountsOut.push({ shopId: log.key, name: account.fullName });
            shopGrants[log.key] = grantsIn(person.id, log.key, now);
            if (account.routing) routingByShop[log.key] = account.routing;
          }
        }
      }
      const all = [...new Set(Object.values(shopGrants).flat())];
      return {
        ...person,
        displayName: profile?.displayName ?? person.displayName,
        roleLabel: profile?.title || person.roleLabel,
        disabled: person.disabled || profile?.status === 'left',
        subAccounts: profile?.status === 'left' ? [] : subAccountsOut,
        grants: all,
        shopGrants,
        routingByShop,
      };
    },
    async organisationHub(shopId) {
      const log = org();
      await serial(log, async () => {
        const { hub } = splitOrgCursor(log.cursor);
        if (shopId === null || hub === shopId) return;
        // Another platform (or the first): it may hold none of the organisation yet — all of it goes there.
        const queue = [...log.replica.allOps()].filter((op) => !log.outbox.has(op.id)).map((op) => op.id);
        const cursor = `${shopId}\n`;
        await deps.write(ORG_LOG, { roster: { queue, cursor } });
        for (const id of queue) log.outbox.add(id);
        log.cursor = cursor;
        log.online = null;
        log.error = null;
      });
      announceSync(ORG_LOG);
    },
    organisationSync,
    organisationVia: () => splitOrgCursor(logs.get(ORG_LOG)?.cursor ?? null).hub,
    syncTarget(key) {
      const log = logs.get(key);
      if (!log) return null;
      const organisation = key === ORG_LOG;
      const hub = organisation ? splitOrgCursor(log.cursor).hub : key;
      if (hub === null) return null;
      // The hub of the business's first shop carries both: each log keeps its own part and skips the other.
      const keeps = (op: RosterOp) => ofOrganisation(op) === organisation;
      const shopId = organisation ? null : key;
      return {
        queued() {
          const ops: RosterOp[] = [];
          const byId = new Map<string, RosterOp>();
          for (const op of log.replica.allOps()) if (log.outbox.has(op.id)) byId.set(op.id, op);
          for (const id of log.outbox) {
            const op = byId.get(id);
            if (op) ops.push(op);
          }
          return ops;
        },
        cursor: () => (organisation ? splitOrgCursor(log.cursor).cursor : log.cursor),
        async acknowledge(results) {
          const at = deps.clock.now();
          const items: ChecklistItem[] = results
            .filter((r) => r.result === 'needs_person')
            .map((r) => ({ id: `todo-${r.opId}`, opId: r.opId, at, instruction: r.instruction ?? '', done: false }));
          await deps.write(key, {
            roster: { acked: results.map((r) => ({ opId: r.opId, at, result: r.result })), checklist: items },
          });
          for (const r of results) log.outbox.delete(r.opId);
          const known = new Set(log.checklist.map((i) => i.id));
          log.checklist = [...log.checklist, ...items.filter((i) => !known.has(i.id))];
          log.lastSyncAt = at;
          changed(log);
          announceSync(key);
        },
        async receive(ops, pulled) {
          const fresh = ops.filter((op) => keeps(op) && !log.replica.has(op.id));
          const cursor = organisation ? `${hub}\n${pulled}` : pulled;
          let moved = false;
          await serial(log, async () => {
            // The organisation moved to another shop's platform during this run: that one is pulled afresh.
            if (organisation && splitOrgCursor(log.cursor).hub !== hub) return void (moved = true);
            await deps.write(key, {
              roster: { ops: fresh, cursor },
              ...(fresh.length > 0
                ? {
                    audit: [
                      systemEntry(
                        key,
                        'roster.synced',
                        shopId === null ? { kind: 'organisation', id: 'org' } : { kind: 'shop', id: shopId },
                        {
                          received: { to: fresh.length },
                          fields: { to: [...new Set(fresh.map((op) => `${op.entity}.${op.field}`))].slice(0, 20) },
                        },
                      ),
                    ],
                  }
                : {}),
            });
            for (const op of fresh) {
              hlc.receive(op.id);
              log.replica.apply(op);
            }
            log.cursor = cursor;
          });
          if (moved) return;
          log.lastSyncAt = deps.clock.now();
          if (fresh.length > 0) changed(log);
          announceSync(key);
        },
        status(online, error) {
          if (log.online === online && log.error === error) return;
          log.online = online;
          log.error = error;
          if (online) log.lastSyncAt = deps.clock.now();
          announceSync(key);
        },
      };
    },
    syncStatus,
    nextExpiry(now) {
      let next: number | null = null;
      for (const log of logs.values()) {
        if (log.key === ORG_LOG) continue;
        for (const account of subAccounts(log)) {
          const times = [
            ...(account.status === 'active' && account.expiresAt !== null ? [account.expiresAt] : []),
            ...account.extraGrants.map((g) => g.until).filter((t): t is number => t !== null && t > now),
          ];
          for (const t of times) if (next === null || t < next) next = t;
        }
      }
      return next;
    },
    async expire(now) {
      const touched: string[] = [];
      for (const log of [...logs.values()]) {
        if (log.key === ORG_LOG) continue;
        for (const account of subAccounts(log)) {
          if (account.status !== 'active' || account.expiresAt === null || account.expiresAt > now) continue;
          await serial(log, async () => {
            const ops = makeOps(log, { id: null, name: null, session: null }, here(), [
              { entity: 'subAccount', entityId: account.id, field: 'status', value: 'disabled' },
            ]);
            await commit(
              log,
              ops,
              null,
              systemEntry(
                log.key,
                'roster.expired',
                { kind: 'subAccount', id: account.id },
                {
                  status: { from: 'active', to: 'disabled' },
                  expiresAt: { to: account.expiresAt },
                },
              ),
            );
          });
          touched.push(log.key);
        }
        // An extra grant that ran out changes what people may do: sessions follow.
        if (
          subAccounts(log).some((a) =>
            a.extraGrants.some((g) => g.until !== null && g.until <= now && g.until > now - 60_000),
          )
        )
          changed(log);
      }
      return [...new Set(touched)];
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => void changeListeners.delete(listener);
    },
    onSyncStatus(listener) {
      syncListeners.add(listener);
      return () => void syncListeners.delete(listener);
    },
    onOrganisationSync(listener) {
      orgSyncListeners.add(listener);
      return () => void orgSyncListeners.delete(listener);
    },
  };
  return service;
}
