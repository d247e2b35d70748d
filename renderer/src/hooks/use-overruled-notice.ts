// Tells a person when the owner resolved a roster conflict against the edit they made (issue #12): which record,
// which field, and the value kept.
import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { displayText } from '../../../shared/domain/untrusted-text.ts';
import { onEditOverruled } from '../query/event-queries.ts';

export function useOverruledNotice(): void {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  useEffect(
    () =>
      onEditOverruled((payload) =>
        notification.warning({
          message: t('roster.conflicts.title'),
          description: t('roster.overruled', {
            label: displayText(payload.entityLabel),
            field: t(`roster.fields.${payload.field}`, { defaultValue: payload.field }),
            value:
              payload.field === 'status' && typeof payload.value === 'string'
                ? t(`roster.subStatus.${payload.value}`, { defaultValue: payload.value })
                : typeof payload.value === 'string'
                  ? displayText(payload.value)
                  : JSON.stringify(payload.value),
          }),
          duration: 0,
        }),
      ),
    [t, notification],
  );
}
