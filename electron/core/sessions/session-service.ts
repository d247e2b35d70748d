// Sessions: who is logged in on a window or connection. A session is derived from a person: the owner sees
// every shop; a staff member sees the shops where they hold a sub-account, with the grants of their role.
import { randomBytes } from 'node:crypto';
import { AppError, type Caller, type RoutingSettings, type SessionInfo } from '../../../shared/contract/index.ts';
import { subAccountFullName } from '../../../shared/domain/roster/sub-account-rules.ts';
import type {
  AuditDraft,
  Clock,
  DemoSeed,
  DocumentRecovery,
  Ids,
  JsonDocument,
  PasswordHasher,
  Storage,
} from '../ports.ts';
import { PEOPLE_DOCUMENT_VERSION, type PeopleDocument, type Person } from './people-document.ts';
import { GrantSchema } from '../../../shared/contract/index.ts';

export interface SessionService {
  load(): Promise<void>;
  seedDemo(seed: DemoSeed, mainAccountOf: (shopId: string) => string): Promise<void>;
  login(caller: Caller, login: string, password: string): Promise<SessionInfo>;
  logout(caller: Caller): void;
  lock(caller: Caller): SessionInfo;
  unlock(caller: Caller, secret: string): Promise<SessionInfo>;
  /** `entry`: the command's audit entry, stored in the same write as the change. */
  setPin(caller: Caller, pin: string, password: string, entry: () => AuditDraft): Promise<SessionInfo>;
  /** A short-lived, single-use token with which a reloaded page (a new connection) resumes this session. */
  issueResumeToken(caller: Caller): { token: string; expiresAt: number };
  /** Takes over the session a token was issued for (locked if it was); `not_authenticated` when it is not valid. */
  resume(caller: Caller, token: string): { session: SessionInfo; from: Caller };
  demoAccounts(): { login: string; displayName: string; roleLabel: string }[];
  /** Everyone who may log in (not disabled), as the roster sees them (sub-accounts and grants per shop). */
  people(): readonly Person[];
  /** Everyone in people.json, as stored (logins; the roster imports the rest from here once). */
  stored(): readonly Person[];
  /** The session this person would get on logging in now (null: no login, or disabled). */
  preview(personId: string): SessionInfo | null;
  /** The roster's view of a person: where they hold sub-accounts and what they may do in each shop. */
  setDirectory(overlay: (person: Person) => EffectivePerson): void;
  /** Gives a roster person a console login (a new entry of people.json). */
  addLogin(
    person: Readonly<{ id: string; login: string; displayName: string; roleLabel: string; password: string }>,
  ): Promise<void>;
  /** Re-derives live sessions after the roster changed (a disabled or left person's session ends); returns the
   * sessions that changed, one per person. */
  refresh(callers: Iterable<Caller>): SessionInfo[];
  quickPhrasesOf(userId: string): Person['quickPhrases'];
  setQuickPhrases(
    userId: string,
    phrases: Person['quickPhrases'],
    entry: () => AuditDraft,
  ): Promise<Person['quickPhrases']>;
  /** The entry of the last change to people.json (for the start-up replay into the org log). */
  lastAudit(): AuditDraft | null;
  recovery(): DocumentRecovery | null;
}

/** Wrong unlock attempts allowed before the session is ended and the person must log in again. */
export const MAX_UNLOCK_ATTEMPTS = 5;

/**
 * Wrong logins slow the guesser, never lock a person out: each window or connection may try `freeAttempts` times,
 * then waits a delay that doubles with each further failure (up to `maxDelayMs`); across all connections, more than
 * `globalFreeFailures` failures within `globalWindowMs` (spraying logins, or many connections) add a delay for
 * every attempt that grows with the excess. A right password ends the connection's delay, never anyone else's.
 */
/** How long a resume token stays valid; the page asks for a fresh one well before (renderer: every 2 minutes). */
export const RESUME_TOKEN_MS = 5 * 60_000;

export const LOGIN_THROTTLE = {
  freeAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  globalWindowMs: 60_000,
  globalFreeFailures: 20,
  globalStepMs: 250,
  globalMaxDelayMs: 10_000,
} as const;

export type EffectivePerson = Person & {
  shopGrants: Record<string, Person['grants']>;
  /** Routing per shop where the roster sets it (else the person's defaults). */
  routingByShop: Record<string, RoutingSettings>;
};

