// Delegation without escalation (issue #12), as a property over the real core: whatever sequence of roster calls
// the owner, a supervisor and agents make — assigning roles, extra grants, editing roles, creating sub-accounts —
// no call leaves anyone holding a permission in a shop that they did not hold before unless the caller held it in
// that shop. (The owner holds everything; a refused call changes nothing.)
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  grants,
  grantsInShop,
  PERMISSIONS,
  type Caller,
  type Grant,
  type PermissionExplanation,
  type RosterPerson,
  type ShopRoster,
} from '../../../shared/contract/index.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const SHOPS = ['tmall-mianyu', 'taobao-xiaolu', 'douyin-xiaolu'];
let fixture: CoreFixture;
let actors: Caller[];
let people: RosterPerson[];

beforeAll(async () => {
  fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
  actors = [];
  for (const login of ['owner', 'amy', 'tangtang', 'xiaolin', 'ajie']) {
    const caller = await loggedIn(fixture.core, login);
    fixture.core.subscribe(caller, () => undefined);
    actors.push(caller);
  }
  const result = await fixture.core.dispatch(actors[0]!, 'roster.people', {});
  if (!result.ok) throw new Error(result.error.code);
  people = (result.value as { people: RosterPerson[] }).people.filter((p) => p.kind === 'staff');
}, 60_000);
afterAll(() => fixture.close());

async function holdings(): Promise<Map<string, readonly Grant[]>> {
  const out = new Map<string, readonly Grant[]>();
  for (const shopId of SHOPS)
    for (const person of people) {
      const r = await fixture.core.dispatch(actors[0]!, 'roster.explain', { personId: person.id, shopId });
      if (!r.ok) throw new Error(r.error.code);
      out.set(`${person.id}@${shopId}`, (r.value as PermissionExplanation).effective);
    }
  return out;
}

const grantArb = fc.subarray([...PERMISSIONS] as Grant[], { minLength: 0, maxLength: 4 });
const action = fc.record({
  actor: fc.nat({ max: 4 }),
  shop: fc.nat({ max: SHOPS.length - 1 }),
  kind: fc.constantFrom('roles', 'extra', 'role', 'create'),
  pick: fc.nat(),
  grants: grantArb,
});

describe('delegation', () => {
  it('never lets a call give anyone a permission in a shop that the caller did not hold there', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (steps) => {
        for (const step of steps) {
          const caller = actors[step.actor]!;
          const shopId = SHOPS[step.shop]!;
          const roster = await fixture.core.dispatch(actors[0]!, 'roster.shop', { shopId });
          if (!roster.ok) throw new Error(roster.error.code);
          const shop = roster.value as ShopRoster;
          const account = shop.subAccounts[step.pick % shop.subAccounts.length]!;
          const role = shop.roles[step.pick % shop.roles.length]!;
          const person = people[step.pick % people.length]!;
          const callerHeld = caller.session ? grantsInShop(caller.session, shopId) : [];
          const before = await holdings();
          const input =
            step.kind === 'roles'
              ? ['roster.updateSubAccount', { shopId, subAccountId: account.id, roleIds: [role.id] }]
              : step.kind === 'extra'
                ? [
                    'roster.updateSubAccount',
                    {
                      shopId,
                      subAccountId: account.id,
                      extraGrants: step.grants.map((g) => ({ grant: g, until: null })),
                    },
                  ]
                : step.kind === 'role'
                  ? ['roster.saveRole', { shopId, roleId: role.id, name: role.name, permissions: step.grants }]
                  : [
                      'roster.createSubAccount',
                      { shopId, personId: person.id, name: `p${step.pick % 1000}`, roleIds: [role.id] },
                    ];
          await fixture.core.dispatch(caller, input[0] as string, input[1]);
          const after = await holdings();
          for (const [key, now] of after) {
            if (!key.endsWith(`@${shopId}`)) {
              // A call in one shop changes nothing in another.
              expect(now).toEqual(before.get(key));
              continue;
            }
            const gained = now.filter((g) => g !== '*' && !grants(before.get(key) ?? [], g as never));
            const beyond = gained.filter((g) => !grants(callerHeld, g as never));
            expect(beyond, `${caller.session?.login} gave ${key} ${beyond.join(',')}`).toEqual([]);
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
