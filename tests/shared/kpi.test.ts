// The KPI rules on hand-made days, each expected figure worked out by hand in the comment beside it. Times are China
// time (UTC+8) on 2026-11-10 unless said.
import { describe, expect, it } from 'vitest';
import {
  chinaDay,
  byChinaDay,
  computeDaySheet,
  convert,
  presenceTime,
  ratios,
  type ConversationFact,
  type DayInput,
  type KpiSums,
  type MessageFact,
  type RoundFact,
  countMessages,
  mergeSheets,
} from '../../shared/domain/reports/kpi.ts';
import { DEFAULT_KPI_RULES, neededToRecover, resolveKpiRule } from '../../shared/domain/reports/kpi-rules.ts';

const DAY = '2026-11-10';
/** A China-time clock reading on DAY (or `day`) as UTC ms. */
const at = (hms: string, day = DAY) => Date.parse(`${day}T${hms}+08:00`);
const buyer = (conversationId: string, time: string, day = DAY): MessageFact => ({
  conversationId,
  from: 'buyer',
  authorId: null,
  at: at(time, day),
});
const agent = (conversationId: string, authorId: string | null, time: string): MessageFact => ({
  conversationId,
  from: 'agent',
  authorId,
  at: at(time),
});
const round = (conversationId: string, start: string, answer: string | null, agentId: string | null): RoundFact => ({
  conversationId,
  startedAt: at(start),
  answeredAt: answer === null ? null : at(answer),
  agentId,
});

function sheet(
  {
    messages = [],
    ...partial
  }: Partial<Omit<DayInput, 'messages'>> & Pick<DayInput, 'rounds'> & { messages?: MessageFact[] },
  conversations: Record<string, Partial<ConversationFact>> = {},
) {
  return computeDaySheet({
    day: DAY,
    rule: DEFAULT_KPI_RULES.taobao,
    ratings: [],
    now: at('23:59:59'),
    conversationOf: (id) => ({ buyerId: `b-${id}`, group: 'presale', waitingSince: null, ...conversations[id] }),
    ...partial,
    messages: countMessages(messages),
  });
}
const shopTotal = (s: ReturnType<typeof computeDaySheet>): KpiSums =>
  [...s.byGroup.values()].reduce((a, b) => {
    for (const k of Object.keys(b) as (keyof KpiSums)[]) a[k] += b[k];
    return a;
  });
const ofAgent = (s: ReturnType<typeof computeDaySheet>, agentId: string) => s.byAgentGroup.get(`${agentId}\tpresale`)!;

describe('the China day of a time', () => {
  it('changes at midnight China time (16:00 UTC), whichever day was asked before', () => {
    const midnight = Date.parse('2026-03-01T16:00:00Z'); // 2026-03-02 00:00 in China
    // Asked in an order that crosses the boundary both ways (the last day is remembered between calls).
    expect(chinaDay(midnight - 1)).toBe('2026-03-01');
    expect(chinaDay(midnight)).toBe('2026-03-02');
    expect(chinaDay(midnight - 1)).toBe('2026-03-01');
    expect(chinaDay(midnight - 86_400_000)).toBe('2026-03-01');
    expect(chinaDay(midnight - 86_400_001)).toBe('2026-02-28');
    expect(chinaDay(midnight + 86_400_000 - 1)).toBe('2026-03-02');
    expect(chinaDay(midnight + 86_400_000)).toBe('2026-03-03');
  });
});

