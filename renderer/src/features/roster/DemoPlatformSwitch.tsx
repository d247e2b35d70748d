// The demo platform's online switch for one shop (Settings → Shops), to try offline roster editing by hand. Shows
// only for shops on the demo connector, to people who may see that shop's roster.
import { Switch, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Shop } from '../../../../shared/contract/index.ts';
import { useShopRoster } from './queries.ts';
import { useDemoPlatformSwitch } from './SyncTab.tsx';

export function DemoPlatformSwitch({ shop, canChange }: Readonly<{ shop: Shop; canChange: boolean }>) {
  const { t } = useTranslation();
  const roster = useShopRoster(shop.connector.kind === 'demo' ? shop.id : null);
  const switchPlatform = useDemoPlatformSwitch();
  const online = roster.data?.sync.online;
  if (shop.connector.kind !== 'demo' || online === null || online === undefined) return <span>—</span>;
  return (
    <Tooltip title={online ? t('roster.sync.goOffline') : t('roster.sync.goOnline')}>
      <Switch
        size="small"
        checked={online}
        disabled={!canChange}
        aria-label={`${shop.name}: ${online ? t('roster.sync.online') : t('roster.sync.offline')}`}
        checkedChildren={t('roster.sync.onlineShort')}
        unCheckedChildren={t('roster.sync.offlineShort')}
        onChange={(next) => void switchPlatform(shop.id, next)}
      />
    </Tooltip>
  );
}
