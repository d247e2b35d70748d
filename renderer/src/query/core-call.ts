// One call to the core for TanStack Query: the value, or a thrown CoreError carrying the core's Result code (so a
// page can say what went wrong in the person's language).
import type { MethodInputIn, MethodName, MethodOutput } from '../../../shared/contract/index.ts';
import { api } from '../api.ts';

export class CoreError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export async function callCore<M extends MethodName>(method: M, input: MethodInputIn<M>): Promise<MethodOutput<M>> {
  const r = await api().invoke(method, input);
  if (!r.ok) throw new CoreError(r.error.code, r.error.message);
  return r.value;
}
