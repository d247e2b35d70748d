// The supervisor view (owner, supervisors): live load per agent and per shop, queue depth, the longest wait and
// breaches, and the latest transfers — refreshed every two seconds. Any chat in scope opens in the inbox.
import { openChat } from '../open-chat.ts';
import { Alert, Button, Card, Empty, Result, Statistic, Table } from 'antd';
import { StatusTag } from '../components/StatusTag.tsx';
import { useTranslation } from 'react-i18next';
import { grants } from '../../../shared/contract/index.ts';
import { displayText } from '../../../shared/domain/untrusted-text.ts';
import { StuckQueueAlert } from '../components/inbox/StuckQueueAlert.tsx';
import { useSupervisorView } from '../hooks/use-supervisor-view.ts';
import { formatClock, formatDuration } from '../format.ts';
import { useConsole } from '../store/index.ts';

const REFRESH_MS = 2000;

export function SupervisorPage() {
  const { t, i18n } = useTranslation();
  const allowed = useConsole((s) => grants(s.session?.grants ?? [], 'inbox.supervise'));
  const shops = useConsole((s) => s.shops);
  const { view, error } = useSupervisorView(REFRESH_MS);
  if (!allowed) return <Result status="403" title={t('nav.supervisor')} subTitle={t('supervisor.noPermission')} />;
  const name = (id: string | null) =>
    id === null ? '—' : (view?.agents.find((a) => a.id === id)?.displayName ?? t('inbox.colleague'));
  const shopName = (id: string) => shops.find((s) => s.id === id)?.name ?? id;
  const waited = (since: number | null) => (since === null || view === null ? '—' : formatDuration(view.at - since, t));
  const totals = view?.shops.reduce(
    (sum, s) => ({
      waiting: sum.waiting + s.waiting,
      queued: sum.queued + s.queued,
      breached: sum.breached + s.breached,
    }),
    { waiting: 0, queued: 0, breached: 0 },
  );
  const longest =
    view?.shops.reduce<number | null>(
      (min, s) =>
        s.longestWaitSince !== null && (min === null || s.longestWaitSince < min) ? s.longestWaitSince : min,
      null,
    ) ?? null;
  return (
    <div className="page" data-testid="supervisor-page">
      <h2 style={{ marginTop: 0 }}>{t('nav.supervisor')}</h2>
      {error && <Alert type="error" showIcon title={t(`errors.${error.code}`)} style={{ marginBottom: 12 }} />}
      <StuckQueueAlert view={view} />
      <div className="stat-row">
        <Card size="small">
          <Statistic title={t('supervisor.waiting')} value={totals?.waiting ?? 0} loading={!view} />
        </Card>
        <Card size="small">
          <Statistic title={t('supervisor.queueDepth')} value={totals?.queued ?? 0} loading={!view} />
        </Card>
        <Card size="small">
          <Statistic
            title={t('supervisor.breached')}
            value={totals?.breached ?? 0}
            loading={!view}
            valueStyle={totals?.breached ? { color: '#cf1322' } : undefined}
          />
        </Card>
        <Card size="small">
          <Statistic title={t('supervisor.longestWait')} value={waited(longest)} loading={!view} />
        </Card>
      </div>
      <Card size="small" title={t('supervisor.agents')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          loading={!view}
          dataSource={view?.agents ?? []}
          data-testid="supervisor-agents"
          columns={[
            {
              title: t('supervisor.agent'),
              dataIndex: 'displayName',
              render: (value: string, a) => (
                <span data-testid="agent-row" data-agent={a.id}>
                  {value} <span className="muted">{a.roleLabel}</span>
                </span>
              ),
            },
            {
              title: t('agentStatus.label'),
              render: (_, a) => (
                <span data-testid="agent-status">
                  <StatusTag status={a.status} />
                  {a.status === 'online' && !a.receivesChats && (
                    <span className="muted"> {t('agentStatus.notReceiving')}</span>
                  )}
                  {a.locked && <span className="muted"> · {t('supervisor.locked')}</span>}
                </span>
              ),
            },
            {
              title: t('supervisor.load'),
              render: (_, a) => (
                <span className="load-cell">
                  <span className="load-bar" aria-hidden>
                    <span
                      className={a.load > a.capacity ? 'load-fill load-over' : 'load-fill'}
                      style={{ width: `${a.capacity === 0 ? 100 : Math.min(100, (a.load / a.capacity) * 100)}%` }}
                    />
                  </span>
                  {t('supervisor.loadValue', { load: a.load, capacity: a.capacity })}
                </span>
              ),
            },
            { title: t('supervisor.chats'), dataIndex: 'chats' },
            { title: t('supervisor.waitingOnAgent'), dataIndex: 'waiting' },
            { title: t('supervisor.longestWait'), render: (_, a) => waited(a.longestWaitSince) },
          ]}
        />
      </Card>
      <Card size="small" title={t('supervisor.shops')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="shopId"
          pagination={false}
          loading={!view}
          dataSource={view?.shops ?? []}
          columns={[
            { title: t('settings.name'), dataIndex: 'shopId', render: (id: string) => shopName(id) },
            { title: t('supervisor.waiting'), dataIndex: 'waiting' },
            { title: t('supervisor.queueDepth'), dataIndex: 'queued' },
            {
              title: t('supervisor.breached'),
              dataIndex: 'breached',
              render: (n: number) => (n > 0 ? <span className="wait-urgent">{n}</span> : n),
            },
            { title: t('supervisor.longestWait'), render: (_, s) => waited(s.longestWaitSince) },
            {
              title: t('supervisor.receiving'),
              render: (_, s) => (
                <span data-testid="shop-receiving">
                  {s.agentsReceiving}
                  {s.onlineNotReceiving > 0 && (
                    <span className="muted">
                      {' '}
                      {t('supervisor.onlineNotReceiving', { count: s.onlineNotReceiving })}
                    </span>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('supervisor.transfers')} style={{ marginTop: 12 }}>
        {view && view.transfers.length === 0 ? (
          <Empty description={t('supervisor.noTransfers')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <ul className="transfer-list" data-testid="supervisor-transfers">
            {(view?.transfers ?? []).map((item) => (
              <li key={`${item.conversationId}-${item.transfer.at}`} data-testid="transfer-row">
                <span className="bubble-time">{formatClock(item.transfer.at, i18n.language)}</span>{' '}
                {shopName(item.shopId)} · <span dir="auto">{displayText(item.buyerNick)}</span> ·{' '}
                {t('supervisor.transferLine', {
                  from: name(item.transfer.fromId),
                  to: item.transfer.toId
                    ? name(item.transfer.toId)
                    : t(`groups.${item.transfer.group ?? ''}`, { defaultValue: item.transfer.group ?? '' }),
                })}
                {' — '}
                <span dir="auto">{displayText(item.transfer.reason)}</span>{' '}
                <Button size="small" type="link" onClick={() => void openChat(item.shopId, item.conversationId)}>
                  {t('supervisor.openChat')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
