// Who can serve buyers, and whether they are here. Every person who may reply is an agent in routing, with the
// routing profile from their roster entry. Their status is what they chose (online / paused / offline) on each
// window or connection where they are logged in: the best of those counts, and when the last one closes they are
// offline (routing diverts their chats after the shop's divert time). Locking a window changes nothing in routing:
// the lock screen says how many buyers wait, and pausing is the person's choice (or a shop's idle-pause setting).
import {
  grants,
  type AgentInfo,
  type AgentStatus,
  type Caller,
  type RoutingSettings,
  type SessionInfo,
} from '../../../shared/contract/index.ts';
import { routingOf, type Person } from '../sessions/people-document.ts';
import type { EffectivePerson } from '../sessions/session-service.ts';
import type { Assignment, Router } from './router.ts';

const RANK: Readonly<Record<AgentStatus, number>> = { offline: 0, paused: 1, online: 2 };

export interface AgentDirectory {
  /** Re-reads profiles from the roster (at start and after roster edits). */
  refresh(people: readonly Person[], at: number): Assignment[];
  /** Follows a caller's session after login, logout, lock or unlock; and drops it when the window closes. */
  sync(caller: Caller, at: number): Assignment[];
  detach(caller: Caller, at: number): Assignment[];
  setStatus(caller: Caller, status: AgentStatus, at: number): Assignment[];
  /** A resumed session (a reloaded page) takes over the status chosen on the window it replaces. */
  inherit(caller: Caller, from: Caller): void;
  isAgent(personId: string): boolean;
  list(
    session: SessionInfo,
    shopId: string | null,
    waiting: ReadonlyMap<string, { waiting: number; longestWaitSince: number | null }>,
  ): AgentInfo[];
  /** People of the shop who receive new chats now, and those online who take no part in routing. */
  presenceIn(shopId: string): { receiving: number; onlineNotReceiving: number };
}

/** The roster's routing per shop, where it sets one (people.json's people carry none). */
function perShopOf(person: Person): Readonly<Record<string, RoutingSettings>> {
  return (person as Partial<EffectivePerson>).routingByShop ?? {};
}

