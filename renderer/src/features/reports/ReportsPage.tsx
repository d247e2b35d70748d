// 客服绩效: the KPIs of the people this person may see (the core decides: everyone, their team, or themself), for a
// period and shops, by agent, group, shop or day; the change against the period before; the daily trend; the
// platform-rule watch with the slowest chats (opened in the inbox); each shop's scoring rule; and exports that are
// exactly this table (the core builds them from the same figures and the same column definitions).
import { DownloadOutlined, QuestionCircleOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Empty,
  InputNumber,
  List,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { grants, type KpiRuleView, type ReportDimension, type ShopWatch } from '../../../../shared/contract/index.ts';
import { addDays, chinaDay } from '../../../../shared/domain/reports/kpi.ts';
import {
  formatCell,
  header,
  KEY_HEADERS,
  relativeChange,
  REPORT_COLUMNS,
  reportLines,
  type Locale,
  type ReportCell,
  type ReportColumn,
  type ReportLine,
} from '../../../../shared/domain/reports/report-columns.ts';
import { api } from '../../api.ts';
import { csvBlob, downloadFile, xlsxBlob } from '../../download.ts';
import { formatClock, formatDuration } from '../../format.ts';
import { callCore, CoreError } from '../../query/core-call.ts';
import { openChat } from '../../open-chat.ts';
import { useConsole } from '../../store/index.ts';
import { AgentTimeline } from './AgentTimeline.tsx';
import { ReportChart } from './ReportChart.tsx';

type Preset = 'today' | 'yesterday' | 'last7' | 'thisMonth' | 'lastMonth';

function presetRange(preset: Preset, now = Date.now()): [string, string] {
  const today = chinaDay(now);
  const monthStart = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'today':
      return [today, today];
    case 'yesterday':
      return [addDays(today, -1), addDays(today, -1)];
    case 'last7':
      return [addDays(today, -6), today];
    case 'thisMonth':
      return [monthStart, today];
    case 'lastMonth': {
      const last = addDays(monthStart, -1);
      return [`${last.slice(0, 8)}01`, last];
    }
  }
}

const percent = (v: number | null) => formatCell('percent', v);

/** A change's colour: green where the figure got better, red where worse (none for figures with no better side). */
function changeTone(column: ReportColumn, change: number | null): string | undefined {
  if (change === null || change === 0 || !column.better) return undefined;
  return change > 0 === (column.better === 'higher') ? 'change-better' : 'change-worse';
}

