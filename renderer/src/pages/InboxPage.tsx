// The unified inbox: the conversations of every shop in scope in one list (Mine / Waiting / All, search), the open
// thread with its actions and reply box, and the buyer's side panel.
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { grants } from '../../../shared/contract/index.ts';
import { ConversationList } from '../components/inbox/ConversationList.tsx';
import { ThreadPane } from '../components/inbox/ThreadPane.tsx';
import { ThreadWarmUp } from '../components/inbox/ThreadWarmUp.tsx';
import { useInboxShortcuts } from '../hooks/use-inbox-shortcuts.ts';
import { useConsole } from '../store/index.ts';

export function InboxPage() {
  const { t } = useTranslation();
  const allowed = useConsole((s) => grants(s.session?.grants ?? [], 'inbox.view'));
  useInboxShortcuts();
  if (!allowed) {
    return <Result status="403" title={t('inbox.title')} subTitle={t('inbox.noPermission')} />;
  }
  return (
    <div className="inbox">
      <ConversationList />
      <ThreadPane />
      <ThreadWarmUp />
    </div>
  );
}
