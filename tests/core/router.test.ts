import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRouter,
  type AgentProfile,
  type AgentStatus,
  type Assignment,
  type AssignReason,
  type RoutedChat,
} from '../../electron/core/routing/router.ts';
import { AppError } from '../../shared/contract/index.ts';
import { aRoutingPolicy } from '../support/factories.ts';

const MINUTE = 60_000;
const policy = aRoutingPolicy;

const agent = (id: string, overrides: Partial<AgentProfile> = {}): AgentProfile => ({
  id,
  optIn: true,
  capacity: 2,
  weight: 300,
  groups: ['presale'],
  shopIds: ['s1'],
  ...overrides,
});
const chat = (id: string, overrides: Partial<RoutedChat> = {}): RoutedChat => ({
  key: `s1/${id}`,
  shopId: 's1',
  buyerId: `b-${id}`,
  group: 'presale',
  waitingSince: 0,
  dueAt: 180_000,
  lastAgent: null,
  handedOffBy: null,
  ...overrides,
});

describe('routing order (DOMAIN.md)', () => {
  it('sends a returning buyer to their agent of the last 3 days, even when that agent is paused', () => {
    const router = createRouter(() => policy());
    router.upsertAgent(agent('a'), 0);
    router.upsertAgent(agent('b'), 0);
    router.setStatus('a', 'paused', 0);
    router.setStatus('b', 'online', 0);
    const out = router.waiting(chat('1', { lastAgent: { id: 'a', at: 0 } }), 2 * 24 * 60 * MINUTE);
    expect(out).toMatchObject([{ to: 'a', reason: 'returning' }]);
    // After 3 days the buyer is new again: the paused agent is out of the general queue.
    const later = router.waiting(chat('2', { lastAgent: { id: 'a', at: 0 } }), 4 * 24 * 60 * MINUTE);
    expect(later).toMatchObject([{ to: 'b', reason: 'group' }]);
  });

  it('prefers the dedicated agent, then the chat’s group, then anyone online', () => {
    const router = createRouter(() => policy({ dedicatedAgents: { 'b-vip': 'c' } }));
    router.upsertAgent(agent('pre', { groups: ['presale'] }), 0);
    router.upsertAgent(agent('after', { groups: ['aftersale'] }), 0);
    router.upsertAgent(agent('c', { groups: [] }), 0);
    for (const id of ['pre', 'after', 'c']) router.setStatus(id, 'online', 0);
    expect(router.waiting(chat('vip', { buyerId: 'b-vip' }), 0)).toMatchObject([{ to: 'c', reason: 'dedicated' }]);
    expect(router.waiting(chat('x', { group: 'aftersale' }), 0)).toMatchObject([{ to: 'after', reason: 'group' }]);
    expect(router.waiting(chat('y', { group: 'aftersale' }), 0)).toMatchObject([{ to: 'after', reason: 'group' }]);
    // The after-sale agent is full: anyone online with room takes it.
    expect(router.waiting(chat('z', { group: 'aftersale' }), 0)[0]).toMatchObject({ reason: 'any' });
  });

  it('shares traffic by weight: 300 vs 100 gives about three times the chats', () => {
    const router = createRouter(() => policy());
    router.upsertAgent(agent('heavy', { weight: 300, capacity: 1000 }), 0);
    router.upsertAgent(agent('light', { weight: 100, capacity: 1000 }), 0);
    router.setStatus('heavy', 'online', 0);
    router.setStatus('light', 'online', 0);
    const counts = { heavy: 0, light: 0 };
    for (let i = 0; i < 400; i += 1) counts[router.waiting(chat(`c${i}`), i)[0]!.to as 'heavy' | 'light'] += 1;
    expect(counts.heavy).toBe(300);
    expect(counts.light).toBe(100);
  });

  it('follows a person’s routing per shop: out of one shop’s queue, another group, another weight there', () => {
    const router = createRouter(() => policy());
    const s2 = (id: string, overrides: Partial<RoutedChat> = {}) =>
      chat(id, { key: `s2/${id}`, shopId: 's2', ...overrides });
    router.upsertAgent(
      agent('a', {
        shopIds: ['s1', 's2'],
        capacity: 1000,
        perShop: { s2: { optIn: false, weight: 300, groups: ['presale'] } },
      }),
      0,
    );
    router.upsertAgent(
      agent('b', {
        shopIds: ['s1', 's2'],
        capacity: 1000,
        weight: 300,
        perShop: { s1: { optIn: true, weight: 100, groups: ['aftersale'] } },
      }),
      0,
    );
    router.setStatus('a', 'online', 0);
    router.setStatus('b', 'online', 0);
    // In s2, a takes no part: every chat goes to b.
    for (let i = 0; i < 5; i += 1) expect(router.waiting(s2(`x${i}`), i)).toMatchObject([{ to: 'b' }]);
    // In s1, b is in after-sale only: pre-sale chats go to a (the group), after-sale ones to b.
    expect(router.waiting(chat('p1'), 10)).toMatchObject([{ to: 'a', reason: 'group' }]);
    expect(router.waiting(chat('q1', { group: 'aftersale' }), 11)).toMatchObject([{ to: 'b', reason: 'group' }]);
  });

  it('with nobody online, the main account takes the chat when the shop says so, else the pool keeps it', () => {
    const pooled = createRouter(() => policy());
    pooled.upsertAgent(agent('a'), 0);
    expect(pooled.waiting(chat('1'), 0)).toEqual([]);
    expect(pooled.queue().map((c) => c.key)).toEqual(['s1/1']);
    // Someone comes online: the pool drains to them.
    expect(pooled.setStatus('a', 'online', 5)).toMatchObject([{ key: 's1/1', to: 'a', reason: 'drain' }]);

    const main = createRouter(() => policy({ whenNobodyOnline: 'mainAccount', mainAccountAgentId: 'owner' }));
    main.upsertAgent(agent('owner', { optIn: false, capacity: 50 }), 0);
    main.upsertAgent(agent('a'), 0);
    main.setStatus('owner', 'paused', 0);
    expect(main.waiting(chat('1'), 0)).toMatchObject([{ to: 'owner', reason: 'mainAccount' }]);
  });

  it('reassigns a chat left unanswered, and diverts an offline agent’s chats after 25 minutes', () => {
    const router = createRouter(() => policy());
    router.upsertAgent(agent('a'), 0);
    router.upsertAgent(agent('b'), 0);
    router.setStatus('a', 'online', 0);
    expect(router.waiting(chat('1'), 0)).toMatchObject([{ to: 'a' }]);
    router.setStatus('b', 'online', 0);
    expect(router.sweep(MINUTE)).toEqual([]);
    expect(router.sweep(2 * MINUTE)).toMatchObject([{ key: 's1/1', from: 'a', to: 'b', reason: 'reassign' }]);

    router.answered('s1/1', 'b', chat('1', { waitingSince: null, dueAt: null }), 2 * MINUTE);
    router.setStatus('b', 'offline', 3 * MINUTE);
    expect(router.sweep(27 * MINUTE)).toEqual([]);
    expect(router.sweep(28 * MINUTE)).toMatchObject([{ key: 's1/1', from: 'b', to: null, reason: 'divert' }]);
  });

  it('claims are exclusive', () => {
    const router = createRouter(() => policy());
    router.upsertAgent(agent('a'), 0);
    router.upsertAgent(agent('b'), 0);
    router.waiting(chat('1'), 0);
    expect(router.claim(chat('1'), 'a', 1)).toMatchObject([{ to: 'a', reason: 'claim' }]);
    expect(() => router.claim(chat('1'), 'b', 1)).toThrow(AppError);
    expect(router.assigneeOf('s1/1')).toBe('a');
  });

  it('transfers to a group route away from the current agent', () => {
    const router = createRouter(() => policy());
    router.upsertAgent(agent('pre', { groups: ['presale'] }), 0);
    router.upsertAgent(agent('after', { groups: ['aftersale'] }), 0);
    router.setStatus('pre', 'online', 0);
    router.setStatus('after', 'online', 0);
    router.waiting(chat('1'), 0);
    expect(router.transferToGroup(chat('1', { group: 'aftersale' }), 5)).toMatchObject([
      { from: 'pre', to: null, reason: 'transfer' },
      { from: null, to: 'after', reason: 'transfer' },
    ]);
  });
});

