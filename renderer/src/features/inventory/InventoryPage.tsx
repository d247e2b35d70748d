// 库存: the stock of every SKU (StockTab.tsx) and 商品资料, the business's products (one SKU code, sold by several
// shops) — both searchable and filtered by shop; products added and edited in one dialog (the code fixed once
// saved), discontinued with a confirmation and sold again in one click. Editing needs stock.edit in the shops
// concerned (the core checks; the page shows its refusal).
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_LOW_STOCK_AT,
  grants,
  grantsInShop,
  SKU_CODE_PATTERN,
  type Sku,
} from '../../../../shared/contract/index.ts';
import { formatYuan } from '../../format.ts';
import { useConsole } from '../../store/index.ts';
import { useShopsInScope } from '../../hooks/use-shops-in-scope.ts';
import { api } from '../../api.ts';
import { useSkus } from './queries.ts';
import { GoodsInTab } from './GoodsInTab.tsx';
import { StockTab } from './StockTab.tsx';
import { StocktakeTab } from './StocktakeTab.tsx';

type FormValues = {
  code: string;
  title: string;
  priceYuan: number;
  shopIds: string[];
  lowStockAt: number;
  archived: boolean;
};

export function InventoryPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const session = useConsole((s) => s.session);
  const shops = useConsole((s) => s.shops);
  const [query, setQuery] = useState('');
  const [shopId, setShopId] = useState<string | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  const skus = useSkus({ shopId, query: query.trim(), includeArchived });
  const [editing, setEditing] = useState<Sku | 'new' | null>(null);
  const [tab, setTab] = useState('stock');
  const queryClient = useQueryClient();
  const inScope = useShopsInScope();
  const editableShops = inScope.filter((shop) => session && grants(grantsInShop(session, shop.id), 'stock.edit'));
  const canEdit = editableShops.length > 0;
  const shopName = (id: string) => shops.find((s) => s.id === id)?.shortName ?? id;

  const save = async (values: FormValues, sku: Sku | null) => {
    const result = await api().invoke('inventory.saveSku', {
      create: sku === null,
      code: sku?.code ?? values.code.trim(),
      title: values.title,
      priceFen: Math.round(values.priceYuan * 100),
      shopIds: values.shopIds,
      lowStockAt: values.lowStockAt,
      archived: values.archived,
    });
    if (!result.ok) {
      message.error(t('inventory.failed', { reason: t(`errors.${result.error.code}`) }));
      return false;
    }
    message.success(t('inventory.saved'));
    await queryClient.invalidateQueries({ queryKey: ['inventory'] });
    return true;
  };

  const setArchived = (sku: Sku, archived: boolean) => {
    const run = () => save({ ...sku, priceYuan: sku.priceFen / 100, archived }, sku);
    if (!archived) return void run();
    modal.confirm({
      title: t('inventory.archive'),
      content: t('inventory.archiveConfirm', { title: sku.title }),
      okText: t('inventory.archive'),
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const catalogue = (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Checkbox checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)}>
          {t('inventory.showArchived')}
        </Checkbox>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('inventory.add')}
          </Button>
        )}
        {skus.data && (
          <Typography.Text type="secondary">{t('inventory.count', { count: skus.data.length })}</Typography.Text>
        )}
      </Space>
      {skus.error && (
        <Alert type="error" showIcon title={t(`errors.${(skus.error as { code?: string }).code ?? 'internal'}`)} />
      )}
      <Table<Sku>
        rowKey="code"
        size="small"
        loading={skus.isLoading}
        dataSource={skus.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('inventory.empty') }}
        data-testid="sku-table"
        columns={[
          { title: t('inventory.columns.code'), dataIndex: 'code', render: (code: string) => <code>{code}</code> },
          { title: t('inventory.columns.title'), dataIndex: 'title' },
          {
            title: t('inventory.columns.price'),
            dataIndex: 'priceFen',
            align: 'right',
            render: (fen: number) => formatYuan(fen, i18n.language),
          },
          {
            title: t('inventory.columns.shops'),
            dataIndex: 'shopIds',
            render: (ids: string[]) =>
              ids.length === 0 ? (
                <Typography.Text type="secondary">{t('inventory.notListed')}</Typography.Text>
              ) : (
                ids.map((id) => <Tag key={id}>{shopName(id)}</Tag>)
              ),
          },
          { title: t('inventory.columns.lowStockAt'), dataIndex: 'lowStockAt', align: 'right' },
          {
            title: t('inventory.columns.status'),
            dataIndex: 'archived',
            render: (archived: boolean) =>
              archived ? (
                <Tag>{t('inventory.status.archived')}</Tag>
              ) : (
                <Tag color="green">{t('inventory.status.selling')}</Tag>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: t('inventory.columns.actions'),
                  key: 'actions',
                  render: (_: unknown, sku: Sku) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setEditing(sku)}
                        aria-label={`${t('inventory.edit')} ${sku.code}`}
                      >
                        {t('inventory.editShort')}
                      </Button>
                      <Button type="link" size="small" onClick={() => setArchived(sku, !sku.archived)}>
                        {sku.archived ? t('inventory.restore') : t('inventory.archive')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );

  return (
    <div className="page inventory-page">
      <Space className="roster-head" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('inventory.title')}
        </Typography.Title>
      </Space>
      <Alert type="info" showIcon title={t('inventory.notYet')} style={{ margin: '8px 0' }} />
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          placeholder={t('inventory.search')}
          aria-label={t('inventory.search')}
          onSearch={setQuery}
          onChange={(e) => e.target.value === '' && setQuery('')}
          style={{ width: 280 }}
          data-testid="sku-search"
        />
        <Select
          allowClear
          aria-label={t('inventory.columns.shops')}
          placeholder={t('inventory.anyShop')}
          value={shopId ?? undefined}
          onChange={(value?: string) => setShopId(value ?? null)}
          style={{ minWidth: 200 }}
          options={inScope.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'stock',
            label: t('inventory.stock.tab'),
            children: <StockTab shopId={shopId} query={query.trim()} canEdit={canEdit} />,
          },
          { key: 'goodsIn', label: t('inventory.goodsIn.tab'), children: <GoodsInTab canEdit={canEdit} /> },
          {
            key: 'stocktake',
            label: t('inventory.stocktake.tab'),
            children: <StocktakeTab skus={(skus.data ?? []).map((s) => s.code)} canEdit={canEdit} />,
          },
          { key: 'catalogue', label: t('inventory.tabs.catalogue'), children: catalogue },
        ]}
      />
      {editing !== null && (
        <SkuDialog
          sku={editing === 'new' ? null : editing}
          shops={editableShops.map((s) => ({ value: s.id, label: s.name }))}
          onClose={() => setEditing(null)}
          onSave={save}
        />
      )}
    </div>
  );
}

