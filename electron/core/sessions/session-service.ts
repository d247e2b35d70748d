// Sessions: who is logged in on a window or connection. A session is derived from a person: the owner sees
// every shop; a staff member sees the shops where they hold a sub-account, with the grants of their role.
import { AppError, type Caller, type SessionInfo } from '../../../shared/contract/index.ts';
import { subAccountFullName } from '../../../shared/domain/sub-account-rules.ts';
import type { Clock, DemoSeed, DocumentRecovery, Ids, JsonDocument, PasswordHasher, Storage } from '../ports.ts';
import { PEOPLE_DOCUMENT_VERSION, type PeopleDocument, type Person } from './people-document.ts';
import { GrantSchema } from '../../../shared/contract/index.ts';

export interface SessionService {
  load(): Promise<void>;
  seedDemo(seed: DemoSeed, mainAccountOf: (shopId: string) => string): Promise<void>;
  login(caller: Caller, login: string, password: string): Promise<SessionInfo>;
  logout(caller: Caller): void;
  lock(caller: Caller): SessionInfo;
  unlock(caller: Caller, secret: string): Promise<SessionInfo>;
  setPin(caller: Caller, pin: string, password: string): Promise<SessionInfo>;
  demoAccounts(): { login: string; displayName: string; roleLabel: string }[];
  /** Everyone who may log in (not disabled). */
  people(): readonly Person[];
  quickPhrasesOf(userId: string): Person['quickPhrases'];
  setQuickPhrases(userId: string, phrases: Person['quickPhrases']): Promise<Person['quickPhrases']>;
  recovery(): DocumentRecovery | null;
}

/** Wrong unlock attempts allowed before the session is ended and the person must log in again. */
export const MAX_UNLOCK_ATTEMPTS = 5;
/** Wrong passwords for one login before it is refused for `LOGIN_LOCKOUT_MS` (slows guessing). */
export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_LOCKOUT_MS = 60_000;

export function sessionOf(person: Person, locked = false): SessionInfo {
  return {
    locked,
    hasPin: person.pinHash !== null,
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

export function createSessionService(deps: Readonly<{ storage: Storage; ids: Ids; passwords: PasswordHasher; clock: Clock }>): SessionService {
  let people: JsonDocument<PeopleDocument> | null = null;
  const failedUnlocks = new WeakMap<Caller, number>();
  const failedLogins = new Map<string, { failures: number; lockedUntil: number }>();

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
          pinHash: null,
          subAccounts: person.subAccounts.map((sub) => ({ shopId: sub.shopId, name: subAccountFullName(mainAccountOf(sub.shopId), sub.name) })),
          demo: true,
          disabled: false,
          routing: person.routing ? { ...person.routing, groups: [...person.routing.groups] } : null,
          quickPhrases: [],
        });
      }
      await doc().update((draft) => {
        const taken = new Set(draft.people.map((p) => p.login));
        draft.people.push(...seeded.filter((p) => !taken.has(p.login)));
      });
    },
    people: () => doc().data.people.filter((p) => !p.disabled),
    quickPhrasesOf: (userId) => doc().data.people.find((p) => p.id === userId)?.quickPhrases ?? [],
    async setQuickPhrases(userId, phrases) {
      await doc().update((draft) => {
        const target = draft.people.find((p) => p.id === userId);
        if (!target) throw new AppError('not_found', 'no such person');
        target.quickPhrases = phrases.map((p) => ({ ...p }));
      });
      return phrases;
    },
    async login(caller, login, password) {
      const key = login.toLowerCase();
      const record = failedLogins.get(key);
      if (record && record.lockedUntil > deps.clock.now()) {
        throw new AppError('rate_limited', `too many wrong passwords for ${login}`, { retryAfterMs: record.lockedUntil - deps.clock.now() });
      }
      const person = doc().data.people.find((p) => p.login.toLowerCase() === key && !p.disabled);
      const valid = await deps.passwords.verify(password, person?.passwordHash ?? UNKNOWN_LOGIN_HASH);
      if (!person || !valid) {
        const failures = (record && record.lockedUntil === 0 ? record.failures : 0) + 1;
        failedLogins.set(key, { failures: failures % MAX_LOGIN_FAILURES, lockedUntil: failures >= MAX_LOGIN_FAILURES ? deps.clock.now() + LOGIN_LOCKOUT_MS : 0 });
        throw new AppError('invalid_credentials', 'wrong login or password');
      }
      failedLogins.delete(key);
      caller.session = sessionOf(person);
      return caller.session;
    },
    logout(caller) {
      caller.session = null;
      failedUnlocks.delete(caller);
    },
    lock(caller) {
      const session = caller.session;
      if (!session) throw new AppError('not_authenticated', 'no session');
      caller.session = { ...session, locked: true };
      return caller.session;
    },
    async unlock(caller, secret) {
      const session = caller.session;
      if (!session) throw new AppError('not_authenticated', 'no session');
      const person = doc().data.people.find((p) => p.id === session.userId && !p.disabled);
      if (!person) {
        caller.session = null;
        throw new AppError('not_authenticated', 'this account no longer exists or is disabled');
      }
      const byPin = person.pinHash !== null && (await deps.passwords.verify(secret, person.pinHash));
      if (byPin || (await deps.passwords.verify(secret, person.passwordHash))) {
        failedUnlocks.delete(caller);
        caller.session = sessionOf(person);
        return caller.session;
      }
      const failures = (failedUnlocks.get(caller) ?? 0) + 1;
      failedUnlocks.set(caller, failures);
      if (failures >= MAX_UNLOCK_ATTEMPTS) {
        caller.session = null;
        failedUnlocks.delete(caller);
        throw new AppError('not_authenticated', 'too many wrong attempts: log in again');
      }
      throw new AppError('invalid_credentials', 'wrong PIN or password', { attemptsLeft: MAX_UNLOCK_ATTEMPTS - failures });
    },
    async setPin(caller, pin, password) {
      const session = caller.session;
      if (!session) throw new AppError('not_authenticated', 'no session');
      const person = doc().data.people.find((p) => p.id === session.userId);
      if (!person || !(await deps.passwords.verify(password, person.passwordHash))) throw new AppError('invalid_credentials', 'wrong password');
      const pinHash = await deps.passwords.hash(pin);
      await doc().update((draft) => {
        const target = draft.people.find((p) => p.id === person.id);
        if (target) target.pinHash = pinHash;
      });
      caller.session = sessionOf({ ...person, pinHash });
      return caller.session;
    },
    recovery: () => people?.recovery ?? null,
    demoAccounts() {
      return doc()
        .data.people.filter((p) => p.demo && !p.disabled)
        .map((p) => ({ login: p.login, displayName: p.displayName, roleLabel: p.roleLabel }));
    },
  };
}