// ---- properties -------------------------------------------------------------------------------------------------

const SHOPS = ['s1', 's2', 's3'];
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];
const AUTOMATIC: ReadonlySet<AssignReason> = new Set([
  'returning',
  'dedicated',
  'group',
  'any',
  'mainAccount',
  'drain',
  'reassign',
]);

const op = fc.oneof(
  fc.record({
    t: fc.constant('status' as const),
    agent: fc.constantFrom(...AGENTS),
    status: fc.constantFrom<AgentStatus>('online', 'paused', 'offline'),
  }),
  fc.record({
    t: fc.constant('arrive' as const),
    chat: fc.integer({ min: 0, max: 24 }),
    shop: fc.constantFrom(...SHOPS),
    group: fc.constantFrom('presale', 'aftersale'),
    returning: fc.option(fc.constantFrom(...AGENTS), { nil: null }),
  }),
  fc.record({ t: fc.constant('answer' as const), chat: fc.integer({ min: 0, max: 24 }) }),
  fc.record({ t: fc.constant('release' as const), chat: fc.integer({ min: 0, max: 24 }) }),
  fc.record({
    t: fc.constant('claim' as const),
    chat: fc.integer({ min: 0, max: 24 }),
    agent: fc.constantFrom(...AGENTS),
  }),
  fc.record({
    t: fc.constant('transferAgent' as const),
    chat: fc.integer({ min: 0, max: 24 }),
    agent: fc.constantFrom(...AGENTS),
  }),
  fc.record({
    t: fc.constant('transferGroup' as const),
    chat: fc.integer({ min: 0, max: 24 }),
    group: fc.constantFrom('presale', 'aftersale'),
  }),
  fc.record({ t: fc.constant('sweep' as const), advance: fc.integer({ min: 0, max: 30 * MINUTE }) }),
);

