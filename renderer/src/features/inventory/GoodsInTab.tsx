// 进货验收: a purchase batch inspected by AQL. The plan shows as soon as the lot size is typed (how many pieces to
// inspect, Ac/Re for majors and minors — computed by the same rules the core applies); the inspector ticks what was
// checked, counts the defects in the sample and sees the verdict, then enters how many pieces are accepted and how
// many go back to the supplier, with photos of each defect. Posting puts the accepted pieces on sale and freezes the
// rejected. Below: the history (with the photos) and each supplier's record.
import {
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Image,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFECT_CODES,
  type GoodsInBatch,
  type MethodInputIn,
  type SupplierScore,
} from '../../../../shared/contract/index.ts';
import { inspectionPlan, verdict } from '../../../../shared/domain/stock/aql-sampling.ts';
import { api } from '../../api.ts';
import { formatClock } from '../../format.ts';
import { callCore } from '../../query/core-call.ts';
import { PhotoThumb } from '../../components/PhotoThumb.tsx';
import { DefectPhotos } from './DefectPhotos.tsx';
import { useSkus } from './queries.ts';

type Values = MethodInputIn<'inventory.receiveGoods'>;

/** DOMAIN.md's inspection items for textiles (the inspector ticks what was checked). */
const CHECK_ITEMS = ['stain', 'hole', 'button', 'stitching', 'zip', 'colour'] as const;

