// Reading the roster out of its replicas: a shop's sub-accounts and roles, the organisation's people and
// departments, and what a person may do in a shop. Pure functions over a replica; the service keeps the replicas.
import {
  PERMISSIONS,
  RoutingSettings,
  type Department,
  type ExtraGrant,
  type Grant,
  type Permission,
  type PersonProfile,
  type Role,
  type SubAccount,
  type SubAccountStatus,
} from '../../../shared/contract/index.ts';
import { subAccountFullName } from '../../../shared/domain/roster/sub-account-rules.ts';
import type { JsonValue, RosterReplica } from '../../../shared/domain/roster/roster-ops.ts';

export const PROFILE_FIELDS = [
  'displayName',
  'nickname',
  'employeeNo',
  'departmentId',
  'title',
  'level',
  'supervisorId',
  'hireDate',
  'phone',
  'dingTalkId',
  'status',
] as const satisfies readonly (keyof PersonProfile)[];

export const EMPTY_PROFILE: PersonProfile = {
  displayName: '',
  nickname: '',
  employeeNo: '',
  departmentId: null,
  title: '',
  level: '',
  supervisorId: null,
  hireDate: null,
  phone: '',
  dingTalkId: '',
  status: 'active',
};

const str = (value: JsonValue | undefined, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const strOrNull = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);
const num = (value: JsonValue | undefined): number | null => (typeof value === 'number' ? value : null);
const strings = (value: JsonValue | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function conflictedFields(
  replica: RosterReplica,
  entity: 'person' | 'subAccount' | 'role',
  id: string,
  fields: readonly string[],
): string[] {
  return fields.filter((field) => replica.field(entity, id, field)?.conflict === true);
}

export function profileOf(org: RosterReplica, personId: string): PersonProfile | null {
  if (org.field('person', personId, 'displayName') === undefined) return null;
  const v = (field: string) => org.value('person', personId, field);
  const status = v('status');
  return {
    displayName: str(v('displayName')),
    nickname: str(v('nickname')),
    employeeNo: str(v('employeeNo')),
    departmentId: strOrNull(v('departmentId')),
    title: str(v('title')),
    level: str(v('level')),
    supervisorId: strOrNull(v('supervisorId')),
    hireDate: strOrNull(v('hireDate')),
    phone: str(v('phone')),
    dingTalkId: str(v('dingTalkId')),
    status: status === 'left' ? 'left' : 'active',
  };
}

export function departmentsOf(org: RosterReplica): Department[] {
  return org
    .entityIds('department')
    .filter((id) => org.value('department', id, 'name') !== undefined)
    .map((id) => ({
      id,
      name: str(org.value('department', id, 'name')),
      parentId: strOrNull(org.value('department', id, 'parentId')),
      supervisorId: strOrNull(org.value('department', id, 'supervisorId')),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export const SUB_ACCOUNT_FIELDS = [
  'personId',
  'name',
  'status',
  'expiresAt',
  'roleIds',
  'extraGrants',
  'deniedGrants',
  'routing',
] as const;

function statusOf(value: JsonValue | undefined): SubAccountStatus {
  return value === 'disabled' || value === 'frozen' ? value : 'active';
}

function extraGrantsOf(value: JsonValue | undefined): ExtraGrant[] {
  if (!Array.isArray(value)) return [];
  const out: ExtraGrant[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const record = item as Record<string, JsonValue>;
    if (typeof record.grant !== 'string') continue;
    out.push({ grant: record.grant as Grant, until: typeof record.until === 'number' ? record.until : null });
  }
  return out;
}

function deniedOf(value: JsonValue | undefined): Permission[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is Permission => (PERMISSIONS as readonly unknown[]).includes(item));
}

function routingOf(value: JsonValue | undefined): RoutingSettings | null {
  // Most accounts have none: no schema run (a failed parse builds an error object) for them.
  if (value === undefined || value === null) return null;
  const parsed = RoutingSettings.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function subAccountOf(
  replica: RosterReplica,
  shopId: string,
  mainAccount: string,
  id: string,
  pending: ReadonlySet<string>,
): SubAccount | null {
  const name = replica.value('subAccount', id, 'name');
  if (typeof name !== 'string') return null;
  const v = (field: string) => replica.value('subAccount', id, field);
  const isPending = SUB_ACCOUNT_FIELDS.some((field) =>
    (replica.field('subAccount', id, field)?.versions ?? []).some((version) => pending.has(version.id)),
  );
  return {
    id,
    shopId,
    personId: strOrNull(v('personId')),
    name,
    fullName: subAccountFullName(mainAccount, name),
    status: statusOf(v('status')),
    expiresAt: num(v('expiresAt')),
    roleIds: strings(v('roleIds')),
    extraGrants: extraGrantsOf(v('extraGrants')),
    deniedGrants: deniedOf(v('deniedGrants')),
    routing: routingOf(v('routing')),
    conflicts: conflictedFields(replica, 'subAccount', id, SUB_ACCOUNT_FIELDS),
    pending: isPending,
  };
}

export function rolesOf(replica: RosterReplica, shopId: string): Role[] {
  return replica
    .entityIds('role')
    .filter((id) => typeof replica.value('role', id, 'name') === 'string')
    .map((id) => ({
      id,
      shopId,
      name: str(replica.value('role', id, 'name')),
      permissions: strings(replica.value('role', id, 'permissions')) as Grant[],
      template: strOrNull(replica.value('role', id, 'template')),
    }));
}

/** Is the sub-account in force now: active and, if temporary, not yet expired. */
export function inForce(account: Pick<SubAccount, 'status' | 'expiresAt'>, now: number): boolean {
  return account.status === 'active' && (account.expiresAt === null || account.expiresAt > now);
}
