// A large organisation as roster ops, for benchmarks: N people in departments, each with sub-accounts in a few of
// the shops, every shop with the role templates. Deterministic (seeded); stamped by one hybrid clock.
import { createHybridClock } from '../../shared/domain/hlc.ts';
import { ROLE_TEMPLATES } from '../../shared/domain/roster/roles.ts';
import type { JsonValue, RosterEntity, RosterOp } from '../../shared/domain/roster/roster-ops.ts';
import { createRandom } from '../../electron/connectors/demo-platform/seeded-random.ts';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

export type GeneratedRoster = Readonly<{
  org: RosterOp[];
  shops: Map<string, RosterOp[]>;
  people: { id: string; name: string; shops: string[] }[];
}>;

export function generateRoster(
  options: Readonly<{ people: number; shopIds: readonly string[]; shopsPerPerson: number; seed?: number }>,
): GeneratedRoster {
  const random = createRandom(options.seed ?? 42);
  // A clock that moves 1 ms every 1,000 stamps (a fixed one would run out of counter within its millisecond).
  let stamps = 0;
  const clock = createHybridClock('bench', () => 1_767_000_000_000 + Math.floor((stamps += 1) / 1000));
  const op = (entity: RosterEntity, entityId: string, field: string, value: JsonValue): RosterOp => ({
    id: clock.send(),
    entity,
    entityId,
    field,
    value,
    supersedes: [],
    actorId: null,
    actorName: null,
    origin: 'import',
  });
  const org: RosterOp[] = [];
  const shops = new Map<string, RosterOp[]>(options.shopIds.map((id) => [id, []]));
  const departments = ['客服部', '运营部', '仓储部', '财务部', '推广部', '设计部'];
  departments.forEach((name, i) => {
    org.push(op('department', `d${i}`, 'name', name), op('department', `d${i}`, 'parentId', null));
    org.push(op('department', `d${i}`, 'supervisorId', null));
  });
  for (const [shopId, ops] of shops) {
    void shopId;
    for (const t of ROLE_TEMPLATES) {
      ops.push(
        op('role', `role-${t.key}`, 'name', t.name),
        op('role', `role-${t.key}`, 'permissions', [...t.permissions]),
      );
      ops.push(op('role', `role-${t.key}`, 'template', t.key));
    }
  }
  const people: { id: string; name: string; shops: string[] }[] = [];
  for (let i = 0; i < options.people; i += 1) {
    const id = `p${i}`;
    const name = `${random.pick([...SURNAMES])}${random.pick([...GIVEN])}${random.pick([...GIVEN])}${i}`;
    const fields: Record<string, JsonValue> = {
      displayName: name,
      nickname: `花名${i}`,
      employeeNo: `E${String(i).padStart(5, '0')}`,
      departmentId: `d${i % departments.length}`,
      title: random.pick(['客服', '售前', '售后', '运营', '库管']),
      level: `P${random.int(1, 6)}`,
      supervisorId: i > 10 ? `p${random.int(0, 10)}` : null,
      hireDate: `202${random.int(0, 6)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
      phone: `138${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
      dingTalkId: `ding${i}`,
      status: 'active',
    };
    for (const [field, value] of Object.entries(fields)) org.push(op('person', id, field, value));
    const mine = new Set<string>();
    while (mine.size < Math.min(options.shopsPerPerson, options.shopIds.length))
      mine.add(options.shopIds[random.int(0, options.shopIds.length - 1)]!);
    for (const shopId of mine) {
      const ops = shops.get(shopId)!;
      const sub = `sa-${id}`;
      ops.push(
        op('subAccount', sub, 'personId', id),
        op('subAccount', sub, 'name', `客服${i}`),
        op('subAccount', sub, 'status', 'active'),
        op('subAccount', sub, 'expiresAt', null),
        op('subAccount', sub, 'roleIds', [
          random.pick(['role-cs', 'role-presale', 'role-aftersale', 'role-operations']),
        ]),
        op('subAccount', sub, 'extraGrants', []),
      );
    }
    people.push({ id, name, shops: [...mine] });
  }
  return { org, shops, people };
}