describe('response rounds', () => {
  it('DOMAIN.md worked example: asks 10:10:15 and 10:15:20, reply 10:18:10 → 0 of 1 rounds on time', () => {
    // One round (the second question joins the unanswered round): 10:10:15 → 10:18:10 = 475 s > 180 s.
    const s = shopTotal(sheet({ rounds: [round('c1', '10:10:15', '10:18:10', 'amy')] }));
    expect([s.rounds, s.counted, s.countedOnTime]).toEqual([1, 1, 0]);
    expect(ratios(s).firstResponseMs).toBe(475_000);
  });

  it('a reply after 3 min 0 s exactly is on time; 3 min 0.001 s is not', () => {
    const rounds = [
      round('c1', '10:00:00', '10:03:00', 'amy'),
      { ...round('c2', '10:00:00', null, 'amy'), answeredAt: at('10:03:00') + 1 },
    ];
    const s = shopTotal(sheet({ rounds }));
    expect([s.counted, s.countedOnTime]).toEqual([2, 1]);
  });

  it('counts a round by when its buyer wrote: 22:58 answered 23:04 counts (late), 08:59 answered 09:01 does not', () => {
    const rounds = [round('c1', '22:58:00', '23:04:00', 'amy'), round('c2', '08:59:00', '09:01:00', 'amy')];
    const s = shopTotal(sheet({ rounds }));
    // Counted 09:00–23:00: only c1's round, 6 min → late. Both are answered rounds for the average: (360 + 120) / 2.
    expect([s.rounds, s.counted, s.countedOnTime]).toEqual([2, 1, 0]);
    expect(ratios(s).averageResponseMs).toBe(240_000);
    // Pinduoduo's hours start at 08:00: both count; within its 60 minutes both buyers are on time.
    const pdd = shopTotal(sheet({ rounds, rule: DEFAULT_KPI_RULES.pinduoduo }));
    expect([pdd.ruleUnits, pdd.ruleOnTime]).toEqual([2, 2]);
  });

  it('a round that starts before midnight and is answered after it belongs to its first day, outside the hours', () => {
    const r: RoundFact = {
      conversationId: 'c1',
      startedAt: at('23:59:00'),
      answeredAt: at('00:01:00', '2026-11-11'),
      agentId: 'amy',
    };
    const days = byChinaDay([r], (x) => x.startedAt);
    expect([...days.keys()]).toEqual([DAY]);
    const s = shopTotal(sheet({ rounds: days.get(DAY)! }));
    // 120 s, answered; 23:59 is after 23:00, so the 3-minute rate does not count it.
    expect([s.rounds, s.answered, s.counted, s.responseMsSum]).toEqual([1, 1, 0, 120_000]);
  });

  it('a transfer mid-round: the round runs on and is credited to whoever answers; each side counts its transfer', () => {
    // Buyer 10:00:00; Amy hands the chat to Bo at 10:01:00; Bo replies 10:04:00 → one round of 240 s, late, Bo's.
    const transfer: MessageFact = {
      conversationId: 'c1',
      from: 'system',
      authorId: 'amy',
      at: at('10:01:00'),
      transfer: { fromId: 'amy', toId: 'bo' },
    };
    const s = sheet({
      rounds: [round('c1', '10:00:00', '10:04:00', 'bo')],
      messages: [buyer('c1', '10:00:00'), transfer, agent('c1', 'bo', '10:04:00')],
    });
    const bo = ofAgent(s, 'bo');
    const amy = ofAgent(s, 'amy');
    expect([bo.rounds, bo.counted, bo.countedOnTime, bo.firstMsSum, bo.received, bo.transfersIn]).toEqual([
      1, 1, 0, 240_000, 1, 1,
    ]);
    // Amy wrote nothing to the buyer: she received nobody, and gave one chat away.
    expect([amy.rounds, amy.received, amy.transfersOut]).toEqual([0, 0, 1]);
    expect(shopTotal(s).received).toBe(1);
  });

  it('a round counts in the group its chat was in when it began, not the group it is in now', () => {
    // 10:00 a pre-sale question, answered 10:02; at 15:00 (now in 售后) another, answered 15:10. Rounds stored
    // before groups were kept (no group) count under the chat's group now.
    const s = sheet(
      {
        rounds: [
          { ...round('c1', '10:00:00', '10:02:00', 'amy'), group: 'presale' },
          { ...round('c1', '15:00:00', '15:10:00', 'bo'), group: 'aftersale' },
          round('c2', '11:00:00', '11:01:00', 'amy'),
        ],
      },
      { c1: { group: 'aftersale' }, c2: { group: 'aftersale' } },
    );
    expect(s.byGroup.get('presale')?.rounds).toBe(1);
    expect(s.byGroup.get('aftersale')?.rounds).toBe(2);
    expect(s.byAgentGroup.get('amy\tpresale')?.countedOnTime).toBe(1);
    expect(s.byAgentGroup.get('bo\taftersale')?.rounds).toBe(1);
  });

  it('the same buyer twice in a day is received once; in two shops, once in each', () => {
    const messages = [
      buyer('c1', '10:00:00'),
      agent('c1', 'amy', '10:01:00'),
      buyer('c1', '15:00:00'),
      agent('c1', 'amy', '15:02:00'),
    ];
    const rounds = [round('c1', '10:00:00', '10:01:00', 'amy'), round('c1', '15:00:00', '15:02:00', 'amy')];
    const shopA = sheet({ rounds, messages });
    const shopB = sheet({ rounds, messages });
    expect(ofAgent(shopA, 'amy').received).toBe(1);
    expect(shopTotal(shopA).received + shopTotal(shopB).received).toBe(2);
    // Two rounds, the first of the day 60 s; answer ratio 2 replies / 2 questions.
    expect(ratios(ofAgent(shopA, 'amy'))).toMatchObject({
      firstResponseMs: 60_000,
      averageResponseMs: 90_000,
      answerRatio: 1,
    });
  });

  it('a bot reply neither ends the round nor counts as the agent writing', () => {
    // Buyer 10:00:00, the platform's bot 10:00:05, Amy 10:02:00: the round waits 120 s for a person.
    const s = sheet({
      rounds: [round('c1', '10:00:00', '10:02:00', 'amy')],
      messages: [buyer('c1', '10:00:00'), agent('c1', null, '10:00:05'), agent('c1', 'amy', '10:02:00')],
    });
    const amy = ofAgent(s, 'amy');
    expect([amy.firstMsSum, amy.agentMessages, amy.buyerMessages, amy.received]).toEqual([120_000, 1, 1, 1]);
    expect(shopTotal(s).agentMessages).toBe(1);
  });

  it('a chat set aside without a reply ends its round unanswered (late); a round still waiting under 3 min is undecided', () => {
    const rounds = [round('c1', '10:00:00', null, null), round('c2', '10:00:00', null, null)];
    const s = sheet({ rounds, now: at('10:02:00') }, { c2: { waitingSince: at('10:00:00') } });
    // c1 was snoozed (nobody waits on it any more): counted, not on time. c2 still waits, 2 min in: not yet counted.
    expect([shopTotal(s).rounds, shopTotal(s).counted, shopTotal(s).countedOnTime]).toEqual([2, 1, 0]);
    expect(s.byAgentGroup.get('\tpresale')!.counted).toBe(1);
    // At 10:03:01 c2 has waited past 3 minutes: now it counts, late.
    expect(shopTotal(sheet({ rounds, now: at('10:03:01') }, { c2: { waitingSince: at('10:00:00') } })).counted).toBe(2);
  });

  it("Pinduoduo counts buyers: any reply after 60 min (or none) in 08:00–23:00 makes the buyer's day invalid", () => {
    const rounds = [
      round('c1', '09:00:00', '09:30:00', 'amy'), // c1: 30 min, then 70 min → invalid, credited to the 70-min round's agent
      round('c1', '12:00:00', '13:10:00', 'bo'),
      round('c2', '10:00:00', '10:59:59', 'amy'), // c2: within the hour → valid
      round('c3', '07:00:00', null, null), // c3: before 08:00 → not counted
    ];
    const s = sheet({ rounds, rule: DEFAULT_KPI_RULES.pinduoduo });
    expect([shopTotal(s).ruleUnits, shopTotal(s).ruleOnTime]).toEqual([2, 1]);
    expect([ofAgent(s, 'bo').ruleUnits, ofAgent(s, 'bo').ruleOnTime]).toEqual([1, 0]);
    expect([ofAgent(s, 'amy').ruleUnits, ofAgent(s, 'amy').ruleOnTime]).toEqual([1, 1]);
  });

  it('lists the slowest counted rounds, unanswered first', () => {
    const rounds = [
      round('c1', '10:00:00', '10:05:00', 'amy'),
      round('c2', '11:00:00', null, null),
      round('c3', '12:00:00', '12:01:00', 'amy'),
    ];
    expect(sheet({ rounds }).slowest.map((r) => [r.conversationId, r.waitMs])).toEqual([
      ['c2', null],
      ['c1', 300_000],
      ['c3', 60_000],
    ]);
  });

  it('ratings: 4 and 3 are satisfied, 2 and below are not', () => {
    const ratings = [4, 3, 2, 0].map((score, i) => ({
      conversationId: 'c1',
      agentId: 'amy',
      score,
      at: at(`1${i}:00:00`),
    }));
    expect(ratios(ofAgent(sheet({ rounds: [], ratings }), 'amy')).satisfaction).toBe(0.5);
  });
});

