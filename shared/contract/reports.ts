// Reports: customer-service KPIs per agent, routing group, shop and day, computed in the core from the stored rounds,
// messages, ratings, orders and presence (shared/domain/reports/kpi.ts), each shop scored by its platform's rule;
// the platform-rule watch; exports of exactly what the screen shows. Who is in a report is decided in the core: the
// owner sees everyone, a supervisor the people below them (and themself), anyone else only themself.
import { z } from 'zod';
import { PlatformSchema, ShopId, Timestamp } from './common.ts';
import { command, defineMethods, event, query, shopTarget } from './define.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
/** The longest period one report covers. */
export const MAX_REPORT_DAYS = 92;

export const ReportDimension = z.enum(['agent', 'group', 'shop', 'day']);
export type ReportDimension = z.infer<typeof ReportDimension>;

export const ReportFilter = z
  .object({
    from: Day,
    to: Day,
    /** null: every shop the person may report on. */
    shopIds: z.array(ShopId).max(200).nullable().default(null),
    /** null: everyone in the person's scope. */
    agentIds: z.array(z.string().min(1).max(128)).max(500).nullable().default(null),
    by: ReportDimension.default('agent'),
  })
  .strict()
  .refine((f) => f.from <= f.to, { message: 'the period ends before it starts', path: ['to'] });
export type ReportFilter = z.infer<typeof ReportFilter>;
export type ReportFilterIn = z.input<typeof ReportFilter>;

const count = z.number().int().nonnegative();
const ratio = z.number().nonnegative().nullable();
const ms = z.number().nonnegative().nullable();

export const KpiRow = z.object({
  /** Agent id ('' for rounds nobody answered), group id, shop id or day. */
  key: z.string(),
  label: z.string(),
  rounds: count,
  answered: count,
  firstResponseMs: ms,
  averageResponseMs: ms,
  /** Rounds in each shop's counted hours, and those answered within 3 minutes. */
  counted: count,
  countedOnTime: count,
  rate3m: ratio,
  /** Each shop's own platform rule (rounds or buyers, its hours and threshold). */
  ruleUnits: count,
  ruleOnTime: count,
  ruleRate: ratio,
  received: count,
  buyerMessages: count,
  agentMessages: count,
  answerRatio: ratio,
  inquiries: count,
  paidNextDay: count,
  paidFinal: count,
  conversionNextDay: ratio,
  conversionFinal: ratio,
  salesFen: count,
  /** 客单价: credited sales ÷ paying buyers. */
  orderValueFen: z.number().nonnegative().nullable(),
  ratings: count,
  satisfaction: ratio,
  /** Agents only: time online and paused (挂起) in the period. */
  onlineMs: ms,
  pausedMs: ms,
  transfersOut: count,
  transfersIn: count,
});
export type KpiRow = z.infer<typeof KpiRow>;

export const ReportScope = z.enum(['all', 'team', 'self']);
export type ReportScope = z.infer<typeof ReportScope>;

export const KpiReport = z.object({
  from: Day,
  to: Day,
  by: ReportDimension,
  shopIds: z.array(ShopId),
  scope: ReportScope,
  rows: z.array(KpiRow),
  total: KpiRow,
  /**
   * The same figures for the period of equal length just before: the total, and a row for each of the rows above
   * that had one then, under the same key (by day: the day as many days earlier, its label that day).
   */
  previous: z.object({ from: Day, to: Day, total: KpiRow, rows: z.array(KpiRow) }),
  /** Daily figures of the period for the chart (in scope; the total line). */
  series: z.array(z.object({ day: Day, received: count, rate3m: ratio, averageResponseMs: ms, ruleRate: ratio })),
  /** Days whose figures may still change: today (live) and days whose inquiry conversion is not settled. */
  provisionalFrom: Day.nullable(),
  /** China time (Asia/Shanghai) decides the day a round belongs to. */
  timeZone: z.literal('Asia/Shanghai'),
  computedAt: Timestamp,
});
export type KpiReport = z.infer<typeof KpiReport>;

export const TimelineFilter = z
  .object({
    day: Day,
    /** null: everyone in the person's scope. */
    agentIds: z.array(z.string().min(1).max(128)).max(500).nullable().default(null),
  })
  .strict();
export type TimelineFilter = z.infer<typeof TimelineFilter>;
export type TimelineFilterIn = z.input<typeof TimelineFilter>;

/** Each agent's day online and paused (挂起), China time; the gaps are offline. Up to now for today. */
export const AgentTimeline = z.object({
  day: Day,
  from: Timestamp,
  to: Timestamp,
  agents: z.array(
    z.object({
      agentId: z.string(),
      label: z.string(),
      segments: z.array(z.object({ status: z.enum(['online', 'paused']), from: Timestamp, to: Timestamp })),
      onlineMs: count,
      pausedMs: count,
    }),
  ),
  computedAt: Timestamp,
});
export type AgentTimeline = z.infer<typeof AgentTimeline>;

