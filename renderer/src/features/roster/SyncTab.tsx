// Sync with the shop's platform: whether it answers, how many edits wait, what a person must do by hand in the
// seller centre (the platforms' APIs cannot create sub-accounts or assign roles), the organisation's own sync (its
// people and departments go through the platform of the business's first shop), and the conflicts — each field
// changed to different values on two sides, with who made each change, where and when; the owner keeps one, and
// any earlier value can be brought back.
import { App, Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationSync, RosterConflict, RosterSyncStatus } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { useConsole } from '../../store/index.ts';
import { formatDateTime } from '../../format.ts';
import { rosterCommand, useConflicts, useOrganisationSync, usePeople, useShopRoster } from './queries.ts';

export function useDemoPlatformSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (shopId: string, online: boolean) => {
    const result = await rosterCommand('roster.setDemoPlatformOnline', { shopId, online });
    if (!result.ok) void message.error(t(`errors.${result.error.code}`));
  };
}

export function shortValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return displayText(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function whereOf(origin: string, t: (key: string) => string): string {
  if (origin === 'platform') return t('roster.conflicts.platform');
  if (origin === 'import') return t('roster.conflicts.imported');
  return origin.startsWith('console:') ? t('roster.conflicts.here') : t('roster.conflicts.otherConsole');
}

/** A field's value as people read it: a status in words, roles by name (shopId null: the organisation's fields). */
function useValueText(shopId: string | null) {
  const { t } = useTranslation();
  const roster = useShopRoster(shopId);
  const people = usePeople();
  return (field: string, value: unknown): string => {
    if (field === 'status' && typeof value === 'string')
      return shopId === null
        ? t(`roster.status.${value}`, { defaultValue: value })
        : t(`roster.subStatus.${value}`, { defaultValue: value });
    if (shopId === null && typeof value === 'string' && ['supervisorId', 'departmentId', 'parentId'].includes(field)) {
      const named =
        field === 'supervisorId'
          ? people.data?.people.find((p) => p.id === value)?.displayName
          : people.data?.departments.find((d) => d.id === value)?.name;
      return displayText(named ?? value);
    }
    if (field === 'roleIds' && Array.isArray(value))
      return value.map((id) => roster.data?.roles.find((r) => r.id === id)?.name ?? String(id)).join('、') || '—';
    return shortValue(value);
  };
}

/** A field's name: the organisation's by the profile form's labels, a shop's by the sub-account's and role's. */
function fieldLabel(t: TFunction, entity: string, field: string): string {
  if (entity === 'role' && field === 'name') return t('roster.roleName');
  if (entity === 'person' || entity === 'department') {
    const key = field === 'departmentId' ? 'department' : field === 'supervisorId' ? 'supervisor' : field;
    if (entity === 'department' && field === 'name') return t('roster.departmentName');
    if (field === 'parentId') return t('roster.parentDepartment');
    return t(`roster.profile.${key}`, { defaultValue: t(`roster.fields.${field}`, { defaultValue: field }) });
  }
  return t(`roster.fields.${field}`, { defaultValue: field });
}

/** What this console changed that the platform has not confirmed yet, oldest first (the order they will be sent). */
function PendingEdits({
  sync,
  shopId,
  title,
  className,
}: Readonly<{
  sync: Pick<RosterSyncStatus, 'pending' | 'pendingEdits'>;
  shopId: string | null;
  title: string;
  className: string;
}>) {
  const { t, i18n } = useTranslation();
  const valueText = useValueText(shopId);
  const more = sync.pending - sync.pendingEdits.length;
  const fieldName = (edit: RosterSyncStatus['pendingEdits'][number]) => fieldLabel(t, edit.entity, edit.field);
  return (
    <Card size="small" title={title} className={className}>
      {sync.pendingEdits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roster.sync.pendingEmpty')} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 280, overflowY: 'auto' }}
          dataSource={sync.pendingEdits}
          rowKey="opId"
          footer={more > 0 ? t('roster.sync.pendingMore', { count: more, shown: sync.pendingEdits.length }) : undefined}
          renderItem={(edit) => (
            <List.Item data-testid="pending-edit">
              <List.Item.Meta
                title={`${displayText(edit.entityLabel)} · ${fieldName(edit)}: ${valueText(edit.field, edit.value)}`}
                description={t('roster.sync.pendingBy', {
                  name: edit.actorName === null ? t('roster.sync.bySystem') : displayText(edit.actorName),
                  time: formatDateTime(edit.at, i18n.language),
                })}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function ConflictCard({ conflict, canResolve }: Readonly<{ conflict: RosterConflict; canResolve: boolean }>) {
  const { t, i18n } = useTranslation();
  const { message, notification } = App.useApp();
  const valueText = useValueText(conflict.shopId);
  const fieldName = fieldLabel(t, conflict.entity, conflict.field);
  const keep = async (versionId: string, undoable = true) => {
    const version = { entityId: conflict.entityId, field: conflict.field, versionId };
    const result =
      conflict.shopId === null
        ? await rosterCommand('roster.resolveOrganisationConflict', {
            ...version,
            entity: conflict.entity as 'person' | 'department',
          })
        : await rosterCommand('roster.resolveConflict', {
            ...version,
            shopId: conflict.shopId,
            entity: conflict.entity as 'subAccount' | 'role' | 'shop',
          });
    if (!result.ok) return void message.error(t(`errors.${result.error.code}`));
    const other = conflict.versions.find((v) => v.id !== versionId);
    if (!undoable || !other) return void message.success(t('roster.conflicts.resolved'));
    // The value that lost stays in the field's history: one click brings it back.
    const key = `resolved:${conflict.entityId}:${conflict.field}`;
    notification.success({
      key,
      message: t('roster.conflicts.resolved'),
      description: `${displayText(conflict.entityLabel)} · ${valueText(conflict.field, other.value)}`,
      btn: (
        <Button
          size="small"
          onClick={() => {
            notification.destroy(key);
            void keep(other.id, false);
          }}
        >
          {t('roster.conflicts.restore')}
        </Button>
      ),
      duration: 15,
      placement: 'bottomRight',
    });
  };
  return (
    <Card
      size="small"
      className="roster-conflict"
      title={`${displayText(conflict.entityLabel)} · ${t('roster.conflicts.field', { field: fieldName })}`}
    >
      <List
        dataSource={conflict.versions}
        renderItem={(version) => (
          <List.Item
            actions={
              canResolve
                ? [
                    <Button key="keep" size="small" type="primary" onClick={() => void keep(version.id)}>
                      {t('roster.conflicts.keep')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={<Typography.Text strong>{valueText(conflict.field, version.value)}</Typography.Text>}
              description={t('roster.conflicts.by', {
                who: version.actorName ?? '—',
                where: whereOf(version.origin, t),
                time: formatDateTime(version.at, i18n.language),
              })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Whether the platform answers (with the demo's switch), how many edits wait, when it last synced. */
function SyncFacts({
  sync,
  unknown = '—',
  switcher = null,
}: Readonly<{
  sync: Pick<RosterSyncStatus, 'online' | 'pending' | 'lastSyncAt'>;
  unknown?: string;
  switcher?: ReactNode;
}>) {
  const { t, i18n } = useTranslation();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
      <Descriptions.Item label={t('roster.sync.platform')}>
        {sync.online === null ? (
          unknown
        ) : (
          <Tag color={sync.online ? 'green' : 'orange'}>
            {sync.online ? t('roster.sync.online') : t('roster.sync.offline')}
          </Tag>
        )}
        {switcher}
      </Descriptions.Item>
      <Descriptions.Item label={t('roster.pending')}>
        {sync.pending > 0 ? t('roster.sync.pending', { count: sync.pending }) : t('roster.sync.synced')}
      </Descriptions.Item>
      <Descriptions.Item label={t('roster.sync.lastSyncLabel')}>
        {sync.lastSyncAt === null
          ? '—'
          : t('roster.sync.lastSync', { time: formatDateTime(sync.lastSyncAt, i18n.language) })}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The organisation's sync: through which shop's platform, whether it answers, what waits. */
function OrganisationCard({ sync }: Readonly<{ sync: OrganisationSync }>) {
  const { t } = useTranslation();
  const shops = useConsole((s) => s.shops);
  const via = shops.find((shop) => shop.id === sync.viaShopId);
  const viaName = via?.name ?? sync.viaShopId ?? '';
  return (
    <Card size="small" title={t('roster.sync.organisationTitle')} className="roster-organisation-sync">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {sync.viaShopId === null
            ? t('roster.sync.organisationNone')
            : sync.online === null
              ? t('roster.sync.organisationUnknown', { shop: viaName })
              : t('roster.sync.organisationVia', { shop: viaName })}
        </Typography.Text>
        <SyncFacts sync={sync} />
        {sync.pending > 0 && (
          <PendingEdits
            sync={sync}
            shopId={null}
            title={t('roster.sync.organisationPendingTitle')}
            className="roster-organisation-pending"
          />
        )}
      </Space>
    </Card>
  );
}

export function SyncTab({ shopId, canEdit }: Readonly<{ shopId: string; canEdit: boolean }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roster = useShopRoster(shopId);
  const conflicts = useConflicts();
  const isOwner = useConsole((s) => s.session?.kind === 'owner');
  const isDemo = useConsole((s) => s.shops.find((shop) => shop.id === shopId)?.connector.kind === 'demo');
  const switchPlatform = useDemoPlatformSwitch();
  const sync = roster.data?.sync;
  const organisation = useOrganisationSync();
  const markDone = async (itemId: string) => {
    const result = await rosterCommand('roster.completeChecklistItem', { shopId, itemId });
    if (!result.ok) void message.error(t(`errors.${result.error.code}`));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {sync && (
        <SyncFacts
          sync={sync}
          unknown={t('roster.sync.unknown')}
          switcher={
            isDemo &&
            canEdit &&
            sync.online !== null && (
              <Button size="small" onClick={() => void switchPlatform(shopId, !sync.online)}>
                {sync.online ? t('roster.sync.goOffline') : t('roster.sync.goOnline')}
              </Button>
            )
          }
        />
      )}
      {sync && (
        <PendingEdits sync={sync} shopId={shopId} title={t('roster.sync.pendingTitle')} className="roster-pending" />
      )}
      <Card size="small" title={t('roster.conflicts.title')}>
        {(conflicts.data ?? []).filter((c) => c.shopId === shopId || c.shopId === null).length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roster.conflicts.empty')} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {(conflicts.data ?? [])
              .filter((c) => c.shopId === shopId || c.shopId === null)
              .map((c) => (
                <ConflictCard
                  key={`${c.shopId}:${c.entity}:${c.entityId}:${c.field}`}
                  conflict={c}
                  canResolve={isOwner}
                />
              ))}
          </Space>
        )}
      </Card>
      {organisation.data && <OrganisationCard sync={organisation.data} />}
      <Card size="small" title={t('roster.sync.checklist')}>
        {(sync?.checklist.length ?? 0) === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roster.sync.checklistEmpty')} />
        ) : (
          <List
            className="roster-checklist"
            dataSource={sync!.checklist}
            renderItem={(item) => (
              <List.Item
                actions={[
                  item.done ? (
                    <Tag key="done" color="green">
                      {t('roster.sync.done')}
                    </Tag>
                  ) : (
                    <Button key="mark" size="small" disabled={!canEdit} onClick={() => void markDone(item.id)}>
                      {t('roster.sync.markDone')}
                    </Button>
                  ),
                ]}
              >
                <Typography.Text delete={item.done}>{displayText(item.instruction)}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
