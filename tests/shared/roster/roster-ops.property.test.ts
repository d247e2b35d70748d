// Convergence of roster replicas (issue #12): this console, the shop's platform (the hub) and other consoles make
// random edits — some concurrent on the same field, some resolving conflicts — while deliveries are shuffled,
// duplicated, dropped and retried and replicas go offline. After everyone is back online and synced, all replicas
// are equal, and every edit ever made is either a current version of its field (visible, or shown as a conflict)
// or replaced by a later-stamped edit of the same field that names it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHybridClock, type HybridClock } from '../../../shared/domain/hlc.ts';
import { RosterReplica, type RosterEntity, type RosterOp } from '../../../shared/domain/roster/roster-ops.ts';

type Node = { name: string; replica: RosterReplica; clock: HybridClock; online: boolean; acked: Set<string> };

const FIELDS: readonly (readonly [RosterEntity, string, string])[] = [
  ['subAccount', 'sa1', 'status'],
  ['subAccount', 'sa1', 'name'],
  ['subAccount', 'sa2', 'roleIds'],
  ['person', 'p1', 'displayName'],
  ['role', 'r1', 'permissions'],
];

const action = fc.oneof(
  fc.record({
    t: fc.constant('edit' as const),
    who: fc.nat(),
    field: fc.nat({ max: FIELDS.length - 1 }),
    value: fc.constantFrom('a', 'b', 'c', 'disabled', 'active'),
  }),
  fc.record({ t: fc.constant('resolve' as const), who: fc.nat(), pick: fc.nat() }),
  fc.record({ t: fc.constant('push' as const), who: fc.nat(), drop: fc.double({ min: 0, max: 1 }), dup: fc.boolean() }),
  fc.record({ t: fc.constant('pull' as const), who: fc.nat(), keep: fc.double({ min: 0, max: 1 }), seed: fc.nat() }),
  fc.record({ t: fc.constant('toggle' as const), who: fc.nat() }),
  fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: -50, max: 500 }) }),
);

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function deliver(to: Node, op: RosterOp): void {
  to.clock.receive(op.id);
  to.replica.apply(op);
}