export function sessionOf(person: Person | EffectivePerson, locked = false): SessionInfo {
  return {
    shopGrants: person.kind === 'owner' ? {} : 'shopGrants' in person ? person.shopGrants : legacyShopGrants(person),
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

/** Before the roster knows a person: their one list of grants, in each shop of their sub-accounts. */
function legacyShopGrants(person: Person): Record<string, Person['grants']> {
  return Object.fromEntries(person.subAccounts.map((sub) => [sub.shopId, [...person.grants]]));
}

export function createSessionService(
  deps: Readonly<{ storage: Storage; ids: Ids; passwords: PasswordHasher; clock: Clock }>,
): SessionService {
  let people: JsonDocument<PeopleDocument> | null = null;
  let overlay: (person: Person) => Person | EffectivePerson = (person) => person;
  const effective = (id: string): Person | EffectivePerson | null => {
    const person = doc().data.people.find((p) => p.id === id);
    if (!person) return null;
    const seen = overlay(person);
    return seen.disabled ? null : seen;
  };
  const failedUnlocks = new WeakMap<Caller, number>();
  const failedLogins = new WeakMap<Caller, { failures: number; nextAttemptAt: number }>();
  let recentFailures: number[] = [];
  // Resume tokens, by token; a caller holds at most one (a new one replaces it). Logging out revokes it; locking
  // is carried over (a reload of a locked page stays locked). Kept in memory only: a restart ends them all.
  const resumeTokens = new Map<string, { userId: string; expiresAt: number; caller: Caller; locked: boolean }>();
  /** Keeps a caller's resume token as locked as its session (a reload must never unlock a locked desk). */
  const followLock = (caller: Caller) => {
    const token = tokenOf.get(caller);
    const entry = token === undefined ? undefined : resumeTokens.get(token);
    if (entry) entry.locked = caller.session?.locked ?? entry.locked;
  };
  const tokenOf = new WeakMap<Caller, string>();
  const revokeResume = (caller: Caller) => {
    const token = tokenOf.get(caller);
    if (token !== undefined) resumeTokens.delete(token);
    tokenOf.delete(caller);
  };
  // An unknown login is checked against a hash made by the same hasher with the same cost as real ones, so that
  // it takes as long as a wrong password (made once, on first use; it matches no password anyone can type).
  let standInHash: Promise<string> | null = null;
  const standIn = () => (standInHash ??= deps.passwords.hash(randomBytes(32).toString('base64url')));

  /** When the next login attempt may run, for this caller and for everyone; 0 when it may run now. */
  function loginDelay(caller: Caller, now: number): number {
    recentFailures = recentFailures.filter((at) => at > now - LOGIN_THROTTLE.globalWindowMs);
    const own = failedLogins.get(caller);
    const ownWait = own ? own.nextAttemptAt - now : 0;
    const excess = recentFailures.length - LOGIN_THROTTLE.globalFreeFailures;
    const globalWait =
      excess > 0
        ? recentFailures[recentFailures.length - 1]! +
          Math.min(LOGIN_THROTTLE.globalMaxDelayMs, excess * LOGIN_THROTTLE.globalStepMs) -
          now
        : 0;
    return Math.max(0, ownWait, globalWait);
  }

  function recordFailedLogin(caller: Caller, now: number): void {
    const failures = (failedLogins.get(caller)?.failures ?? 0) + 1;
    const extra = failures - LOGIN_THROTTLE.freeAttempts;
    const delay = extra < 0 ? 0 : Math.min(LOGIN_THROTTLE.maxDelayMs, LOGIN_THROTTLE.baseDelayMs * 2 ** extra);
    failedLogins.set(caller, { failures, nextAttemptAt: now + delay });
    recentFailures.push(now);
  }

  function doc(): JsonDocument<PeopleDocument> {
    if (!people) throw new AppError('internal', 'people not loaded');
    return people;
  }

  return {
    async load() {
      people = await deps.storage.openPeople(() => ({
        schemaVersion: PEOPLE_DOCUMENT_VERSION,
        people: [],
        lastAudit: null,
      }));
      void standIn().catch(() => undefined);
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
          subAccounts: person.subAccounts.map((sub) => ({
            shopId: sub.shopId,
            name: subAccountFullName(mainAccountOf(sub.shopId), sub.name),
          })),
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
    preview(personId) {
      const person = effective(personId);
      return person ? sessionOf(person) : null;
    },
    people: () =>
      doc()
        .data.people.map((p) => overlay(p))
        .filter((p) => !p.disabled),
    stored: () => doc().data.people,
    setDirectory(next) {
      overlay = next;
    },
    async addLogin(person) {
      const taken = doc().data.people.some(
        (p) => p.id === person.id || p.login.toLowerCase() === person.login.toLowerCase(),
      );
      if (taken) throw new AppError('conflict', 'that login is taken');
      const passwordHash = await deps.passwords.hash(person.password);
      await doc().update((draft) => {
        draft.people.push({
          id: person.id,
          login: person.login,
          displayName: person.displayName,
          kind: 'staff',
          roleLabel: person.roleLabel,
          grants: [],
          passwordHash,
          pinHash: null,
          subAccounts: [],
          demo: false,
          disabled: false,
          routing: null,
          quickPhrases: [],
        });
      });
    },
    refresh(callers) {
      const changed = new Map<string, SessionInfo>();
      for (const caller of callers) {
        const session = caller.session;
        if (!session) continue;
        const person = effective(session.userId);
        if (!person) {
          caller.session = null;
          revokeResume(caller);
          continue;
        }
        const next = sessionOf(person, session.locked);
        if (JSON.stringify(next) !== JSON.stringify(session)) changed.set(next.userId, next);
        caller.session = next;
      }
      return [...changed.values()];
    },
    quickPhrasesOf: (userId) => doc().data.people.find((p) => p.id === userId)?.quickPhrases ?? [],
    async setQuickPhrases(userId, phrases, entry) {
      await doc().update((draft) => {
        const target = draft.people.find((p) => p.id === userId);
        if (!target) throw new AppError('not_found', 'no such person');
        target.quickPhrases = phrases.map((p) => ({ ...p }));
        draft.lastAudit = entry();
      });
      return phrases;
    },
    async login(caller, login, password) {
      const wait = loginDelay(caller, deps.clock.now());
      if (wait > 0)
        throw new AppError('rate_limited', 'too many wrong passwords: wait before trying again', {
          retryAfterMs: wait,
        });
      const key = login.toLowerCase();
      const stored = doc().data.people.find((p) => p.login.toLowerCase() === key);
      const person = stored ? effective(stored.id) : null;
      const valid = await deps.passwords.verify(password, person?.passwordHash ?? (await standIn()));
      if (!person || !valid) {
        recordFailedLogin(caller, deps.clock.now());
        throw new AppError('invalid_credentials', 'wrong login or password');
      }
      failedLogins.delete(caller);
      revokeResume(caller);
      caller.session = sessionOf(person);
      return caller.session;
    },
    logout(caller) {
      caller.session = null;
      failedUnlocks.delete(caller);
      revokeResume(caller);
    },
    issueResumeToken(caller) {
      const session = caller.session;
      if (!session) throw new AppError('not_authenticated', 'no session');
      revokeResume(caller);
      const now = deps.clock.now();
      for (const [token, entry] of resumeTokens) if (entry.expiresAt <= now) resumeTokens.delete(token);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = now + RESUME_TOKEN_MS;
      resumeTokens.set(token, { userId: session.userId, expiresAt, caller, locked: session.locked });
      tokenOf.set(caller, token);
      return { token, expiresAt };
    },
    resume(caller, token) {
      const entry = resumeTokens.get(token);
      resumeTokens.delete(token);
      if (!entry || entry.expiresAt <= deps.clock.now())
        throw new AppError(
          'not_authenticated',
          'the resume token is not valid (expired, used or revoked): log in again',
        );
      if (tokenOf.get(entry.caller) === token) tokenOf.delete(entry.caller);
      const person = effective(entry.userId);
      if (!person) throw new AppError('not_authenticated', 'this account no longer exists or is disabled');
      const locked = entry.locked || (entry.caller.session?.userId === entry.userId && entry.caller.session.locked);
      caller.session = sessionOf(person, locked);
      return { session: caller.session, from: entry.caller };
    },
    lock(caller) {
      const session = caller.session;
      if (!session) throw new AppError('not_authenticated', 'no session');
      caller.session = { ...session, locked: true };
      followLock(caller);
      return caller.session;
    },
    async unlock(caller, secret) {
      const session = caller.session;
      if (!session) throw new AppError('not_authenticated', 'no session');
      const person = effective(session.userId);
      if (!person) {
        caller.session = null;
        throw new AppError('not_authenticated', 'this account no longer exists or is disabled');
      }
      const byPin = person.pinHash !== null && (await deps.passwords.verify(secret, person.pinHash));
      if (byPin || (await deps.passwords.verify(secret, person.passwordHash))) {
        failedUnlocks.delete(caller);
        caller.session = sessionOf(person);
        followLock(caller);
        return caller.session;
      }
      const failures = (failedUnlocks.get(caller) ?? 0) + 1;
      failedUnlocks.set(caller, failures);
      if (failures >= MAX_UNLOCK_ATTEMPTS) {
        caller.session = null;
        failedUnlocks.delete(caller);
        revokeResume(caller);
        throw new AppError('not_authenticated', 'too many wrong attempts: log in again');
      }
      throw new AppError('invalid_credentials', 'wrong PIN or password', {
        attemptsLeft: MAX_UNLOCK_ATTEMPTS - failures,
      });
    },
    lastAudit: () => people?.data.lastAudit ?? null,
    async setPin(caller, pin, password, entry) {
      const session = caller.session;
      if (!session) throw new AppError('not_authenticated', 'no session');
      const person = doc().data.people.find((p) => p.id === session.userId);
      if (!person || !(await deps.passwords.verify(password, person.passwordHash)))
        throw new AppError('invalid_credentials', 'wrong password');
      const pinHash = await deps.passwords.hash(pin);
      await doc().update((draft) => {
        const target = draft.people.find((p) => p.id === person.id);
        if (target) target.pinHash = pinHash;
        draft.lastAudit = entry();
      });
      caller.session = sessionOf({ ...(effective(person.id) ?? person), pinHash });
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
