// Stable error codes: the only error vocabulary that crosses a process boundary. The UI translates each code
// (`errors.<code>` in both locales); `message` is for developers and logs, never shown as-is.
export const ERROR_CODES = [
  'unknown_method',
  'invalid_input',
  'not_authenticated',
  'session_locked',
  'forbidden',
  'invalid_credentials',
  'rate_limited',
  'not_found',
  'conflict',
  'quota_exceeded',
  'invalid_shop_id',
  'shop_archived',
  'banned_phrase',
  'not_assignee',
  'unavailable',
  'payload_too_large',
  'transport_closed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type AppErrorData = Readonly<{ code: ErrorCode; message: string; details?: unknown }>;

/** Thrown inside the core; converted to `{ ok: false, error }` once, at dispatch. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}
