// Sync with the shop's platform: whether it answers, how many edits wait, what a person must do by hand in the
// seller centre (the platforms' APIs cannot create sub-accounts or assign roles), and the conflicts — each field
// changed to different values on two sides, with who made each change, where and when; the owner keeps one, and
// any earlier value can be brought back.
import { App, Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterConflict, RosterSyncStatus } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { useConsole } from '../../store/index.ts';
import { formatDateTime } from '../../format.ts';
import { rosterCommand, useConflicts, useShopRoster } from './queries.ts';

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

/** A field's value as people read it: a status in words, roles by name. */
function useValueText(shopId: string | null) {
  const { t } = useTranslation();
  const roster = useShopRoster(shopId);
  return (field: string, value: unknown): string => {
    if (field === 'status' && typeof value === 'string') return t(`roster.subStatus.${value}`, { defaultValue: value });
    if (field === 'roleIds' && Array.isArray(value))
      return value.map((id) => roster.data?.roles.find((r) => r.id === id)?.name ?? String(id)).join('、') || '—';
    return shortValue(value);
  };
}

/** What this console changed that the platform has not confirmed yet, oldest first (the order they will be sent). */
function PendingEdits({ sync }: Readonly<{ sync: RosterSyncStatus }>) {
  const { t, i18n } = useTranslation();
  const valueText = useValueText(sync.shopId);
  const more = sync.pending - sync.pendingEdits.length;
  const fieldName = (edit: RosterSyncStatus['pendingEdits'][number]) =>
    edit.entity === 'role' && edit.field === 'name'
      ? t('roster.roleName')
      : t(`roster.fields.${edit.field}`, { defaultValue: edit.field });
  return (
    <Card size="small" title={t('roster.sync.pendingTitle')} className="roster-pending">
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
  const fieldName = t(`roster.fields.${conflict.field}`, { defaultValue: conflict.field });
  const keep = async (versionId: string, undoable = true) => {
    if (conflict.shopId === null) return;
    const result = await rosterCommand('roster.resolveConflict', {
      shopId: conflict.shopId,
      entity: conflict.entity as 'subAccount' | 'role' | 'shop',
      entityId: conflict.entityId,
      field: conflict.field,
      versionId,
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

export function SyncTab({ shopId, canEdit }: Readonly<{ shopId: string; canEdit: boolean }>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const roster = useShopRoster(shopId);
  const conflicts = useConflicts();
  const isOwner = useConsole((s) => s.session?.kind === 'owner');
  const isDemo = useConsole((s) => s.shops.find((shop) => shop.id === shopId)?.connector.kind === 'demo');
  const switchPlatform = useDemoPlatformSwitch();
  const sync = roster.data?.sync;
  const markDone = async (itemId: string) => {
    const result = await rosterCommand('roster.completeChecklistItem', { shopId, itemId });
    if (!result.ok) void message.error(t(`errors.${result.error.code}`));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {sync && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('roster.sync.platform')}>
            {sync.online === null ? (
              t('roster.sync.unknown')
            ) : (
              <Tag color={sync.online ? 'green' : 'orange'}>
                {sync.online ? t('roster.sync.online') : t('roster.sync.offline')}
              </Tag>
            )}
            {isDemo && canEdit && sync.online !== null && (
              <Button size="small" onClick={() => void switchPlatform(shopId, !sync.online)}>
                {sync.online ? t('roster.sync.goOffline') : t('roster.sync.goOnline')}
              </Button>
            )}
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
      )}
      {sync && <PendingEdits sync={sync} />}
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
