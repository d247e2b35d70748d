// Chats wait and nobody can receive them (nobody online in routing for that shop): say so, name the shops, and
// offer the one action that helps the person looking — go online (an agent in routing who is not online), take
// chats from the queue (anyone who may reply), or open the routing settings (everyone else).
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { grants, type SupervisorView } from '../../../../shared/contract/index.ts';
import { useConsole } from '../../store/index.ts';

/** Shops with chats in the queue and nobody who would receive one. */
export function stuckShops(view: SupervisorView): SupervisorView['shops'] {
  return view.shops.filter((shop) => shop.queued > 0 && shop.agentsReceiving === 0);
}

export function StuckQueueAlert({
  view,
  compact = false,
}: Readonly<{ view: SupervisorView | null; compact?: boolean }>) {
  const { t } = useTranslation();
  const shops = useConsole((s) => s.shops);
  const session = useConsole((s) => s.session);
  const setStatus = useConsole((s) => s.setStatus);
  const setView = useConsole((s) => s.setView);
  const selectShop = useConsole((s) => s.selectShop);
  const setTab = useConsole((s) => s.setTab);
  if (!view || !session) return null;
  const stuck = stuckShops(view);
  if (stuck.length === 0) return null;
  const me = view.agents.find((a) => a.id === session.userId);
  const queued = stuck.reduce((sum, shop) => sum + shop.queued, 0);
  const names = stuck.map((shop) => shops.find((s) => s.id === shop.shopId)?.name ?? shop.shopId).join('、');
  let action: { label: string; run: () => void; testId: string };
  if (me && me.optIn && me.status !== 'online') {
    action = { label: t('stuck.goOnline'), run: () => void setStatus('online'), testId: 'stuck-go-online' };
  } else if (grants(session.grants, 'inbox.reply')) {
    action = {
      label: t('stuck.takeFromQueue'),
      run: () => {
        setView('inbox');
        selectShop(stuck.length === 1 ? stuck[0]!.shopId : null);
        setTab('waiting');
      },
      testId: 'stuck-take',
    };
  } else {
    action = { label: t('stuck.openRouting'), run: () => setView('settings'), testId: 'stuck-settings' };
  }
  return (
    <Alert
      type="error"
      showIcon
      banner={compact}
      role="alert"
      data-testid="stuck-queue"
      style={compact ? undefined : { marginBottom: 12 }}
      title={t('stuck.title', { count: queued, shops: names })}
      description={compact ? undefined : t('stuck.why')}
      action={
        <Button size="small" type="primary" danger onClick={action.run} data-testid={action.testId}>
          {action.label}
        </Button>
      }
    />
  );
}
