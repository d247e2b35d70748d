// The one path every call takes into a handler. Queries get their context; commands also get a unit of work, and
// on success leave exactly one audit entry: who (person, window or connection, origin), when, which shop, the
// method, its target and a before/after summary with secrets redacted. The entry is written in the same SQLite
// transaction as the command's data (it joins the command's first write to that log), or, when the command wrote
// nothing there, on its own before the call returns. A command that throws before writing leaves no trace.
import {
  isCommand,
  methods,
  type AuditChange,
  type AuditTarget,
  type Caller,
  type CommandDef,
  type Handler,
  type Handlers,
  type MethodName,
} from '../../shared/contract/index.ts';
import type { CommandTx, CoreHandlers } from './module.ts';
import { ORG_LOG, type AuditDraft, type Clock, type Ids, type ShopStreams } from './ports.ts';

export const REDACTED = '[redacted]';
/** Field names whose values never enter an audit entry, whatever a method declares. */
const SECRET_KEY = /password|secret|pin$|^pin|token|credential|hash/i;
const MAX_TEXT = 200;

/** A copy safe for the log: secrets redacted, long texts cut, depth and size bounded. */
export function redactValue(value: unknown, redact: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '…';
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactValue(item, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = redact.includes(key) || SECRET_KEY.test(key) ? REDACTED : redactValue(item, redact, depth + 1);
  }
  return out;
}

/** The fields that differ between two versions of a record, as { field: { from, to } }. */
export function changesBetween(before: object, after: object, fields?: readonly string[]): Record<string, AuditChange> {
  const changes: Record<string, AuditChange> = {};
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of fields ?? [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changes[key] = { from: a[key], to: b[key] };
  }
  return changes;
}

/** What the caller asked, when the handler recorded no before/after of its own. */
function inputSummary(input: unknown, redact: readonly string[]): Record<string, AuditChange> {
  const summary: Record<string, AuditChange> = {};
  if (input === null || typeof input !== 'object') return summary;
  for (const [key, value] of Object.entries(input)) {
    if (key === 'shopId' || key === 'conversationId') continue;
    summary[key] = { to: redact.includes(key) || SECRET_KEY.test(key) ? REDACTED : redactValue(value, redact) };
  }
  return summary;
}

export type CommandPathDeps = Readonly<{ clock: Clock; ids: Ids; streams: ShopStreams }>;

type AnyHandler = (input: unknown, ctx: never) => unknown;

/** Wraps every handler: the only place a handler is called from. */
export function runThroughContext(handlers: CoreHandlers, deps: CommandPathDeps): Handlers {
  const wrapped: Record<string, Handler<MethodName>> = {};
  for (const name of Object.keys(methods) as MethodName[]) {
    const def = methods[name];
    const handler = handlers[name] as AnyHandler;
    wrapped[name] = (
      isCommand(def)
        ? (input: unknown, caller: Caller) => runCommand(name, def, handler, input, caller, deps)
        : (input: unknown, caller: Caller) =>
            handler(input, { session: caller.session, at: deps.clock.now(), caller } as never)
    ) as Handler<MethodName>;
  }
  return wrapped as Handlers;
}

export async function runCommand(
  method: MethodName,
  def: CommandDef,
  handler: AnyHandler,
  input: unknown,
  caller: Caller,
  deps: CommandPathDeps,
): Promise<unknown> {
  const at = deps.clock.now();
  const sessionBefore = caller.session;
  const fields = (input ?? {}) as Record<string, unknown>;
  const inputShopId = typeof fields.shopId === 'string' ? fields.shopId : null;
  const logKey = def.audit.log === 'org' ? ORG_LOG : (def.audit.shopOf?.(input) ?? inputShopId);
  if (logKey === null) throw new Error(`${method}: a shop-log command needs a shop`);
  const redact = def.audit.redact ?? [];
  let recorded: Record<string, AuditChange> | null = null;
  let placed: AuditDraft | null = null;
  let documentDraft: AuditDraft | null = null;
  let named: AuditTarget | null = null;
  const id = deps.ids.next('aud');

  const draft = (output: unknown): AuditDraft => {
    // Login and resume have their actor only after the call; logout had one only before.
    const session = caller.session ?? sessionBefore;
    const target =
      named ??
      (def.audit.target === 'self'
        ? session
          ? { kind: 'person', id: session.userId }
          : null
        : def.audit.target(input, output));
    return {
      id,
      at,
      actorId: session?.userId ?? null,
      actorName: session?.displayName ?? null,
      connectionId: caller.connectionId ?? 'in-process',
      origin: caller.origin ?? 'system',
      shopId: def.audit.log === 'shop' ? logKey : inputShopId,
      action: method,
      targetKind: target?.kind ?? null,
      targetId: target?.id ?? null,
      changes: JSON.stringify(recorded ?? inputSummary(input, redact)),
    };
  };

  const tx: CommandTx = {
    at,
    write(shopId, write) {
      if (placed === null && shopId === logKey) {
        placed = draft(undefined);
        return deps.streams.write(shopId, { ...write, audit: [...(write.audit ?? []), placed] });
      }
      return deps.streams.write(shopId, write);
    },
    record(changes) {
      recorded = { ...recorded, ...(redactValue(changes, redact) as Record<string, AuditChange>) };
    },
    target(target) {
      named = target;
    },
    documentEntry() {
      documentDraft = draft(undefined);
      return documentDraft;
    },
  };

  const value = await handler(input, { session: caller.session, at, caller, tx } as never);
  if (placed === null) {
    // Nothing of this command went to its log yet (a document change, a session change, or no change at all).
    // A document change wrote its entry into the document already: the same entry (same id) goes to the log.
    await deps.streams.write(logKey, { audit: [documentDraft ?? draft(value)] });
  }
  return value;
}
