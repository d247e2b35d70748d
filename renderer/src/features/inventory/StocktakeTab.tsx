// 盘点: sheets of SKUs counted blind. The counter scans (a scanner types the code, then Enter; the same code again
// adds one, never a second row) or types quantities; lines off the book by more than 5 units or 5% come back for a
// second counter. Someone with stock rights sees the book and the variances and posts the sheet when every line is
// done. Sheets print (only the sheet) and export as CSV.
import { App, Button, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Papa from 'papaparse';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StocktakeSheet } from '../../../../shared/contract/index.ts';
import { spreadsheetSafe } from '../../../../shared/domain/spreadsheet-safe.ts';
import { api } from '../../api.ts';
import { csvBlob, downloadFile } from '../../download.ts';
import { formatClock } from '../../format.ts';
import { printFailure, printPages } from '../../print.ts';
import { callCore } from '../../query/core-call.ts';

type Line = StocktakeSheet['lines'][number];

export function StocktakeTab({ skus, canEdit }: Readonly<{ skus: readonly string[]; canEdit: boolean }>) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const sheets = useQuery({
    queryKey: ['inventory', 'stocktakes'],
    queryFn: () => callCore('inventory.stocktakes', {}),
  });
  const [picked, setPicked] = useState<string | null>(null);
  const sheet = sheets.data?.find((s) => s.id === picked) ?? sheets.data?.[0] ?? null;
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [scan, setScan] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['inventory'] });
  const fail = (code: string, detail?: string) =>
    message.error(t('inventory.stock.refused', { reason: detail ?? t(`errors.${code}`) }));

  const start = async () => {
    setBusy(true);
    const result = await api().invoke('inventory.startStocktake', { skus: [...skus] });
    setBusy(false);
    if (!result.ok) return fail(result.error.code);
    setPicked(result.value.id);
    setCounts({});
    await refresh();
  };

  const onScan = () => {
    const code = scan.trim();
    setScan('');
    if (code === '' || !sheet) return;
    const line = sheet.lines.find((l) => l.sku.toLowerCase() === code.toLowerCase());
    if (!line) return void message.warning(t('inventory.stocktake.notOnSheet', { code }));
    if (line.waiting === 'none') return void message.warning(t('inventory.stocktake.done', { code: line.sku }));
    setCounts((c) => ({ ...c, [line.sku]: (c[line.sku] ?? 0) + 1 }));
  };

  const submit = async () => {
    if (!sheet) return;
    const entered = Object.entries(counts).map(([sku, count]) => ({ sku, count }));
    if (entered.length === 0) return;
    setBusy(true);
    const result = await api().invoke('inventory.submitCounts', { sheetId: sheet.id, counts: entered });
    setBusy(false);
    if (!result.ok)
      return fail(
        result.error.code,
        result.error.code === 'forbidden' ? t('inventory.stocktake.sameCounter') : undefined,
      );
    message.success(t('inventory.stocktake.submitted', { count: entered.length }));
    setCounts({});
    await refresh();
  };

  const post = () =>
    sheet &&
    modal.confirm({
      title: t('inventory.stocktake.post'),
      content: t('inventory.stocktake.postConfirm'),
      okText: t('inventory.stocktake.post'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const result = await api().invoke('inventory.postStocktake', { sheetId: sheet.id });
        if (!result.ok)
          return void fail(
            result.error.code,
            result.error.code === 'conflict'
              ? t('inventory.stocktake.stillOpen', {
                  count: ((result.error.details as { open?: string[] } | undefined)?.open ?? []).length,
                })
              : undefined,
          );
        message.success(t('inventory.stocktake.posted'));
        await refresh();
      },
    });

  const exportCsv = () => {
    if (!sheet) return;
    const rows = sheet.lines.map((l) => ({
      [t('inventory.columns.code')]: l.sku,
      [t('inventory.columns.title')]: l.title,
      ...(l.book === null ? {} : { [t('inventory.stocktake.book')]: l.book }),
      [t('inventory.stocktake.first')]: l.first?.count ?? '',
      [t('inventory.stocktake.second')]: l.second?.count ?? '',
      ...(l.variance === null ? {} : { [t('inventory.stocktake.variance')]: l.variance }),
    }));
    const safe = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, spreadsheetSafe(v)])));
    downloadFile(`stocktake-${sheet.id}.csv`, csvBlob(`\uFEFF${Papa.unparse(safe)}`));
  };

  const waitingLabel = (line: Line) =>
    line.waiting === 'first' ? (
      <Tag>{t('inventory.stocktake.waitingFirst')}</Tag>
    ) : line.waiting === 'second' ? (
      <Tag color="orange">{t('inventory.stocktake.waitingSecond')}</Tag>
    ) : (
      <Tag color="green">{t('inventory.stocktake.lineDone')}</Tag>
    );
  const sees = sheet?.lines.some((l) => l.book !== null) ?? false;
  const allDone = sheet !== null && sheet.lines.every((l) => l.waiting === 'none');

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {canEdit && (
          <Button type="primary" onClick={() => void start()} loading={busy} disabled={skus.length === 0}>
            {t('inventory.stocktake.start', { count: skus.length })}
          </Button>
        )}
        <Select
          aria-label={t('inventory.stocktake.sheet')}
          placeholder={t('inventory.stocktake.sheet')}
          style={{ minWidth: 320 }}
          value={sheet?.id}
          onChange={(id: string) => {
            setPicked(id);
            setCounts({});
          }}
          options={(sheets.data ?? []).map((s) => ({
            value: s.id,
            label: `${formatClock(s.createdAt, i18n.language)} · ${t(`inventory.stocktake.status.${s.status}`)} · ${t('inventory.stocktake.lines', { count: s.lines.length })}`,
          }))}
        />
        {sheet && (
          <>
            <Button
              onClick={() =>
                void printPages({ to: 'printer', widthMm: 210, heightMm: 297 }).then(
                  (done) => done.ok || message.error(printFailure(t, done.error)),
                )
              }
            >
              {t('inventory.stocktake.print')}
            </Button>
            <Button onClick={exportCsv}>{t('inventory.stocktake.export')}</Button>
          </>
        )}
      </Space>
      {!sheet && !sheets.isLoading && (
        <Typography.Text type="secondary">{t('inventory.stocktake.none')}</Typography.Text>
      )}
      {sheet && sheet.status === 'counting' && (
        <Space wrap>
          <Input
            autoFocus
            value={scan}
            onChange={(e) => setScan(e.target.value)}
            onPressEnter={onScan}
            placeholder={t('inventory.stocktake.scan')}
            aria-label={t('inventory.stocktake.scan')}
            style={{ width: 320 }}
            data-testid="stocktake-scan"
          />
          <Button
            type="primary"
            onClick={() => void submit()}
            loading={busy}
            disabled={Object.keys(counts).length === 0}
          >
            {t('inventory.stocktake.submit')}
          </Button>
          {canEdit && (
            <Button danger onClick={post} disabled={!allDone}>
              {t('inventory.stocktake.post')}
            </Button>
          )}
        </Space>
      )}
      {sheet && (
        <div className="print-area">
          <Typography.Title level={5} className="print-only">
            {t('inventory.stocktake.printTitle', { id: sheet.id, at: formatClock(sheet.createdAt, i18n.language) })}
          </Typography.Title>
          <Table<Line>
            rowKey="sku"
            size="small"
            pagination={false}
            dataSource={sheet.lines}
            data-testid="stocktake-lines"
            columns={[
              { title: t('inventory.columns.code'), dataIndex: 'sku', render: (c: string) => <code>{c}</code> },
              { title: t('inventory.columns.title'), dataIndex: 'title' },
              ...(sees ? [{ title: t('inventory.stocktake.book'), dataIndex: 'book', align: 'right' as const }] : []),
              {
                title: t('inventory.stocktake.first'),
                key: 'first',
                align: 'right',
                render: (_: unknown, l: Line) => (l.first ? (l.first.count ?? t('inventory.stocktake.hidden')) : ''),
              },
              {
                title: t('inventory.stocktake.second'),
                key: 'second',
                align: 'right',
                render: (_: unknown, l: Line) => (l.second ? (l.second.count ?? t('inventory.stocktake.hidden')) : ''),
              },
              ...(sees
                ? [
                    {
                      title: t('inventory.stocktake.variance'),
                      dataIndex: 'variance',
                      align: 'right' as const,
                      render: (v: number | null) => (v === null ? '' : v > 0 ? `+${v}` : v),
                    },
                  ]
                : []),
              {
                title: t('inventory.columns.status'),
                key: 'waiting',
                render: (_: unknown, l: Line) => waitingLabel(l),
              },
              ...(sheet.status === 'counting'
                ? [
                    {
                      title: t('inventory.stocktake.thisCount'),
                      key: 'count',
                      render: (_: unknown, l: Line) =>
                        l.waiting === 'none' ? null : (
                          <InputNumber
                            min={0}
                            precision={0}
                            value={counts[l.sku]}
                            aria-label={`${t('inventory.stocktake.thisCount')} ${l.sku}`}
                            onChange={(v) =>
                              setCounts((c) => {
                                const next = { ...c };
                                if (v === null) delete next[l.sku];
                                else next[l.sku] = v;
                                return next;
                              })
                            }
                          />
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      )}
    </Space>
  );
}
