// The reports domain: KPIs per agent, group, shop and day from each shop's stored rounds, messages, ratings and
// orders (day sheets, kpi-sheets.ts) and the organisation's presence timeline; the platform-rule watch; each shop's
// rule (its platform's defaults, editable); exports of exactly the screen's table. Who appears in a report is
// decided here, on every call: the owner sees everyone, a supervisor the people below them and themself, anyone
// else only themself; only shops where the person holds reports.view are read.
import {
  AppError,
  grants,
  type AgentTimeline,
  grantsInShop,
  MAX_REPORT_DAYS,
  type KpiReport,
  type KpiRuleView,
  type ReportFilter,
  type ReportScope,
  type SessionInfo,
  type ShopWatch,
  type TimelineFilter,
} from '../../../shared/contract/index.ts';
import {
  addDays,
  chinaDay,
  DAY_MS,
  dayStart,
  daysBetween,
  presenceSegments,
  segmentTotals,
  slowestFirst,
  type ConversationFact,
  type SlowRound,
} from '../../../shared/domain/reports/kpi.ts';
import {
  neededToRecover,
  resolveKpiRule,
  type KpiRule,
  type StoredKpiRule,
} from '../../../shared/domain/reports/kpi-rules.ts';
import {
  formatCell,
  header,
  KEY_HEADERS,
  NO_VALUE,
  REPORT_COLUMNS,
  reportHeader,
  reportLines,
  rowLabel,
  XLSX_FORMATS,
  type Locale,
} from '../../../shared/domain/reports/report-columns.ts';
import { CHINA_OFFSET_MS } from '../../../shared/domain/china-time.ts';
import { spreadsheetSafe } from '../../../shared/domain/spreadsheet-safe.ts';
import Papa from 'papaparse';
import type { EventBus } from '../events/event-bus.ts';
import type { InboxService } from '../inbox/inbox-service.ts';
import type { CoreModule } from '../module.ts';
import {
  ORG_LOG,
  type AuditDraft,
  type Clock,
  type Logger,
  type RatingIn,
  type ShopStreams,
  type TimerHandle,
} from '../ports.ts';
import type { ShopDocument } from '../shops/shop-document.ts';
import { buildReport, reportDays, type ReportSources } from './kpi-report.ts';
import { createKpiSheets } from './kpi-sheets.ts';

/** Open reports are told at most this often that a shop's figures changed. */
const CHANGED_EVERY_MS = 1000;
const SLOWEST_LISTED = 5;
/**
 * Past days of each shop computed in the background after start (off the main thread): a month's report and the
 * month before it, which the report compares with. Today's figures are then computed in slices of at most
 * WARM_SLICE_MS on the main thread (they are kept per chat and follow every message).
 */
const WARM_DAYS = 62;
const WARM_SLICE_MS = 8;
/** The warm-up begins this long after start or a shop's opening (what starting does comes first). */
export const WARM_AFTER_MS = 1000;

export type ReportsDeps = Readonly<{
  streams: ShopStreams;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  inbox: InboxService;
  shopOf(shopId: string): ShopDocument;
  isOpen(shopId: string): boolean;
  openIds(): string[];
  updateRule(shopId: string, rule: StoredKpiRule, entry: () => AuditDraft): Promise<void>;
  peopleBelow(personId: string): readonly string[];
  nameOf(personId: string): string | null;
}>;

export type Reports = Readonly<{
  module: CoreModule<'reports'>;
  /** A buyer's rating from the shop's platform: stored with the agent the chat was with. */
  ingestRating(rating: RatingIn): Promise<void>;
  /** A person's routing status changed (kept in the organisation's timeline for online time). */
  presenceChanged(personId: string, status: 'online' | 'paused' | 'offline', at: number): void;
  /** Settles when the background warm-up begun so far has finished (today's slices run on the clock's timers). */
  warmed(): Promise<void>;
}>;

const excel = async () => (await import('exceljs')).default;

