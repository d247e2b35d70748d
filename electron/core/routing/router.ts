// Routing (分流): decides which agent serves a waiting chat, in the platform's order (DOMAIN.md) —
//   1. the buyer's agent from the last `returningBuyerMs` (3 days), if online or paused and with room;
//   2. the shop's dedicated agent (专属客服) for this buyer, if online and with room;
//   3. an online agent of the chat's group (售前/售后), by weight or by load;
//   4. any online agent of the shop;
//   5. nobody online in the shop at all: the main account if the shop says so, else the message pool;
//   otherwise the chat waits in the queue and goes to the next agent who has room, in queue-multiplexer order.
// Invariants (property-tested): a chat has at most one assignee; automatic routing never puts an agent over
// capacity; no chat waits unassigned while an eligible agent has room. Manual actions (a claim, a reply, a
// transfer to a named colleague, a take-over) are a person's choice and may go over capacity; routing then gives
// that agent nothing more until they are back under it. Pure and synchronous: claims are atomic by construction.
import { AppError } from '../../../shared/contract/index.ts';
import { DEFAULT_FAIRNESS_QUANTUM, multiplexQueue } from '../../../shared/domain/queue-multiplexer.ts';

export type AgentStatus = 'online' | 'paused' | 'offline';

export type AgentProfile = Readonly<{
  id: string;
  /** Takes part in automatic routing (an owner or a supervisor may not). */
  optIn: boolean;
  /** Concurrent chats, as a sum of chat costs. */
  capacity: number;
  /** Share of traffic relative to colleagues: 300 vs 100 ≈ 3× the chats (DOMAIN.md). */
  weight: number;
  groups: readonly string[];
  shopIds: readonly string[] | 'all';
  /** Per shop, where the roster sets it: in the general queue or not, the weight and the groups there. */
  perShop?: Readonly<Record<string, Readonly<{ optIn: boolean; weight: number; groups: readonly string[] }>>>;
}>;

export type ShopRoutingPolicy = Readonly<{
  returningBuyerMs: number;
  /** Re-route a chat whose assignee has not answered within this long (0: never). */
  reassignAfterMs: number;
  /** An offline agent's chats go back to routing after this long. */
  divertOfflineAfterMs: number;
  /** How an agent is picked within a group: lowest load per weight, or lowest load per capacity. */
  balance: 'weight' | 'load';
  /** When nobody in the shop is online: the main account takes the chat, or it waits in the message pool. */
  whenNobodyOnline: 'mainAccount' | 'pool';
  mainAccountAgentId: string | null;
  /** Cost of a chat by group toward capacity (chat types weighted); missing groups cost 1. */
  groupCosts: Readonly<Record<string, number>>;
  /** buyer id → agent id. */
  dedicatedAgents: Readonly<Record<string, string>>;
}>;

export type RoutedChat = Readonly<{
  /** Unique across shops: `${shopId}/${conversationId}`. */
  key: string;
  shopId: string;
  buyerId: string;
  group: string;
  /** When the buyer's unanswered round began; null when the chat is not waiting for a reply. */
  waitingSince: number | null;
  dueAt: number | null;
  lastAgent: Readonly<{ id: string; at: number }> | null;
  /** Who handed this chat away (a transfer) in its current round: routing does not hand it back to them. */
  handedOffBy: string | null;
}>;

export type AssignReason =
  | 'returning'
  | 'dedicated'
  | 'group'
  | 'any'
  | 'mainAccount'
  | 'drain'
  | 'claim'
  | 'transfer'
  | 'takeOver'
  | 'reassign'
  | 'divert'
  | 'release';

/** One change of assignee the caller must persist and announce. `to: null` puts the chat back in the queue. */
export type Assignment = Readonly<{
  key: string;
  from: string | null;
  to: string | null;
  at: number;
  reason: AssignReason;
}>;

export type Decision = Readonly<{ agentId: string; reason: AssignReason }> | null;

type Agent = {
  profile: AgentProfile;
  status: AgentStatus;
  offlineSince: number | null;
  load: number;
  lastAssignedAt: number;
};

