// Desktop notifications on this device: on or off (and the browser's permission), shops muted, quiet hours (in
// 24-hour form whatever the browser's locale would make of a time input: a Chinese UI says 22:00, not 下午10:00).
import { App, Button, Card, Form, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '../../../../shared/contract/index.ts';
import { notificationsSupported } from '../../notifications.ts';
import { useConsole } from '../../store/index.ts';

/** Every quarter hour of the day, 00:00–23:45, plus the stored value if it lies between. */
function timeOptions(current: string): { value: string; label: string }[] {
  const times = Array.from(
    { length: 96 },
    (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
  );
  if (!times.includes(current)) times.push(current);
  return times.sort().map((value) => ({ value, label: value }));
}

function TimeSelect({
  label,
  testId,
  value,
  onChange,
}: Readonly<{ label: string; testId: string; value: string; onChange(value: string): void }>) {
  return (
    <Select
      showSearch
      aria-label={label}
      data-testid={testId}
      value={value}
      options={timeOptions(value)}
      onChange={onChange}
      style={{ width: 100 }}
    />
  );
}

export function NotificationsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = useConsole((s) => s.settings?.notifications ?? DEFAULT_NOTIFICATION_SETTINGS);
  const shops = useConsole((s) => s.shops);
  const setNotifications = useConsole((s) => s.setNotifications);
  const [permission, setPermission] = useState(() => (notificationsSupported() ? Notification.permission : 'denied'));
  const save = async (next: NotificationSettings) => {
    const failure = await setNotifications(next);
    if (failure) void message.error(t(`errors.${failure.code}`));
  };
  return (
    <Card title={t('notify.card')} data-testid="notifications-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Switch
            checked={current.enabled}
            onChange={(enabled) => void save({ ...current, enabled })}
            aria-label={t('notify.enabled')}
          />
          <span>{t('notify.enabled')}</span>
          {permission === 'default' && (
            <Button size="small" onClick={() => void Notification.requestPermission().then(setPermission)}>
              {t('notify.allow')}
            </Button>
          )}
          {permission === 'denied' && <Typography.Text type="warning">{t('notify.denied')}</Typography.Text>}
        </Space>
        <Form.Item label={t('notify.muted')} style={{ marginBottom: 0 }}>
          <Select
            mode="multiple"
            aria-label={t('notify.muted')}
            value={current.mutedShopIds}
            onChange={(mutedShopIds: string[]) => void save({ ...current, mutedShopIds })}
            options={shops.map((s) => ({ value: s.id, label: s.name }))}
            placeholder={t('notify.mutedNone')}
            style={{ maxWidth: 480 }}
          />
        </Form.Item>
        <Space wrap>
          <Switch
            checked={current.doNotDisturb.enabled}
            onChange={(enabled) => void save({ ...current, doNotDisturb: { ...current.doNotDisturb, enabled } })}
            aria-label={t('notify.dnd')}
          />
          <span>{t('notify.dnd')}</span>
          <TimeSelect
            label={t('notify.from')}
            testId="dnd-from"
            value={current.doNotDisturb.from}
            onChange={(from) => void save({ ...current, doNotDisturb: { ...current.doNotDisturb, from } })}
          />
          <span>—</span>
          <TimeSelect
            label={t('notify.to')}
            testId="dnd-to"
            value={current.doNotDisturb.to}
            onChange={(to) => void save({ ...current, doNotDisturb: { ...current.doNotDisturb, to } })}
          />
        </Space>
      </Space>
    </Card>
  );
}