describe('roster replicas converge and keep every edit', () => {
  it('holds for 3–5 replicas under shuffled, duplicated, dropped and retried deliveries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: -2_000, max: 2_000 }), { minLength: 5, maxLength: 5 }),
        fc.array(action, { maxLength: 120 }),
        (consoles, skews, actions) => {
          let wall = 1_750_000_000_000;
          const made = (name: string, skew: number): Node => ({
            name,
            replica: new RosterReplica(),
            clock: createHybridClock(name, () => wall + skew),
            online: true,
            acked: new Set(),
          });
          const hub = made('platform', skews[0]!);
          const nodes = [hub, ...Array.from({ length: consoles }, (_, i) => made(`console${i}`, skews[i + 1]!))];
          const all: RosterOp[] = [];
          const edit = (node: Node, entity: RosterEntity, entityId: string, field: string, value: string) => {
            const op: RosterOp = {
              id: node.clock.send(),
              entity,
              entityId,
              field,
              value,
              supersedes: node.replica.heads(entity, entityId, field),
              actorId: node.name,
              actorName: node.name,
              origin: node === hub ? 'platform' : `console:${node.name}`,
            };
            node.replica.apply(op);
            all.push(op);
          };
          const push = (node: Node, drop: number, dup: boolean) => {
            if (node === hub || !node.online || !hub.online) return;
            for (const op of node.replica.allOps()) {
              if (node.acked.has(op.id)) continue;
              if (drop > 0.7) continue; // lost on the way
              deliver(hub, op);
              if (dup) deliver(hub, op);
              if (drop < 0.5) node.acked.add(op.id); // else the ack was lost: sent again later
            }
          };
          const pull = (node: Node, keep: number, seed: number) => {
            if (node === hub || !node.online || !hub.online) return;
            const ops = shuffle([...hub.replica.allOps()], seed);
            for (const [i, op] of ops.entries()) if (i / ops.length < keep) deliver(node, op);
          };

          for (const a of actions) {
            if (a.t === 'tick') wall += a.ms;
            else {
              const node = nodes[a.who % nodes.length]!;
              if (a.t === 'edit') {
                const [entity, id, field] = FIELDS[a.field]!;
                edit(node, entity, id, field, a.value);
              } else if (a.t === 'resolve') {
                const conflicts = node.replica.conflicts();
                if (conflicts.length > 0) {
                  const c = conflicts[a.pick % conflicts.length]!;
                  const chosen = c.versions[a.pick % c.versions.length]!;
                  edit(node, c.entity, c.entityId, c.field, chosen.value as string);
                }
              } else if (a.t === 'push') push(node, a.drop, a.dup);
              else if (a.t === 'pull') pull(node, a.keep, a.seed);
              else if (node !== hub) node.online = !node.online;
            }
          }
          // Everyone back online; sync until quiet (twice: what one console pushed reaches the others).
          for (const node of nodes) node.online = true;
          hub.online = true;
          for (let round = 0; round < 2; round += 1) {
            for (const node of nodes) push(node, 0, false);
            for (const node of nodes) pull(node, 1, 7);
          }

          const fingerprint = hub.replica.fingerprint();
          for (const node of nodes) {
            expect(node.replica.size).toBe(all.length);
            expect(node.replica.fingerprint()).toBe(fingerprint);
          }
          // Survival: every edit is visible / in conflict, or replaced by a later edit of its field that named it.
          for (const op of all) {
            const state = hub.replica.field(op.entity, op.entityId, op.field);
            const current = state?.versions.some((v) => v.id === op.id) ?? false;
            if (current) continue;
            const by = hub.replica.supersededBy(op.id);
            expect(by, `edit ${op.id} vanished`).toBeDefined();
            expect(by!.id > op.id).toBe(true);
          }
          // A conflict exists exactly where current versions disagree.
          for (const c of hub.replica.conflicts())
            expect(new Set(c.versions.map((v) => JSON.stringify(v.value))).size).toBeGreaterThan(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps both values of a concurrent edit as a conflict, and a resolution replaces both', () => {
    let wall = 1_000;
    const a = createHybridClock('a', () => wall);
    const b = createHybridClock('b', () => wall);
    const ra = new RosterReplica();
    const rb = new RosterReplica();
    const base: RosterOp = {
      id: a.send(),
      entity: 'subAccount',
      entityId: 's',
      field: 'name',
      value: '小林',
      supersedes: [],
      actorId: 'owner',
      actorName: '店主',
      origin: 'console:a',
    };
    ra.apply(base);
    rb.apply(base);
    b.receive(base.id);
    wall += 10;
    const mine = { ...base, id: a.send(), value: '小林1', supersedes: [base.id] };
    const theirs = { ...base, id: b.send(), value: '林林', supersedes: [base.id], origin: 'platform' };
    for (const r of [ra, rb]) {
      r.apply(theirs);
      r.apply(mine);
    }
    expect(ra.fingerprint()).toBe(rb.fingerprint());
    expect(ra.field('subAccount', 's', 'name')).toMatchObject({ conflict: true });
    expect(
      ra
        .conflicts()[0]!
        .versions.map((v) => v.value)
        .sort(),
    ).toEqual(['小林1', '林林']);
    a.receive(theirs.id);
    const resolution = { ...base, id: a.send(), value: '林林', supersedes: ra.heads('subAccount', 's', 'name') };
    ra.apply(resolution);
    expect(ra.field('subAccount', 's', 'name')).toMatchObject({ value: '林林', conflict: false });
    expect(ra.history('subAccount', 's', 'name').map((op) => op.value)).toEqual(['小林', '小林1', '林林', '林林']);
    // The same value set on both sides without seeing each other is no conflict.
    const rc = new RosterReplica();
    rc.apply(base);
    rc.apply({ ...base, id: a.send(), value: '阿杰', supersedes: [base.id] });
    rc.apply({ ...base, id: b.send(), value: '阿杰', supersedes: [base.id] });
    expect(rc.field('subAccount', 's', 'name')).toMatchObject({ value: '阿杰', conflict: false });
    expect(rc.field('subAccount', 's', 'name')?.versions).toHaveLength(2);
  });
});