type Chat = {
  chat: RoutedChat;
  assigneeId: string | null;
  assignedAt: number;
  cost: number;
  queuedDue: number;
  queuedLastAgent: string | null;
};

export type AgentLoad = Readonly<{
  agentId: string;
  status: AgentStatus;
  load: number;
  capacity: number;
  chats: number;
}>;

export interface Router {
  upsertAgent(profile: AgentProfile, at: number): Assignment[];
  removeAgent(agentId: string, at: number): Assignment[];
  setStatus(agentId: string, status: AgentStatus, at: number): Assignment[];
  /** A chat now waits for a reply (a buyer wrote): keep its assignee, or route it. */
  waiting(chat: RoutedChat, at: number): Assignment[];
  /** Restores a chat's assignee as it was stored (at start), without routing. */
  restore(chat: RoutedChat, assigneeId: string | null, assignedAt: number): void;
  /** The assignee (or whoever replied) answered: the chat stays with them but no longer waits. */
  answered(key: string, agentId: string, chat: RoutedChat, at: number): Assignment[];
  /** Closed or snoozed: the chat leaves routing and frees its agent's room. */
  release(key: string, at: number): Assignment[];
  /** Manual actions take the chat as it now stands; they refuse (throw) before changing anything. */
  claim(chat: RoutedChat, agentId: string, at: number): Assignment[];
  transferToAgent(chat: RoutedChat, agentId: string, at: number): Assignment[];
  /** Back to routing within `chat.group` (the chat as it now stands: waiting for the new agent). */
  transferToGroup(chat: RoutedChat, at: number): Assignment[];
  takeOver(chat: RoutedChat, agentId: string, at: number): Assignment[];
  /** Time-based rules: reassign unanswered chats, divert offline agents' chats. */
  sweep(at: number): Assignment[];
  decide(chat: RoutedChat, at: number, exclude?: string): Decision;
  assigneeOf(key: string): string | null;
  /** Waiting chats nobody holds, in queue-multiplexer order. */
  queue(limit?: number): RoutedChat[];
  loads(): AgentLoad[];
  /** The fairness offsets of the shops' queues (see queue-multiplexer.ts). */
  served(): ReadonlyMap<string, number>;
  /** For tests: every tracked chat with its assignee. */
  chats(): Readonly<{ chat: RoutedChat; assigneeId: string | null; assignedAt: number }>[];
  /** The chats someone holds (at most the agents' capacity, however long the queue). */
  held(): Readonly<{ chat: RoutedChat; assigneeId: string; assignedAt: number }>[];
}

