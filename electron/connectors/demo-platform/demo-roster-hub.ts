// The demo platform's side of the roster: its own replica of each shop's sub-accounts and roles, kept in the order
// ops reached it, handed to every console that pulls. Like the real platforms (DOMAIN.md), its "API" can disable
// and enable a sub-account and create or edit a role, but creating a sub-account, renaming one or assigning its
// role is done by a person in the seller centre: those ops are kept and relayed, and answered `needs_person` with
// what to do. It can be switched offline (Settings, or `serve --platform-offline`), and now and then it changes
// something itself — an account frozen by the platform, a name edited on the web — so that sync and conflicts
// can be tried by hand. Its state survives restarts through the `persist` port the host gives it.
import { createHybridClock, type HybridClock } from '../../../shared/domain/hlc.ts';
import {
  RosterReplica,
  type JsonValue,
  type RosterEntity,
  type RosterOp,
} from '../../../shared/domain/roster/roster-ops.ts';
import type { RosterHub, RosterPushResult } from '../../core/ports.ts';

export type DemoRosterPersistence = Readonly<{
  load(): { ops: RosterOp[]; online: boolean } | null;
  save(state: { ops: readonly RosterOp[]; online: boolean }): void;
}>;

export interface DemoRosterHub extends RosterHub {
  setOnline(online: boolean): void;
  /** The platform's own edit of a field (the seller centre on the web, or the platform's rules). */
  remoteEdit(entity: RosterEntity, entityId: string, field: string, value: JsonValue, actorName: string): RosterOp;
  /** Something the platform might do now and then: freeze an active account, or rename one on the web. */
  spontaneousChange(pick: (n: number) => number): RosterOp | null;
  readonly replica: RosterReplica;
}

function instructionFor(op: RosterOp, replica: RosterReplica, newAccount: boolean): string | null {
  if (op.origin === 'import' || op.entity !== 'subAccount') return null;
  const name = String(replica.value('subAccount', op.entityId, 'name') ?? op.entityId);
  if (op.field === 'name' && newAccount)
    return `在卖家中心「子账号管理」新建子账号「${String(op.value)}」，设置初始密码并分配岗位`;
  if (newAccount) return null;
  if (op.field === 'name') return `在卖家中心把子账号「${name}」改名为「${String(op.value)}」`;
  if (op.field === 'roleIds') return `在卖家中心给子账号「${name}」重新分配岗位`;
  return null;
}

export function createDemoRosterHub(
  shopId: string,
  now: () => number,
  persistence: DemoRosterPersistence | null = null,
  startOnline = true,
): DemoRosterHub {
  const replica = new RosterReplica();
  const log: RosterOp[] = [];
  const answers = new Map<string, RosterPushResult>();
  const listeners = new Set<() => void>();
  const saved = persistence?.load() ?? null;
  let online = saved?.online ?? startOnline;
  const clock: HybridClock = createHybridClock(`platform-${shopId}`.slice(0, 64), now);
  for (const op of saved?.ops ?? []) {
    replica.apply(op);
    log.push(op);
    clock.receive(op.id);
  }
  const ring = () => {
    for (const listener of listeners) listener();
  };
  const save = () => persistence?.save({ ops: log, online });

  function keep(op: RosterOp): boolean {
    if (!replica.apply(op)) return false;
    log.push(op);
    return true;
  }

  const hub: DemoRosterHub = {
    replica,
    online: () => online,
    setOnline(next) {
      if (online === next) return;
      online = next;
      save();
      ring();
    },
    async push(ops) {
      if (!online) throw new Error('the platform is offline');
      const results: RosterPushResult[] = [];
      let kept = false;
      // Accounts this push creates (their first ops may come in any order within it).
      const created = new Set(
        ops
          .filter((op) => op.entity === 'subAccount' && replica.value('subAccount', op.entityId, 'name') === undefined)
          .map((op) => op.entityId),
      );
      for (const op of ops) {
        const known = answers.get(op.id);
        if (known) {
          results.push(known);
          continue;
        }
        const newAccount = op.entity === 'subAccount' && created.has(op.entityId);
        clock.receive(op.id);
        kept = keep(op) || kept;
        const instruction = instructionFor(op, replica, newAccount);
        const answer: RosterPushResult =
          instruction === null
            ? { opId: op.id, result: 'applied' }
            : { opId: op.id, result: 'needs_person', instruction };
        answers.set(op.id, answer);
        results.push(answer);
      }
      if (kept) {
        save();
        // Other consoles have something to pull.
        queueMicrotask(ring);
      }
      return results;
    },
    async pull(cursor, limit) {
      if (!online) throw new Error('the platform is offline');
      const from = cursor === null ? 0 : Math.max(0, Number.parseInt(cursor, 10) || 0);
      const ops = log.slice(from, from + limit);
      return { ops, cursor: String(from + ops.length) };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    remoteEdit(entity, entityId, field, value, actorName) {
      const op: RosterOp = {
        id: clock.send(),
        entity,
        entityId,
        field,
        value,
        supersedes: replica.heads(entity, entityId, field),
        actorId: null,
        actorName,
        origin: 'platform',
      };
      keep(op);
      save();
      if (online) queueMicrotask(ring);
      return op;
    },
    spontaneousChange(pick) {
      const active = replica
        .entityIds('subAccount')
        .filter((id) => replica.value('subAccount', id, 'status') === 'active');
      if (active.length === 0) return null;
      const id = active[pick(active.length)]!;
      if (pick(4) === 0) return hub.remoteEdit('subAccount', id, 'status', 'frozen', '平台风控');
      const name = String(replica.value('subAccount', id, 'name') ?? '');
      return hub.remoteEdit('subAccount', id, 'name', `${name}01`.slice(0, 20), '卖家中心网页');
    },
  };
  return hub;
}
