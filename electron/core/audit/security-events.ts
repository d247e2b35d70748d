// Refused calls that matter are kept as security events in the organisation's database, beside the audit chain
// (not in it): a forbidden call, a wrong login or unlock, a call from a locked session, a throttled login. The same
// refusal from the same window repeats at most once a minute in the list (a locked page that keeps asking).
import type { Caller, Dispatch } from '../../../shared/contract/index.ts';
import { ORG_LOG, type Clock, type Logger, type ShopStreams } from '../ports.ts';

const RECORDED: Readonly<Record<string, string>> = {
  forbidden: 'security.forbidden',
  invalid_credentials: 'security.wrongCredentials',
  session_locked: 'security.sessionLocked',
  rate_limited: 'security.rateLimited',
};
const REPEAT_MS = 60_000;

export function recordSecurityEvents(
  dispatch: Dispatch,
  deps: Readonly<{ streams: ShopStreams; clock: Clock; logger: Logger }>,
): Dispatch {
  const recent = new WeakMap<Caller, Map<string, number>>();
  return async (caller, method, input) => {
    const result = await dispatch(caller, method, input);
    if (result.ok) return result;
    const code = result.error.code;
    // An unlock that used up its attempts ends the session: that is a security event too.
    const action =
      RECORDED[code] ??
      (code === 'not_authenticated' && (method === 'session.unlock' || method === 'session.resume')
        ? 'security.sessionEnded'
        : undefined);
    if (action === undefined) return result;
    const at = deps.clock.now();
    const key = `${action} ${String(method)}`;
    let seen = recent.get(caller);
    if (!seen) recent.set(caller, (seen = new Map()));
    if ((seen.get(key) ?? -Infinity) > at - REPEAT_MS && code === 'session_locked') return result;
    seen.set(key, at);
    const login =
      method === 'session.login' && typeof (input as { login?: unknown } | null)?.login === 'string'
        ? String((input as { login: string }).login).slice(0, 64)
        : null;
    deps.streams
      .write(ORG_LOG, {
        securityEvents: [
          {
            at,
            actorId: caller.session?.userId ?? null,
            login,
            connectionId: caller.connectionId ?? 'in-process',
            origin: caller.origin ?? 'system',
            action,
            method: String(method).slice(0, 64),
            detail: result.error.message.slice(0, 200),
          },
        ],
      })
      .catch((error: unknown) => deps.logger.error('recording a security event failed', error));
    return result;
  };
}
