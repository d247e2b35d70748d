// Sessions: who is logged in on a window or connection. A session is derived from a person: the owner sees
// every shop; a staff member sees the shops where they hold a sub-account, with the grants of their role.
import { AppError, type Caller, type SessionInfo } from '../../../shared/contract/index.ts';
import { subAccountFullName } from '../../../shared/domain/sub-account-rules.ts';
import type { DemoSeed, DocumentRecovery, Ids, JsonDocument, PasswordHasher, Storage } from '../ports.ts';
import { PEOPLE_DOCUMENT_VERSION, type PeopleDocument, type Person } from './people-document.ts';
import { GrantSchema } from '../../../shared/contract/index.ts';

export interface SessionService {
  load(): Promise<void>;
  seedDemo(seed: DemoSeed, mainAccountOf: (shopId: string) => string): Promise<void>;
  login(caller: Caller, login: string, password: string): Promise<SessionInfo>;
  logout(caller: Caller): void;
  demoAccounts(): { login: string; displayName: string; roleLabel: string }[];
  recovery(): DocumentRecovery | null;
}

export function sessionOf(person: Person): SessionInfo {
  return {
    userId: person.id,
    login: person.login,
    displayName: person.displayName,
    kind: person.kind,
    roleLabel: person.roleLabel,
    grants: person.kind === 'owner' ? ['*'] : person.grants,
    shopIds: person.kind === 'owner' ? 'all' : [...new Set(person.subAccounts.map((sub) => sub.shopId))],
  };
}

// A stand-in hash so that an unknown login costs as much time as a wrong password.
const UNKNOWN_LOGIN_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function createSessionService(deps: Readonly<{ storage: Storage; ids: Ids; passwords: PasswordHasher }>): SessionService {
  let people: JsonDocument<PeopleDocument> | null = null;

  function doc(): JsonDocument<PeopleDocument> {
    if (!people) throw new AppError('internal', 'people not loaded');
    return people;
  }

  return {
    async load() {
      people = await deps.storage.openPeople(() => ({ schemaVersion: PEOPLE_DOCUMENT_VERSION, people: [] }));
    },
    async seedDemo(seed, mainAccountOf) {
      const seeded: Person[] = [];
      for (const person of seed.people) {
        seeded.push({
          id: deps.ids.next('person'),
          login: person.login,
          displayName: person.displayName,
          kind: person.kind,
          roleLabel: person.roleLabel,
          grants: person.grants.map((grant) => GrantSchema.parse(grant)),
          passwordHash: await deps.passwords.hash(seed.password),
          subAccounts: person.subAccounts.map((sub) => ({ shopId: sub.shopId, name: subAccountFullName(mainAccountOf(sub.shopId), sub.name) })),
          demo: true,
          disabled: false,
        });
      }
      await doc().update((draft) => {
        const taken = new Set(draft.people.map((p) => p.login));
        draft.people.push(...seeded.filter((p) => !taken.has(p.login)));
      });
    },
    async login(caller, login, password) {
      const person = doc().data.people.find((p) => p.login.toLowerCase() === login.toLowerCase() && !p.disabled);
      const valid = await deps.passwords.verify(password, person?.passwordHash ?? UNKNOWN_LOGIN_HASH);
      if (!person || !valid) throw new AppError('invalid_credentials', 'wrong login or password');
      caller.session = sessionOf(person);
      return caller.session;
    },
    logout(caller) {
      caller.session = null;
    },
    recovery: () => people?.recovery ?? null,
    demoAccounts() {
      return doc()
        .data.people.filter((p) => p.demo && !p.disabled)
        .map((p) => ({ login: p.login, displayName: p.displayName, roleLabel: p.roleLabel }));
    },
  };
}
