// Every call across a boundary returns a Result: errors are data, with a stable code the UI can translate.
import type { AppErrorData, ErrorCode } from './errors.ts';

export type Ok<T> = Readonly<{ ok: true; value: T }>;
export type Err = Readonly<{ ok: false; error: AppErrorData }>;
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, details?: unknown): Err {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}