export function createAgentDirectory(
  router: Router,
  /** Told of every change of a person's effective status (the reports keep the timeline). */
  onStatus: (personId: string, status: AgentStatus, at: number) => void = () => undefined,
): AgentDirectory {
  const people = new Map<string, Person>();
  const presence = new Map<Caller, { userId: string; chosen: AgentStatus }>();
  const statuses = new Map<string, AgentStatus>();
  // What a window had chosen when it went away, for the reloaded page that resumes its session.
  const departed = new WeakMap<Caller, { userId: string; chosen: AgentStatus }>();

  const shopIdsOf = (person: Person): 'all' | string[] =>
    person.kind === 'owner' ? 'all' : [...new Set(person.subAccounts.map((s) => s.shopId))];

  function effective(userId: string): AgentStatus {
    let best: AgentStatus = 'offline';
    for (const entry of presence.values()) {
      if (entry.userId !== userId) continue;
      if (RANK[entry.chosen] > RANK[best]) best = entry.chosen;
    }
    return best;
  }

  /** Logged in somewhere, and locked on every window where they are. */
  function isLocked(userId: string): boolean {
    let present = false;
    for (const [caller, entry] of presence) {
      if (entry.userId !== userId) continue;
      if (!caller.session?.locked) return false;
      present = true;
    }
    return present;
  }

  function update(userId: string, at: number): Assignment[] {
    if (!people.has(userId)) return [];
    const status = effective(userId);
    const before = statuses.get(userId);
    if (before === status) return [];
    statuses.set(userId, status);
    if ((before ?? 'offline') !== status) onStatus(userId, status, at);
    return router.setStatus(userId, status, at);
  }

  /** Online and in routing with room for a chat (in this shop, or in any): the router would give them a new chat. */
  function receives(person: Person, shopId: string | null = null): boolean {
    const routing = routingOf(person);
    const perShop = perShopOf(person);
    const optIn =
      shopId !== null
        ? (perShop[shopId]?.optIn ?? routing.optIn)
        : routing.optIn || Object.values(perShop).some((r) => r.optIn);
    const capacity = Math.max(routing.capacity, ...Object.values(perShop).map((r) => r.capacity));
    return statuses.get(person.id) === 'online' && optIn && capacity > 0;
  }

  function serves(person: Person, shopId: string): boolean {
    return person.kind === 'owner' || person.subAccounts.some((s) => s.shopId === shopId);
  }

  return {
    refresh(list, at) {
      const out: Assignment[] = [];
      const next = new Map(
        list
          .filter((p) => !p.disabled && grants(p.kind === 'owner' ? ['*'] : p.grants, 'inbox.reply'))
          .map((p) => [p.id, p]),
      );
      for (const id of people.keys()) {
        if (next.has(id)) continue;
        out.push(...router.removeAgent(id, at));
        statuses.delete(id);
      }
      people.clear();
      for (const [id, person] of next) {
        people.set(id, person);
        const routing = routingOf(person);
        const perShop = perShopOf(person);
        out.push(
          ...router.upsertAgent(
            {
              id,
              optIn: routing.optIn,
              // One person, one screen: their limit is the largest that any of their shops sets.
              capacity: Math.max(routing.capacity, ...Object.values(perShop).map((r) => r.capacity)),
              weight: routing.weight,
              groups: routing.groups,
              shopIds: shopIdsOf(person),
              perShop,
            },
            at,
          ),
        );
        out.push(...update(id, at));
      }
      return out;
    },
    sync(caller, at) {
      const entry = presence.get(caller);
      const userId = caller.session?.userId ?? null;
      const out: Assignment[] = [];
      if (entry && entry.userId !== userId) {
        departed.set(caller, entry);
        presence.delete(caller);
        out.push(...update(entry.userId, at));
      }
      if (userId !== null && people.has(userId) && presence.get(caller) === undefined)
        presence.set(caller, { userId, chosen: 'online' });
      if (userId !== null) out.push(...update(userId, at));
      return out;
    },
    detach(caller, at) {
      const entry = presence.get(caller);
      if (!entry) return [];
      departed.set(caller, entry);
      presence.delete(caller);
      return update(entry.userId, at);
    },
    setStatus(caller, status, at) {
      const userId = caller.session?.userId;
      if (!userId || !people.has(userId)) return [];
      const entry = presence.get(caller);
      if (entry) entry.chosen = status;
      else presence.set(caller, { userId, chosen: status });
      return update(userId, at);
    },
    inherit(caller, from) {
      const previous = presence.get(from) ?? departed.get(from);
      const userId = caller.session?.userId;
      if (!previous || previous.userId !== userId || presence.has(caller)) return;
      presence.set(caller, { userId, chosen: previous.chosen });
    },
    isAgent: (personId) => people.has(personId),
    list(session, shopId, waiting) {
      const loads = new Map(router.loads().map((l) => [l.agentId, l]));
      const inScope = (person: Person) => {
        if (shopId !== null) return serves(person, shopId);
        if (session.shopIds === 'all') return true;
        return person.kind === 'owner' || session.shopIds.some((id) => serves(person, id));
      };
      return [...people.values()].filter(inScope).map((person) => {
        const routing = routingOf(person);
        const load = loads.get(person.id);
        const w = waiting.get(person.id);
        const shopIds = shopIdsOf(person);
        return {
          id: person.id,
          displayName: person.displayName,
          roleLabel: person.roleLabel,
          status: statuses.get(person.id) ?? 'offline',
          locked: isLocked(person.id),
          receivesChats: receives(person, shopId),
          optIn: shopId !== null ? (perShopOf(person)[shopId]?.optIn ?? routing.optIn) : routing.optIn,
          groups: [...routing.groups],
          // A staff member's shops outside the caller's scope are not the caller's business.
          shopIds:
            shopIds === 'all' || session.shopIds === 'all'
              ? shopIds
              : shopIds.filter((id) => session.shopIds.includes(id)),
          load: load?.load ?? 0,
          capacity: routing.capacity,
          chats: load?.chats ?? 0,
          waiting: w?.waiting ?? 0,
          longestWaitSince: w?.longestWaitSince ?? null,
        };
      });
    },
    presenceIn(shopId) {
      let receiving = 0;
      let onlineNotReceiving = 0;
      for (const person of people.values()) {
        if (statuses.get(person.id) !== 'online' || !serves(person, shopId)) continue;
        if (receives(person, shopId)) receiving += 1;
        else onlineNotReceiving += 1;
      }
      return { receiving, onlineNotReceiving };
    },
  };
}
