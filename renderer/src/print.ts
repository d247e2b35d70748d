// Printing the print root (shipping slips, pick lists, labels, stocktake sheets). In the desktop app the host prints
// through Electron — the system's printer dialog with the paper size set, or a PDF of exactly that size saved where
// the person chooses; in browser mode the browser's own print dialog (where "Save as PDF" is one of the printers).
import type { TFunction } from 'i18next';
import {
  HOST_PRINT_METHOD,
  type HostPrintRequest,
  type HostPrintResult,
  type Result,
} from '../../shared/contract/index.ts';

export type PrintOutcome = HostPrintResult | Readonly<{ to: 'browser' }>;

export async function printPages(request: HostPrintRequest): Promise<Result<PrintOutcome>> {
  if (!window.sellerConsole) throw new Error('window.sellerConsole is not installed');
  const result = (await window.sellerConsole.invoke(HOST_PRINT_METHOD, request)) as Result<HostPrintResult>;
  // The browser host has no printing of its own.
  if (!result.ok && result.error.code === 'unknown_method') {
    window.print();
    return { ok: true, value: { to: 'browser' } };
  }
  return result;
}

/** Why a print failed, in the person's language: the printer's own words when the system gave them. */
export function printFailure(t: TFunction, error: Readonly<{ code: string; details?: unknown }>): string {
  const reason = (error.details as { reason?: string } | undefined)?.reason;
  return t('shipping.print.failed', { reason: reason ?? t(`errors.${error.code}`) });
}
