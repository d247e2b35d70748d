// 发货: the board of orders waiting to ship across the shops, nearest deadline first, with a live countdown, the
// late penalty of the platform's rule, and what blocks an order (a refund asked before shipping). Filter by state,
// shop, courier and words (the core filters and sorts: 50,000 orders stay quick); select orders and ship them in one
// dialog. A shipment made while a platform is offline waits on the board (待同步) until the platform takes it.
import { ImportOutlined, PrinterOutlined, SendOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Pagination, Segmented, Select, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BOARD_FILTERS,
  grants,
  grantsInShop,
  type BoardRow,
  type MethodInputIn,
} from '../../../../shared/contract/index.ts';
import { formatClock } from '../../format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { callCore } from '../../query/core-call.ts';
import { useConsole } from '../../store/index.ts';
import { useShopsInScope } from '../../hooks/use-shops-in-scope.ts';
import { BoardList, keyOfRow, shippable } from './BoardList.tsx';
import { OrderImportDialog } from './OrderImportDialog.tsx';
import { PackDialog } from './PackDialog.tsx';
import { PrintPreview } from './PrintPreview.tsx';
import { ShipDialog } from './ShipDialog.tsx';
import { ShippingRulesDrawer } from './ShippingRulesDrawer.tsx';

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
  const [rulesOpen, setRulesOpen] = useState(false);

  const inScope = useShopsInScope();
  const mayImport = inScope.filter((s) => session && grants(grantsInShop(session, s.id), 'orders.import'));
  const mayShip = (id: string) => session !== null && grants(grantsInShop(session, id), 'shipping.confirm');
  const shopName = (id: string) => shops.find((s) => s.id === id)?.shortName ?? id;

  const toggle = useCallback(
    (row: BoardRow, on: boolean) =>
      setSelected((list) => (on ? [...list, row] : list.filter((r) => keyOfRow(r) !== keyOfRow(row)))),
    [],
  );
  const shipOne = useCallback((row: BoardRow) => setShipping([row]), []);
  const board = useBoard({ shopId, filter, courier, query, sort, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const data = board.data;
  const selectedKeys = useMemo(() => new Set(selected.map(keyOfRow)), [selected]);
  const selectable = useMemo(
    () => (data?.rows ?? []).filter((r) => mayShip(r.shopId) && shippable(r)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mayShip follows the session
    [data?.rows, session],
  );
  const reset = () => {
    setPage(1);
    setSelected([]);
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
        <Button icon={<SettingOutlined aria-hidden />} onClick={() => setRulesOpen(true)}>
          {t('shipping.rules.open')}
        </Button>
        {data && (
          <Typography.Text type="secondary" data-testid="next-wave">
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
                {t(`shipping.board.filters.${f}`)} <span className="board-count">{data?.counts[f] ?? 0}</span>
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
      <BoardList
        rows={data?.rows ?? []}
        loading={board.isLoading}
        emptyText={t(`shipping.board.empty.${filter}`)}
        now={now}
        selectedKeys={selectedKeys}
        allSelected={selectable.length > 0 && selectable.every((r) => selectedKeys.has(keyOfRow(r)))}
        mayShip={mayShip}
        shopName={shopName}
        onToggle={toggle}
        onToggleAll={(on) => setSelected(on ? selectable : [])}
        onPack={setPacking}
        onShip={shipOne}
      />
      <div className="board-pager">
        <Pagination
          size="small"
          current={page}
          pageSize={PAGE_SIZE}
          total={data?.total ?? 0}
          showSizeChanger={false}
          hideOnSinglePage={false}
          showTotal={(total) => t('shipping.board.total', { count: total })}
          onChange={(next) => {
            setPage(next);
            setSelected([]);
          }}
        />
      </div>
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
      <ShippingRulesDrawer open={rulesOpen} onClose={() => setRulesOpen(false)} shopName={shopName} />
    </div>
  );
}
