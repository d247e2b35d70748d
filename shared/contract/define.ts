// How the contract is declared: each domain file (app.ts, session.ts, shops.ts, inbox.ts, orders.ts, audit.ts…)
// lists its methods with `query()` or `command()` and its push events with `event()`; index.ts spreads the domain
// maps into one method map and one event map. A query reads; a command changes something, says what it targets
// and which log its audit entry goes to, and runs through the core's one audited command path.
import { z } from 'zod';
import type { Permission } from './permissions.ts';

export type MethodPermission = 'public' | 'session' | Permission;

/**
 * Paths in a method's validated input that name shops: `shopId`, `to.shopId`, `shopIds[]`. A path whose last key
 * ends in `archiveId` names the shop the archive belongs to.
 */
export type ShopScope = readonly string[];

/** What a command changed, for its audit entry: a kind of thing and its id (a shop, a conversation, a person…). */
export type AuditTarget = Readonly<{ kind: string; id: string }>;

/**
 * How a command is audited. `log: 'shop'` writes the entry into the log of the shop the input names (`shopOf`,
 * default the top-level `shopId`), in the same transaction as the data; `'org'` into the organisation's log (people,
 * app settings, the set of shops). `redact` names input fields never copied into the entry (passwords, PINs, keys).
 */
export type AuditSpec<I = never, O = never> = Readonly<{
  log: 'shop' | 'org';
  /** What the command acted on, from its input or its result; 'self' is the person calling (their session, status, PIN). */
  target: 'self' | ((input: I, output: O) => AuditTarget);
  shopOf?: (input: I) => string | null;
  redact?: readonly string[];
}>;

type CommonOptions = Readonly<{ whenLocked?: boolean; shopScope?: ShopScope; shopScopeExempt?: ShopScope }>;

type BaseDef = Readonly<{
  input: z.ZodType;
  output: z.ZodType;
  permission: MethodPermission;
  whenLocked: boolean;
  shopScope: ShopScope;
  /** Shop-naming paths that are deliberately not scope-checked, each for a stated reason (none reads or changes shop data). */
  shopScopeExempt: ShopScope;
}>;

export type QueryDef = BaseDef & Readonly<{ kind: 'query' }>;
// The spec is typed over its own input where it is declared (command()); here, where every method is one of many,
// it takes any input.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandDef = BaseDef & Readonly<{ kind: 'command'; audit: AuditSpec<any, any> }>;
export type MethodDef = QueryDef | CommandDef;

function base<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  permission: MethodPermission,
  options: CommonOptions,
) {
  const topLevelShopId = input instanceof z.ZodObject && Object.hasOwn(input.shape, 'shopId') ? ['shopId'] : [];
  return {
    input,
    output,
    permission,
    whenLocked: options.whenLocked ?? false,
    shopScope: options.shopScope ?? topLevelShopId,
    shopScopeExempt: options.shopScopeExempt ?? [],
  } as const;
}

/** A method that only reads. */
export function query<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  permission: MethodPermission,
  options: CommonOptions = {},
) {
  return { kind: 'query', ...base(input, output, permission, options) } as const;
}

/** A method that changes something: audited, one entry per successful call. */
export function command<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  permission: MethodPermission,
  audit: AuditSpec<z.output<I>, z.output<O>>,
  options: CommonOptions = {},
) {
  return { kind: 'command', audit, ...base(input, output, permission, options) } as const;
}

/** A domain's method map: every name carries the domain's prefix (`roster.listPeople` in roster.ts). */
export function defineMethods<const D extends string, const M extends Record<`${D}.${string}`, MethodDef>>(
  _domain: D,
  methods: M,
): M {
  return methods;
}

/**
 * A push event: its payload names the shop it concerns (`shopId: null` for an event of this device or the
 * organisation, for everyone holding its permission), so the event bus can drop it for sessions that do not serve it.
 */
export type EventDef = Readonly<{
  payload: z.ZodType<{ shopId: string | null }>;
  permission: Exclude<MethodPermission, 'public'>;
  /** Delivered only to the person the payload's `personId` names. */
  toPerson?: boolean;
}>;

export function event<P extends z.ZodType<{ shopId: string | null }>>(
  payload: P,
  permission: EventDef['permission'],
  options: Readonly<{ toPerson?: boolean }> = {},
) {
  return { payload, permission, ...(options.toPerson ? { toPerson: true } : {}) } as const;
}

/** The audit target for a command on one conversation. */
export const conversationTarget = (input: { conversationId: string }): AuditTarget => ({
  kind: 'conversation',
  id: input.conversationId,
});
/** The audit target for a command on one shop. */
export const shopTarget = (input: { shopId: string }): AuditTarget => ({ kind: 'shop', id: input.shopId });
