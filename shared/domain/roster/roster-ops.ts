// Roster edits as operations, and the replica they build. Every edit sets one field of one entity (a person, a
// department, a sub-account, a role, a shop's roster settings) and names the versions of that field its author saw:
// it replaces exactly those. Each field is a multi-value register: versions nobody has replaced yet all stay, so
// when two replicas change the same field without seeing each other's change, both values are kept as a conflict
// (with who made each, where and when) until someone resolves it — nothing is merged or dropped silently. Applying
// is idempotent and order-free (the state depends only on the set of ops received), so replicas that received the
// same ops are equal whatever the order, duplicates or retries of the deliveries.
import { hlcTime, type Hlc } from '../hlc.ts';

export type RosterEntity = 'person' | 'department' | 'subAccount' | 'role' | 'shop';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type RosterOp = Readonly<{
  /** The op's hybrid-clock stamp: unique, and later than every version it replaces. */
  id: Hlc;
  entity: RosterEntity;
  entityId: string;
  field: string;
  value: JsonValue;
  /** The versions of this field that the author saw and replaces (empty for a first value). */
  supersedes: readonly Hlc[];
  actorId: string | null;
  actorName: string | null;
  /** Where the edit was made: `console:<node>`, `platform` (the seller centre / the platform itself), `import`. */
  origin: string;
}>;

/** Stable JSON (object keys sorted): two values are the same value when their encodings are equal. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, JsonValue>)[key]!)}`);
  return `{${entries.join(',')}}`;
}

export function registerKey(entity: RosterEntity, entityId: string, field: string): string {
  return `${entity}\u0000${entityId}\u0000${field}`;
}

type Register = { versions: RosterOp[]; superseded: Set<Hlc> };

export type FieldState = Readonly<{
  /** The value shown: the newest version by clock (a conflict shows it until resolved). */
  value: JsonValue;
  /** Current versions, newest first; more than one distinct value is a conflict. */
  versions: readonly RosterOp[];
  conflict: boolean;
}>;

export type FieldConflict = Readonly<{
  entity: RosterEntity;
  entityId: string;
  field: string;
  versions: readonly RosterOp[];
}>;

export class RosterReplica {
  private readonly ops = new Map<Hlc, RosterOp>();
  private readonly registers = new Map<string, Register>();
  private readonly ids = new Map<RosterEntity, Set<string>>();
  private readonly conflicted = new Set<string>();
  /** Every op of each field, replaced ones included, in the order received (a field's history). */
  private readonly byField = new Map<string, RosterOp[]>();

  get size(): number {
    return this.ops.size;
  }

  has(id: Hlc): boolean {
    return this.ops.has(id);
  }

  /** Applies an op; false when it was already applied (a duplicate delivery). */
  apply(op: RosterOp): boolean {
    if (this.ops.has(op.id)) return false;
    this.ops.set(op.id, op);
    const key = registerKey(op.entity, op.entityId, op.field);
    const all = this.byField.get(key);
    if (all) all.push(op);
    else this.byField.set(key, [op]);
    let register = this.registers.get(key);
    if (!register) {
      register = { versions: [], superseded: new Set() };
      this.registers.set(key, register);
      let ids = this.ids.get(op.entity);
      if (!ids) this.ids.set(op.entity, (ids = new Set()));
      ids.add(op.entityId);
    }
    for (const replaced of op.supersedes) register.superseded.add(replaced);
    if (op.supersedes.length > 0) register.versions = register.versions.filter((v) => !register.superseded.has(v.id));
    if (!register.superseded.has(op.id)) {
      // Newest first; most ops are the newest, so this is usually an unshift.
      const at = register.versions.findIndex((v) => v.id < op.id);
      if (at === -1) register.versions.push(op);
      else register.versions.splice(at, 0, op);
    }
    this.noteConflict(key, register);
    return true;
  }

  private noteConflict(key: string, register: Register): void {
    const distinct = new Set(register.versions.map((v) => canonicalJson(v.value)));
    if (distinct.size > 1) this.conflicted.add(key);
    else this.conflicted.delete(key);
  }

  field(entity: RosterEntity, entityId: string, field: string): FieldState | undefined {
    const register = this.registers.get(registerKey(entity, entityId, field));
    if (!register || register.versions.length === 0) return undefined;
    return {
      value: register.versions[0]!.value,
      versions: register.versions,
      conflict: this.conflicted.has(registerKey(entity, entityId, field)),
    };
  }

  value(entity: RosterEntity, entityId: string, field: string): JsonValue | undefined {
    return this.registers.get(registerKey(entity, entityId, field))?.versions[0]?.value;
  }

  /** The version ids an edit of this field replaces (all current ones: the author sees them all). */
  heads(entity: RosterEntity, entityId: string, field: string): Hlc[] {
    return (this.registers.get(registerKey(entity, entityId, field))?.versions ?? []).map((v) => v.id);
  }

  entityIds(entity: RosterEntity): readonly string[] {
    return [...(this.ids.get(entity) ?? [])];
  }

  conflicts(): FieldConflict[] {
    const out: FieldConflict[] = [];
    for (const key of this.conflicted) {
      const [entity, entityId, field] = key.split('\u0000') as [RosterEntity, string, string];
      out.push({ entity, entityId, field, versions: this.registers.get(key)!.versions });
    }
    return out.sort((a, b) => (a.versions[0]!.id < b.versions[0]!.id ? 1 : -1));
  }

  /** Every op of one field, oldest first (its history, including replaced values). */
  history(entity: RosterEntity, entityId: string, field: string): RosterOp[] {
    return [...(this.byField.get(registerKey(entity, entityId, field)) ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** One op by its stamp. */
  op(id: Hlc): RosterOp | undefined {
    return this.ops.get(id);
  }

  allOps(): IterableIterator<RosterOp> {
    return this.ops.values();
  }

  /** Whether an op is replaced by a later op of the same field that this replica holds. */
  supersededBy(id: Hlc): RosterOp | undefined {
    const op = this.ops.get(id);
    if (!op) return undefined;
    return this.byField
      .get(registerKey(op.entity, op.entityId, op.field))
      ?.find((other) => other.supersedes.includes(id));
  }

  /** A canonical picture of the state (for comparing replicas). */
  fingerprint(): string {
    const keys = [...this.registers.keys()].sort();
    return keys
      .map(
        (key) =>
          `${key}=${this.registers
            .get(key)!
            .versions.map((v) => v.id)
            .join('|')}`,
      )
      .join('\n');
  }
}

/** When a version was made (wall time of its stamp). */
export function versionTime(op: RosterOp): number {
  return hlcTime(op.id);
}