function SkuDialog({
  sku,
  shops,
  onClose,
  onSave,
}: Readonly<{
  sku: Sku | null;
  shops: { value: string; label: string }[];
  onClose(): void;
  onSave(values: FormValues, sku: Sku | null): Promise<boolean>;
}>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={sku ? t('inventory.edit') : t('inventory.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={
          sku
            ? { ...sku, priceYuan: sku.priceFen / 100 }
            : { code: '', title: '', priceYuan: 0, shopIds: [], lowStockAt: DEFAULT_LOW_STOCK_AT, archived: false }
        }
        onFinish={async (values) => {
          setSaving(true);
          const saved = await onSave(values, sku);
          setSaving(false);
          if (saved) onClose();
        }}
      >
        <Form.Item
          name="code"
          label={t('inventory.form.code')}
          extra={t('inventory.form.codeHelp')}
          rules={[{ required: true, pattern: SKU_CODE_PATTERN, message: t('inventory.form.codeInvalid') }]}
        >
          <Input disabled={sku !== null} maxLength={64} autoFocus={sku === null} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('inventory.form.title')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Space>
          <Form.Item name="priceYuan" label={t('inventory.form.price')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1_000_000} precision={2} step={1} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="lowStockAt" label={t('inventory.form.lowStockAt')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100_000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="shopIds" label={t('inventory.form.shops')}>
          <Select mode="multiple" options={shops} aria-label={t('inventory.form.shops')} />
        </Form.Item>
        <Form.Item name="archived" valuePropName="checked">
          <Checkbox>{t('inventory.form.archived')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