export function GoodsInTab({ canEdit }: Readonly<{ canEdit: boolean }>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const skus = useSkus({ shopId: null, query: '', includeArchived: false });
  const history = useQuery({
    queryKey: ['inventory', 'goodsIn'],
    queryFn: () => callCore('inventory.goodsIn', {}),
  });
  const lotSize = Form.useWatch('lotSize', form) ?? 0;
  const found = Form.useWatch('found', form) ?? { critical: 0, major: 0, minor: 0 };
  const rejected = Form.useWatch('rejected', form) ?? 0;
  const plan = lotSize > 0 ? inspectionPlan(lotSize) : null;
  const result = plan
    ? verdict(plan, { critical: found.critical ?? 0, major: found.major ?? 0, minor: found.minor ?? 0 })
    : null;

  const submit = async (values: Values) => {
    setSaving(true);
    const done = await api().invoke('inventory.receiveGoods', {
      ...values,
      accepted: values.lotSize - (values.rejected ?? 0),
    });
    setSaving(false);
    if (!done.ok) return void message.error(t('inventory.stock.refused', { reason: t(`errors.${done.error.code}`) }));
    message.success(t('inventory.goodsIn.posted', { accepted: done.value.accepted, rejected: done.value.rejected }));
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['inventory'] });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {canEdit && (
        <Card size="small" title={t('inventory.goodsIn.new')}>
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ found: { critical: 0, major: 0, minor: 0 }, rejected: 0, checks: [], defects: [] }}
            data-testid="goods-in-form"
          >
            <Row gutter={16}>
              <Col span={6}>
                <Form.Item
                  name="supplier"
                  label={t('inventory.goodsIn.supplier')}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <AutoComplete
                    options={(history.data?.suppliers ?? []).map((s) => ({ value: s.supplier }))}
                    filterOption={(input, option) => String(option?.value ?? '').includes(input)}
                  />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="sku" label={t('inventory.columns.code')} rules={[{ required: true }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={(skus.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.title}` }))}
                  />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name="lotSize" label={t('inventory.goodsIn.lotSize')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={35_000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {lotSize > 0 && (
              <Typography.Paragraph data-testid="aql-plan">
                {plan
                  ? t(plan.everyPiece ? 'inventory.goodsIn.planEvery' : 'inventory.goodsIn.plan', {
                      code: plan.code,
                      inspect: plan.inspect,
                      majorSample: plan.major.sample,
                      majorAc: plan.major.accept,
                      majorRe: plan.major.reject,
                      minorSample: plan.minor.sample,
                      minorAc: plan.minor.accept,
                      minorRe: plan.minor.reject,
                    })
                  : t('inventory.goodsIn.noPlan')}
              </Typography.Paragraph>
            )}
            <Form.Item name="checks" label={t('inventory.goodsIn.checks')}>
              <Checkbox.Group
                options={CHECK_ITEMS.map((item) => ({
                  value: t(`inventory.goodsIn.defects.${item}`),
                  label: t(`inventory.goodsIn.checkItems.${item}`),
                }))}
              />
            </Form.Item>
            <Row gutter={16}>
              {(['critical', 'major', 'minor'] as const).map((kind) => (
                <Col span={4} key={kind}>
                  <Form.Item name={['found', kind]} label={t(`inventory.goodsIn.found.${kind}`)}>
                    <InputNumber min={0} max={35_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
              <Col span={12}>
                {result && (
                  <div className="goods-in-verdict" data-testid="aql-verdict">
                    {result.accepted ? (
                      <Tag color="green">{t('inventory.goodsIn.accept')}</Tag>
                    ) : (
                      <Tag color="red">{t('inventory.goodsIn.reject')}</Tag>
                    )}{' '}
                    {result.accepted
                      ? t('inventory.goodsIn.acceptHelp')
                      : t('inventory.goodsIn.rejectHelp', {
                          reasons: result.reasons.map((r) => t(`inventory.goodsIn.found.${r}`)).join('、'),
                        })}
                  </div>
                )}
              </Col>
            </Row>
            <Row gutter={16}>
              <Col span={4}>
                <Form.Item
                  name="rejected"
                  label={t('inventory.goodsIn.rejected')}
                  rules={[{ type: 'number', max: lotSize || 0, message: t('inventory.goodsIn.tooManyRejected') }]}
                >
                  <InputNumber min={0} max={35_000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item label={t('inventory.goodsIn.accepted')}>
                  <InputNumber value={Math.max(0, lotSize - rejected)} disabled style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="note" label={t('inventory.stock.note')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
            <Form.List name="defects">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline">
                      <Form.Item name={[field.name, 'code']} rules={[{ required: true }]}>
                        <Select
                          style={{ width: 140 }}
                          aria-label={t('inventory.goodsIn.defectCode')}
                          options={DEFECT_CODES.map((code) => ({
                            value: code,
                            label: t(`inventory.goodsIn.defects.${code}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'count']} rules={[{ required: true }]}>
                        <InputNumber min={1} precision={0} placeholder={t('inventory.stock.quantity')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'note']}>
                        <Input placeholder={t('inventory.goodsIn.defectNote')} maxLength={200} style={{ width: 280 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'photoIds']}>
                        <DefectPhotos />
                      </Form.Item>
                      <Button type="link" onClick={() => remove(field.name)}>
                        {t('inventory.goodsIn.removeDefect')}
                      </Button>
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    onClick={() => add({ code: 'stain', count: 1, note: '', photoIds: [] })}
                    style={{ marginBottom: 12 }}
                  >
                    {t('inventory.goodsIn.addDefect')}
                  </Button>
                </>
              )}
            </Form.List>
            <div>
              <Button type="primary" htmlType="submit" loading={saving} disabled={!plan}>
                {t('inventory.goodsIn.post')}
              </Button>
            </div>
          </Form>
        </Card>
      )}
      <Card size="small" title={t('inventory.goodsIn.suppliers')}>
        <Table<SupplierScore>
          rowKey="supplier"
          size="small"
          pagination={false}
          dataSource={history.data?.suppliers ?? []}
          locale={{ emptyText: t('inventory.goodsIn.noHistory') }}
          data-testid="supplier-scores"
          columns={[
            { title: t('inventory.goodsIn.supplier'), dataIndex: 'supplier' },
            { title: t('inventory.goodsIn.lots'), dataIndex: 'lots', align: 'right' },
            { title: t('inventory.goodsIn.rejectedLots'), dataIndex: 'rejectedLots', align: 'right' },
            { title: t('inventory.goodsIn.pieces'), dataIndex: 'pieces', align: 'right' },
            {
              title: t('inventory.goodsIn.rejectRate'),
              dataIndex: 'rejectRate',
              align: 'right',
              render: (rate: number) => `${(rate * 100).toFixed(1)}%`,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('inventory.goodsIn.history')}>
        <Table<GoodsInBatch>
          rowKey="id"
          size="small"
          loading={history.isLoading}
          dataSource={history.data?.batches ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('inventory.goodsIn.noHistory') }}
          data-testid="goods-in-history"
          columns={[
            { title: t('inventory.stock.at'), dataIndex: 'at', render: (at: number) => formatClock(at, i18n.language) },
            { title: t('inventory.goodsIn.supplier'), dataIndex: 'supplier' },
            { title: t('inventory.columns.code'), dataIndex: 'sku' },
            { title: t('inventory.goodsIn.lotSize'), dataIndex: 'lotSize', align: 'right' },
            {
              title: t('inventory.goodsIn.verdict'),
              key: 'verdict',
              render: (_: unknown, b: GoodsInBatch) =>
                b.verdict.accepted ? (
                  <Tag color="green">{t('inventory.goodsIn.accept')}</Tag>
                ) : (
                  <Tag color="red">{t('inventory.goodsIn.reject')}</Tag>
                ),
            },
            { title: t('inventory.goodsIn.accepted'), dataIndex: 'accepted', align: 'right' },
            { title: t('inventory.goodsIn.rejected'), dataIndex: 'rejected', align: 'right' },
            {
              title: t('inventory.goodsIn.defectCode'),
              key: 'defects',
              render: (_: unknown, b: GoodsInBatch) => (
                <Space direction="vertical" size={2}>
                  {b.defects.map((d, i) => (
                    <Space key={i} size={4} wrap>
                      <span>
                        {t(`inventory.goodsIn.defects.${d.code}`)} {d.count}
                        {d.note ? ` · ${d.note}` : ''}
                      </span>
                      <Image.PreviewGroup>
                        {d.photoIds.map((id) => (
                          <PhotoThumb key={id} photoId={id} size={32} alt={t('inventory.goodsIn.photoAlt')} />
                        ))}
                      </Image.PreviewGroup>
                    </Space>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
