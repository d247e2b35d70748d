import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../store/index.ts';

/**
 * Tells people, loudly, when a damaged file was replaced by its backup, or a damaged shop folder was moved aside so
 * that the console could start — what happened and what to check.
 */
export function StorageNotices() {
  const { t } = useTranslation();
  const notices = useConsole((s) => s.notices);
  const shops = useConsole((s) => s.shops);
  if (notices.length === 0) return null;
  return (
    <div role="alert" data-testid="storage-notices">
      {notices.map((notice) => (
        <Alert
          key={notice.quarantinedAs}
          type="warning"
          showIcon
          banner
          closable
          title={
            notice.kind === 'shop_quarantined'
              ? t('notices.shopQuarantined', {
                  shop: notice.shopName ?? notice.shopId,
                  quarantined: notice.quarantinedAs,
                })
              : notice.shopId === null
                ? t('notices.peopleRestored', { quarantined: notice.quarantinedAs })
                : t('notices.shopRestored', {
                    shop: shops.find((s) => s.id === notice.shopId)?.name ?? notice.shopId,
                    quarantined: notice.quarantinedAs,
                  })
          }
        />
      ))}
    </div>
  );
}