const profiles = fc.tuple(
  ...AGENTS.map((id) =>
    fc.record({
      id: fc.constant(id),
      optIn: fc.boolean(),
      capacity: fc.integer({ min: 0, max: 4 }),
      weight: fc.integer({ min: 100, max: 500 }),
      groups: fc.subarray(['presale', 'aftersale']),
      shopIds: fc.oneof(fc.constant('all' as const), fc.subarray(SHOPS, { minLength: 1 })),
    }),
  ),
);

describe('routing invariants (property)', () => {
  it('never assigns a chat twice, never routes past capacity, never leaves a chat waiting while an eligible agent has room', () => {
    fc.assert(
      fc.property(
        profiles,
        fc.array(op, { minLength: 30, maxLength: 120 }),
        fc.boolean(),
        (agents, ops, mainAccount) => {
          const costs: Record<string, number> = { presale: 1, aftersale: 2 };
          const shopPolicy = policy({
            groupCosts: costs,
            whenNobodyOnline: mainAccount ? 'mainAccount' : 'pool',
            mainAccountAgentId: mainAccount ? 'a1' : null,
            dedicatedAgents: { b1: 'a2', b2: 'a3' },
          });
          const router = createRouter(() => shopPolicy);
          let now = 0;
          const assignee = new Map<string, string | null>();
          const load = new Map<string, number>(AGENTS.map((a) => [a, 0]));
          const status = new Map<string, AgentStatus>(AGENTS.map((a) => [a, 'offline']));
          const facts = new Map<string, RoutedChat>();
          const byId = new Map(agents.map((a) => [a.id, a]));
          /** What each held chat weighs on its agent, as of when it was assigned. */
          const held = new Map<string, number>();

          const apply = (out: Assignment[]) => {
            for (const change of out) {
              // Every change starts from the assignee we last saw: a chat is never held by two agents.
              expect(assignee.get(change.key) ?? null).toBe(change.from);
              if (change.from !== null) load.set(change.from, load.get(change.from)! - held.get(change.key)!);
              if (change.to !== null) {
                const cost = costs[facts.get(change.key)!.group]!;
                held.set(change.key, cost);
                load.set(change.to, load.get(change.to)! + cost);
                if (AUTOMATIC.has(change.reason))
                  expect(load.get(change.to)!).toBeLessThanOrEqual(byId.get(change.to)!.capacity);
              }
              assignee.set(change.key, change.to);
            }
          };
          const attempt = (fn: () => Assignment[]) => {
            try {
              apply(fn());
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
            }
          };

          for (const profile of agents) apply(router.upsertAgent(profile, now));
          for (const step of ops) {
            now += 1000;
            switch (step.t) {
              case 'status':
                status.set(step.agent, step.status);
                apply(router.setStatus(step.agent, step.status, now));
                break;
              case 'arrive': {
                const key = `${step.shop}/c${step.chat}`;
                const known = facts.get(key);
                const next: RoutedChat = {
                  key,
                  shopId: known?.shopId ?? step.shop,
                  buyerId: `b${step.chat}`,
                  group: known?.group ?? step.group,
                  waitingSince: known?.waitingSince ?? now,
                  dueAt: (known?.waitingSince ?? now) + 180_000,
                  lastAgent: step.returning ? { id: step.returning, at: now - MINUTE } : null,
                  handedOffBy: known?.handedOffBy ?? null,
                };
                facts.set(key, next);
                apply(router.waiting(next, now));
                break;
              }
              case 'answer': {
                const key = [...facts.keys()][step.chat % Math.max(1, facts.size)];
                const who = key === undefined ? undefined : assignee.get(key);
                if (key === undefined || !who) break;
                const next = { ...facts.get(key)!, waitingSince: null, dueAt: null, handedOffBy: null };
                facts.set(key, next);
                apply(router.answered(key, who, next, now));
                break;
              }
              case 'release': {
                const key = [...facts.keys()][step.chat % Math.max(1, facts.size)];
                if (key === undefined) break;
                facts.set(key, { ...facts.get(key)!, waitingSince: null, dueAt: null, handedOffBy: null });
                apply(router.release(key, now));
                break;
              }
              case 'claim': {
                const key = [...facts.keys()][step.chat % Math.max(1, facts.size)];
                if (key !== undefined) attempt(() => router.claim(facts.get(key)!, step.agent, now));
                break;
              }
              case 'transferAgent': {
                const key = [...facts.keys()][step.chat % Math.max(1, facts.size)];
                if (key !== undefined) attempt(() => router.transferToAgent(facts.get(key)!, step.agent, now));
                break;
              }
              case 'transferGroup': {
                const key = [...facts.keys()][step.chat % Math.max(1, facts.size)];
                if (key === undefined || router.chats().every((c) => c.chat.key !== key)) break;
                const current = facts.get(key)!;
                const next = {
                  ...current,
                  group: step.group,
                  waitingSince: current.waitingSince ?? now,
                  dueAt: current.dueAt ?? now + 180_000,
                  handedOffBy: assignee.get(key) ?? null,
                };
                facts.set(key, next);
                apply(router.transferToGroup(next, now));
                break;
              }
              case 'sweep':
                now += step.advance;
                apply(router.sweep(now));
                break;
              default:
                step satisfies never;
            }

            // The router's own loads agree with the replayed assignments.
            for (const l of router.loads()) expect(l.load).toBe(load.get(l.agentId));
            // The held set the sweep reads is exactly the tracked chats that have an assignee, as replayed.
            const held = new Map(router.held().map((h) => [h.chat.key, h.assigneeId]));
            expect(held).toEqual(new Map([...assignee].filter(([, to]) => to !== null)));
            expect(held).toEqual(
              new Map(
                router
                  .chats()
                  .filter((c) => c.assigneeId !== null)
                  .map((c) => [c.chat.key, c.assigneeId]),
              ),
            );
            // Nothing waits in the queue while an agent who may take it from the general queue has room.
            for (const waiting of router.queue()) {
              const cost = costs[waiting.group]!;
              for (const profile of agents) {
                const eligible =
                  profile.id !== waiting.handedOffBy &&
                  status.get(profile.id) === 'online' &&
                  profile.optIn &&
                  (profile.shopIds === 'all' || profile.shopIds.includes(waiting.shopId));
                expect(eligible && load.get(profile.id)! + cost <= profile.capacity).toBe(false);
              }
              // Nor while anyone at all could take it now: a returning buyer's paused agent, the main account.
              expect(router.decide(waiting, now)).toBeNull();
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('drain order (property)', () => {
  it('hands queued chats out in exactly the multiplexer’s fair order', () => {
    const queuedChat = fc.record({
      id: fc.integer({ min: 0, max: 10_000 }),
      shop: fc.constantFrom(...SHOPS),
      due: fc.integer({ min: 0, max: 5000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(queuedChat, { selector: (c) => c.id, minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 60 }),
        (items, capacity) => {
          const router = createRouter(() => policy());
          router.upsertAgent(
            { id: 'a', optIn: true, capacity: 0, weight: 300, groups: ['presale'], shopIds: 'all' },
            0,
          );
          router.setStatus('a', 'online', 0);
          for (const item of items)
            router.waiting(
              {
                key: `${item.shop}/c${item.id}`,
                shopId: item.shop,
                buyerId: `b${item.id}`,
                group: 'presale',
                waitingSince: 0,
                dueAt: item.due,
                lastAgent: null,
                handedOffBy: null,
              },
              0,
            );
          const expected = router.queue().map((c) => c.key);
          const handed = router
            .upsertAgent({ id: 'a', optIn: true, capacity, weight: 300, groups: ['presale'], shopIds: 'all' }, 1)
            .map((c) => c.key);
          expect(handed).toEqual(expected.slice(0, capacity));
        },
      ),
    );
  });
});
