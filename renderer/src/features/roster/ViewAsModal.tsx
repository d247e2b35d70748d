// "View as": the console as a person would find it on logging in now — the menu (from the same module registry the
// window uses), the page they land on, and what they may do in each shop. The core derives it from the session it
// would give them, so the preview and their real login cannot differ. A role is previewed as someone holding only it.
import { Alert, Descriptions, Empty, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role, ViewAsPreview } from '../../../../shared/contract/index.ts';
import { leavesOf } from '../../../../shared/domain/roster/denied-grants.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { allowedViews, MODULES } from '../../app/modules.tsx';
import { useConsole } from '../../store/index.ts';
import { useViewAs } from './queries.ts';

/** A person (the core derives their session) or a role of one shop (exactly its permissions there). */
export type ViewAsSubject = Readonly<{ personId: string }> | Readonly<{ role: Role }>;

export function ViewAsModal(props: Readonly<{ subject: ViewAsSubject | null; onClose(): void }>) {
  const { t } = useTranslation();
  const subject = props.subject;
  const preview = useViewAs(subject && 'personId' in subject ? subject.personId : null);
  const role = subject && 'role' in subject ? subject.role : null;
  // Someone holding only this role, in its shop, holds exactly its permissions there.
  const data: ViewAsPreview | undefined = role
    ? {
        personId: role.id,
        displayName: role.name,
        kind: 'staff',
        canLogIn: true,
        grants: role.permissions,
        shops: [{ shopId: role.shopId, grants: role.permissions }],
        hiddenShops: 0,
      }
    : preview.data;
  return (
    <Modal
      open={subject !== null}
      onCancel={props.onClose}
      footer={null}
      width={640}
      // Opened from the person drawer: above it.
      zIndex={1100}
      title={
        data
          ? t(role ? 'roster.viewAs.roleTitle' : 'roster.viewAs.title', { name: displayText(data.displayName) })
          : t('roster.viewAs.action')
      }
      className="roster-view-as"
    >
      {data ? <Preview data={data} /> : <Spin />}
    </Modal>
  );
}

function Preview({ data }: Readonly<{ data: ViewAsPreview }>) {
  const { t } = useTranslation();
  const shops = useConsole((s) => s.shops);
  const views = allowedViews(data.grants);
  const shopName = (id: string) => shops.find((s) => s.id === id)?.name ?? id;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('roster.viewAs.intro')}</Typography.Text>
      {!data.canLogIn && <Alert type="info" showIcon title={t('roster.viewAs.noLogin')} />}
      <Typography.Title level={5}>{t('roster.viewAs.menu')}</Typography.Title>
      {views.length === 0 ? (
        <Typography.Text>{t('roster.viewAs.nothing')}</Typography.Text>
      ) : (
        <>
          <nav aria-label={t('roster.viewAs.menu')} className="roster-view-as-menu">
            {MODULES.filter((m) => views.includes(m.view)).map((m) => (
              <Tag key={m.view} icon={m.icon}>
                {t(`nav.${m.view}`)}
              </Tag>
            ))}
          </nav>
          <Typography.Text>{t('roster.viewAs.landsOn', { page: t(`nav.${views[0]!}`) })}</Typography.Text>
        </>
      )}
      <Typography.Title level={5}>{t('roster.viewAs.shops')}</Typography.Title>
      {data.shops.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roster.viewAs.noShops')} />
      ) : (
        <Descriptions column={1} size="small" bordered>
          {data.shops.map((shop) => (
            <Descriptions.Item key={shop.shopId} label={shopName(shop.shopId)}>
              {shop.grants.includes('*') ? (
                <Tag color="gold">{t('roster.viewAs.everything')}</Tag>
              ) : (
                leavesOf(shop.grants).map((p) => <Tag key={p}>{t(`roster.permission.${p}`)}</Tag>)
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {data.hiddenShops > 0 && (
        <Typography.Text type="secondary">{t('roster.viewAs.hidden', { count: data.hiddenShops })}</Typography.Text>
      )}
    </Space>
  );
}
