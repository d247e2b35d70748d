// The agent's routing status, in the header: online takes new chats, paused (挂起) keeps only returning buyers,
// offline takes none (and after the shop's divert time, held chats go back to routing).
import { App, Select, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../../../shared/contract/index.ts';
import { useConsole } from '../store/index.ts';

const DOT: Readonly<Record<AgentStatus, string>> = { online: '#389e0d', paused: '#d48806', offline: '#8c8c8c' };

export function StatusSelect() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = useConsole((s) => s.myStatus);
  const receives = useConsole((s) => s.myReceivesChats);
  const setStatus = useConsole((s) => s.setStatus);
  if (status === null) return null;
  // "Online" alone would not say whether routing gives this person chats (an owner or supervisor outside routing).
  const select = (
    <Select<AgentStatus>
      size="small"
      value={status}
      aria-label={t('agentStatus.label')}
      data-testid="status-select"
      onChange={async (next) => {
        const failure = await setStatus(next);
        if (failure) void message.error(t(`errors.${failure.code}`));
      }}
      style={{ width: status === 'online' && !receives ? 150 : 104 }}
      options={(['online', 'paused', 'offline'] as const).map((value) => ({
        value,
        label: (
          <span>
            <span className="colour-dot" style={{ background: DOT[value], marginRight: 6 }} aria-hidden />
            {value === 'online' && status === 'online' && !receives
              ? t('agentStatus.onlineNotReceiving')
              : t(`agentStatus.${value}`)}
          </span>
        ),
      }))}
    />
  );
  return status === 'online' && !receives ? (
    <Tooltip title={t('agentStatus.notReceivingHint')}>
      <span data-testid="status-not-receiving">{select}</span>
    </Tooltip>
  ) : (
    select
  );
}