export const KpiRuleView = z.object({
  shopId: ShopId,
  platform: PlatformSchema,
  unit: z.enum(['rounds', 'buyers']),
  countedFrom: z.number().int().min(0).max(23),
  countedTo: z.number().int().min(1).max(24),
  onTimeSeconds: z.number().int().positive(),
  floor: z.number().min(0).max(1),
  minSample: z.number().int().nonnegative(),
  satisfactionFloor: z.number().min(0).max(1),
  minRatings: z.number().int().nonnegative(),
  averageReplySeconds: z.number().int().positive().nullable(),
  estimate: z.boolean(),
  /** Which of the four editable fields the shop changed from its platform's default. */
  overridden: z.array(z.enum(['countedFrom', 'countedTo', 'floor', 'minSample'])),
});
export type KpiRuleView = z.infer<typeof KpiRuleView>;

export const SlowConversation = z.object({
  conversationId: z.string(),
  buyerNick: z.string(),
  startedAt: Timestamp,
  waitMs: z.number().nonnegative().nullable(),
  agentName: z.string().nullable(),
});

export const ShopWatch = z.object({
  shopId: ShopId,
  rule: KpiRuleView,
  month: z.string(),
  units: count,
  onTime: count,
  rate: ratio,
  /** Enough rounds (or buyers) this month for the platform to assess the shop. */
  assessed: z.boolean(),
  below: z.boolean(),
  /** How far under the floor (0–1), and how many more on-time rounds or buyers bring it back. */
  shortfall: z.number().nonnegative(),
  needed: count,
  averageResponseMs: ms,
  ratings: count,
  satisfaction: ratio,
  slowest: z.array(SlowConversation),
});
export type ShopWatch = z.infer<typeof ShopWatch>;

export const ReportExport = z.object({
  fileName: z.string(),
  /** CSV as text (UTF-8, with a BOM so Excel reads Chinese), XLSX as base64. */
  content: z.string(),
  encoding: z.enum(['text', 'base64']),
  rows: count,
});

export const reportsMethods = defineMethods('reports', {
  /** Anyone who serves buyers sees their own figures; reports.view in a shop shows one's team (or, the owner, all). */
  'reports.kpis': query(ReportFilter, KpiReport, 'session', { shopScope: ['shopIds[]'] }),
  /** The agent timeline: the same people as the report by agent. */
  'reports.timeline': query(TimelineFilter, AgentTimeline, 'session'),
  'reports.rules': query(z.object({}).strict(), z.array(KpiRuleView), 'session'),
  /** The platform-rule watch for a month (YYYY-MM; default this month): owner and supervisors. */
  'reports.watch': query(
    z
      .object({
        month: z
          .string()
          .regex(/^\d{4}-\d{2}$/)
          .nullable()
          .default(null),
      })
      .strict(),
    z.object({ scope: ReportScope, shops: z.array(ShopWatch) }),
    'reports.view',
  ),
  /** A shop's changes to its platform's rule (null: back to the default); the days shown are recomputed. */
  'reports.setRule': command(
    z
      .object({
        shopId: ShopId,
        countedFrom: z.number().int().min(0).max(23).nullable(),
        countedTo: z.number().int().min(1).max(24).nullable(),
        floor: z.number().min(0.5).max(1).nullable(),
        minSample: z.number().int().min(0).max(100_000).nullable(),
      })
      .strict()
      .refine((r) => r.countedFrom === null || r.countedTo === null || r.countedFrom < r.countedTo, {
        message: 'the counted hours end before they start',
        path: ['countedTo'],
      }),
    KpiRuleView,
    'settings.shops',
    { log: 'shop', target: shopTarget },
  ),
  /**
   * Exactly the table the screen shows for this filter, as CSV or XLSX (with a sheet of per-day rows); compare: with
   * each figure's change against the period before, as the screen shows it when comparing.
   */
  'reports.export': command(
    z
      .object({
        filter: ReportFilter,
        format: z.enum(['csv', 'xlsx']),
        locale: z.enum(['zh-CN', 'en-US']),
        compare: z.boolean().default(false),
      })
      .strict(),
    ReportExport,
    'reports.export',
    {
      log: 'org',
      target: (input) => ({ kind: 'report', id: `${input.filter.by}:${input.filter.from}..${input.filter.to}` }),
    },
    { shopScope: ['filter.shopIds[]'] },
  ),
});

export const reportsEvents = {
  /** A shop's figures changed (a message, a reply, a rating, a rule): open reports refetch (at most once a second). */
  'reports.changed': event(z.object({ shopId: ShopId }), 'session'),
} as const;
