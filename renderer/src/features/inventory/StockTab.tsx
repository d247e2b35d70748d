// 库存: one row per SKU (100 a page) — available with the low-stock mark, the quantities behind it, what each
// shop displays (and may lock), the oversell risk; orders that found no stock listed above. Movements (goods in,
// adjustments, returns, reserve, change of type) and the allocation among shops in dialogs; each SKU's ledger in a
// drawer; shops whose platform has not yet taken the new figures (库存同步) are named. The core refuses a movement that would make stock negative and says why; the dialog shows it.
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MethodInputIn, StockRow } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { formatClock } from '../../format.ts';
import { callCore } from '../../query/core-call.ts';
import { useConsole } from '../../store/index.ts';
import { useWindowHeight } from '../../hooks/use-window-height.ts';
import { useStock } from './queries.ts';

type MoveInput = MethodInputIn<'inventory.moveStock'>;

export function StockTab({
  shopId,
  query,
  canEdit,
}: Readonly<{ shopId: string | null; query: string; canEdit: boolean }>) {
  const { t } = useTranslation();
  const windowHeight = useWindowHeight();
  const shops = useConsole((s) => s.shops);
  const [lowOnly, setLowOnly] = useState(false);
  const stock = useStock({ shopId, query, lowOnly });
  const [moving, setMoving] = useState<StockRow | null>(null);
  const [allocating, setAllocating] = useState<StockRow | null>(null);
  const [ledger, setLedger] = useState<StockRow | null>(null);
  const shopName = (id: string) => shops.find((s) => s.id === id)?.shortName ?? id;
  const oversold = stock.data?.oversold ?? [];
  const waiting = Object.entries(stock.data?.syncPending ?? {}).filter(([, n]) => n > 0);

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button type={lowOnly ? 'primary' : 'default'} onClick={() => setLowOnly(!lowOnly)} aria-pressed={lowOnly}>
          {t('inventory.stock.lowOnly')}
        </Button>
      </Space>
      {waiting.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="sync-pending"
          style={{ marginBottom: 8 }}
          title={t('inventory.stock.syncPending', {
            shops: waiting.map(([id, n]) => t('inventory.stock.syncShop', { shop: shopName(id), count: n })).join('、'),
          })}
        />
      )}
      {oversold.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="oversold"
          style={{ marginBottom: 8 }}
          title={t('inventory.stock.oversold', { count: oversold.length })}
          description={oversold
            .slice(0, 10)
            .map((o) => `${shopName(o.shopId)} ${o.orderId}（${o.sku}）`)
            .join('、')}
        />
      )}
      {/* Virtualized: a business with 10,000 SKUs scrolls one list (only the rows in view are in the page). */}
      <Table<StockRow>
        rowKey="code"
        size="small"
        virtual
        scroll={{ x: 1250, y: Math.max(320, windowHeight - 400) }}
        pagination={false}
        loading={stock.isLoading}
        dataSource={stock.data?.rows ?? []}
        locale={{ emptyText: t('inventory.stock.empty') }}
        data-testid="stock-table"
        columns={[
          {
            title: t('inventory.columns.code'),
            dataIndex: 'code',
            width: 170,
            render: (c: string) => <code>{c}</code>,
          },
          { title: t('inventory.columns.title'), dataIndex: 'title', width: 140 },
          {
            title: t('inventory.stock.columns.available'),
            dataIndex: 'available',
            width: 110,
            align: 'right',
            render: (value: number, row) => (
              <span data-testid="available">
                {row.low && <Tag color="red">{t('inventory.stock.low')}</Tag>}
                {value}
              </span>
            ),
          },
          ...(['normal', 'occupied', 'reserved', 'damaged', 'frozen'] as const).map((kind) => ({
            title: t(`inventory.stock.columns.${kind}`),
            key: kind,
            width: 64,
            align: 'right' as const,
            render: (_: unknown, row: StockRow) => row.quantities[kind],
          })),
          {
            title: t('inventory.stock.columns.shops'),
            key: 'shops',
            width: 260,
            render: (_: unknown, row: StockRow) => (
              <span className="stock-shops">
                {row.shops.map((s) => (
                  <Tooltip
                    key={s.shopId}
                    title={t('inventory.stock.canLock', {
                      shop: shopName(s.shopId),
                      canLock: s.canLock,
                      displayed: s.displayed,
                    })}
                  >
                    <Tag>
                      {shopName(s.shopId)} {s.displayed}
                    </Tag>
                  </Tooltip>
                ))}
              </span>
            ),
          },
          {
            title: <Tooltip title={t('inventory.stock.riskHelp')}>{t('inventory.stock.columns.risk')}</Tooltip>,
            dataIndex: 'oversellRisk',
            width: 96,
            align: 'right',
            render: (risk: number) => (risk > 0 ? <Tag color="orange">{risk}</Tag> : 0),
          },
          {
            title: t('inventory.columns.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, row: StockRow) => (
              <Space size={0}>
                {canEdit && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setMoving(row)}
                    aria-label={`${t('inventory.stock.move')} ${row.code}`}
                  >
                    {t('inventory.stock.move')}
                  </Button>
                )}
                {canEdit && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setAllocating(row)}
                    aria-label={`${t('inventory.stock.allocate')} ${row.code}`}
                  >
                    {t('inventory.stock.allocate')}
                  </Button>
                )}
                <Button
                  type="link"
                  size="small"
                  onClick={() => setLedger(row)}
                  aria-label={`${t('inventory.stock.ledger')} ${row.code}`}
                >
                  {t('inventory.stock.ledger')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {moving && <MoveDialog row={moving} onClose={() => setMoving(null)} />}
      {allocating && <AllocationDialog row={allocating} shopName={shopName} onClose={() => setAllocating(null)} />}
      {ledger && <LedgerDrawer row={ledger} shopName={shopName} onClose={() => setLedger(null)} />}
    </>
  );
}

