// 打印: pick lists (A4), packing slips and SKU labels at the sizes of thermal paper (76×130 mm, 100×180 mm) or A4,
// previewed at their real size and printed through the host (print.ts: in the desktop app Electron's printer dialog
// with the paper size set, or a PDF of that size saved to a file; in browser mode the browser's print dialog). The pages are rendered into a print
// root beside the app; while the preview is open, printing shows only them, each page one sheet of the chosen size.
// Consignee names, phones and room numbers on slips are masked (GB/T 41833). Waybills are the platforms' (cloud
// print) and are not printed here.
import { unitsBySku } from '../../../../shared/domain/orders/order-lines.ts';
import { Alert, App, Button, Modal, Segmented, Space, Typography } from 'antd';
import JsBarcode from 'jsbarcode';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { BoardRow } from '../../../../shared/contract/index.ts';
import { maskAddress, maskName, maskPhone } from '../../../../shared/domain/shipping/masking.ts';
import { formatClock } from '../../format.ts';
import { printFailure, printPages } from '../../print.ts';

export const PAPERS = {
  a4: { width: 210, height: 297 },
  thermal76x130: { width: 76, height: 130 },
  thermal100x180: { width: 100, height: 180 },
} as const;
export type Paper = keyof typeof PAPERS;
export type PrintDocument = 'slips' | 'pickList' | 'labels' | 'test';

/** A Code 128 barcode as SVG (jsbarcode draws it; the text below is ours, in the page's font). */
function Barcode({ value, height = 40 }: Readonly<{ value: string; height?: number }>) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (ref.current)
      JsBarcode(ref.current, value, { format: 'CODE128', height, width: 1.4, margin: 0, displayValue: false });
  }, [value, height]);
  return (
    <div className="print-barcode">
      <svg ref={ref} role="img" aria-label={`Code 128 ${value}`} data-code128={value} />
      <div className="print-barcode-text">{value}</div>
    </div>
  );
}

function Sheet({ paper, children }: Readonly<{ paper: Paper; children: ReactNode }>) {
  const { width, height } = PAPERS[paper];
  return (
    <section className={`print-sheet print-${paper}`} style={{ width: `${width}mm`, height: `${height}mm` }}>
      {children}
    </section>
  );
}