describe('a day as the sum of its conversations', () => {
  // A busy hand-made day: transfers, a bot, ratings, rounds unanswered and still waiting, over both groups.
  const rounds = [
    round('c1', '10:00:00', '10:04:00', 'bo'),
    round('c1', '15:00:00', '15:00:30', 'bo'),
    round('c2', '11:00:00', null, null),
    round('c3', '12:00:00', '12:10:00', 'amy'),
    round('c4', '16:58:00', null, null), // still waiting at 17:00
    round('c5', '09:30:00', '09:31:00', 'amy'),
  ];
  const messages: MessageFact[] = [
    buyer('c1', '10:00:00'),
    {
      conversationId: 'c1',
      from: 'system',
      authorId: 'amy',
      at: at('10:01:00'),
      transfer: { fromId: 'amy', toId: 'bo' },
    },
    agent('c1', 'bo', '10:04:00'),
    buyer('c1', '15:00:00'),
    agent('c1', 'bo', '15:00:30'),
    buyer('c2', '11:00:00'),
    agent('c2', null, '11:00:05'),
    buyer('c3', '12:00:00'),
    agent('c3', 'amy', '12:10:00'),
    buyer('c4', '16:58:00'),
    buyer('c5', '09:30:00'),
    agent('c5', 'amy', '09:31:00'),
  ];
  const ratings = [
    { conversationId: 'c3', agentId: 'amy', score: 1, at: at('12:20:00') },
    { conversationId: 'c5', agentId: 'amy', score: 4, at: at('09:40:00') },
  ];
  const conversations = { c3: { group: 'aftersale' }, c4: { waitingSince: at('16:58:00') } };
  const plain = (s: ReturnType<typeof computeDaySheet>) => ({
    ...s,
    byAgentGroup: [...s.byAgentGroup].sort(([a], [b]) => a.localeCompare(b)),
    byGroup: [...s.byGroup].sort(([a], [b]) => a.localeCompare(b)),
    inquiries: [...s.inquiries].sort((a, b) => a.buyerId.localeCompare(b.buyerId)),
    unanswered: [...s.unanswered].sort(),
  });

  it('a sheet of the whole day equals the merge of one sheet per conversation', () => {
    for (const rule of [DEFAULT_KPI_RULES.taobao, DEFAULT_KPI_RULES.pinduoduo]) {
      const now = at('17:00:00');
      const whole = sheet({ rounds, messages, ratings, rule, now }, conversations);
      const parts = ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) =>
        sheet(
          {
            rounds: rounds.filter((r) => r.conversationId === id),
            messages: messages.filter((m) => m.conversationId === id),
            ratings: ratings.filter((r) => r.conversationId === id),
            rule,
            now,
          },
          conversations,
        ),
      );
      expect(plain(mergeSheets(DAY, parts))).toEqual(plain(whole));
    }
  });

  it('knows the chats with a round unanswered, and when a waiting round turns late with time alone', () => {
    const s = sheet({ rounds, messages, now: at('17:00:00') }, conversations);
    expect([...s.unanswered].sort()).toEqual(['c2', 'c4']);
    // c4 waits since 16:58:00: past 3 minutes at 17:01:00.001 (the Taobao rule is 3 minutes too).
    expect(s.settlesAt).toBe(at('17:01:00') + 1);
    expect(sheet({ rounds, messages, now: at('17:01:00') + 1 }, conversations).settlesAt).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe('inquiry conversion', () => {
  const inquiry = (buyerId: string, time: string) => ({
    buyerId,
    askedAt: at(time),
    agentId: 'amy',
    group: 'presale',
    day: DAY,
  });
  it('next day by the end of T+1, final by the end of T+3; an order before the question or after T+3 is not credited', () => {
    const inquiries = [
      inquiry('b1', '10:00:00'),
      inquiry('b2', '10:00:00'),
      inquiry('b3', '10:00:00'),
      inquiry('b4', '10:00:00'),
    ];
    const orders = [
      { buyerId: 'b1', paidAt: at('23:30:00', '2026-11-11'), amountFen: 9900 }, // T+1 evening → next day and final
      { buyerId: 'b2', paidAt: at('10:00:00', '2026-11-13'), amountFen: 5000 }, // T+3 → final only
      { buyerId: 'b3', paidAt: at('00:00:00', '2026-11-14'), amountFen: 7000 }, // T+4 00:00 → too late
      { buyerId: 'b4', paidAt: at('09:00:00'), amountFen: 3000 }, // paid before asking → not this inquiry's
    ];
    const c = convert(inquiries, orders, (q) => q.agentId).get('amy')!;
    expect(c).toEqual({ inquiries: 4, paidNextDay: 1, paidFinal: 2, salesFen: 14_900, payingBuyers: 2 });
  });

  it("credits an order once, to the buyer's latest inquiry before it was paid", () => {
    const inquiries = [inquiry('b1', '10:00:00'), { ...inquiry('b1', '15:00:00'), agentId: 'bo' }];
    const c = convert(inquiries, [{ buyerId: 'b1', paidAt: at('16:00:00'), amountFen: 100 }], (q) => q.agentId);
    expect(c.get('amy')!.paidFinal).toBe(0);
    expect(c.get('bo')!).toMatchObject({ paidFinal: 1, salesFen: 100 });
  });
});

describe('presence', () => {
  it('an agent paused mid-round: online and paused time from the timeline, clipped to the period', () => {
    const facts = [
      { personId: 'amy', status: 'online' as const, at: at('10:00:00') },
      { personId: 'amy', status: 'paused' as const, at: at('10:01:00') },
      { personId: 'amy', status: 'online' as const, at: at('10:06:00') },
      { personId: '*', status: 'offline' as const, at: at('11:00:00') }, // the console restarted: offline until login
    ];
    // From 10:00:30: online 30 s + 54 min (10:06–11:00); paused 5 min.
    expect(presenceTime(facts, at('10:00:30'), at('12:00:00')).get('amy')).toEqual({
      onlineMs: 30_000 + 54 * 60_000,
      pausedMs: 5 * 60_000,
    });
  });
});

describe('the platform rule', () => {
  it('how many on-time rounds bring a shop back to its floor', () => {
    expect(neededToRecover(85, 100, 0.9)).toBe(50); // (85 + 50) / 150 = 0.9
    expect(neededToRecover(90, 100, 0.9)).toBe(0);
    expect(neededToRecover(0, 1, 0.9)).toBe(9); // 9 / 10
  });
  it("a shop's own counted hours override the platform's", () => {
    const rule = resolveKpiRule('taobao', { countedFrom: 8, countedTo: 24, floor: null, minSample: null });
    expect([rule.countedFrom, rule.countedTo, rule.floor]).toEqual([8, 24, 0.9]);
    const s = shopTotal(sheet({ rule, rounds: [round('c2', '08:59:00', '09:01:00', 'amy')] }));
    expect(s.counted).toBe(1);
  });
});
