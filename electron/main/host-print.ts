// Printing for the desktop app (HOST_PRINT_METHOD): the page's print root at the size the page asks for — to the
// system's printer dialog (webContents.print, the paper size set, no margins) or to a PDF of exactly that size
// (webContents.printToPDF with the page's CSS size, saved where the person chooses). The request is checked here
// like any call from the page; the page decides what is printed, this only how.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, HostPrintRequest, ok, type HostPrintResult, type Result } from '../../shared/contract/index.ts';
import type { ElectronLike, WebContentsLike } from './electron-like.ts';

const MICRONS_PER_MM = 1000;
const MM_PER_INCH = 25.4;

export async function hostPrint(
  electron: Pick<ElectronLike, 'app' | 'dialog'>,
  contents: WebContentsLike,
  input: unknown,
  write: (path: string, data: Uint8Array) => Promise<void> = writeFile,
): Promise<Result<HostPrintResult>> {
  const parsed = HostPrintRequest.safeParse(input);
  if (!parsed.success) return err('invalid_input', 'a print needs a paper size (mm) and a PDF file name');
  const { to, widthMm, heightMm, fileName } = parsed.data;
  try {
    if (to === 'printer') {
      const printed = await new Promise<boolean>((resolve, reject) =>
        contents.print(
          {
            silent: false,
            printBackground: true,
            margins: { marginType: 'none' },
            pageSize: { width: Math.round(widthMm * MICRONS_PER_MM), height: Math.round(heightMm * MICRONS_PER_MM) },
          },
          // Cancelling the dialog is no failure: nothing was printed.
          (success, reason) => (success || /cancel/i.test(reason) ? resolve(success) : reject(new Error(reason))),
        ),
      );
      return ok({ to, printed });
    }
    const pdf = await contents.printToPDF({
      pageSize: { width: widthMm / MM_PER_INCH, height: heightMm / MM_PER_INCH },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      printBackground: true,
      preferCSSPageSize: true,
    });
    const chosen = await electron.dialog.showSaveDialog({
      title: fileName,
      defaultPath: join(electron.app.getPath('documents'), fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (chosen.canceled || !chosen.filePath) return ok({ to, savedTo: null });
    await write(chosen.filePath, pdf);
    return ok({ to, savedTo: chosen.filePath });
  } catch (error) {
    // The printer's own words (the system's, in its language) go to the page in `reason`.
    const reason = error instanceof Error ? error.message : String(error);
    return err('unavailable', `printing failed: ${reason}`, { reason });
  }
}
