// The desktop app's printing (electron/main/host-print.ts) with a fake webContents and dialog: the paper size reaches
// Electron in its units (microns for the printer, inches for a PDF), a PDF is written where the person chose and read
// back, cancelling is no failure, a printer's failure says why, and a malformed request prints nothing.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { hostPrint } from '../../electron/main/host-print.ts';
import type {
  ElectronLike,
  PdfOptionsLike,
  PrintOptionsLike,
  WebContentsLike,
} from '../../electron/main/electron-like.ts';
import { makeTempDir } from '../support/core-fixture.ts';

const MM_TO_PT = 72 / 25.4;
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function fakes(options: { savePath?: string | null; printAnswer?: [boolean, string] } = {}) {
  const printed: PrintOptionsLike[] = [];
  const pdfs: PdfOptionsLike[] = [];
  const dialogs: { defaultPath: string }[] = [];
  const contents = {
    print(o: PrintOptionsLike, callback: (success: boolean, reason: string) => void) {
      printed.push(o);
      const [success, reason] = options.printAnswer ?? [true, ''];
      callback(success, reason);
    },
    // A real PDF of the size asked for, as Chromium would make it.
    async printToPDF(o: PdfOptionsLike) {
      pdfs.push(o);
      const doc = await PDFDocument.create();
      doc.addPage([o.pageSize.width * 72, o.pageSize.height * 72]);
      return doc.save();
    },
  } as unknown as WebContentsLike;
  const electron = {
    app: { getPath: () => '/home/seller/Documents' },
    dialog: {
      showSaveDialog: (o: { defaultPath: string }) => {
        dialogs.push(o);
        return Promise.resolve(
          options.savePath ? { canceled: false, filePath: options.savePath } : { canceled: true, filePath: '' },
        );
      },
    },
  } as unknown as Pick<ElectronLike, 'app' | 'dialog'>;
  return { contents, electron, printed, pdfs, dialogs };
}

describe('printing in the desktop app', () => {
  it('saves a PDF of exactly the paper asked for, where the person chose', async () => {
    const dir = await makeTempDir('print-');
    dirs.push(dir);
    const target = join(dir, '装箱单.pdf');
    const f = fakes({ savePath: target });
    const done = await hostPrint(f.electron, f.contents, {
      to: 'pdf',
      widthMm: 76,
      heightMm: 130,
      fileName: '装箱单-2026-12-03.pdf',
    });
    expect(done).toEqual({ ok: true, value: { to: 'pdf', savedTo: target } });
    expect(f.pdfs[0]).toEqual({
      pageSize: { width: 76 / 25.4, height: 130 / 25.4 },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      printBackground: true,
      preferCSSPageSize: true,
    });
    expect(f.dialogs[0]!.defaultPath).toBe(join('/home/seller/Documents', '装箱单-2026-12-03.pdf'));
    const pdf = await PDFDocument.load(await readFile(target));
    const { width, height } = pdf.getPage(0).getSize();
    expect(Math.abs(width - 76 * MM_TO_PT)).toBeLessThan(0.01);
    expect(Math.abs(height - 130 * MM_TO_PT)).toBeLessThan(0.01);
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const f = fakes({ savePath: null });
    const done = await hostPrint(f.electron, f.contents, { to: 'pdf', widthMm: 210, heightMm: 297 });
    expect(done).toEqual({ ok: true, value: { to: 'pdf', savedTo: null } });
  });

  it('sets the paper in microns for the printer; a cancelled dialog is no failure, a failed print says why', async () => {
    const f = fakes();
    expect(await hostPrint(f.electron, f.contents, { to: 'printer', widthMm: 100, heightMm: 180 })).toEqual({
      ok: true,
      value: { to: 'printer', printed: true },
    });
    expect(f.printed[0]).toEqual({
      silent: false,
      printBackground: true,
      margins: { marginType: 'none' },
      pageSize: { width: 100_000, height: 180_000 },
    });
    const cancelled = fakes({ printAnswer: [false, 'cancelled'] });
    expect(
      await hostPrint(cancelled.electron, cancelled.contents, { to: 'printer', widthMm: 76, heightMm: 130 }),
    ).toEqual({ ok: true, value: { to: 'printer', printed: false } });
    const failed = fakes({ printAnswer: [false, 'Print job failed'] });
    expect(await hostPrint(failed.electron, failed.contents, { to: 'printer', widthMm: 76, heightMm: 130 })).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'printing failed: Print job failed',
        details: { reason: 'Print job failed' },
      },
    });
  });

  it('prints nothing for a malformed request', async () => {
    for (const bad of [
      { to: 'fax', widthMm: 76, heightMm: 130 },
      { to: 'printer', widthMm: 5, heightMm: 130 },
      { to: 'pdf', widthMm: 76, heightMm: 130, fileName: '../../etc/passwd.pdf' },
      { to: 'pdf', widthMm: 76, heightMm: 130, fileName: 'a\u0007b.pdf' },
      { to: 'printer', widthMm: 76, heightMm: 130, extra: true },
    ]) {
      const f = fakes({ savePath: '/tmp/x.pdf' });
      const done = await hostPrint(f.electron, f.contents, bad);
      expect(done.ok || done.error.code).toBe('invalid_input');
      expect([f.printed.length, f.pdfs.length]).toEqual([0, 0]);
    }
  });
});
