// Frames of the WebSocket transport (browser mode). Calls carry an id; results echo it; events arrive in
// batches (at most one batch per frame interval). The transport's size limit is part of the contract.
import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';

export const MAX_MESSAGE_BYTES = 1024 * 1024;
/**
 * How long the hosts gather events before sending one batch: a quarter of a frame. The renderer applies them once per
 * animation frame anyway; this only bounds the number of messages (and wake-ups) on the wire, at ≤ 250 a second.
 * Measured by the `arrival` benchmark: 8 ms left p99 at 36–40 ms for 1,000 msgs/s, 4 ms brings it to 25–28 ms;
 * 2 ms makes 5,000 msgs/s worse (p99 ≈ 79 ms against 52–55 ms: more messages for a busy renderer to take in).
 */
export const EVENT_BATCH_MS = 4;

export const CallFrame = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(128),
  input: z.unknown(),
});
export type CallFrame = z.infer<typeof CallFrame>;

const ErrorData = z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() });
const ResultData = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorData }),
]);

export const ServerFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int().nonnegative(), result: ResultData }),
  z.object({ t: z.literal('events'), events: z.array(z.object({ name: z.string(), payload: z.unknown() })) }),
  z.object({ t: z.literal('error'), error: ErrorData }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** Pulls the call id out of a frame too large to parse, so the caller still gets its Result. */
export function peekCallId(raw: string): number | null {
  const match = /^\s*\{\s*"t"\s*:\s*"call"\s*,\s*"id"\s*:\s*(\d{1,15})\s*,/.exec(raw.slice(0, 200));
  return match ? Number(match[1]) : null;
}

/** Electron IPC channels: one for calls, one for event batches. The preload repeats them (it cannot import). */
export const IPC_INVOKE_CHANNEL = 'seller-console:invoke';
export const IPC_EVENTS_CHANNEL = 'seller-console:events';

/**
 * Printing, which only a host can do for the page: not a core method. The desktop app answers it itself with
 * Electron's webContents.print (the system's printer dialog, the page size set) or printToPDF (a PDF of exactly
 * that size, saved where the person chooses); the browser host knows no such method, and the page prints with the
 * browser's own dialog (window.print()).
 */
export const HOST_PRINT_METHOD = 'host.print';
export const HostPrintRequest = z
  .object({
    to: z.enum(['printer', 'pdf']),
    widthMm: z.number().min(20).max(1000),
    heightMm: z.number().min(20).max(1000),
    /** The suggested name of the PDF. */
    fileName: z
      .string()
      .regex(/^[^\\/:*?"<>|]{1,80}\.pdf$/)
      .refine((name) => ![...name].some((c) => c.charCodeAt(0) < 0x20), 'no control characters')
      .default('print.pdf'),
  })
  .strict();
export type HostPrintRequest = z.input<typeof HostPrintRequest>;
export type HostPrintResult = Readonly<{ to: 'printer'; printed: boolean } | { to: 'pdf'; savedTo: string | null }>;
