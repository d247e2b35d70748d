// What a domain plugs into the core: its handler map (typed by the contract: a missing or misnamed handler fails to
// compile) and its lifecycle hooks. Handlers receive a context, never the bare caller: the session (non-null for
// every method that is not public, as dispatch guarantees), one timestamp for the whole call, the calling window or
// connection, and for commands the unit of work whose writes carry the command's audit entry.
import type {
  AuditChange,
  AuditTarget,
  Caller,
  CommandName,
  MethodInput,
  MethodName,
  MethodOutput,
  Methods,
  SessionInfo,
} from '../../shared/contract/index.ts';
import type { AuditDraft, StreamWrite } from './ports.ts';

export type SessionOf<M extends MethodName> = Methods[M]['permission'] extends 'public'
  ? SessionInfo | null
  : SessionInfo;

export type QueryContext<M extends MethodName> = Readonly<{ session: SessionOf<M>; at: number; caller: Caller }>;

/** A command's unit of work: its writes, and what its audit entry says changed. */
export interface CommandTx {
  readonly at: number;
  /**
   * Writes rows of a shop (durable when the promise resolves). The command's audit entry joins its first write to
   * the log the entry belongs to: one transaction holds the data and the entry that describes it.
   */
  write(shopId: string, write: StreamWrite): Promise<void>;
  /** What changed, field by field (merged; secrets and password or PIN fields are redacted). Call before writing. */
  record(changes: Readonly<Record<string, AuditChange>>): void;
  /** Names what the command acted on when only the handler knows it before writing (a new record's id). */
  target(target: AuditTarget): void;
  /**
   * For a change to a JSON document: the entry as it stands, to store in the document's own durable write (its
   * `lastAudit`). The core writes it to the log right after, and at the next start if a stop came in between.
   */
  documentEntry(): AuditDraft;
}

export type CommandContext<M extends MethodName> = QueryContext<M> & Readonly<{ tx: CommandTx }>;
export type ContextOf<M extends MethodName> = M extends CommandName ? CommandContext<M> : QueryContext<M>;

export type CoreHandler<M extends MethodName> = (
  input: MethodInput<M>,
  ctx: ContextOf<M>,
) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type CoreHandlers = { [M in MethodName]: CoreHandler<M> };

type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<MethodName>;
export type DomainHandlers<D extends Domain> = {
  [M in MethodName as DomainOf<M> extends D ? M : never]: CoreHandler<M>;
};

export interface CoreModule<D extends Domain> {
  readonly handlers: DomainHandlers<D>;
  /** Timers and subscriptions, after every shop is open. */
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
  /** After the shop's document and database are open; before they close. */
  openShop?(shopId: string): Promise<void>;
  closeShop?(shopId: string): Promise<void>;
  /** After the shop's connector started (it may now be reached, e.g. a roster hub). */
  connectorStarted?(shopId: string): void;
}

/** One module per domain: a domain left out, or a module holding another domain's methods, fails to compile. */
export type CoreModules = { readonly [D in Domain]: CoreModule<D> };

/** The modules as one: every handler, and each lifecycle hook run module by module, in the order they are listed. */
export type ComposedModules = Required<Omit<CoreModule<Domain>, 'handlers'>> & Readonly<{ handlers: CoreHandlers }>;

export function composeModules(modules: CoreModules): ComposedModules {
  const list: (Omit<CoreModule<Domain>, 'handlers'> & Readonly<{ handlers: object }>)[] = Object.values(modules);
  // Complete by construction: CoreModules has a module for every domain, each with its whole handler map.
  const handlers = Object.assign({}, ...list.map((module) => module.handlers)) as CoreHandlers;
  return {
    handlers,
    async start() {
      for (const module of list) await module.start?.();
    },
    async stop() {
      for (const module of list) await module.stop?.();
    },
    async openShop(shopId) {
      for (const module of list) await module.openShop?.(shopId);
    },
    async closeShop(shopId) {
      for (const module of list) await module.closeShop?.(shopId);
    },
    connectorStarted(shopId) {
      for (const module of list) module.connectorStarted?.(shopId);
    },
  };
}
