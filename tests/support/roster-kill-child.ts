// Child of the roster kill loop: runs the real core on a data folder with Tmall's platform offline and keeps making
// roster edits — a Tmall sub-account's expiry (the shop's log) and a person's level (the organisation's log) —
// printing `E <n>` once both calls returned. The parent kills it with SIGKILL at a random moment.
import type { RosterPerson, ShopRoster } from '../../shared/contract/index.ts';
import { createDemoRosterHub } from '../../electron/connectors/demo-platform/demo-roster-hub.ts';
import { loggedIn, startCoreFixture } from './core-fixture.ts';

const [dataDir, startArg, baseArg] = process.argv.slice(2) as [string, string, string];
const EXPIRY_BASE = Number(baseArg);
let n = Number(startArg);
// The platform never comes online here: whatever this console queued stays queued.
const rosterHubs = new Map([['tmall-mianyu', createDemoRosterHub('tmall-mianyu', () => Date.now(), null, false)]]);
const fixture = await startCoreFixture({ dataDir, messagesPerMinute: 0.001, idPrefix: `r${startArg}-`, rosterHubs });
const owner = await loggedIn(fixture.core, 'owner');
const shop = await fixture.core.dispatch(owner, 'roster.shop', { shopId: 'tmall-mianyu' });
const people = await fixture.core.dispatch(owner, 'roster.people', {});
if (!shop.ok || !people.ok) throw new Error('roster not readable');
const account = (shop.value as ShopRoster).subAccounts.find((a) => a.fullName.endsWith(':阿杰'))!;
const person = (people.value as { people: RosterPerson[] }).people.find((p) => p.login === 'ajie')!;
process.stdout.write(`READY ${account.id} ${person.id}\n`);
for (;;) {
  n += 1;
  const results = await Promise.all([
    fixture.core.dispatch(owner, 'roster.updateSubAccount', {
      shopId: 'tmall-mianyu',
      subAccountId: account.id,
      expiresAt: EXPIRY_BASE + n,
    }),
    fixture.core.dispatch(owner, 'roster.savePerson', {
      personId: person.id,
      profile: { ...person, level: `L${n}` },
    }),
  ]);
  for (const r of results) if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  process.stdout.write(`E ${n}\n`);
}
