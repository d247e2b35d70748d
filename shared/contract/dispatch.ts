// One dispatcher for every transport: rejects unknown methods and anonymous callers of non-public methods,
// validates the input, checks the session's permission and shop scope, calls the handler and validates its
// output. Handlers throw AppError; dispatch converts every outcome into a Result, so nothing thrown by a
// handler ever crosses a boundary.
import { AppError } from './errors.ts';
import { grants, grantsInShop } from './permissions.ts';
import { err, ok, type Result } from './result.ts';
import {
  isMethodName,
  methods,
  type MethodDef,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './methods.ts';
import type { CallerOrigin } from './audit.ts';
import type { SessionInfo } from './session.ts';

/** Who is calling: held by the host per window or connection, never sent by the renderer. `connectionId` names the
 * window or connection in audit entries; `origin` says which host (in-process callers are the console itself). */
export type Caller = { session: SessionInfo | null; readonly connectionId?: string; readonly origin?: CallerOrigin };

export type Handler<M extends MethodName> = (
  input: MethodInput<M>,
  caller: Caller,
) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

export type Dispatch = (caller: Caller, method: string, input: unknown) => Promise<Result<unknown>>;

export type DispatcherOptions = Readonly<{ onInternalError?: (method: string, error: unknown) => void }>;

export function canAccessShop(session: SessionInfo, shopId: string): boolean {
  return session.shopIds === 'all' || session.shopIds.includes(shopId);
}

/** The shop an archive id belongs to (`<shopId>--<archivedAt>`). */
export function shopIdOfArchive(archiveId: string): string {
  return archiveId.slice(0, archiveId.lastIndexOf('--'));
}

/** The shop ids found at one `shopScope` path of a validated input (see ShopScope). */
export function shopIdsAt(input: unknown, path: string): string[] {
  let values: unknown[] = [input];
  for (const segment of path.split('.')) {
    const key = segment.endsWith('[]') ? segment.slice(0, -2) : segment;
    values = values.flatMap((value) => {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return [];
      const next = (value as Record<string, unknown>)[key];
      return segment.endsWith('[]') ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  const names = values.filter((value): value is string => typeof value === 'string');
  return /archiveId$/i.test(path) ? names.map(shopIdOfArchive) : names;
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async function dispatch(caller, method, input) {
    if (typeof method !== 'string' || !isMethodName(method)) {
      return err('unknown_method', `unknown method: ${String(method).slice(0, 100)}`);
    }
    const def: MethodDef = methods[method];
    const { session } = caller;
    // Anonymous callers learn nothing beyond "log in first", not even whether their input was valid.
    if (def.permission !== 'public' && session === null)
      return err('not_authenticated', `${method} needs a logged-in session`);
    const parsed = def.input.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
      return err('invalid_input', `invalid input for ${method}`, { issues });
    }
    if (def.permission !== 'public' && session !== null) {
      if (session.locked && !def.whenLocked)
        return err('session_locked', `${method}: the session is locked; unlock it first`);
      const shopIds = def.shopScope.flatMap((path) => shopIdsAt(parsed.data, path));
      const outside = shopIds.find((shopId) => !canAccessShop(session, shopId));
      if (outside !== undefined) return err('forbidden', `this session does not serve shop ${outside}`);
      // A call that names shops needs the permission in each of them; one that names none, in some shop.
      if (def.permission !== 'session') {
        const needed = def.permission;
        const lacking =
          shopIds.length > 0
            ? shopIds.find((shopId) => !grants(grantsInShop(session, shopId), needed))
            : grants(session.grants, needed)
              ? undefined
              : null;
        if (lacking !== undefined)
          return err(
            'forbidden',
            lacking === null
              ? `${method} needs the permission ${needed}`
              : `${method} needs ${needed} in shop ${lacking}`,
          );
      }
    }
    try {
      const handler = handlers[method] as (input: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      const output = def.output.safeParse(value);
      if (!output.success) {
        options.onInternalError?.(method, output.error);
        return err('internal', `${method} produced an invalid output`);
      }
      return ok(output.data);
    } catch (error) {
      if (error instanceof AppError) return err(error.code, error.message, error.details);
      options.onInternalError?.(method, error);
      return err('internal', `${method} failed`);
    }
  };
}
