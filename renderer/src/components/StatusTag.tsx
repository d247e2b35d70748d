// An agent's routing status as a small tag, in colours that keep WCAG AA contrast.
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../../../shared/contract/index.ts';

export function StatusTag({ status }: Readonly<{ status: AgentStatus }>) {
  const { t } = useTranslation();
  return <span className={`status-tag status-tag-${status}`}>{t(`agentStatus.${status}`)}</span>;
}