export function createRouter(
  policyOf: (shopId: string) => ShopRoutingPolicy,
  options: Readonly<{ fairnessQuantum?: number }> = {},
): Router {
  const fairnessQuantum = options.fairnessQuantum ?? DEFAULT_FAIRNESS_QUANTUM;
  const agents = new Map<string, Agent>();
  const chats = new Map<string, Chat>();
  /** The chats with an assignee: what the periodic sweep looks at, so its cost does not grow with the queue. */
  const held = new Set<Chat>();
  /** Waiting and unassigned: the queue, by key, and per shop sorted by due time (so a drain reads heads only). */
  const queued = new Map<string, Chat>();
  const shopQueues = new Map<string, Chat[]>();
  /** Chats handed out of each shop's queue since it was last empty: the multiplexer's fairness offset. */
  const served = new Map<string, number>();
  /**
   * Queued chats by their last agent and by buyer: a paused or not-opted-in agent with room takes only their
   * returning and dedicated buyers, found here without walking a queue of 100,000 chats nobody else can take.
   */
  const queuedByLastAgent = new Map<string, Set<Chat>>();
  const queuedByBuyer = new Map<string, Chat>();
  const buyerKey = (shopId: string, buyerId: string) => `${shopId}\u0000${buyerId}`;

  const dueOf = (entry: Chat) => entry.chat.dueAt ?? Number.MAX_SAFE_INTEGER;
  /** First index in a shop's sorted queue whose (due, key) is not before the given one. */
  function lowerBound(list: readonly Chat[], due: number, key: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = list[mid]!;
      if (m.queuedDue < due || (m.queuedDue === due && m.chat.key < key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function enqueue(entry: Chat): void {
    if (queued.has(entry.chat.key)) return;
    queued.set(entry.chat.key, entry);
    entry.queuedDue = dueOf(entry);
    entry.queuedLastAgent = entry.chat.lastAgent?.id ?? null;
    if (entry.queuedLastAgent !== null) {
      let set = queuedByLastAgent.get(entry.queuedLastAgent);
      if (!set) queuedByLastAgent.set(entry.queuedLastAgent, (set = new Set()));
      set.add(entry);
    }
    queuedByBuyer.set(buyerKey(entry.chat.shopId, entry.chat.buyerId), entry);
    let list = shopQueues.get(entry.chat.shopId);
    if (!list) shopQueues.set(entry.chat.shopId, (list = []));
    list.splice(lowerBound(list, entry.queuedDue, entry.chat.key), 0, entry);
  }

  function dequeue(key: string, handedOut: boolean): void {
    const entry = queued.get(key);
    if (!entry) return;
    queued.delete(key);
    if (entry.queuedLastAgent !== null) {
      const set = queuedByLastAgent.get(entry.queuedLastAgent)!;
      set.delete(entry);
      if (set.size === 0) queuedByLastAgent.delete(entry.queuedLastAgent);
    }
    const byBuyer = buyerKey(entry.chat.shopId, entry.chat.buyerId);
    if (queuedByBuyer.get(byBuyer) === entry) queuedByBuyer.delete(byBuyer);
    const shopId = entry.chat.shopId;
    const list = shopQueues.get(shopId)!;
    const at = lowerBound(list, entry.queuedDue, key);
    list.splice(list[at] === entry ? at : list.indexOf(entry), 1);
    if (list.length > 0) {
      if (handedOut) served.set(shopId, (served.get(shopId) ?? 0) + 1);
    } else {
      // An empty queue starts the shop afresh: it carries neither credit nor debt into its next busy spell.
      shopQueues.delete(shopId);
      served.delete(shopId);
    }
  }

  const servesShop = (agent: Agent, shopId: string) =>
    agent.profile.shopIds === 'all' || agent.profile.shopIds.includes(shopId);
  const room = (agent: Agent, cost: number) => agent.load + cost <= agent.profile.capacity;
  const costOf = (chat: RoutedChat) => policyOf(chat.shopId).groupCosts[chat.group] ?? 1;

  /** The agent's routing in one shop: the shop's own settings where the roster has them, else the person's. */
  const inShop = (agent: Agent, shopId: string) => agent.profile.perShop?.[shopId] ?? agent.profile;

  /** Online, opted in (in this shop), serving the shop: the general queue may reach this agent. */
  function general(agent: Agent, shopId: string): boolean {
    return agent.status === 'online' && inShop(agent, shopId).optIn && servesShop(agent, shopId);
  }

  function better(a: Agent, b: Agent, balance: ShopRoutingPolicy['balance'], shopId: string): boolean {
    const share = (x: Agent) =>
      balance === 'weight' ? x.load / Math.max(1, inShop(x, shopId).weight) : x.load / Math.max(1, x.profile.capacity);
    const diff = share(a) - share(b);
    if (diff !== 0) return diff < 0;
    if (a.lastAssignedAt !== b.lastAssignedAt) return a.lastAssignedAt < b.lastAssignedAt;
    return a.profile.id < b.profile.id;
  }

  function decide(chat: RoutedChat, at: number, excluded?: string): Decision {
    const exclude = excluded ?? chat.handedOffBy ?? undefined;
    const away = chat.handedOffBy;
    const policy = policyOf(chat.shopId);
    const cost = costOf(chat);
    const usable = (agent: Agent | undefined): agent is Agent =>
      agent !== undefined &&
      agent.profile.id !== exclude &&
      agent.profile.id !== away &&
      servesShop(agent, chat.shopId) &&
      room(agent, cost);
    if (chat.lastAgent && at - chat.lastAgent.at <= policy.returningBuyerMs) {
      const last = agents.get(chat.lastAgent.id);
      if (usable(last) && (last.status === 'online' || last.status === 'paused'))
        return { agentId: last.profile.id, reason: 'returning' };
    }
    const dedicatedId = policy.dedicatedAgents[chat.buyerId];
    if (dedicatedId !== undefined) {
      const dedicated = agents.get(dedicatedId);
      if (usable(dedicated) && dedicated.status === 'online')
        return { agentId: dedicated.profile.id, reason: 'dedicated' };
    }
    let inGroup: Agent | null = null;
    let any: Agent | null = null;
    let anyoneOnline = false;
    for (const agent of agents.values()) {
      if (!general(agent, chat.shopId)) continue;
      anyoneOnline = true;
      if (agent.profile.id === exclude || agent.profile.id === away || !room(agent, cost)) continue;
      if (
        inShop(agent, chat.shopId).groups.includes(chat.group) &&
        (inGroup === null || better(agent, inGroup, policy.balance, chat.shopId))
      )
        inGroup = agent;
      if (any === null || better(agent, any, policy.balance, chat.shopId)) any = agent;
    }
    if (inGroup) return { agentId: inGroup.profile.id, reason: 'group' };
    if (any) return { agentId: any.profile.id, reason: 'any' };
    if (!anyoneOnline && policy.whenNobodyOnline === 'mainAccount' && policy.mainAccountAgentId !== null) {
      const main = agents.get(policy.mainAccountAgentId);
      if (
        main &&
        main.profile.id !== exclude &&
        main.profile.id !== away &&
        main.status !== 'offline' &&
        servesShop(main, chat.shopId) &&
        room(main, cost)
      )
        return { agentId: main.profile.id, reason: 'mainAccount' };
    }
    return null;
  }

  function setAssignee(entry: Chat, to: string | null, at: number, reason: AssignReason, out: Assignment[]): void {
    const from = entry.assigneeId;
    if (from === to) return;
    if (from !== null) {
      const previous = agents.get(from);
      if (previous) previous.load -= entry.cost;
    }
    entry.assigneeId = to;
    entry.assignedAt = at;
    if (to === null) held.delete(entry);
    else held.add(entry);
    if (to !== null) {
      const next = agents.get(to)!;
      next.load += entry.cost;
      next.lastAssignedAt = at;
    }
    if (to === null && entry.chat.waitingSince !== null) enqueue(entry);
    else dequeue(entry.chat.key, to !== null);
    out.push({ key: entry.chat.key, from, to, at, reason });
  }

  /** Routes one waiting chat if anyone can take it; otherwise it stays (or goes) in the queue. */
  function route(entry: Chat, at: number, out: Assignment[], exclude?: string, reasonOverride?: AssignReason): boolean {
    const decision = decide(entry.chat, at, exclude);
    if (!decision) return false;
    setAssignee(entry, decision.agentId, at, reasonOverride ?? decision.reason, out);
    return true;
  }

  function anyRoom(): boolean {
    for (const a of agents.values()) if (a.status !== 'offline' && a.load < a.profile.capacity) return true;
    return false;
  }

  /**
   * Who has room for a shop's chats, split by how they may get them: `general` — someone the general queue
   * reaches has room (any chat may go to them); `special` — agents with room who are paused or not opted in, and
   * so take only their returning buyers, their dedicated buyers or, as the main account, the chats of a shop
   * nobody is online for (`generalOnline`).
   */
  function roomFor(
    shopId: string,
  ): Readonly<{ general: boolean; generalOnline: boolean; special: ReadonlySet<string> }> {
    const special = new Set<string>();
    let generalOnline = false;
    for (const a of agents.values()) {
      const reached = general(a, shopId);
      generalOnline ||= reached;
      if (a.status === 'offline' || a.load >= a.profile.capacity || !servesShop(a, shopId)) continue;
      if (reached) return { general: true, generalOnline, special };
      special.add(a.profile.id);
    }
    return { general: false, generalOnline, special };
  }

  /**
   * Someone may have room: hand queued chats out until nobody who may take them has room. First the general
   * queue, in the multiplexer's order, walked lazily from each shop's sorted queue (the next chat is the best
   * head by round and due time), so freeing one slot costs O(shops + agents), not a sort of the whole queue; a
   * shop where no agent the general queue reaches has room is left out of the walk. Then the personal routes of
   * agents the general queue does not reach: their returning and dedicated buyers, found through the indexes,
   * and the main account's share of a shop nobody is online for.
   */
  function drain(at: number, out: Assignment[]): void {
    if (queued.size === 0 || !anyRoom()) return;
    const cursors = new Map<string, number>();
    // Who has room changes only when a chat is handed out: until then each shop's answer is reused.
    let rooms = new Map<string, ReturnType<typeof roomFor>>();
    const roomOf = (shopId: string) => rooms.get(shopId) ?? rooms.set(shopId, roomFor(shopId)).get(shopId)!;
    for (;;) {
      let bestShop: string | null = null;
      let bestRound = 0;
      let bestDue = 0;
      for (const [shopId, list] of shopQueues) {
        const cursor = roomOf(shopId).general ? (cursors.get(shopId) ?? 0) : list.length;
        if (cursor >= list.length) continue;
        const round = Math.floor(((served.get(shopId) ?? 0) + cursor) / fairnessQuantum);
        const due = list[cursor]!.queuedDue;
        if (
          bestShop === null ||
          round < bestRound ||
          (round === bestRound && (due < bestDue || (due === bestDue && shopId < bestShop)))
        ) {
          bestShop = shopId;
          bestRound = round;
          bestDue = due;
        }
      }
      if (bestShop === null) break;
      const list = shopQueues.get(bestShop)!;
      const cursor = cursors.get(bestShop) ?? 0;
      // Routed: it leaves the list and the cursor already points at the next one. Not routable: step over it, and
      // over the chats after it that cost more than anyone serving the shop has room for (no decision needed).
      if (route(list[cursor]!, at, out, undefined, 'drain')) rooms = new Map();
      else {
        const most = mostRoom(bestShop);
        let next = cursor + 1;
        while (next < list.length && costOf(list[next]!.chat) > most) next += 1;
        cursors.set(bestShop, next);
      }
      if (!anyRoom()) return;
    }
    for (const shopId of [...shopQueues.keys()]) {
      if (!anyRoom()) return;
      routePersonal(shopId, at, out);
    }
  }

  /** The largest room any agent who is not offline and serves the shop has: a chat costing more cannot be routed. */
  function mostRoom(shopId: string): number {
    let most = 0;
    for (const a of agents.values())
      if (a.status !== 'offline' && servesShop(a, shopId)) most = Math.max(most, a.profile.capacity - a.load);
    return most;
  }

  const byQueueOrder = (a: Chat, b: Chat) =>
    a.queuedDue - b.queuedDue || (a.chat.key < b.chat.key ? -1 : a.chat.key > b.chat.key ? 1 : 0);

  function routePersonal(shopId: string, at: number, out: Assignment[]): void {
    let room = roomFor(shopId);
    if (room.general || room.special.size === 0) return;
    const policy = policyOf(shopId);
    const candidates = new Set<Chat>();
    for (const agentId of room.special)
      for (const entry of queuedByLastAgent.get(agentId) ?? []) if (entry.chat.shopId === shopId) candidates.add(entry);
    for (const [buyerId, agentId] of Object.entries(policy.dedicatedAgents)) {
      const entry = room.special.has(agentId) ? queuedByBuyer.get(buyerKey(shopId, buyerId)) : undefined;
      if (entry) candidates.add(entry);
    }
    for (const entry of [...candidates].sort(byQueueOrder)) {
      if (!queued.has(entry.chat.key)) continue;
      if (route(entry, at, out, undefined, 'drain')) room = roomFor(shopId);
      if (room.special.size === 0) return;
    }
    const main = policy.mainAccountAgentId;
    if (room.generalOnline || policy.whenNobodyOnline !== 'mainAccount' || main === null || !room.special.has(main))
      return;
    for (const entry of [...(shopQueues.get(shopId) ?? [])]) {
      if (!queued.has(entry.chat.key)) continue;
      route(entry, at, out, undefined, 'drain');
      const mainAgent = agents.get(main)!;
      if (mainAgent.load >= mainAgent.profile.capacity) return;
    }
  }

  function toQueued(entry: Chat) {
    return { id: entry.chat.key, shopId: entry.chat.shopId, dueAt: entry.chat.dueAt ?? Number.MAX_SAFE_INTEGER, entry };
  }

  function requireAgent(agentId: string): Agent {
    const agent = agents.get(agentId);
    if (!agent) throw new AppError('not_found', `no agent ${agentId}`);
    return agent;
  }

  /** Puts a chat's tracked state in line with its new facts, keeping its assignee. */
  function track(chat: RoutedChat, at: number): Chat {
    let entry = chats.get(chat.key);
    if (!entry) {
      entry = { chat, assigneeId: null, assignedAt: at, cost: costOf(chat), queuedDue: 0, queuedLastAgent: null };
      chats.set(chat.key, entry);
    } else {
      // A queued chat whose due time (or last agent) changed takes its new place in its shop's order (and index).
      const requeue =
        queued.has(chat.key) &&
        ((chat.dueAt ?? Number.MAX_SAFE_INTEGER) !== entry.queuedDue ||
          (chat.lastAgent?.id ?? null) !== entry.queuedLastAgent);
      if (requeue) dequeue(chat.key, false);
      entry.chat = chat;
      if (requeue) enqueue(entry);
    }
    return entry;
  }

  function unassignAllOf(agentId: string, at: number, reason: AssignReason, out: Assignment[]): void {
    for (const entry of [...held]) {
      if (entry.assigneeId !== agentId) continue;
      setAssignee(entry, null, at, reason, out);
      if (entry.chat.waitingSince === null) chats.delete(entry.chat.key);
    }
  }

  return {
    upsertAgent(profile, at) {
      const existing = agents.get(profile.id);
      if (existing) existing.profile = profile;
      else agents.set(profile.id, { profile, status: 'offline', offlineSince: at, load: 0, lastAssignedAt: 0 });
      const out: Assignment[] = [];
      drain(at, out);
      return out;
    },
    removeAgent(agentId, at) {
      const out: Assignment[] = [];
      unassignAllOf(agentId, at, 'release', out);
      agents.delete(agentId);
      drain(at, out);
      return out;
    },
    setStatus(agentId, status, at) {
      const agent = requireAgent(agentId);
      const out: Assignment[] = [];
      if (agent.status === status) return out;
      agent.status = status;
      agent.offlineSince = status === 'offline' ? at : null;
      drain(at, out);
      return out;
    },
    waiting(chat, at) {
      const entry = track(chat, at);
      const out: Assignment[] = [];
      if (entry.assigneeId === null) {
        enqueue(entry);
        route(entry, at, out);
      }
      return out;
    },
    restore(chat, assigneeId, assignedAt) {
      const entry = track(chat, assignedAt);
      const out: Assignment[] = [];
      if (assigneeId !== null && agents.has(assigneeId)) setAssignee(entry, assigneeId, assignedAt, 'release', out);
      else if (chat.waitingSince !== null) enqueue(entry);
    },
    answered(key, agentId, chat, at) {
      const entry = track(chat, at);
      const out: Assignment[] = [];
      if (entry.assigneeId === null && agents.has(agentId)) setAssignee(entry, agentId, at, 'claim', out);
      dequeue(key, false);
      if (entry.assigneeId === null) chats.delete(key);
      return out;
    },
    release(key, at) {
      const entry = chats.get(key);
      const out: Assignment[] = [];
      if (!entry) return out;
      entry.chat = { ...entry.chat, waitingSince: null, dueAt: null };
      setAssignee(entry, null, at, 'release', out);
      chats.delete(key);
      dequeue(key, false);
      drain(at, out);
      return out;
    },
    claim(chat, agentId, at) {
      const agent = requireAgent(agentId);
      if (!servesShop(agent, chat.shopId)) throw new AppError('forbidden', 'this agent does not serve the shop');
      const holder = chats.get(chat.key)?.assigneeId ?? null;
      if (holder === agentId) return [];
      if (holder !== null) throw new AppError('conflict', 'another agent already serves this chat');
      const out: Assignment[] = [];
      setAssignee(track(chat, at), agentId, at, 'claim', out);
      return out;
    },
    transferToAgent(chat, agentId, at) {
      const agent = requireAgent(agentId);
      if (!servesShop(agent, chat.shopId)) throw new AppError('forbidden', 'that colleague does not serve this shop');
      if (agent.status === 'offline') throw new AppError('unavailable', 'that colleague is offline');
      const from = chats.get(chat.key)?.assigneeId ?? null;
      if (from === agentId) throw new AppError('conflict', 'the chat is already with that colleague');
      const out: Assignment[] = [];
      setAssignee(track(chat, at), agentId, at, 'transfer', out);
      if (from !== null) drain(at, out);
      return out;
    },
    transferToGroup(chat, at) {
      const entry = track(chat, at);
      const from = entry.assigneeId;
      const out: Assignment[] = [];
      if (from !== null) setAssignee(entry, null, at, 'transfer', out);
      if (entry.cost !== costOf(chat)) entry.cost = costOf(chat);
      enqueue(entry);
      const decision = decide({ ...chat, lastAgent: null }, at, from ?? undefined);
      if (decision) setAssignee(entry, decision.agentId, at, 'transfer', out);
      drain(at, out);
      return out;
    },
    takeOver(chat, agentId, at) {
      requireAgent(agentId);
      const entry = track(chat, at);
      const out: Assignment[] = [];
      if (entry.assigneeId === agentId) return out;
      const hadAssignee = entry.assigneeId !== null;
      setAssignee(entry, agentId, at, 'takeOver', out);
      if (hadAssignee) drain(at, out);
      return out;
    },
    sweep(at) {
      const out: Assignment[] = [];
      for (const agent of agents.values()) {
        if (agent.status !== 'offline' || agent.offlineSince === null || agent.load === 0) continue;
        const limit = Math.min(
          ...[...held]
            .filter((c) => c.assigneeId === agent.profile.id)
            .map((c) => policyOf(c.chat.shopId).divertOfflineAfterMs),
        );
        if (at - agent.offlineSince < limit) continue;
        unassignAllOf(agent.profile.id, at, 'divert', out);
      }
      for (const entry of [...held]) {
        if (entry.assigneeId === null || entry.chat.waitingSince === null) continue;
        const after = policyOf(entry.chat.shopId).reassignAfterMs;
        if (after <= 0 || at - Math.max(entry.assignedAt, entry.chat.waitingSince) < after) continue;
        const current = entry.assigneeId;
        const decision = decide({ ...entry.chat, lastAgent: null }, at, current);
        if (decision) setAssignee(entry, decision.agentId, at, 'reassign', out);
      }
      drain(at, out);
      return out;
    },
    decide,
    assigneeOf: (key) => chats.get(key)?.assigneeId ?? null,
    queue(limit) {
      return multiplexQueue([...queued.values()].map(toQueued), { limit, quantum: fairnessQuantum, served }).map(
        (q) => q.entry.chat,
      );
    },
    loads() {
      return [...agents.values()].map((a) => ({
        agentId: a.profile.id,
        status: a.status,
        load: a.load,
        capacity: a.profile.capacity,
        chats: [...held].filter((c) => c.assigneeId === a.profile.id).length,
      }));
    },
    served: () => served,
    chats: () => [...chats.values()].map((c) => ({ chat: c.chat, assigneeId: c.assigneeId, assignedAt: c.assignedAt })),
    held: () => [...held].map((c) => ({ chat: c.chat, assigneeId: c.assigneeId!, assignedAt: c.assignedAt })),
  };
}