/** The ledger's refusal in the person's language: which quantity would go below zero, and to what. */
function refusalText(error: { code: string; details?: unknown }, t: TFunction): string {
  const details = (error.details ?? {}) as { reason?: string; quantity?: string | null; would?: number | null };
  if (error.code === 'conflict' && details.reason === 'negative' && details.quantity)
    return t('inventory.stock.negative', {
      kind: t(`inventory.stock.columns.${details.quantity}`),
      would: details.would ?? 0,
    });
  return t(`errors.${error.code}`);
}

/** Runs a stock command; on success refreshes the page's data, on refusal says why (in the person's language). */
function useStockCommand() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return async (run: () => ReturnType<ReturnType<typeof api>['invoke']>) => {
    const result = await run();
    if (!result.ok) {
      message.error(
        t('inventory.stock.refused', {
          reason: refusalText(result.error, t),
        }),
      );
      return false;
    }
    message.success(t('inventory.saved'));
    await queryClient.invalidateQueries({ queryKey: ['inventory'] });
    return true;
  };
}

function MoveDialog({ row, onClose }: Readonly<{ row: StockRow; onClose(): void }>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MoveInput>();
  const kind = Form.useWatch('kind', form) ?? 'goods_in';
  const run = useStockCommand();
  const [saving, setSaving] = useState(false);
  const types = (['normal', 'damaged', 'frozen'] as const).map((value) => ({
    value,
    label: t(`inventory.stock.types.${value}`),
  }));
  return (
    <Modal
      open
      title={t('inventory.stock.moveTitle', { code: row.code })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<MoveInput>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'goods_in', quantity: 1, from: 'normal', to: 'normal', note: '' }}
        onFinish={async (values) => {
          setSaving(true);
          const done = await run(() => api().invoke('inventory.moveStock', { ...values, sku: row.code }));
          setSaving(false);
          if (done) onClose();
        }}
      >
        <Form.Item name="kind" label={t('inventory.stock.kind')}>
          <Select
            options={(['goods_in', 'adjustment', 'return', 'reserve', 'type_change'] as const).map((value) => ({
              value,
              label: t(`inventory.stock.kinds.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t('inventory.stock.quantity')}
          rules={[
            { required: true },
            {
              validator: (_, v) =>
                v === 0 ? Promise.reject(new Error(t('inventory.stock.nonZero'))) : Promise.resolve(),
            },
          ]}
        >
          <InputNumber
            min={kind === 'goods_in' || kind === 'return' || kind === 'type_change' ? 1 : -1_000_000}
            max={1_000_000}
            precision={0}
            style={{ width: 160 }}
          />
        </Form.Item>
        {(kind === 'type_change' || kind === 'adjustment') && (
          <Form.Item name="from" label={t('inventory.stock.from')}>
            <Select options={types} style={{ width: 160 }} />
          </Form.Item>
        )}
        {(kind === 'type_change' || kind === 'return') && (
          <Form.Item name="to" label={t('inventory.stock.to')}>
            <Select options={types} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('inventory.stock.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type AllocationForm = { buffer: number; shops: { shopId: string; exclusive: number; coefficient: number }[] };

function AllocationDialog({
  row,
  shopName,
  onClose,
}: Readonly<{ row: StockRow; shopName(id: string): string; onClose(): void }>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AllocationForm>();
  const run = useStockCommand();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={t('inventory.stock.allocationTitle', { code: row.code })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<AllocationForm>
        form={form}
        layout="vertical"
        initialValues={{
          buffer: row.allocation.buffer,
          shops: row.shops.map((s) => ({
            shopId: s.shopId,
            exclusive: row.allocation.shops[s.shopId]?.exclusive ?? 0,
            coefficient: row.allocation.shops[s.shopId]?.coefficient ?? 1,
          })),
        }}
        onFinish={async (values) => {
          setSaving(true);
          // The list's rows follow the SKU's shops (the shop of each row is not a form field).
          const shops = values.shops.map((s, i) => ({ ...s, shopId: row.shops[i]!.shopId }));
          const done = await run(() =>
            api().invoke('inventory.setAllocation', { sku: row.code, buffer: values.buffer, shops }),
          );
          setSaving(false);
          if (done) onClose();
        }}
      >
        <Form.Item name="buffer" label={t('inventory.stock.buffer')}>
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.List name="shops">
          {(fields) =>
            fields.map((field) => (
              <Space key={field.key} align="baseline">
                <span style={{ display: 'inline-block', width: 80 }}>{shopName(row.shops[field.name]!.shopId)}</span>
                <Form.Item name={[field.name, 'exclusive']} label={t('inventory.stock.exclusive')}>
                  <InputNumber min={0} max={1_000_000} precision={0} />
                </Form.Item>
                <Form.Item name={[field.name, 'coefficient']} label={t('inventory.stock.coefficient')}>
                  <InputNumber min={0} max={1} step={0.1} />
                </Form.Item>
              </Space>
            ))
          }
        </Form.List>
      </Form>
    </Modal>
  );
}

function LedgerDrawer({
  row,
  shopName,
  onClose,
}: Readonly<{ row: StockRow; shopName(id: string): string; onClose(): void }>) {
  const { t, i18n } = useTranslation();
  const movements = useQuery({
    queryKey: ['inventory', 'movements', row.code],
    queryFn: () => callCore('inventory.movements', { sku: row.code }),
  });
  return (
    <Drawer open onClose={onClose} size="large" title={t('inventory.stock.ledgerTitle', { code: row.code })}>
      <Table
        rowKey="id"
        size="small"
        loading={movements.isLoading}
        dataSource={movements.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="stock-ledger"
        columns={[
          { title: t('inventory.stock.at'), dataIndex: 'at', render: (at: number) => formatClock(at, i18n.language) },
          {
            title: t('inventory.stock.kind'),
            dataIndex: 'kind',
            render: (kind: string) => t(`inventory.stock.movementKinds.${kind}`, { defaultValue: kind }),
          },
          {
            title: t('inventory.stock.change'),
            dataIndex: 'delta',
            render: (delta: Record<string, number>) =>
              Object.entries(delta)
                .map(([k, v]) => `${t(`inventory.stock.columns.${k}`)} ${v > 0 ? '+' : ''}${v}`)
                .join('，'),
          },
          {
            title: t('inventory.stock.order'),
            key: 'order',
            render: (_: unknown, m: { shopId: string | null; orderId: string | null }) =>
              m.orderId ? `${shopName(m.shopId ?? '')} ${m.orderId}` : '',
          },
          { title: t('inventory.stock.note'), dataIndex: 'note' },
        ]}
      />
    </Drawer>
  );
}
