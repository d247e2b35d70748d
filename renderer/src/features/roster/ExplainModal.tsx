// "What can X do, and why": every permission a person holds in a shop with where it comes from (the main account,
// a role, an extra grant and until when), and the risky combinations among them.
import { Alert, List, Modal, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { useExplain } from './queries.ts';
import { formatDateTime } from '../../format.ts';

export function ExplainModal(
  props: Readonly<{ personId: string | null; personName: string; shopId: string; shopName: string; onClose(): void }>,
) {
  const { t, i18n } = useTranslation();
  const explained = useExplain(props.personId, props.shopId);
  const data = explained.data;
  return (
    <Modal
      open={props.personId !== null}
      onCancel={props.onClose}
      footer={null}
      title={t('roster.explainTitle', { name: displayText(props.personName), shop: displayText(props.shopName) })}
    >
      {explained.isLoading || !data ? (
        <Spin />
      ) : (
        <>
          {data.risky.map((key) => (
            <Alert key={key} type="warning" showIcon style={{ marginBottom: 8 }} title={t(`roster.risky.${key}`)} />
          ))}
          {data.reasons.length === 0 ? (
            <Typography.Text type="secondary">{t('roster.noGrants')}</Typography.Text>
          ) : (
            <List
              className="roster-explain"
              size="small"
              dataSource={data.reasons}
              renderItem={(reason) => (
                <List.Item>
                  <Typography.Text strong>
                    {reason.grant === '*' ? t('roster.fromOwner') : t(`roster.permission.${reason.grant}`)}
                  </Typography.Text>
                  <span>
                    <Tag color={reason.source === 'denied' ? 'red' : undefined}>
                      {reason.source === 'owner'
                        ? t('roster.fromOwner')
                        : reason.source === 'role'
                          ? t('roster.fromRole', { role: displayText(reason.label) })
                          : reason.source === 'denied'
                            ? t('roster.deny.reason')
                            : t('roster.fromExtra')}
                    </Tag>
                    {reason.until !== null && (
                      <Typography.Text type="secondary">
                        {t('roster.until', { time: formatDateTime(reason.until, i18n.language) })}
                      </Typography.Text>
                    )}
                  </span>
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Modal>
  );
}
