// The audit domain: pages of a log (the owner every log in scope, everyone else only their own entries), verify,
// and CSV export (itself audited). The checkpoint timer signs every open log's head every 15 minutes.
import Papa from 'papaparse';
import {
  AppError,
  AUDIT_EXPORT_MAX_ROWS,
  canAccessShop,
  grants,
  type AuditEntry,
  type AuditFilter,
  type AuditLogRef,
  type AuditPage,
  type SessionInfo,
} from '../../../shared/contract/index.ts';
import { spreadsheetSafe } from '../../../shared/domain/spreadsheet-safe.ts';
import type { CoreModule } from '../module.ts';
import { ORG_LOG, type AuditQuery, type AuditRow, type Clock, type ShopStreams, type TimerHandle } from '../ports.ts';
import type { ShopLifecycle } from '../shops/shop-lifecycle.ts';

/** The 15-minute rule: every log that grew gets a signed checkpoint at least this often. */
export const CHECKPOINT_INTERVAL_MS = 15 * 60_000;

const CSV_COLUMNS = [
  'n',
  'time',
  'actor',
  'actorId',
  'connection',
  'origin',
  'shop',
  'action',
  'target',
  'changes',
  'hash',
] as const;

function toEntry(log: AuditEntry['log'], row: AuditRow): AuditEntry {
  let changes: AuditEntry['changes'];
  try {
    changes = JSON.parse(row.changes) as AuditEntry['changes'];
  } catch {
    changes = { raw: { to: row.changes } };
  }
  const { prevHash: _prev, id: _id, ...rest } = row;
  return { ...rest, log, changes };
}

export function createAuditModule(
  deps: Readonly<{
    streams: ShopStreams;
    clock: Clock;
    lifecycle: ShopLifecycle;
    /** The people below a person in the organisation (a supervisor's group). */
    peopleBelow(personId: string): readonly string[];
  }>,
): CoreModule<'audit'> {
  const { streams, lifecycle } = deps;
  let timer: TimerHandle | null = null;

  // The owner reads everyone's entries and the security events; someone with audit.view (a supervisor) the entries
  // of the people below them and their own; anyone else their own (DOMAIN.md: 日志管理).
  const seesAll = (session: SessionInfo) => session.kind === 'owner';
  const scopeOf = (session: SessionInfo): readonly string[] | null =>
    seesAll(session)
      ? null
      : grants(session.grants, 'audit.view')
        ? [session.userId, ...deps.peopleBelow(session.userId)]
        : [session.userId];

  /** The logs this session may read. */
  function logsOf(session: SessionInfo): AuditLogRef[] {
    const shopLogs = lifecycle
      .openIds()
      .filter((id) => canAccessShop(session, id))
      .sort()
      .map((shopId) => ({ log: 'shop' as const, shopId }));
    return [
      { log: 'org', shopId: null },
      ...shopLogs,
      ...(seesAll(session) ? [{ log: 'security' as const, shopId: null }] : []),
    ];
  }

  function query(filter: AuditFilter, session: SessionInfo): AuditQuery {
    const scope = scopeOf(session);
    return {
      actorId: filter.actorId,
      actorIds: scope,
      action: filter.action,
      shopId: filter.log === 'shop' ? null : filter.shopId,
      from: filter.from,
      to: filter.to,
      text: filter.text,
    };
  }

  function page(filter: AuditFilter, session: SessionInfo, offset: number, limit: number): AuditPage {
    if (filter.log === 'security') {
      if (!seesAll(session)) throw new AppError('forbidden', 'only the owner reads the security events');
      const { rows, total } = streams.securityEvents(query(filter, session), offset, limit);
      return {
        total,
        entries: rows.map((row) => ({
          log: 'security',
          n: row.seq,
          at: row.at,
          actorId: row.actorId,
          actorName: null,
          connectionId: row.connectionId,
          origin: row.origin as AuditEntry['origin'],
          shopId: null,
          action: row.action,
          targetKind: 'method',
          targetId: row.method,
          changes: { ...(row.login === null ? {} : { login: { to: row.login } }), detail: { to: row.detail } },
          hash: '',
        })),
      };
    }
    const key = filter.log === 'org' ? ORG_LOG : filter.shopId;
    if (key === null) throw new AppError('invalid_input', 'a shop log needs its shopId');
    if (key !== ORG_LOG && !lifecycle.isOpen(key)) throw new AppError('not_found', `shop ${key} is not open`);
    const { rows, total } = streams.auditEntries(key, query(filter, session), offset, limit);
    return { total, entries: rows.map((row) => toEntry(filter.log, row)) };
  }

  function checkpointAll(): void {
    timer = deps.clock.setTimeout(checkpointAll, CHECKPOINT_INTERVAL_MS);
    const at = deps.clock.now();
    for (const key of [ORG_LOG, ...lifecycle.openIds()]) void streams.checkpointAudit(key, at).catch(() => undefined);
  }

  return {
    handlers: {
      'audit.logs': (_input, { session }) => logsOf(session),
      'audit.list': ({ offset, limit, ...filter }, { session }) => page(filter, session, offset, limit),
      'audit.verify': async (input, { session }) => {
        const refs = logsOf(session).filter(
          (ref) =>
            ref.log !== 'security' &&
            (input.log === null || (ref.log === input.log && (input.log !== 'shop' || ref.shopId === input.shopId))),
        );
        const reports = [];
        for (const ref of refs) {
          const started = performance.now();
          const result = await streams.verifyAudit(ref.log === 'org' ? ORG_LOG : ref.shopId!);
          reports.push({
            ...ref,
            ...result,
            ok: result.problems.length === 0,
            ms: Math.round((performance.now() - started) * 10) / 10,
          });
        }
        return reports;
      },
      'audit.export': (filter, { session, tx }) => {
        const { entries, total } = page(filter, session, 0, AUDIT_EXPORT_MAX_ROWS);
        tx.record({ rows: { to: entries.length }, filter: { to: filter } });
        const rows = entries.map((e) =>
          [
            e.n,
            new Date(e.at).toISOString(),
            e.actorName,
            e.actorId,
            e.connectionId,
            e.origin,
            e.shopId,
            e.action,
            e.targetKind === null ? null : `${e.targetKind}:${e.targetId ?? ''}`,
            JSON.stringify(e.changes),
            e.hash,
          ].map(spreadsheetSafe),
        );
        // A BOM so that Excel opens the UTF-8 (Chinese) text as UTF-8.
        const csv = `\uFEFF${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows })}`;
        return { csv, rows: entries.length, truncated: total > entries.length };
      },
    },
    start() {
      timer = deps.clock.setTimeout(checkpointAll, CHECKPOINT_INTERVAL_MS);
    },
    stop() {
      if (timer) deps.clock.clearTimeout(timer);
      timer = null;
    },
  };
}
