// The audit log (操作日志): every command anyone ran, newest first — the owner (audit.view) sees every log, everyone
// else the entries they made themselves. Filter by log, person, action, date and words; export what is shown as CSV
// (the export is itself audited); Verify checks each log's hash chain and signed checkpoints and says what it found.
// The list is virtualized and fetches pages as it scrolls, so a log of a million entries opens as fast as a short one.
import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Input,
  Modal,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  grants,
  methods,
  type AuditEntry,
  type AuditFilter,
  type AuditLogRef,
  type AuditVerifyReport,
} from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { csvBlob, downloadFile } from '../../download.ts';
import { useConsole } from '../../store/index.ts';
import {
  CoreError,
  exportAudit,
  useAuditLogs,
  useAuditPages,
  useAuditPeople,
  useRefreshAudit,
  verifyAudit,
} from './queries.ts';
import { formatDateTime } from '../../format.ts';

const ROW_HEIGHT = 44;
const COMMANDS = Object.entries(methods)
  .filter(([, def]) => def.kind === 'command')
  .map(([name]) => name);
const DOMAINS = [...new Set(COMMANDS.map((name) => `${name.slice(0, name.indexOf('.'))}.`))];

const logValue = (ref: AuditLogRef) => (ref.log === 'shop' ? `shop:${ref.shopId}` : ref.log);

