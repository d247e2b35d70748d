// The locked desk: only the person's name shows; their PIN or password unlocks, or someone else logs in.
import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/contract/index.ts';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { useConsole } from '../store/index.ts';

export function LockScreen() {
  const { t } = useTranslation();
  const session = useConsole((s) => s.session);
  const unlock = useConsole((s) => s.unlock);
  const logout = useConsole((s) => s.logout);
  const [form] = Form.useForm<{ secret: string }>();
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ secret }: { secret: string }) => {
    setBusy(true);
    const failure = await unlock(secret);
    setBusy(false);
    setError(failure);
    form.setFieldValue('secret', '');
  };
  const attemptsLeft = (error?.details as { attemptsLeft?: number } | undefined)?.attemptsLeft;

  return (
    <main className="login-page">
      <Card className="login-card" title={t('app.title')} extra={<LanguageSelect />}>
        <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
          <LockOutlined aria-hidden /> {t('lock.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('lock.subtitle', { name: session?.displayName ?? '' })}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={attemptsLeft === undefined ? t(`errors.${error.code}`) : t('lock.wrong', { count: attemptsLeft })}
          />
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label={session?.hasPin ? t('lock.secretWithPin') : t('lock.secret')} name="secret" rules={[{ required: true, message: t('lock.secretRequired') }]}>
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('lock.unlock')}
          </Button>
        </Form>
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()} data-testid="switch-user">
          {t('lock.switchUser')}
        </Button>
      </Card>
    </main>
  );
}
