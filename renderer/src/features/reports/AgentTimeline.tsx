// The agent timeline: each agent's day (China time) as a bar from 00:00 to 24:00, online and paused (挂起) stretches
// coloured, offline left blank, from the core's segments (never the raw presence changes). One day at a time: the
// period's days to choose from. Each bar reads out its stretches to screen readers.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentTimeline as Timeline } from '../../../../shared/contract/index.ts';
import { CHINA_OFFSET_MS } from '../../../../shared/domain/china-time.ts';
import { daysBetween } from '../../../../shared/domain/reports/kpi.ts';
import { callCore } from '../../query/core-call.ts';

const DAY_MS = 86_400_000;
const HOURS = [0, 3, 6, 9, 12, 15, 18, 21, 24];
const COLOURS = { online: '#52c41a', paused: '#faad14' } as const;

/** A length of time as h:mm. */
const hm = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
};

/** HH:MM in China time. */
const clock = (at: number, dayStart: number) =>
  at - dayStart >= DAY_MS ? '24:00' : new Date(at + CHINA_OFFSET_MS).toISOString().slice(11, 16);

export function AgentTimeline({ from, to, agentIds }: { from: string; to: string; agentIds?: string[] }) {
  const { t } = useTranslation();
  const days = daysBetween(from, to);
  const [picked, setPicked] = useState<string | null>(null);
  const day = picked !== null && days.includes(picked) ? picked : days[days.length - 1]!;
  const timeline = useQuery({
    queryKey: ['reports', 'timeline', day, agentIds ?? null],
    queryFn: () => callCore('reports.timeline', { day, agentIds: agentIds ?? null }),
    placeholderData: (previous) => previous,
    // A day not yet over grows while people work: read again each minute (a chat's activity refreshes it sooner).
    refetchInterval: (query) => {
      const shown = query.state.data;
      return shown && shown.to < shown.from + DAY_MS ? 60_000 : false;
    },
  });
  const data = timeline.data;
  return (
    <Card
      size="small"
      className="agent-timeline"
      title={t('reports.timeline')}
      style={{ marginTop: 12 }}
      extra={
        <Space>
          <Legend />
          {days.length > 1 && (
            <Select
              size="small"
              aria-label={t('reports.timelineDay')}
              value={day}
              onChange={setPicked}
              options={[...days].reverse().map((d) => ({ value: d, label: d }))}
              style={{ width: 130 }}
            />
          )}
        </Space>
      }
    >
      {timeline.isError ? (
        <Alert type="error" showIcon message={t('reports.timelineFailed')} />
      ) : !data ? (
        <Typography.Text type="secondary">{t('reports.loading')}</Typography.Text>
      ) : data.agents.length === 0 ? (
        <Empty description={t('reports.timelineEmpty', { day: data.day })} />
      ) : (
        <TimelineRows data={data} />
      )}
    </Card>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Space size={12} aria-hidden>
      {(['online', 'paused'] as const).map((status) => (
        <span key={status}>
          <span className="timeline-swatch" style={{ background: COLOURS[status] }} /> {t(`reports.status.${status}`)}
        </span>
      ))}
      <span>
        <span className="timeline-swatch timeline-offline" /> {t('reports.status.offline')}
      </span>
    </Space>
  );
}

function TimelineRows({ data }: { data: Timeline }) {
  const { t } = useTranslation();
  const dayStart = data.from;
  const left = (at: number) => `${((at - dayStart) / DAY_MS) * 100}%`;
  const width = (a: number, b: number) => `${((b - a) / DAY_MS) * 100}%`;
  return (
    <div className="timeline">
      <div className="timeline-row timeline-axis" aria-hidden>
        <span className="timeline-name" />
        <div className="timeline-bar timeline-ticks">
          {HOURS.map((h) => (
            <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
              {String(h).padStart(2, '0')}
            </span>
          ))}
        </div>
        <span className="timeline-total" />
      </div>
      <ul className="timeline-list" aria-label={t('reports.timelineOf', { day: data.day })}>
        {data.agents.map((agent) => {
          const stretches = agent.segments
            .map((s) => `${t(`reports.status.${s.status}`)} ${clock(s.from, dayStart)}–${clock(s.to, dayStart)}`)
            .join(t('reports.timelineSeparator'));
          return (
            <li key={agent.agentId} className="timeline-row" data-testid="timeline-row" data-agent={agent.agentId}>
              <span className="timeline-name">{agent.label}</span>
              <div
                className="timeline-bar"
                role="img"
                aria-label={
                  agent.segments.length === 0
                    ? t('reports.timelineOffline', { name: agent.label })
                    : t('reports.timelineBar', { name: agent.label, stretches })
                }
              >
                {agent.segments.map((s) => (
                  <span
                    key={s.from}
                    className={`timeline-segment timeline-${s.status}`}
                    data-status={s.status}
                    title={`${t(`reports.status.${s.status}`)} ${clock(s.from, dayStart)}–${clock(s.to, dayStart)}`}
                    style={{ left: left(s.from), width: width(s.from, s.to), background: COLOURS[s.status] }}
                  />
                ))}
                {data.to < dayStart + DAY_MS && <span className="timeline-now" style={{ left: left(data.to) }} />}
              </div>
              <span className="timeline-total">
                {t('reports.timelineTotals', {
                  online: hm(agent.onlineMs),
                  paused: hm(agent.pausedMs),
                })}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
