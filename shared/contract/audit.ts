// The audit log: one entry per command that succeeded (who, from which window or connection, when, in which shop,
// what, on what, and what changed), hash-chained and checkpointed so that an edit, a deletion or a rebuilt log is
// found; refused calls that matter are kept beside it as security events. Each shop has its log in its database;
// what belongs to no shop (people, sessions, app settings, the set of shops) goes to the organisation's log.
import { z } from 'zod';
import { ShopId, Timestamp } from './common.ts';
import { command, defineMethods, query } from './define.ts';

/** Which log: the organisation's, a shop's (with its `shopId`), or the security events (refused calls). */
export const AuditLogKind = z.enum(['org', 'shop', 'security']);
export type AuditLogKind = z.infer<typeof AuditLogKind>;
export const AuditLogRef = z.object({ log: AuditLogKind, shopId: ShopId.nullable() });
export type AuditLogRef = z.infer<typeof AuditLogRef>;

/** Where a call came from: a desktop window, a browser-mode connection, or the console itself (timers, connectors). */
export const CallerOrigin = z.enum(['ipc', 'ws', 'system']);
export type CallerOrigin = z.infer<typeof CallerOrigin>;

export const AuditChange = z.object({ from: z.unknown().optional(), to: z.unknown().optional() });
export type AuditChange = z.infer<typeof AuditChange>;

export const AuditEntry = z.object({
  log: AuditLogKind,
  /** Position in its log, from 1. */
  n: z.number().int().positive(),
  at: Timestamp,
  /** The person (null: nobody logged in, e.g. a failed login, or the console itself). */
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  connectionId: z.string(),
  origin: CallerOrigin,
  shopId: ShopId.nullable(),
  action: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  /** Field → before/after; secrets and password or PIN fields read "[redacted]". */
  changes: z.record(z.string(), AuditChange),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z
  .object({
    log: AuditLogKind.default('org'),
    /** The shop whose log (log: 'shop'); for the other logs, only entries about this shop when set. */
    shopId: ShopId.nullable().default(null),
    actorId: z.string().min(1).max(64).nullable().default(null),
    /** An action, or a domain prefix (`inbox.`). */
    action: z.string().min(1).max(64).nullable().default(null),
    from: Timestamp.nullable().default(null),
    to: Timestamp.nullable().default(null),
    /** Words anywhere in the entry (action, target, changes, who). */
    text: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^\P{Cc}*$/u, 'no control characters')
      .nullable()
      .default(null),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Entries matching the filter in all. */
  total: z.number().int().nonnegative(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AUDIT_PROBLEMS = [
  'edited',
  'deleted',
  'reordered',
  'inserted',
  'truncated',
  'rebuilt',
  'checkpoint_invalid',
] as const;
export const AuditProblem = z.object({
  kind: z.enum(AUDIT_PROBLEMS),
  /** The entry (position in the log) where it starts. */
  at: z.number().int().nonnegative(),
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;

export const AuditVerifyReport = z.object({
  log: AuditLogKind,
  shopId: ShopId.nullable(),
  entries: z.number().int().nonnegative(),
  checkpoints: z.number().int().nonnegative(),
  /** Entries covered by the newest valid checkpoint. */
  checkpointedEntries: z.number().int().nonnegative(),
  ok: z.boolean(),
  problems: z.array(AuditProblem),
  ms: z.number().nonnegative(),
});
export type AuditVerifyReport = z.infer<typeof AuditVerifyReport>;

/** Rows an export may hold (a filter narrows a bigger log first): ~3 MB of CSV, one answer over the browser-mode socket. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

export const auditMethods = defineMethods('audit', {
  /** Logs this session may read: the owner (audit.view) every one in scope; others the org log (their own entries). */
  'audit.logs': query(z.object({}).strict(), z.array(AuditLogRef), 'session'),
  /**
   * A page of entries, newest first, `offset` from the newest. With audit.view every entry of the logs in scope;
   * without it only the caller's own.
   */
  'audit.list': query(
    AuditFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    AuditPage,
    'session',
  ),
  /** Checks the hash chain and the signed checkpoints of one log or of every log (null). */
  'audit.verify': query(
    z.object({ log: AuditLogKind.nullable().default(null), shopId: ShopId.nullable().default(null) }).strict(),
    z.array(AuditVerifyReport),
    'audit.view',
  ),
  /** The entries matching a filter as CSV (UTF-8 with BOM; cells that a spreadsheet would run as formulas are neutralised). */
  'audit.export': command(
    AuditFilter,
    z.object({ csv: z.string(), rows: z.number().int().nonnegative(), truncated: z.boolean() }),
    'session',
    {
      log: 'org',
      target: (input) => ({ kind: 'auditLog', id: input.log === 'shop' ? `shop:${input.shopId ?? ''}` : input.log }),
    },
  ),
});

export const auditEvents = {} as const;