export function PrintPreview({
  rows,
  shopName,
  onClose,
}: Readonly<{ rows: readonly BoardRow[]; shopName(id: string): string; onClose(): void }>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [printing, setPrinting] = useState<'printer' | 'pdf' | null>(null);
  const [document, setDocument] = useState<PrintDocument>(rows.length > 0 ? 'slips' : 'test');
  const [paper, setPaper] = useState<Paper>('thermal76x130');
  const effectivePaper: Paper = document === 'pickList' ? 'a4' : paper;
  const { width, height } = PAPERS[effectivePaper];
  const [openedAt] = useState(() => Date.now());
  const printedAt = formatClock(openedAt, i18n.language);

  const print = async (to: 'printer' | 'pdf') => {
    setPrinting(to);
    const done = await printPages({
      to,
      widthMm: width,
      heightMm: height,
      fileName: `${t(`shipping.print.documents.${document}`)}-${new Date(openedAt).toISOString().slice(0, 10)}.pdf`,
    });
    setPrinting(null);
    if (!done.ok) return void message.error(printFailure(t, done.error));
    if (done.value.to === 'pdf' && done.value.savedTo)
      message.success(t('shipping.print.saved', { path: done.value.savedTo }));
  };

  const sheets: ReactNode[] = [];
  if (document === 'test')
    sheets.push(
      <Sheet key="test" paper={effectivePaper}>
        <div className="print-test">
          <strong>{t('shipping.print.testTitle')}</strong>
          <div>{t('shipping.print.testSize', { width, height })}</div>
          <div className="print-test-frame" />
          <Barcode value="TEST-128" />
        </div>
      </Sheet>,
    );
  if (document === 'slips')
    for (const row of rows)
      sheets.push(
        <Sheet key={`${row.shopId}/${row.id}`} paper={effectivePaper}>
          <div className="print-slip" data-testid="print-slip">
            <div className="print-slip-head">
              <strong>{shopName(row.shopId)}</strong>
              <span>{t('shipping.print.slipTitle')}</span>
            </div>
            <Barcode value={row.id} height={34} />
            <table className="print-items">
              <tbody>
                {row.lines.map((line, i) => (
                  <tr key={`${line.sku}-${i}`}>
                    <td>
                      <code>{line.sku}</code>
                      <div>
                        {line.gift && <strong>{t('shipping.pack.gift')}：</strong>}
                        {line.title}
                      </div>
                    </td>
                    <td className="print-qty">× {line.quantity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {row.buyerNote && <div>{t('shipping.board.buyerNote', { note: row.buyerNote })}</div>}
            {row.sellerMemo && <div>{t('shipping.board.sellerMemo', { note: row.sellerMemo })}</div>}
            <div className="print-consignee">
              {row.consigneeName !== null && (
                <div>
                  {maskName(row.consigneeName)} {row.consigneePhone ? maskPhone(row.consigneePhone) : ''}
                </div>
              )}
              {row.address && <div>{maskAddress(row.address)}</div>}
            </div>
            <div className="print-checks">
              ☐ {t('shipping.print.checkItems')} ☐ {t('shipping.print.checkAddress')} ☐ {t('shipping.print.checkNote')}
            </div>
            <div className="print-foot">{t('shipping.print.printedAt', { at: printedAt })}</div>
          </div>
        </Sheet>,
      );
  if (document === 'labels') {
    const skus = [...new Map(rows.flatMap((r) => r.lines).map((line) => [line.sku, line])).values()];
    for (const line of skus)
      sheets.push(
        <Sheet key={line.sku} paper={effectivePaper}>
          <div className="print-label">
            <div>{line.title}</div>
            <Barcode value={line.sku} height={48} />
          </div>
        </Sheet>,
      );
  }
  if (document === 'pickList') {
    const bySku = new Map<string, { sku: string; title: string; quantity: number; orders: number }>();
    // Each SKU once, with its units over all the orders (gifts too: they are picked like the rest).
    for (const row of rows)
      for (const [sku, quantity] of unitsBySku(row)) {
        const title = row.lines.find((l) => l.sku === sku)!.title;
        const line = bySku.get(sku) ?? { sku, title, quantity: 0, orders: 0 };
        bySku.set(sku, { ...line, quantity: line.quantity + quantity, orders: line.orders + 1 });
      }
    sheets.push(
      <Sheet key="pick" paper="a4">
        <div className="print-pick">
          <h2>{t('shipping.print.pickTitle', { count: rows.length })}</h2>
          <div>{t('shipping.print.printedAt', { at: printedAt })}</div>
          <table className="print-items">
            <thead>
              <tr>
                <th>☐</th>
                <th>{t('shipping.fields.sku')}</th>
                <th>{t('shipping.fields.title')}</th>
                <th>{t('shipping.print.orders')}</th>
                <th>{t('shipping.fields.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {[...bySku.values()]
                .sort((a, b) => a.sku.localeCompare(b.sku))
                .map((line) => (
                  <tr key={line.sku}>
                    <td>☐</td>
                    <td>
                      <code>{line.sku}</code>
                    </td>
                    <td>{line.title}</td>
                    <td>{line.orders}</td>
                    <td className="print-qty">{line.quantity}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </Sheet>,
    );
  }

  return (
    <>
      <Modal
        open
        width={760}
        title={t('shipping.print.title')}
        onCancel={onClose}
        footer={
          <Space>
            <Button onClick={onClose}>{t('common.close')}</Button>
            <Button onClick={() => void print('pdf')} loading={printing === 'pdf'} data-testid="print-pdf">
              {t('shipping.print.pdf')}
            </Button>
            <Button
              type="primary"
              onClick={() => void print('printer')}
              loading={printing === 'printer'}
              data-testid="print-now"
            >
              {t('shipping.print.print', { count: sheets.length })}
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Segmented<PrintDocument>
            value={document}
            onChange={setDocument}
            options={(['slips', 'pickList', 'labels', 'test'] as const).map((d) => ({
              value: d,
              label: t(`shipping.print.documents.${d}`),
              disabled: d !== 'test' && rows.length === 0,
            }))}
          />
          {document !== 'pickList' && (
            <Segmented<Paper>
              value={paper}
              onChange={setPaper}
              options={(Object.keys(PAPERS) as Paper[]).map((p) => ({
                value: p,
                label: t(`shipping.print.papers.${p}`),
              }))}
            />
          )}
          <Typography.Text type="secondary">
            {t('shipping.print.summary', { count: sheets.length, width, height })}
          </Typography.Text>
          {document === 'slips' && <Alert type="info" showIcon title={t('shipping.print.masked')} />}
          <div className="print-preview" data-testid="print-preview">
            {sheets.slice(0, 3)}
          </div>
          {sheets.length > 3 && (
            <Typography.Text type="secondary">{t('shipping.print.more', { count: sheets.length - 3 })}</Typography.Text>
          )}
        </Space>
      </Modal>
      {createPortal(
        <div id="print-root" data-testid="print-root">
          <style>{`@page { size: ${width}mm ${height}mm; margin: 0; }`}</style>
          {sheets}
        </div>,
        window.document.body,
      )}
    </>
  );
}
