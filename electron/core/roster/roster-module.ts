// The roster domain's handlers and lifecycle: thin — unpack the input, name the actor, call the service. The
// lifecycle opens each shop's roster with the shop, syncs it with the shop's platform when its connector runs (and
// the organisation's people and departments with the platform of the business's first shop), and
// runs the one expiry timer (temporary accounts, extra grants that end): set to the next expiry, driven by the
// core's clock, re-armed after every change.
import { AppError, type SessionInfo } from '../../../shared/contract/index.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CoreModule, QueryContext } from '../module.ts';
import { ORG_LOG, type Clock, type Logger, type RosterHub, type TimerHandle } from '../ports.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { Actor, RosterService } from './roster-service.ts';
import { parsePeople, peopleTable, readTable, toCsv, toXlsx } from './roster-file.ts';
import { createRosterSync } from './roster-sync.ts';

const actorOf = (ctx: QueryContext<'roster.shop'>): Actor => ({
  id: ctx.session.userId,
  name: ctx.session.displayName,
  session: ctx.session,
});

export function createRosterModule(
  deps: Readonly<{
    roster: RosterService;
    sessions: SessionService;
    bus: EventBus;
    clock: Clock;
    logger: Logger;
    hubOf(shopId: string): RosterHub | null;
    /** The shop whose platform carries the organisation: the business's first (oldest) shop; null: no shop. */
    organisationShop(): string | null;
    newPersonId(): string;
  }>,
): CoreModule<'roster'> {
  const { roster, bus } = deps;
  /** The organisation runs as one more log of the sync, through its shop's hub. */
  const hubOf = (key: string) => {
    if (key !== ORG_LOG) return deps.hubOf(key);
    const shopId = roster.organisationVia();
    return shopId === null ? null : deps.hubOf(shopId);
  };
  const sync = createRosterSync({
    hubOf,
    targetOf: (key) => roster.syncTarget(key),
    logger: deps.logger,
  });
  /** Points the organisation at its shop's platform (queuing all of it when that is another), then syncs it. */
  async function syncOrganisation(): Promise<void> {
    const shopId = deps.organisationShop();
    await roster.organisationHub(shopId);
    const hub = shopId === null ? null : deps.hubOf(shopId);
    if (hub) sync.attach(ORG_LOG, hub);
    else sync.detach(ORG_LOG);
  }
  let expiryTimer: TimerHandle | null = null;
  let expiryAt: number | null = null;
  let started = false;

  function armExpiry(): void {
    if (!started) return;
    const next = roster.nextExpiry(deps.clock.now());
    if (next === expiryAt) return;
    if (expiryTimer) deps.clock.clearTimeout(expiryTimer);
    expiryTimer = null;
    expiryAt = next;
    if (next === null) return;
    expiryTimer = deps.clock.setTimeout(
      () => {
        expiryTimer = null;
        expiryAt = null;
        roster
          .expire(deps.clock.now())
          .catch((error: unknown) => deps.logger.error('expiring roster accounts failed', error))
          .finally(armExpiry);
      },
      Math.max(0, next - deps.clock.now()),
    );
  }

  roster.onChange((log) => {
    bus.emit({ name: 'roster.changed', payload: { shopId: log === ORG_LOG ? null : log } });
    void sync.request(log);
    armExpiry();
  });
  roster.onSyncStatus((shopId, status) => bus.emit({ name: 'roster.syncChanged', payload: { shopId, sync: status } }));
  roster.onOrganisationSync((status) =>
    bus.emit({ name: 'roster.organisationSyncChanged', payload: { shopId: null, sync: status } }),
  );
  const organisationFailed = (error: unknown) => deps.logger.error('syncing the organisation failed', error);

  return {
    async start() {
      await roster.importOrganisation();
      started = true;
      armExpiry();
      await syncOrganisation().catch(organisationFailed);
    },
    stop() {
      started = false;
      if (expiryTimer) deps.clock.clearTimeout(expiryTimer);
      expiryTimer = null;
      sync.stop();
    },
    async openShop(shopId) {
      await roster.openLog(shopId);
    },
    async closeShop(shopId) {
      sync.detach(shopId);
      roster.closeLog(shopId);
      // The organisation's shop closed (archived): the organisation moves to the next first shop's platform.
      if (started) await syncOrganisation().catch(organisationFailed);
    },
    connectorStarted(shopId) {
      const hub = deps.hubOf(shopId);
      if (hub) sync.attach(shopId, hub);
      if (started && shopId === deps.organisationShop()) void syncOrganisation().catch(organisationFailed);
    },
    handlers: {
      'roster.people': (_input, ctx) => roster.people(ctx.session),
      'roster.shop': (input, ctx) => roster.shop(ctx.session, input.shopId),
      'roster.organisationSync': () => roster.organisationSync(),
      'roster.explain': (input) => roster.explain(input.personId, input.shopId),
      'roster.viewAs': ({ personId }, ctx) => roster.viewAs(ctx.session, personId, deps.sessions.preview(personId)),
      'roster.conflicts': (_input, ctx) => roster.conflicts(ctx.session),
      async 'roster.savePerson'(input, ctx) {
        const actor = actorOf(ctx);
        const id = input.personId ?? deps.newPersonId();
        if (input.personId !== null && (input.login !== null || input.password !== null))
          throw new AppError('invalid_input', 'a login is given when the person is added');
        if ((input.login === null) !== (input.password === null))
          throw new AppError('invalid_input', 'a login needs a password, and a password a login');
        const login = input.login?.toLowerCase();
        if (login !== undefined && deps.sessions.stored().some((p) => p.login.toLowerCase() === login))
          throw new AppError('conflict', 'that login is taken');
        const saved = await roster.savePerson(actor, ctx.tx, input, id);
        if (input.login !== null && input.password !== null) {
          await deps.sessions.addLogin({
            id,
            login: input.login,
            displayName: input.profile.displayName,
            roleLabel: input.profile.title,
            password: input.password,
          });
          return { ...saved, login: input.login };
        }
        return saved;
      },
      'roster.saveDepartment': (input, ctx) => roster.saveDepartment(actorOf(ctx), ctx.tx, input),
      'roster.createSubAccount': (input, ctx) => roster.createSubAccount(actorOf(ctx), ctx.tx, input),
      'roster.updateSubAccount': (input, ctx) => roster.updateSubAccount(actorOf(ctx), ctx.tx, input),
      'roster.setRouting': (input, ctx) => roster.setRouting(actorOf(ctx), ctx.tx, input),
      'roster.setSubAccountStatus': (input, ctx) => roster.setSubAccountStatus(actorOf(ctx), ctx.tx, input),
      'roster.saveRole': (input, ctx) => roster.saveRole(actorOf(ctx), ctx.tx, input),
      'roster.setQuota': (input, ctx) => roster.setQuota(actorOf(ctx), ctx.tx, input.shopId, input.limit),
      'roster.setPlatformRules': (input, ctx) =>
        roster.setPlatformRules(actorOf(ctx), ctx.tx, input.shopId, input.rules),
      async 'roster.resolveConflict'(input, ctx) {
        const label = labelOf(ctx, input);
        const { value, overruled } = await roster.resolve(actorOf(ctx), ctx.tx, input.shopId, input);
        tellOverruled(input.shopId, input.field, label, overruled, value);
        return { value };
      },
      async 'roster.resolveOrganisationConflict'(input, ctx) {
        const label = labelOf(ctx, input);
        const { value, overruled } = await roster.resolve(actorOf(ctx), ctx.tx, ORG_LOG, input);
        tellOverruled(null, input.field, label, overruled, value);
        return { value };
      },
      'roster.offboard': (input, ctx) => roster.offboard(actorOf(ctx), ctx.tx, input.personId),
      async 'roster.exportPeople'(input, ctx) {
        const { people, departments } = roster.people(ctx.session);
        const rows = peopleTable(people, departments);
        const day = new Date(ctx.at).toISOString().slice(0, 10);
        return {
          fileName: `员工-${day}.${input.format}`,
          content: input.format === 'csv' ? toCsv(rows) : await toXlsx(rows),
          rows: rows.length,
        };
      },
      async 'roster.previewImport'(input, ctx) {
        const { rows, problems } = await readPeople(input, ctx.session);
        return { ...roster.importCounts(rows), problems };
      },
      async 'roster.importPeople'(input, ctx) {
        const { rows, problems } = await readPeople(input, ctx.session);
        if (problems.length > 0)
          throw new AppError('invalid_input', `the file has ${problems.length} problems; nothing was imported`, {
            problems: problems.slice(0, 200),
          });
        const counts = await roster.importPeople(actorOf(ctx), ctx.tx, rows);
        return { ...counts, problems: [] };
      },
      'roster.completeChecklistItem': (input, ctx) => roster.completeChecklistItem(ctx.tx, input.shopId, input.itemId),
      async 'roster.simulatePlatformEdit'(input, ctx) {
        const hub = deps.hubOf(input.shopId);
        if (!hub?.remoteEdit) throw new AppError('unavailable', 'only the demo platform takes simulated edits');
        if (input.field === 'status' && !['active', 'disabled', 'frozen'].includes(input.value))
          throw new AppError('invalid_input', 'a status is active, disabled or frozen');
        ctx.tx.record({ [input.field]: { to: input.value } });
        const op = hub.remoteEdit('subAccount', input.subAccountId, input.field, input.value, '卖家中心网页（演示）');
        return { opId: op.id };
      },
      async 'roster.setDemoPlatformOnline'(input, ctx) {
        const hub = deps.hubOf(input.shopId);
        if (!hub?.setOnline) throw new AppError('unavailable', 'only the demo platform can be switched offline here');
        ctx.tx.record({ online: { from: hub.online(), to: input.online } });
        hub.setOnline(input.online);
        await sync.request(input.shopId);
        return roster.syncStatus(input.shopId);
      },
    },
  };

  async function readPeople(input: Readonly<{ format: 'csv' | 'xlsx'; content: string }>, session: SessionInfo) {
    let table: string[][];
    try {
      table = await readTable(input.format, input.content);
    } catch (error) {
      return {
        rows: [],
        problems: [{ line: 0, column: '', message: error instanceof Error ? error.message : String(error) }],
      };
    }
    if (table.length > 20_001)
      return { rows: [], problems: [{ line: 0, column: '', message: 'at most 20,000 people per file' }] };
    const { people, departments } = roster.people(session);
    return parsePeople(table, { people, departments, newId: deps.newPersonId });
  }

  function labelOf(
    ctx: QueryContext<'roster.shop'>,
    key: Readonly<{ entity: string; entityId: string; field: string }>,
  ): string {
    const found = roster
      .conflicts(ctx.session)
      .find((c) => c.entity === key.entity && c.entityId === key.entityId && c.field === key.field);
    return found?.entityLabel ?? key.entityId;
  }

  /** The people whose edit lost are told (each once), with what was kept. */
  function tellOverruled(
    shopId: string | null,
    field: string,
    entityLabel: string,
    overruled: readonly { actorId: string | null }[],
    value: unknown,
  ): void {
    for (const personId of new Set(overruled.map((v) => v.actorId).filter((id): id is string => id !== null)))
      bus.emit({ name: 'roster.editOverruled', payload: { shopId, personId, field, entityLabel, value } });
  }
}
