// 导入订单: a seller-centre order export sent to the core in parts, previewed (the layout it was read as, what
// importing would do, every problem by row and column, the column mapping for unknown layouts), then imported with
// a progress bar. Nothing is imported while a problem is left; the core checks again.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField } from '../../../../shared/domain/orders/order-export.ts';
import type { ImportProblem, Order, OrderImportPreview, Result } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { formatYuan } from '../../format.ts';
import { onImportProgress } from '../../query/event-queries.ts';

/** 512 KiB of the file per part: its base64 (699,052 characters) fits the contract's part and one frame. */
const PART_BYTES = 512 * 1024;

type Stage =
  | { kind: 'pick' }
  | { kind: 'working'; label: string; percent: number }
  | { kind: 'preview'; fileName: string; uploadId: string; preview: OrderImportPreview }
  | { kind: 'done'; text: string };

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

export function OrderImportDialog({
  shops,
  onClose,
}: Readonly<{ shops: readonly { id: string; name: string }[]; onClose(): void }>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [shopId, setShopId] = useState(shops[0]?.id ?? '');
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [mapping, setMapping] = useState<Partial<Record<ImportField, string | null>>>({});
  const [mappingChanged, setMappingChanged] = useState(false);

  // The core's progress while it reads, checks and writes (events to this person only).
  useEffect(
    () =>
      onImportProgress((p) => {
        const percent = p.total === 0 ? 100 : Math.round((p.done / p.total) * 100);
        setStage((s) =>
          s.kind === 'working'
            ? {
                kind: 'working',
                percent,
                label: t(`shipping.import.phase.${p.phase}`, { done: p.done, total: p.total }),
              }
            : s,
        );
      }),
    [t],
  );

  const fail = (reason: string) => {
    message.error(t('shipping.import.failed', { reason }));
  };
  /** The core's refusal in the person's language: the file's problems and missing columns are named here. */
  const reasonOf = (error: { code: string; details?: unknown }) => {
    const details = (error.details ?? {}) as { problemCount?: number; missing?: ImportField[] };
    if (details.missing)
      return t('shipping.import.missing', {
        fields: details.missing.map((f) => t(`shipping.fields.${f}`)).join('、'),
      });
    if (details.problemCount !== undefined) return t('shipping.import.problems', { count: details.problemCount });
    return t(`errors.${error.code}`);
  };

  const check = async (fileName: string, uploadId: string, withMapping: typeof mapping | null) => {
    setStage({ kind: 'working', label: t('shipping.import.phase.read'), percent: 0 });
    const result = await api().invoke('orders.previewImport', { uploadId, shopId, mapping: withMapping });
    if (!result.ok) {
      fail(reasonOf(result.error));
      setStage({ kind: 'pick' });
      return;
    }
    setMapping(result.value.mapping as Partial<Record<ImportField, string | null>>);
    setMappingChanged(false);
    setStage({ kind: 'preview', fileName, uploadId, preview: result.value });
  };

  const send = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let uploadId: string | null = null;
    for (let at = 0; at < bytes.length || uploadId === null; at += PART_BYTES) {
      setStage({
        kind: 'working',
        label: t('shipping.import.uploading', { done: formatBytes(at), total: formatBytes(bytes.length) }),
        percent: Math.round((at / Math.max(bytes.length, 1)) * 100),
      });
      const sent: Result<{ uploadId: string; bytes: number }> = await api().invoke('orders.uploadPart', {
        uploadId,
        part: toBase64(bytes.subarray(at, at + PART_BYTES)),
        last: at + PART_BYTES >= bytes.length,
      });
      if (!sent.ok) {
        fail(reasonOf(sent.error));
        setStage({ kind: 'pick' });
        return;
      }
      uploadId = sent.value.uploadId;
    }
    await check(file.name, uploadId, null);
  };

  const commit = async (uploadId: string) => {
    setStage({ kind: 'working', label: t('shipping.import.phase.read'), percent: 0 });
    const result = await api().invoke('orders.importOrders', { uploadId, shopId, mapping });
    if (!result.ok) {
      fail(reasonOf(result.error));
      setStage({ kind: 'pick' });
      return;
    }
    const r = result.value;
    await queryClient.invalidateQueries({ queryKey: ['shipping'] });
    setStage({
      kind: 'done',
      text: t('shipping.import.done', {
        creates: r.creates,
        updates: r.updates,
        locked: r.stockLocked,
        oversold: r.oversold > 0 ? t('shipping.import.oversold', { count: r.oversold }) : '',
      }),
    });
  };

  const headerOptions = (preview: OrderImportPreview) => [
    { value: '', label: t('shipping.import.noColumn') },
    ...preview.headers.map((h) => ({ value: h, label: h })),
  ];

  return (
    <Modal
      open
      width={920}
      title={t('shipping.import.title')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={stage.kind !== 'working'}
    >
      <Typography.Paragraph type="secondary">{t('shipping.import.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('shipping.import.shop')}</span>
        <Select
          aria-label={t('shipping.import.shop')}
          value={shopId}
          onChange={setShopId}
          disabled={stage.kind !== 'pick'}
          style={{ minWidth: 240 }}
          options={shops.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Space>

      {stage.kind === 'pick' && (
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={shopId === ''}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
          data-testid="order-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">{t('shipping.import.pickFile')}</p>
          <p className="ant-upload-hint">{t('shipping.import.pickHint')}</p>
        </Upload.Dragger>
      )}

      {stage.kind === 'working' && (
        <div role="status" aria-live="polite" data-testid="import-progress">
          <Typography.Text>{stage.label}</Typography.Text>
          <Progress percent={stage.percent} status="active" />
        </div>
      )}

      {stage.kind === 'done' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={stage.text} data-testid="import-done" />
          <Space>
            <Button onClick={() => setStage({ kind: 'pick' })}>{t('shipping.import.again')}</Button>
            <Button type="primary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Space>
        </Space>
      )}

      {stage.kind === 'preview' && (
        <PreviewView
          stage={stage}
          mapping={mapping}
          mappingChanged={mappingChanged}
          headerOptions={headerOptions(stage.preview)}
          language={i18n.language}
          onMap={(field, header) => {
            setMapping((m) => ({ ...m, [field]: header === '' ? null : header }));
            setMappingChanged(true);
          }}
          onRecheck={() => void check(stage.fileName, stage.uploadId, mapping)}
          onImport={() => void commit(stage.uploadId)}
          onCancel={() => setStage({ kind: 'pick' })}
        />
      )}
    </Modal>
  );
}

function PreviewView({
  stage,
  mapping,
  mappingChanged,
  headerOptions,
  language,
  onMap,
  onRecheck,
  onImport,
  onCancel,
}: Readonly<{
  stage: Extract<Stage, { kind: 'preview' }>;
  mapping: Partial<Record<ImportField, string | null>>;
  mappingChanged: boolean;
  headerOptions: { value: string; label: string }[];
  language: string;
  onMap(field: ImportField, header: string): void;
  onRecheck(): void;
  onImport(): void;
  onCancel(): void;
}>) {
  const { t } = useTranslation();
  const { preview } = stage;
  const toWrite = preview.creates + preview.updates;
  const blocked = preview.missing.length > 0 || preview.problemCount > 0 || mappingChanged;
  const fieldName = (field: string) => t(`shipping.fields.${field}`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="import-preview">
      <Typography.Text strong>
        {t('shipping.import.summary', {
          file: stage.fileName,
          rows: preview.rows,
          layout: t(`shipping.import.layouts.${preview.layout}`),
          encoding: preview.encoding.toUpperCase(),
        })}
      </Typography.Text>
      <Space wrap>
        {(['creates', 'updates', 'unchanged', 'unpaid', 'duplicates'] as const).map((key) => (
          <Tag key={key} color={key === 'creates' ? 'green' : key === 'updates' ? 'blue' : undefined}>
            {t(`shipping.import.counts.${key}`, { count: preview[key] })}
          </Tag>
        ))}
      </Space>

      <details open={preview.missing.length > 0}>
        <summary>{t('shipping.import.mapping')}</summary>
        <Typography.Paragraph type="secondary">{t('shipping.import.mappingHelp')}</Typography.Paragraph>
        <div className="import-mapping">
          {IMPORT_FIELDS.map((field) => (
            <label key={field} className="import-mapping-row">
              <span>
                {fieldName(field)}
                {REQUIRED_FIELDS.includes(field) ? ' *' : ''}
              </span>
              <Select
                size="small"
                aria-label={fieldName(field)}
                value={mapping[field] ?? ''}
                onChange={(value: string) => onMap(field, value)}
                options={headerOptions}
                style={{ width: 200 }}
                status={preview.missing.includes(field) && !mapping[field] ? 'error' : undefined}
              />
            </label>
          ))}
        </div>
        {mappingChanged && (
          <Button onClick={onRecheck} style={{ marginTop: 8 }}>
            {t('shipping.import.recheck')}
          </Button>
        )}
      </details>

      {preview.missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('shipping.import.missing', { fields: preview.missing.map(fieldName).join('、') })}
        />
      ) : preview.problemCount > 0 ? (
        <>
          <Alert
            type="error"
            showIcon
            title={t('shipping.import.problems', { count: preview.problemCount })}
            description={
              preview.problemCount > preview.problems.length
                ? t('shipping.import.problemsShown', { shown: preview.problems.length })
                : undefined
            }
          />
          <Table<ImportProblem>
            size="small"
            rowKey={(p) => `${p.line}:${p.field}:${p.code}`}
            dataSource={preview.problems}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="import-problems"
            columns={[
              { title: t('shipping.import.columns.line'), dataIndex: 'line', width: 70 },
              { title: t('shipping.import.columns.field'), dataIndex: 'field', render: fieldName, width: 110 },
              { title: t('shipping.import.columns.column'), dataIndex: 'column', width: 130 },
              {
                title: t('shipping.import.columns.problem'),
                key: 'problem',
                render: (_: unknown, p: ImportProblem) => t(`shipping.problem.${p.code}`, { value: p.value }),
              },
              {
                title: t('shipping.import.columns.value'),
                dataIndex: 'value',
                width: 160,
                render: (value: string, p: ImportProblem) =>
                  p.code === 'duplicate_conflict' ? '' : <code>{value}</code>,
              },
            ]}
          />
        </>
      ) : (
        <Alert type="success" showIcon title={t('shipping.import.noProblems')} />
      )}

      {preview.sample.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('shipping.import.sample')}</Typography.Text>
          <Table<Order>
            size="small"
            rowKey="id"
            dataSource={preview.sample}
            pagination={false}
            columns={[
              { title: fieldName('orderId'), dataIndex: 'id' },
              { title: fieldName('sku'), dataIndex: 'sku', render: (sku: string) => <code>{sku}</code> },
              { title: fieldName('quantity'), dataIndex: 'quantity', align: 'right' },
              {
                title: fieldName('amount'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (fen: number) => formatYuan(fen, language),
              },
              { title: fieldName('status'), dataIndex: 'status', render: (s: string) => t(`orderStatus.${s}`) },
            ]}
          />
        </>
      )}

      <Space>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={blocked || toWrite === 0} onClick={onImport} data-testid="import-confirm">
          {toWrite === 0 && !blocked
            ? t('shipping.import.nothingToDo')
            : t('shipping.import.confirm', { count: toWrite })}
        </Button>
      </Space>
    </Space>
  );
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
