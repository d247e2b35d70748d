// 发货: the board of orders waiting to ship across the shops, nearest deadline first, with a live countdown, the
// late penalty of the platform's rule, and what blocks an order (a refund asked before shipping). Filter by state,
// shop, courier and words (the core filters and sorts: 50,000 orders stay quick); select orders and ship them in one
// dialog. A shipment made while a platform is offline waits on the board (待同步) until the platform takes it.
import { ImportOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BOARD_FILTERS,
  grants,
  grantsInShop,
  type BoardRow,
  type MethodInputIn,
} from '../../../../shared/contract/index.ts';
import { formatClock, formatCountdown, formatYuan } from '../../format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { callCore } from '../../query/core-call.ts';
import { useConsole } from '../../store/index.ts';
import { OrderImportDialog } from './OrderImportDialog.tsx';
import { PackDialog } from './PackDialog.tsx';
import { PrintPreview } from './PrintPreview.tsx';
import { ShipDialog } from './ShipDialog.tsx';

const PAGE_SIZE = 100;
type Filter = (typeof BOARD_FILTERS)[number];
type Sort = 'deadline' | 'paidAt' | 'amount';

export const useBoard = (input: MethodInputIn<'shipping.board'>) =>
  useQuery({
    queryKey: ['shipping', 'board', input],
    queryFn: () => callCore('shipping.board', input),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

const STATE_COLOR: Record<BoardRow['state'], string | undefined> = {
  ok: undefined,
  at_risk: 'orange',
  overdue: 'red',
  blocked: 'magenta',
  unsent: 'blue',
  refused: 'volcano',
};

export function ShippingPage() {
  const { t, i18n } = useTranslation();
  const session = useConsole((s) => s.session);
  const shops = useConsole((s) => s.shops);
  const now = useNow(1000);
  const [filter, setFilter] = useState<Filter>('waiting');
  const [shopId, setShopId] = useState<string | null>(null);
  const [courier, setCourier] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('deadline');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<BoardRow[]>([]);
  const [shipping, setShipping] = useState<BoardRow[] | null>(null);
  const [importing, setImporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [packing, setPacking] = useState<BoardRow | null>(null);

  const inScope = useMemo(
    () => shops.filter((shop) => session?.shopIds === 'all' || session?.shopIds.includes(shop.id)),
    [shops, session?.shopIds],
  );
  const mayImport = inScope.filter((s) => session && grants(grantsInShop(session, s.id), 'orders.import'));
  const mayShip = (id: string) => session !== null && grants(grantsInShop(session, id), 'shipping.confirm');
  const shopName = (id: string) => shops.find((s) => s.id === id)?.shortName ?? id;

  const board = useBoard({ shopId, filter, courier, query, sort, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const data = board.data;
  const reset = () => {
    setPage(1);
    setSelected([]);
  };

  const deadline = (row: BoardRow) => {
    if (row.state === 'unsent' || row.state === 'refused' || row.state === 'blocked') return null;
    const left = row.shipBy - now;
    return left < 0 ? (
      <Typography.Text type="danger">{t('shipping.board.lateBy', { time: formatCountdown(-left, t) })}</Typography.Text>
    ) : (
      <Typography.Text type={row.state === 'at_risk' ? 'warning' : undefined}>
        {t('shipping.board.left', { time: formatCountdown(left, t) })}
      </Typography.Text>
    );
  };

  return (
    <div className="page shipping-page">
      <Space className="roster-head" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('shipping.title')}
        </Typography.Title>
        {mayImport.length > 0 && (
          <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
            {t('shipping.importOrders')}
          </Button>
        )}
        {data && (
          <Typography.Text type="secondary">
            {t('shipping.board.nextWave', { at: formatClock(data.nextWaveAt, i18n.language) })}
          </Typography.Text>
        )}
      </Space>
      <Alert type="info" showIcon title={t('shipping.board.scope')} style={{ margin: '8px 0' }} />

      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<Filter>
          value={filter}
          onChange={(value) => {
            setFilter(value);
            reset();
          }}
          options={BOARD_FILTERS.map((f) => ({
            value: f,
            label: (
              <span data-testid={`board-filter-${f}`}>
                {t(`shipping.board.filters.${f}`)} <Badge count={data?.counts[f] ?? 0} showZero color="#8c8c8c" />
              </span>
            ),
          }))}
        />
      </Space>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          allowClear
          aria-label={t('shipping.board.shop')}
          placeholder={t('shipping.board.anyShop')}
          value={shopId ?? undefined}
          onChange={(value?: string) => {
            setShopId(value ?? null);
            reset();
          }}
          style={{ minWidth: 200 }}
          options={inScope.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          allowClear
          aria-label={t('shipping.board.courier')}
          placeholder={t('shipping.board.anyCourier')}
          value={courier ?? undefined}
          onChange={(value?: string) => {
            setCourier(value ?? null);
            reset();
          }}
          style={{ minWidth: 160 }}
          options={(data?.couriers ?? []).map((c) => ({ value: c, label: c }))}
        />
        <Input.Search
          allowClear
          placeholder={t('shipping.board.search')}
          aria-label={t('shipping.board.search')}
          onSearch={(value) => {
            setQuery(value.trim());
            reset();
          }}
          style={{ width: 260 }}
          data-testid="board-search"
        />
        <Segmented<Sort>
          aria-label={t('shipping.board.sort')}
          value={sort}
          onChange={(value) => {
            setSort(value);
            reset();
          }}
          options={(['deadline', 'paidAt', 'amount'] as const).map((s) => ({
            value: s,
            label: <span data-testid={`board-sort-${s}`}>{t(`shipping.board.sorts.${s}`)}</span>,
          }))}
        />
        <Button
          type="primary"
          icon={<SendOutlined aria-hidden />}
          disabled={selected.length === 0}
          onClick={() => setShipping(selected)}
          data-testid="ship-selected"
        >
          {t('shipping.board.shipSelected', { count: selected.length })}
        </Button>
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => setPrinting(true)} data-testid="print-selected">
          {t('shipping.print.button')}
          {selected.length > 0 ? ` (${selected.length})` : ''}
        </Button>
      </Space>

      {board.error && (
        <Alert type="error" showIcon title={t(`errors.${(board.error as { code?: string }).code ?? 'internal'}`)} />
      )}
      <Table<BoardRow>
        rowKey={(row) => `${row.shopId}/${row.id}`}
        size="small"
        loading={board.isLoading}
        dataSource={data?.rows ?? []}
        data-testid="shipping-board"
        locale={{ emptyText: t(`shipping.board.empty.${filter}`) }}
        scroll={{ x: 1200, y: 560 }}
        virtual
        rowSelection={{
          selectedRowKeys: selected.map((r) => `${r.shopId}/${r.id}`),
          onChange: (_keys, rows) => setSelected(rows),
          getCheckboxProps: (row) => ({
            disabled:
              !mayShip(row.shopId) ||
              (row.state !== 'ok' && row.state !== 'at_risk' && row.state !== 'overdue' && row.state !== 'refused'),
            'aria-label': t('shipping.board.select', { id: row.id }),
          }),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (next) => {
            setPage(next);
            setSelected([]);
          },
          showTotal: (total) => t('shipping.board.total', { count: total }),
        }}
        columns={[
          {
            title: t('shipping.board.columns.deadline'),
            key: 'deadline',
            width: 150,
            render: (_: unknown, row) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATE_COLOR[row.state]}>{t(`shipping.board.states.${row.state}`)}</Tag>
                {deadline(row)}
              </Space>
            ),
          },
          {
            title: t('shipping.board.columns.order'),
            key: 'order',
            width: 200,
            render: (_: unknown, row) => (
              <Space orientation="vertical" size={0}>
                <span>
                  <Tag>{shopName(row.shopId)}</Tag>
                  <code>{row.id}</code>
                </span>
                <Typography.Text type="secondary">{formatClock(row.paidAt, i18n.language)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('shipping.board.columns.item'),
            key: 'item',
            render: (_: unknown, row) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {row.title} × {row.quantity}
                </span>
                <code>{row.sku}</code>
              </Space>
            ),
          },
          {
            title: t('shipping.board.columns.consignee'),
            key: 'consignee',
            width: 220,
            render: (_: unknown, row) =>
              row.consigneeName === null ? (
                <Typography.Text type="secondary">{t('shipping.board.noAddress')}</Typography.Text>
              ) : (
                <Space orientation="vertical" size={0}>
                  <span>
                    {row.consigneeName} {row.consigneePhone ?? ''}
                  </span>
                  <Typography.Text type="secondary" ellipsis={{ tooltip: row.address }} style={{ maxWidth: 200 }}>
                    {row.address}
                  </Typography.Text>
                </Space>
              ),
          },
          {
            title: t('shipping.board.columns.amount'),
            key: 'amount',
            width: 130,
            align: 'right',
            render: (_: unknown, row) => (
              <Space orientation="vertical" size={0} align="end">
                {formatYuan(row.amountFen, i18n.language)}
                {(row.state === 'overdue' || row.state === 'at_risk') && (
                  <Tooltip title={t('shipping.board.penaltyHelp')}>
                    <Typography.Text type={row.state === 'overdue' ? 'danger' : 'warning'}>
                      {t('shipping.board.penalty', { amount: formatYuan(row.penaltyFen, i18n.language) })}
                    </Typography.Text>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: t('shipping.board.columns.notes'),
            key: 'notes',
            width: 200,
            render: (_: unknown, row) => (
              <Space orientation="vertical" size={0}>
                {row.state === 'blocked' && (
                  <Typography.Text type="danger">{t('shipping.board.blockedWhy')}</Typography.Text>
                )}
                {row.trackingNumber && (
                  <span>
                    {row.courier} <code>{row.trackingNumber}</code>
                  </span>
                )}
                {row.state === 'unsent' && (
                  <Typography.Text type="secondary">{t('shipping.board.unsentWhy')}</Typography.Text>
                )}
                {row.state === 'refused' && (
                  <Typography.Text type="danger">
                    {t('shipping.board.refusedWhy', { reason: row.shipmentNote })}
                  </Typography.Text>
                )}
                {row.buyerNote && <span>{t('shipping.board.buyerNote', { note: row.buyerNote })}</span>}
                {row.sellerMemo && <span>{t('shipping.board.sellerMemo', { note: row.sellerMemo })}</span>}
              </Space>
            ),
          },
          {
            title: t('shipping.board.columns.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, row) =>
              mayShip(row.shopId) && row.state !== 'blocked' && row.state !== 'unsent' ? (
                <Space size={4}>
                  {row.state !== 'refused' && (
                    <Button
                      size="small"
                      onClick={() => setPacking(row)}
                      aria-label={t('shipping.pack.buttonFor', { id: row.id })}
                    >
                      {t('shipping.pack.button')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    onClick={() => setShipping([row])}
                    aria-label={t('shipping.board.shipOne', { id: row.id })}
                  >
                    {row.state === 'refused' ? t('shipping.board.reship') : t('shipping.board.ship')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {shipping && (
        <ShipDialog
          rows={shipping}
          onClose={(done) => {
            setShipping(null);
            if (done) setSelected([]);
          }}
        />
      )}
      {packing && (
        <PackDialog
          row={packing}
          onClose={() => setPacking(null)}
          onPacked={(row) => {
            setPacking(null);
            setShipping([row]);
          }}
        />
      )}
      {printing && <PrintPreview rows={selected} shopName={shopName} onClose={() => setPrinting(false)} />}
      {importing && <OrderImportDialog shops={mayImport} onClose={() => setImporting(false)} />}
    </div>
  );
}