type TableLine = { key: string; line: ReportLine };

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const session = useConsole((s) => s.session);
  const shops = useConsole((s) => s.shops);
  const locale: Locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const [range, setRange] = useState<[string, string]>(() => presetRange('today'));
  const [shopIds, setShopIds] = useState<string[]>([]);
  const [by, setBy] = useState<ReportDimension>('agent');
  const [compare, setCompare] = useState(false);
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const [rulesOpen, setRulesOpen] = useState(false);
  const filter = { from: range[0], to: range[1], by, shopIds: shopIds.length === 0 ? null : shopIds };
  const report = useQuery({
    queryKey: ['reports', 'kpis', filter],
    queryFn: () => callCore('reports.kpis', filter),
    placeholderData: (previous) => previous,
  });
  const mayWatch =
    session !== null &&
    (session.kind === 'owner' || Object.values(session.shopGrants ?? {}).some((held) => grants(held, 'reports.view')));
  const watch = useQuery({
    queryKey: ['reports', 'watch'],
    queryFn: () => callCore('reports.watch', {}),
    enabled: mayWatch,
  });
  const shopName = (id: string) => shops.find((s) => s.id === id)?.name ?? id;
  const data = report.data;

  const download = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    try {
      const result = await api().invoke('reports.export', { filter, format, locale, compare });
      if (!result.ok) {
        message.error(t('reports.failed', { reason: t(`errors.${result.error.code}`) }));
        return;
      }
      const file = result.value;
      downloadFile(file.fileName, file.encoding === 'base64' ? xlsxBlob(file.content) : csvBlob(file.content));
      message.success(t('reports.exported', { rows: file.rows }));
    } finally {
      setExporting(null);
    }
  };

  // The table is made of the same lines as the exports (reportLines): value, and when comparing its change.
  const lines = useMemo(() => (data ? reportLines(data, locale, compare) : []), [data, locale, compare]);
  const body: TableLine[] = useMemo(
    () => (data ? data.rows.map((row, i) => ({ key: row.key, line: lines[i]! })) : []),
    [data, lines],
  );
  const total = lines.at(-1);
  const width = compare ? 90 : 110;
  const columns = useMemo(() => {
    const cell = (column: ReportColumn, change: boolean) => (c: ReportCell) => {
      const text = formatCell(c.format, c.value);
      return change ? <span className={changeTone(column, c.value)}>{text}</span> : text;
    };
    return [
      {
        key: 'label',
        title: header(KEY_HEADERS[by], locale),
        fixed: 'left' as const,
        width: 140,
        render: (_: unknown, row: TableLine) => row.line.label,
      },
      ...REPORT_COLUMNS.map((c, i) => {
        const title = (
          <Tooltip title={t(`reports.definitions.${c.id}`)}>
            <span>
              {header(c, locale)} <QuestionCircleOutlined aria-hidden style={{ color: '#8c8c8c' }} />
            </span>
          </Tooltip>
        );
        const at = compare ? 2 * i : i;
        const value = {
          key: c.id,
          align: 'right' as const,
          width,
          render: (_: unknown, row: TableLine) => cell(c, false)(row.line.cells[at]!),
        };
        if (!compare) return { ...value, title };
        return {
          key: `${c.id}-group`,
          title,
          children: [
            { ...value, title: t('reports.thisPeriod') },
            {
              key: `${c.id}-change`,
              align: 'right' as const,
              width,
              title: <Tooltip title={t('reports.changeHelp')}>{t('reports.change')}</Tooltip>,
              render: (_: unknown, row: TableLine) => cell(c, true)(row.line.cells[at + 1]!),
            },
          ],
        };
      }),
    ];
  }, [by, locale, t, compare, width]);

  const retry = () => void queryClient.invalidateQueries({ queryKey: ['reports'] });
  return (
    <div className="page reports-page">
      <Space className="roster-head" wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('reports.title')}
        </Typography.Title>
        {data && <Tag color="blue">{t(`reports.scope.${data.scope}`)}</Tag>}
        {data &&
          (data.provisionalFrom ? (
            <Tag color="orange">{t('reports.provisional', { from: data.provisionalFrom })}</Tag>
          ) : (
            <Tag color="green">{t('reports.settled')}</Tag>
          ))}
      </Space>
      <Typography.Paragraph type="secondary">{t('reports.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          aria-label={t('reports.period')}
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          presets={(['today', 'yesterday', 'last7', 'thisMonth', 'lastMonth'] as const).map((p) => {
            const [from, to] = presetRange(p);
            return { label: t(`reports.presets.${p}`), value: [dayjs(from), dayjs(to)] };
          })}
          onChange={(values) => {
            if (values?.[0] && values[1]) setRange([values[0].format('YYYY-MM-DD'), values[1].format('YYYY-MM-DD')]);
          }}
        />
        <Select
          aria-label={t('reports.shops')}
          mode="multiple"
          allowClear
          placeholder={t('reports.allShops')}
          style={{ minWidth: 220 }}
          value={shopIds}
          onChange={setShopIds}
          options={shops.filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Segmented
          aria-label={t('reports.by')}
          value={by}
          onChange={(v) => setBy(v as ReportDimension)}
          options={(['agent', 'group', 'shop', 'day'] as const).map((d) => ({
            value: d,
            label: t(`reports.dims.${d}`),
          }))}
        />
        <Space size={6}>
          <Switch id="reports-compare" checked={compare} onChange={setCompare} size="small" />
          <label htmlFor="reports-compare">{t('reports.compare')}</label>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={retry} aria-label={t('reports.retry')} />
        <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => void download('xlsx')}>
          {t('reports.exportXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => void download('csv')}>
          {t('reports.exportCsv')}
        </Button>
        <Button icon={<SettingOutlined />} onClick={() => setRulesOpen(true)}>
          {t('reports.rules')}
        </Button>
      </Space>

      {report.isError && (
        <Alert
          type="error"
          showIcon
          message={t('reports.failed', {
            reason: report.error instanceof CoreError ? t(`errors.${report.error.code}`) : report.error.message,
          })}
          action={<Button onClick={retry}>{t('reports.retry')}</Button>}
        />
      )}
      {!data && report.isLoading && <Spin tip={t('reports.loading')} />}
      {data && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            {(
              [
                ['received', formatCell('int', data.total.received), formatCell('int', data.previous.total.received)],
                ['rate3m', percent(data.total.rate3m), percent(data.previous.total.rate3m)],
                [
                  'averageResponse',
                  formatCell(
                    'seconds',
                    data.total.averageResponseMs === null ? null : data.total.averageResponseMs / 1000,
                  ),
                  formatCell(
                    'seconds',
                    data.previous.total.averageResponseMs === null
                      ? null
                      : data.previous.total.averageResponseMs / 1000,
                  ),
                ],
                ['conversionFinal', percent(data.total.conversionFinal), percent(data.previous.total.conversionFinal)],
                ['satisfaction', percent(data.total.satisfaction), percent(data.previous.total.satisfaction)],
              ] as const
            ).map(([id, value, before]) => {
              const column = REPORT_COLUMNS.find((c) => c.id === id)!;
              const change = relativeChange(column.value(data.total), column.value(data.previous.total));
              return (
                <Col key={id} xs={12} md={8} lg={4}>
                  <Card size="small">
                    <Statistic title={header(column, locale)} value={value} />
                    <Typography.Text type="secondary">{t('reports.vsPrevious', { value: before })}</Typography.Text>
                    {change !== null && (
                      <Typography.Text className={changeTone(column, change)}>
                        {' '}
                        {formatCell('change', change)}
                      </Typography.Text>
                    )}
                  </Card>
                </Col>
              );
            })}
          </Row>
          {compare && (
            <Typography.Paragraph type="secondary" className="report-compare-of">
              {t('reports.compareOf', { from: data.previous.from, to: data.previous.to })}
            </Typography.Paragraph>
          )}
          {data.series.length > 1 && (
            <Card size="small" title={t('reports.chart')} style={{ marginBottom: 12 }}>
              <ReportChart series={data.series} />
            </Card>
          )}
          <Table<TableLine>
            className="report-table"
            size="small"
            rowKey="key"
            bordered={compare}
            loading={report.isFetching && !report.isLoading}
            columns={columns}
            dataSource={body}
            pagination={false}
            scroll={{ x: 140 + REPORT_COLUMNS.length * width * (compare ? 2 : 1) }}
            locale={{ emptyText: <Empty description={t('reports.empty')} /> }}
            summary={() =>
              total && (
                <Table.Summary fixed>
                  <Table.Summary.Row className="report-total">
                    <Table.Summary.Cell index={0}>
                      <strong>{total.label}</strong>
                    </Table.Summary.Cell>
                    {total.cells.map((c, i) => {
                      const column = REPORT_COLUMNS[compare ? Math.floor(i / 2) : i]!;
                      const text = formatCell(c.format, c.value);
                      return (
                        <Table.Summary.Cell key={i} index={i + 1} align="right">
                          <strong className={c.format === 'change' ? changeTone(column, c.value) : undefined}>
                            {text}
                          </strong>
                        </Table.Summary.Cell>
                      );
                    })}
                  </Table.Summary.Row>
                </Table.Summary>
              )
            }
          />
        </>
      )}
      {by === 'agent' && <AgentTimeline from={range[0]} to={range[1]} />}
      {mayWatch && watch.data && watch.data.shops.length > 0 && (
        <RuleWatch shops={watch.data.shops} shopName={shopName} />
      )}
      <RulesDrawer open={rulesOpen} onClose={() => setRulesOpen(false)} shopName={shopName} />
    </div>
  );
}

function RuleWatch({ shops, shopName }: { shops: ShopWatch[]; shopName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const limit = (seconds: number) => formatDuration(seconds * 1000, t);
  return (
    <Card size="small" title={t('reports.watch')} style={{ marginTop: 12 }} className="rule-watch">
      <Row gutter={[12, 12]}>
        {shops.map((s) => (
          <Col key={s.shopId} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={shopName(s.shopId)}
              extra={s.rule.estimate && <Tag>{t('reports.estimate')}</Tag>}
              data-shop={s.shopId}
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('reports.watchIntro', {
                  unit: t(`reports.units.${s.rule.unit}`),
                  from: s.rule.countedFrom,
                  to: s.rule.countedTo,
                  limit: limit(s.rule.onTimeSeconds),
                  floor: percent(s.rule.floor),
                })}
              </Typography.Paragraph>
              <Progress
                percent={s.rate === null ? 0 : Math.round(s.rate * 1000) / 10}
                status={s.below && s.assessed ? 'exception' : 'normal'}
                aria-label={percent(s.rate)}
              />
              <Typography.Text>
                {s.onTime}/{s.units}{' '}
              </Typography.Text>
              {!s.assessed ? (
                <Tag>{t('reports.notAssessed', { units: s.units, min: s.rule.minSample })}</Tag>
              ) : s.below ? (
                <Tag color="red">{t('reports.below', { by: percent(s.shortfall) })}</Tag>
              ) : (
                <Tag color="green">{t('reports.ok')}</Tag>
              )}
              {s.below && <div>{t('reports.needed', { n: s.needed })}</div>}
              {s.slowest.length > 0 && (
                <List
                  size="small"
                  header={t('reports.slowest')}
                  dataSource={s.slowest}
                  renderItem={(c) => (
                    <List.Item
                      actions={[
                        <Button
                          key="open"
                          type="link"
                          size="small"
                          onClick={() => void openChat(s.shopId, c.conversationId)}
                        >
                          {t('reports.open')}
                        </Button>,
                      ]}
                    >
                      {c.buyerNick} · {formatClock(c.startedAt, i18n.language)} ·{' '}
                      {c.waitMs === null ? t('reports.noReply') : formatDuration(c.waitMs, t)}
                      {c.agentName ? ` · ${c.agentName}` : ''}
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function RulesDrawer({
  open,
  onClose,
  shopName,
}: {
  open: boolean;
  onClose(): void;
  shopName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const session = useConsole((s) => s.session);
  const rules = useQuery({
    queryKey: ['reports', 'rules'],
    queryFn: () => callCore('reports.rules', {}),
    enabled: open,
  });
  const [edits, setEdits] = useState<Record<string, Partial<KpiRuleView>>>({});
  const mayEdit = (shopId: string) =>
    session !== null && (session.kind === 'owner' || grants(session.shopGrants?.[shopId] ?? [], 'settings.shops'));
  const save = async (rule: KpiRuleView, reset: boolean) => {
    const edit: Partial<KpiRuleView> = reset ? {} : { ...rule, ...edits[rule.shopId] };
    const result = await api().invoke('reports.setRule', {
      shopId: rule.shopId,
      countedFrom: reset ? null : (edit.countedFrom ?? null),
      countedTo: reset ? null : (edit.countedTo ?? null),
      floor: reset ? null : (edit.floor ?? null),
      minSample: reset ? null : (edit.minSample ?? null),
    });
    if (!result.ok) message.error(t('reports.saveFailed', { reason: t(`errors.${result.error.code}`) }));
    else {
      message.success(t('reports.saved'));
      setEdits((e) => ({ ...e, [rule.shopId]: {} }));
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
    }
  };
  return (
    <Drawer open={open} onClose={onClose} title={t('reports.rulesTitle')} width={520}>
      {rules.isLoading && <Spin />}
      <List
        dataSource={rules.data ?? []}
        renderItem={(rule) => {
          const edit = { ...rule, ...edits[rule.shopId] };
          const set = (patch: Partial<KpiRuleView>) =>
            setEdits((e) => ({ ...e, [rule.shopId]: { ...e[rule.shopId], ...patch } }));
          const disabled = !mayEdit(rule.shopId);
          return (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space>
                  <strong>{shopName(rule.shopId)}</strong>
                  <Tag>{t(`reports.units.${rule.unit}`)}</Tag>
                  {rule.estimate && <Tag>{t('reports.estimate')}</Tag>}
                </Space>
                <Space wrap>
                  {t('reports.countedHours')}
                  <InputNumber
                    aria-label={t('reports.hoursFrom', { shop: shopName(rule.shopId) })}
                    min={0}
                    max={23}
                    value={edit.countedFrom}
                    disabled={disabled}
                    onChange={(v) => set({ countedFrom: v ?? 0 })}
                  />
                  –
                  <InputNumber
                    aria-label={t('reports.hoursTo', { shop: shopName(rule.shopId) })}
                    min={1}
                    max={24}
                    value={edit.countedTo}
                    disabled={disabled}
                    onChange={(v) => set({ countedTo: v ?? 24 })}
                  />
                  {t('reports.floor')}
                  <InputNumber
                    aria-label={`${shopName(rule.shopId)} ${t('reports.floor')}`}
                    min={50}
                    max={100}
                    value={Math.round(edit.floor * 100)}
                    disabled={disabled}
                    formatter={(v) => `${v}%`}
                    parser={(v) => Number((v ?? '').replace('%', ''))}
                    onChange={(v) => set({ floor: (v ?? 90) / 100 })}
                  />
                </Space>
                {!disabled && (
                  <Space>
                    <Button type="primary" size="small" onClick={() => void save(rule, false)}>
                      {t('reports.save')}
                    </Button>
                    <Button size="small" disabled={rule.overridden.length === 0} onClick={() => void save(rule, true)}>
                      {t('reports.reset')}
                    </Button>
                  </Space>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </Drawer>
  );
}
