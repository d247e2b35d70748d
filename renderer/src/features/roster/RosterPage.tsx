// 员工与权限: the organisation's people (org tree, searchable virtualized table, edit drawer), one shop's
// sub-accounts with its quota, its roles over the permission tree, and the sync with the shop's platform — pending
// edits, what a person must do in the seller centre, and conflicts for the owner to resolve. Every edit is kept on
// this computer at once; an offline platform is said plainly, with how many edits wait.
import { Alert, Badge, Button, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { grantsInShop, grants } from '../../../../shared/contract/index.ts';
import { useConsole } from '../../store/index.ts';
import { useShopsInScope } from '../../hooks/use-shops-in-scope.ts';
import { PeopleTab } from './PeopleTab.tsx';
import { useConflicts, useShopRoster } from './queries.ts';
import { RolesTab } from './RolesTab.tsx';
import { SubAccountsTab } from './SubAccountsTab.tsx';
import { SyncTab, useDemoPlatformSwitch } from './SyncTab.tsx';

export function RosterPage() {
  const { t } = useTranslation();
  const session = useConsole((s) => s.session);
  const activeShopId = useConsole((s) => s.activeShopId);
  const inScope = useShopsInScope();
  // The shop picked here, else the one the rail shows, else the first in scope.
  const [picked, setShopId] = useState<string | null>(null);
  const shopId = inScope.some((s) => s.id === picked)
    ? picked
    : inScope.some((s) => s.id === activeShopId)
      ? activeShopId
      : (inScope[0]?.id ?? null);
  const [tab, setTab] = useState('people');
  const roster = useShopRoster(shopId);
  const conflicts = useConflicts();
  const shop = inScope.find((s) => s.id === shopId) ?? null;
  const canEdit = session !== null && shopId !== null && grants(grantsInShop(session, shopId), 'roster.edit');
  const sync = roster.data?.sync;
  const switchPlatform = useDemoPlatformSwitch();

  return (
    <div className="page roster-page">
      <Space className="roster-head" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('roster.title')}
        </Typography.Title>
        <Select
          aria-label={t('roster.pickShop')}
          value={shopId ?? undefined}
          onChange={setShopId}
          style={{ minWidth: 220 }}
          options={inScope.map((s) => ({ value: s.id, label: `${s.name}（${t(`platform.${s.platform}`)}）` }))}
        />
        {sync && sync.online !== null && (
          <Badge
            status={sync.online ? 'success' : 'warning'}
            text={`${sync.online ? t('roster.sync.online') : t('roster.sync.offline')} · ${
              sync.pending > 0 ? t('roster.sync.pending', { count: sync.pending }) : t('roster.sync.synced')
            }`}
          />
        )}
      </Space>
      {sync?.online === false && shop && (
        <Alert
          className="roster-offline"
          type="warning"
          showIcon
          role="status"
          title={t('roster.sync.offlineBanner', { shop: shop.name, count: sync.pending })}
          action={
            shop.connector.kind === 'demo' && canEdit ? (
              <Button size="small" onClick={() => switchPlatform(shop.id, true)}>
                {t('roster.sync.goOnline')}
              </Button>
            ) : undefined
          }
        />
      )}
      {(conflicts.data?.length ?? 0) > 0 && (
        <Alert
          className="roster-conflicts-banner"
          type="error"
          showIcon
          title={t('roster.conflicts.banner', { count: conflicts.data!.length })}
          action={
            <Button size="small" onClick={() => setTab('sync')}>
              {t('roster.conflicts.title')}
            </Button>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'people', label: t('roster.tabs.people'), children: <PeopleTab shopId={shopId} /> },
          {
            key: 'subAccounts',
            label: t('roster.tabs.subAccounts'),
            children: shopId && <SubAccountsTab shopId={shopId} canEdit={canEdit} />,
          },
          {
            key: 'roles',
            label: t('roster.tabs.roles'),
            children: shopId && <RolesTab shopId={shopId} canEdit={canEdit} />,
          },
          {
            key: 'sync',
            label: (
              <Badge
                count={(conflicts.data?.length ?? 0) + (sync?.checklist.filter((i) => !i.done).length ?? 0)}
                size="small"
                offset={[8, 0]}
              >
                {t('roster.tabs.sync')}
              </Badge>
            ),
            children: shopId && <SyncTab shopId={shopId} canEdit={canEdit} />,
          },
        ]}
      />
    </div>
  );
}