/** A value in an entry's change summary, short enough for one line. */
function short(value: unknown): string {
  if (value === undefined) return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return displayText(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function ChangeSummary({ entry }: Readonly<{ entry: AuditEntry }>) {
  const { t, i18n } = useTranslation();
  // A field's name in the reader's language; one the console does not name (a SKU code, say) as stored.
  const label = (field: string) => (i18n.exists(`audit.fields.${field}`) ? t(`audit.fields.${field}`) : field);
  const parts = Object.entries(entry.changes).map(([field, change]) =>
    change.from === undefined
      ? `${label(field)}: ${short(change.to)}`
      : `${label(field)}: ${short(change.from)} → ${short(change.to)}`,
  );
  const text = parts.join(' · ');
  return (
    <Typography.Text className="audit-changes" ellipsis={{ tooltip: text }}>
      {text || '—'}
    </Typography.Text>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const session = useConsole((s) => s.session);
  const shops = useConsole((s) => s.shops);
  const seesAll = grants(session?.grants ?? [], 'audit.view');
  const logs = useAuditLogs();
  const refresh = useRefreshAudit();
  const [log, setLog] = useState('org');
  const [action, setAction] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const people = useAuditPeople(seesAll);
  const [range, setRange] = useState<[number, number] | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | 'verify' | null>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [reports, setReports] = useState<AuditVerifyReport[] | null>(null);

  const filter: AuditFilter = useMemo(() => {
    const shopLog = log.startsWith('shop:');
    return {
      log: shopLog ? 'shop' : (log as 'org' | 'security'),
      shopId: shopLog ? log.slice(5) : null,
      actorId,
      action,
      from: range?.[0] ?? null,
      to: range?.[1] ?? null,
      text,
    };
  }, [log, actorId, action, range, text]);

  const listRef = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState<[number, number]>([0, 50]);
  const pages = useAuditPages(filter, visible[0], visible[1]);
  const count = pages.total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual re-renders on scroll by design.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    setVisible((current) => (current[0] === first && current[1] === last ? current : [first, last]));
  }, [first, last]);
  useEffect(() => {
    virtualizer.scrollToIndex(0);
  }, [filter, virtualizer]);

  const order = (ref: AuditLogRef) =>
    ref.log === 'org' ? -1 : ref.log === 'security' ? 1e6 : shops.findIndex((s) => s.id === ref.shopId);
  const shopName = (id: string | null) => (id === null ? '' : (shops.find((s) => s.id === id)?.name ?? id));
  const logLabel = (ref: AuditLogRef) =>
    ref.log === 'org' ? t('audit.orgLog') : ref.log === 'security' ? t('audit.securityLog') : shopName(ref.shopId);
  const actionLabel = (name: string) => {
    const key = `auditActions.${name.replace('.', '_')}`;
    return i18n.exists(key) ? t(key) : name;
  };
  const fail = (error: unknown) =>
    setNotice({ type: 'error', text: error instanceof CoreError ? t(`errors.${error.code}`) : t('errors.internal') });

  const onExport = async () => {
    setBusy('export');
    setNotice(null);
    try {
      const result = await exportAudit(filter);
      downloadFile(
        `seller-console-audit-${log.replace(':', '-')}-${new Date().toISOString().slice(0, 10)}.csv`,
        csvBlob(result.csv),
      );
      setNotice({
        type: result.truncated ? 'warning' : 'success',
        text: result.truncated
          ? t('audit.exportTruncated', { rows: result.rows })
          : t('audit.exported', { rows: result.rows }),
      });
      void refresh();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const onVerify = async () => {
    setBusy('verify');
    setNotice(null);
    try {
      setReports(await verifyAudit());
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  if (!session) return null;
  return (
    <div className="page audit-page" data-testid="audit-page">
      <div className="page-title-row">
        <h2 style={{ margin: 0 }}>{t('nav.audit')}</h2>
        {!seesAll && <Typography.Text type="secondary">{t('audit.ownOnly')}</Typography.Text>}
        {seesAll && session?.kind !== 'owner' && (
          <Typography.Text type="secondary">{t('audit.groupOnly')}</Typography.Text>
        )}
      </div>
      <Space wrap className="audit-toolbar" style={{ margin: '12px 0' }}>
        <Select
          aria-label={t('audit.log')}
          data-testid="audit-log-select"
          value={log}
          onChange={setLog}
          style={{ minWidth: 200 }}
          loading={logs.isPending}
          options={[...(logs.data ?? [{ log: 'org' as const, shopId: null }])]
            // Shops in the order of the rail; the organisation's log first, the security events last.
            .sort((a, b) => order(a) - order(b))
            .map((ref) => ({ value: logValue(ref), label: logLabel(ref) }))}
        />
        <Select
          aria-label={t('audit.action')}
          allowClear
          placeholder={t('audit.anyAction')}
          value={action}
          onChange={(value) => setAction(value ?? null)}
          style={{ minWidth: 200 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            {
              label: t('audit.domains'),
              options: DOMAINS.map((d) => ({ value: d, label: t(`audit.domain.${d.slice(0, -1)}`) })),
            },
            { label: t('audit.actions'), options: COMMANDS.map((name) => ({ value: name, label: actionLabel(name) })) },
          ]}
        />
        {seesAll && (
          <Select
            aria-label={t('audit.who')}
            allowClear
            placeholder={t('audit.anyone')}
            value={actorId}
            onChange={(value) => setActorId(value ?? null)}
            style={{ minWidth: 140 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              ...(session ? [{ value: session.userId, label: session.displayName }] : []),
              ...(people.data ?? [])
                .filter((p) => p.id !== session?.userId)
                .map((p) => ({ value: p.id, label: p.displayName })),
            ]}
          />
        )}
        <DatePicker.RangePicker
          aria-label={t('audit.dates')}
          showTime
          onChange={(values) => setRange(values?.[0] && values[1] ? [values[0].valueOf(), values[1].valueOf()] : null)}
        />
        <Input.Search
          aria-label={t('audit.search')}
          placeholder={t('audit.search')}
          allowClear
          maxLength={100}
          style={{ width: 220 }}
          onSearch={(value) => setText(value.trim() === '' ? null : value.trim())}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void refresh()} aria-label={t('audit.refresh')}>
          {t('audit.refresh')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'export'}
          disabled={count === 0}
          onClick={() => void onExport()}
          data-testid="audit-export"
        >
          {t('audit.export')}
        </Button>
        {seesAll && (
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={busy === 'verify'}
            onClick={() => void onVerify()}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
        )}
      </Space>
      {notice && (
        <Alert
          type={notice.type}
          showIcon
          closable
          onClose={() => setNotice(null)}
          title={notice.text}
          style={{ marginBottom: 8 }}
          role="status"
        />
      )}
      {pages.error && (
        <Alert type="error" showIcon title={t(`errors.${pages.error.code}`)} style={{ marginBottom: 8 }} />
      )}
      <div className="audit-count" aria-live="polite" data-testid="audit-count">
        {pages.loading ? <Spin size="small" /> : t('audit.count', { count })}
      </div>
      <div className="audit-table" role="table" aria-label={t('nav.audit')} aria-rowcount={count}>
        <div className="audit-row audit-head" role="row">
          <span role="columnheader" className="audit-cell">
            {t('audit.at')}
          </span>
          <span role="columnheader" className="audit-cell">
            {t('audit.who')}
          </span>
          <span role="columnheader" className="audit-cell">
            {t('audit.action')}
          </span>
          <span role="columnheader" className="audit-cell">
            {t('audit.target')}
          </span>
          <span role="columnheader" className="audit-cell">
            {t('audit.changes')}
          </span>
          <span role="columnheader" className="audit-cell">
            {t('audit.from')}
          </span>
        </div>
        <div ref={listRef} className="audit-body" data-testid="audit-list">
          {!pages.loading && count === 0 ? (
            <Empty
              description={t(text || action || range || actorId ? 'audit.noMatch' : 'audit.empty')}
              style={{ marginTop: 48 }}
            />
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const entry = pages.entryAt(item.index);
                return (
                  <div
                    key={item.key}
                    className="audit-row"
                    role="row"
                    aria-rowindex={item.index + 1}
                    data-testid="audit-row"
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      right: 0,
                      height: ROW_HEIGHT,
                      transform: `translateY(${item.start}px)`,
                    }}
                  >
                    {entry === null ? (
                      <span className="muted" role="cell" aria-label={t('audit.loadingRow')}>
                        …
                      </span>
                    ) : (
                      <>
                        <span role="cell" className="audit-cell audit-at">
                          {formatDateTime(entry.at, i18n.language)}
                        </span>
                        <span role="cell" className="audit-cell">
                          {entry.actorName === null ? (
                            <span className="muted">
                              {entry.origin === 'system' && entry.actorId === null
                                ? t('audit.console')
                                : t('audit.nobody')}
                            </span>
                          ) : (
                            displayText(entry.actorName)
                          )}
                        </span>
                        <span role="cell" className="audit-cell" data-testid="audit-action" data-action={entry.action}>
                          {actionLabel(entry.action)}
                        </span>
                        <span role="cell" className="audit-cell">
                          {entry.targetKind === null ? (
                            '—'
                          ) : (
                            <Tag>
                              {t(`audit.kind.${entry.targetKind}`, { defaultValue: entry.targetKind })}{' '}
                              {entry.targetKind === 'shop'
                                ? shopName(entry.targetId)
                                : displayText(entry.targetId ?? '')}
                            </Tag>
                          )}
                        </span>
                        <span role="cell" className="audit-cell">
                          <ChangeSummary entry={entry} />
                        </span>
                        <span role="cell" className="audit-cell muted" title={`#${entry.n}`}>
                          {t(`audit.origin.${entry.origin}`)} {entry.connectionId}
                        </span>
                      </>
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      <Modal
        open={reports !== null}
        onCancel={() => setReports(null)}
        footer={<Button onClick={() => setReports(null)}>{t('audit.close')}</Button>}
        title={t('audit.verifyTitle')}
        width={760}
      >
        {reports && (
          <>
            {reports.every((r) => r.ok) ? (
              <Result
                status="success"
                title={t('audit.verifiedAll', { logs: reports.length })}
                subTitle={t('audit.verifiedHint')}
                style={{ padding: 12 }}
              />
            ) : (
              <Alert
                type="error"
                showIcon
                title={t('audit.verifyProblems', { logs: reports.filter((r) => !r.ok).length })}
                description={t('audit.verifyProblemsHint')}
                style={{ marginBottom: 12 }}
              />
            )}
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => logValue(r)}
              dataSource={reports}
              data-testid="audit-verify-report"
              columns={[
                { title: t('audit.log'), render: (_, r) => logLabel(r) },
                { title: t('audit.entries'), dataIndex: 'entries' },
                { title: t('audit.checkpointed'), dataIndex: 'checkpointedEntries' },
                {
                  title: t('audit.result'),
                  render: (_, r) =>
                    r.ok ? (
                      <Tag color="green">{t('audit.ok')}</Tag>
                    ) : (
                      r.problems.map((p) => (
                        <div key={`${p.kind}${p.at}`}>
                          <Tag color="red">{t(`audit.problem.${p.kind}`)}</Tag> {t('audit.atEntry', { n: p.at })}
                        </div>
                      ))
                    ),
                },
                { title: t('audit.took'), render: (_, r) => `${Math.round(r.ms)} ms` },
              ]}
            />
          </>
        )}
      </Modal>
    </div>
  );
}
