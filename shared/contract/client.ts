// The typed client over any transport. A transport (Electron preload, WebSocket bridge, in-process) only has to
// provide `invoke` and `on`; the method and event maps give every call its types.
import type { Result } from './result.ts';
import type { MethodInputIn, MethodName, MethodOutput } from './methods.ts';
import type { EventName, EventPayload } from './events.ts';

/** The shape of `window.sellerConsole`: all the renderer may use to reach the core. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface Client {
  invoke<M extends MethodName>(method: M, input: MethodInputIn<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(bridge: Bridge): Client {
  return {
    invoke: (method, input) => bridge.invoke(method, input) as Promise<Result<never>>,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  };
}