export function createReports(deps: ReportsDeps): Reports {
  const { streams, bus, clock } = deps;
  const ruleOf = (shopId: string): KpiRule => {
    const doc = deps.shopOf(shopId);
    return resolveKpiRule(doc.profile.platform, doc.kpi);
  };
  const conversationOf = (shopId: string, id: string): ConversationFact | undefined => {
    const c = deps.inbox.conversation(shopId, id);
    return c ? { buyerId: c.buyer.id, group: c.group, waitingSince: c.waitingSince } : undefined;
  };
  const sheets = createKpiSheets({
    streams,
    ruleOf,
    conversationOf,
    onError: (error) => deps.logger.warn('computing report figures off the main thread failed', error),
  });

  // Announcing changes: once a second per shop at most.
  const pendingChanged = new Set<string>();
  let changedTimer: TimerHandle | null = null;
  function changed(shopId: string, at: number, conversationId: string): void {
    sheets.touch(shopId, chinaDay(at), conversationId);
    pendingChanged.add(shopId);
    changedTimer ??= clock.setTimeout(() => {
      changedTimer = null;
      for (const id of pendingChanged)
        if (deps.isOpen(id)) bus.emit({ name: 'reports.changed', payload: { shopId: id } });
      pendingChanged.clear();
    }, CHANGED_EVERY_MS);
  }
  let unlisten: (() => void) | null = null;

  // Warming up: soon after start (and after a shop opens) the past days of each open shop are computed off the main
  // thread, then today's on it in short slices, so that the first report someone opens is already fast.
  const warmQueue: string[] = [];
  let warmTimer: TimerHandle | null = null;
  let started = false;
  let warming: Promise<void> = Promise.resolve();
  const warmDone: (() => void)[] = [];
  const toWarm = new Set<string>();
  let warmLater: TimerHandle | null = null;
  let warmLaterDone: (() => void) | null = null;
  /** The shops' warm-up, begun WARM_AFTER_MS from now. */
  function warmSoon(shopIds: readonly string[]): void {
    for (const id of shopIds) toWarm.add(id);
    if (warmLater !== null) return;
    const begun = new Promise<void>((resolve) => (warmLaterDone = resolve));
    warming = Promise.all([warming, begun]).then(() => undefined);
    warmLater = clock.setTimeout(() => {
      warmLater = null;
      const ids = [...toWarm].filter((id) => deps.isOpen(id));
      toWarm.clear();
      const done = warmLaterDone;
      warmLaterDone = null;
      void warm(ids).then(done);
    }, WARM_AFTER_MS);
  }
  /** Settles when the shops' past days are kept and today's slices have run. */
  function warm(shopIds: readonly string[]): Promise<void> {
    const now = clock.now();
    const today = chinaDay(now);
    const past = daysBetween(addDays(today, -(WARM_DAYS - 1)), addDays(today, -1));
    return sheets.prepare(shopIds, past, now).then(() => {
      if (!started) return;
      warmQueue.push(...shopIds);
      scheduleWarm();
      if (warmQueue.length > 0) return new Promise<void>((resolve) => warmDone.push(resolve));
    });
  }
  function scheduleWarm(): void {
    if (!started || warmTimer !== null || warmQueue.length === 0) return;
    warmTimer = clock.setTimeout(warmStep, 0);
  }
  function warmStep(): void {
    warmTimer = null;
    const sliceStarted = performance.now();
    try {
      while (warmQueue.length > 0 && performance.now() - sliceStarted < WARM_SLICE_MS) {
        const shopId = warmQueue.shift()!;
        const now = clock.now();
        if (deps.isOpen(shopId)) sheets.sheet(shopId, chinaDay(now), now);
      }
    } catch (error) {
      deps.logger.warn('warming the report figures failed', error);
      warmQueue.length = 0;
    }
    if (warmQueue.length === 0) for (const resolve of warmDone.splice(0)) resolve();
    scheduleWarm();
  }

  /**
   * Who and which shops a person's reports cover: the owner everyone in every shop; a supervisor with reports.view
   * the people below them (and themself) in the shops where they hold it; anyone else who serves buyers only
   * themself, in their shops.
   */
  function access(session: SessionInfo): { scope: ReportScope; agents: Set<string> | null; shops: string[] } {
    const open = deps.openIds().filter((id) => session.shopIds === 'all' || session.shopIds.includes(id));
    if (session.kind === 'owner') return { scope: 'all', agents: null, shops: open };
    const viewing = open.filter((id) => grants(grantsInShop(session, id), 'reports.view'));
    const below = deps.peopleBelow(session.userId);
    if (below.length > 0 && viewing.length > 0)
      return { scope: 'team', agents: new Set([session.userId, ...below]), shops: viewing };
    const serving = open.filter((id) => {
      const held = grantsInShop(session, id);
      return grants(held, 'reports.view') || grants(held, 'inbox.reply');
    });
    return { scope: 'self', agents: new Set([session.userId]), shops: serving };
  }
  function shopsFor(session: SessionInfo, asked: readonly string[] | null): string[] {
    const { shops } = access(session);
    return asked === null ? shops : shops.filter((id) => asked.includes(id));
  }

  const sources: ReportSources = {
    sheet: (shopId, day) => sheets.sheet(shopId, day, clock.now()),
    paidOrders: (shopId, from, to) => streams.kpi(shopId).paidOrders(from, to),
    presence: (to) => streams.kpi(ORG_LOG).presence(to),
    agentName: (id) => deps.nameOf(id) ?? id,
    shopName: (id) => deps.shopOf(id).profile.name,
  };

  function checkPeriod(filter: ReportFilter): void {
    if (daysBetween(filter.from, filter.to).length > MAX_REPORT_DAYS)
      throw new AppError('invalid_input', `a report covers at most ${MAX_REPORT_DAYS} days`, {
        issues: [{ path: 'to', message: `at most ${MAX_REPORT_DAYS} days` }],
      });
  }

  /** The past days a report will read, computed off the main thread (what is kept already is not read again). */
  async function prepareReport(session: SessionInfo, filter: ReportFilter, now: number): Promise<void> {
    checkPeriod(filter);
    await sheets.prepare(shopsFor(session, filter.shopIds), reportDays(filter.from, filter.to, chinaDay(now)), now);
  }

  function report(session: SessionInfo, filter: ReportFilter, now: number): KpiReport {
    checkPeriod(filter);
    const { scope } = access(session);
    const wanted = wantedAgents(session, filter.agentIds);
    const built = buildReport(sources, {
      from: filter.from,
      to: filter.to,
      by: filter.by,
      shopIds: shopsFor(session, filter.shopIds),
      scope,
      agents: wanted,
      today: chinaDay(now),
      now,
    });
    return { ...built, computedAt: now };
  }

  /** Who a report of this session shows, narrowed to the people asked for (null: everyone). */
  function wantedAgents(session: SessionInfo, asked: readonly string[] | null): Set<string> | null {
    const { agents } = access(session);
    if (asked === null) return agents;
    const set = new Set(asked);
    return agents === null ? set : new Set([...agents].filter((id) => set.has(id)));
  }

  function timeline(session: SessionInfo, filter: TimelineFilter, now: number): AgentTimeline {
    const from = dayStart(filter.day);
    const to = Math.max(from, Math.min(from + DAY_MS, now));
    const segments =
      to > from ? presenceSegments(streams.kpi(ORG_LOG).presence(to), from, to) : new Map<string, never[]>();
    const wanted = wantedAgents(session, filter.agentIds);
    const ids = wanted === null ? [...segments.keys()] : [...wanted];
    const agents = ids.map((agentId) => {
      const own = segments.get(agentId) ?? [];
      return { agentId, label: deps.nameOf(agentId) ?? agentId, segments: own, ...segmentTotals(own) };
    });
    agents.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
    return { day: filter.day, from, to, agents, computedAt: now };
  }

  function ruleView(shopId: string): KpiRuleView {
    const doc = deps.shopOf(shopId);
    const rule = resolveKpiRule(doc.profile.platform, doc.kpi);
    const overridden = (['countedFrom', 'countedTo', 'floor', 'minSample'] as const).filter((k) => doc.kpi[k] !== null);
    return { shopId, platform: doc.profile.platform, ...rule, overridden };
  }

  async function watch(session: SessionInfo, month: string, now: number): Promise<ShopWatch[]> {
    const today = chinaDay(now);
    const from = `${month}-01`;
    const last = daysBetween(from, `${month}-31`).filter((d) => d.startsWith(month));
    const days = last.filter((d) => d <= today);
    await sheets.prepare(shopsFor(session, null), days, now);
    return shopsFor(session, null).map((shopId) => {
      const rule = ruleView(shopId);
      let units = 0;
      let onTime = 0;
      let answered = 0;
      let responseMsSum = 0;
      let ratings = 0;
      let satisfied = 0;
      const slow: SlowRound[] = [];
      for (const day of days) {
        const sheet = sheets.sheet(shopId, day, now);
        for (const s of sheet.byGroup.values()) {
          units += s.ruleUnits;
          onTime += s.ruleOnTime;
          answered += s.answered;
          responseMsSum += s.responseMsSum;
          ratings += s.ratings;
          satisfied += s.satisfied;
        }
        slow.push(...sheet.slowest);
      }
      slow.sort(slowestFirst);
      const rate = units === 0 ? null : onTime / units;
      const below = rate !== null && rate < rule.floor;
      return {
        shopId,
        rule,
        month,
        units,
        onTime,
        rate,
        assessed: units >= rule.minSample,
        below,
        shortfall: below ? rule.floor - rate : 0,
        needed: below ? neededToRecover(onTime, units, rule.floor) : 0,
        averageResponseMs: answered === 0 ? null : responseMsSum / answered,
        ratings,
        satisfaction: ratings === 0 ? null : satisfied / ratings,
        slowest: slow.slice(0, SLOWEST_LISTED).map((r) => ({
          conversationId: r.conversationId,
          buyerNick: deps.inbox.conversation(shopId, r.conversationId)?.buyer.nick ?? r.conversationId,
          startedAt: r.startedAt,
          waitMs: r.waitMs,
          agentName: r.agentId === null ? null : (deps.nameOf(r.agentId) ?? r.agentId),
        })),
      };
    });
  }

  async function exportReport(
    session: SessionInfo,
    filter: ReportFilter,
    format: 'csv' | 'xlsx',
    locale: Locale,
    compare: boolean,
    now: number,
  ) {
    await prepareReport(session, filter, now);
    const shown = report(session, filter, now);
    const head = reportHeader(filter.by, locale, compare);
    const lines = reportLines(shown, locale, compare);
    const name = `${locale === 'zh-CN' ? '客服绩效' : 'cs-kpis'}-${filter.from}_${filter.to}`;
    if (format === 'csv') {
      const data = lines.map((line) => [line.label, ...line.cells.map((cell) => formatCell(cell.format, cell.value))]);
      const csv = Papa.unparse({
        fields: head,
        data: data.map((r) => r.map((c) => String(spreadsheetSafe(c) ?? ''))),
      });
      return { fileName: `${name}.csv`, content: `\uFEFF${csv}`, encoding: 'text' as const, rows: lines.length - 1 };
    }
    const ExcelJS = await excel();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '报表' : 'Report');
    sheet.addRow(head).font = { bold: true };
    for (const line of lines) {
      const added = sheet.addRow([
        String(spreadsheetSafe(line.label) ?? ''),
        ...line.cells.map((cell) => cell.value ?? NO_VALUE),
      ]);
      line.cells.forEach((cell, i) => (added.getCell(i + 2).numFmt = XLSX_FORMATS[cell.format]));
      if (line.total) added.font = { bold: true };
    }
    sheet.columns.forEach((column) => (column.width = 14));
    // Per-day rows: the same rows for each day of the period (China time).
    const perDay = workbook.addWorksheet(locale === 'zh-CN' ? '按天' : 'By day');
    perDay.addRow([
      header(KEY_HEADERS.day, locale),
      header(KEY_HEADERS[filter.by], locale),
      ...REPORT_COLUMNS.map((c) => header(c, locale)),
    ]).font = { bold: true };
    for (const day of daysBetween(filter.from, filter.to).filter((d) => d <= chinaDay(now))) {
      const one = report(session, { ...filter, from: day, to: day }, now);
      for (const row of one.rows) {
        if (filter.by === 'day' && row.key !== day) continue;
        const added = perDay.addRow([
          day,
          String(spreadsheetSafe(rowLabel(filter.by, row, locale)) ?? ''),
          ...REPORT_COLUMNS.map((c) => c.value(row) ?? NO_VALUE),
        ]);
        REPORT_COLUMNS.forEach((c, i) => (added.getCell(i + 3).numFmt = XLSX_FORMATS[c.format]));
      }
    }
    const about = workbook.addWorksheet(locale === 'zh-CN' ? '说明' : 'About');
    const shopNames = shown.shopIds.map((id) => deps.shopOf(id).profile.name).join('、');
    for (const line of locale === 'zh-CN'
      ? [
          ['期间', `${filter.from} 至 ${filter.to}`],
          ...(compare
            ? [['对比期间', `${shown.previous.from} 至 ${shown.previous.to}（较上期 =（本期 − 上期）÷ 上期）`]]
            : []),
          ['店铺', shopNames],
          ['时区', 'Asia/Shanghai（北京时间）'],
          ['生成时间', new Date(now + CHINA_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19)],
          ['说明', shown.provisionalFrom ? `${shown.provisionalFrom} 起的数据为实时/暂定，可能变化` : '数据已结算'],
        ]
      : [
          ['Period', `${filter.from} to ${filter.to}`],
          ...(compare
            ? [
                [
                  'Compared with',
                  `${shown.previous.from} to ${shown.previous.to} (change = (this − previous) ÷ previous)`,
                ],
              ]
            : []),
          ['Shops', shopNames],
          ['Time zone', 'Asia/Shanghai (China time)'],
          ['Generated', new Date(now + CHINA_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19)],
          ['Note', shown.provisionalFrom ? `Figures from ${shown.provisionalFrom} are live/provisional` : 'Settled'],
        ])
      about.addRow(line.map((c) => String(spreadsheetSafe(c) ?? '')));
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    return { fileName: `${name}.xlsx`, content, encoding: 'base64' as const, rows: lines.length - 1 };
  }

  const module: CoreModule<'reports'> = {
    handlers: {
      'reports.kpis': async (filter, { session, at }) => {
        await prepareReport(session, filter, at);
        return report(session, filter, at);
      },
      'reports.timeline': (filter, { session, at }) => timeline(session, filter, at),
      'reports.rules': (_input, { session }) => shopsFor(session, null).map(ruleView),
      'reports.watch': async ({ month }, { session, at }) => {
        const { scope } = access(session);
        // The platform's figure is the whole shop's: for those who answer for a shop, not for one agent.
        if (scope === 'self') return { scope, shops: [] };
        return { scope, shops: await watch(session, month ?? chinaDay(at).slice(0, 7), at) };
      },
      'reports.setRule': async ({ shopId, ...rule }, { tx }) => {
        const before = deps.shopOf(shopId).kpi;
        const changes = Object.fromEntries(
          (Object.keys(rule) as (keyof typeof rule)[])
            .filter((k) => before[k] !== rule[k])
            .map((k) => [k, { from: before[k], to: rule[k] }]),
        );
        tx.record(changes);
        await deps.updateRule(shopId, rule, tx.documentEntry);
        sheets.forget(shopId);
        bus.emit({ name: 'reports.changed', payload: { shopId } });
        return ruleView(shopId);
      },
      'reports.export': ({ filter, format, locale, compare }, { session, at, tx }) => {
        tx.record({
          format: { to: format },
          by: { to: filter.by },
          period: { to: `${filter.from}..${filter.to}` },
          ...(compare ? { compare: { to: true } } : {}),
        });
        return exportReport(session, filter, format, locale, compare, at);
      },
    },
    start() {
      started = true;
      warmSoon(deps.openIds());
      unlisten = bus.listen((event) => {
        switch (event.name) {
          case 'inbox.messageReceived':
          case 'inbox.replied':
          case 'inbox.noteAdded':
            changed(event.payload.shopId, event.payload.message.at, event.payload.message.conversationId);
            break;
          case 'inbox.conversationUpdated':
            changed(event.payload.shopId, clock.now(), event.payload.conversation.id);
            break;
          default:
            break;
        }
      });
    },
    stop() {
      started = false;
      warmQueue.length = 0;
      for (const resolve of warmDone.splice(0)) resolve();
      if (warmLater) clock.clearTimeout(warmLater);
      warmLater = null;
      warmLaterDone?.();
      warmLaterDone = null;
      if (warmTimer) clock.clearTimeout(warmTimer);
      unlisten?.();
      if (changedTimer) clock.clearTimeout(changedTimer);
    },
    async openShop(shopId) {
      if (started) warmSoon([shopId]);
    },
    async closeShop(shopId) {
      sheets.forget(shopId);
    },
  };

  return {
    module,
    async ingestRating({ shopId, buyerId, score, at }) {
      const conversation = deps.inbox.conversationOfBuyer(shopId, buyerId);
      if (!conversation) throw new AppError('not_found', `no chat with buyer ${buyerId} in shop ${shopId}`);
      if (!Number.isInteger(score) || score < 0 || score > 4) throw new AppError('invalid_input', 'a rating is 0–4');
      const agentId = conversation.lastAgent?.id ?? conversation.assigneeId;
      await streams.write(shopId, {
        kpiFacts: { ratings: [{ conversationId: conversation.id, agentId, score, at }] },
      });
      changed(shopId, at, conversation.id);
    },
    warmed: () => warming,
    presenceChanged(personId, status, at) {
      streams
        .write(ORG_LOG, { kpiFacts: { presence: [{ personId, status, at }] } })
        .catch((error: unknown) => deps.logger.error('saving a presence change failed', error));
    },
  };
}
