import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/contract/index.ts';
import { DemoTag } from '../components/DemoTag.tsx';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { useConsole } from '../store/index.ts';

type LoginForm = { login: string; password: string };

/** A throttled login says how long to wait (the core sends `retryAfterMs`). */
function loginErrorText(t: TFunction, error: AppErrorData): string {
  const retryAfterMs = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (error.code === 'rate_limited' && typeof retryAfterMs === 'number')
    return t('errors.loginThrottled', { seconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
  return t(`errors.${error.code}`);
}

export function LoginPage() {
  const { t } = useTranslation();
  const appInfo = useConsole((s) => s.appInfo);
  const login = useConsole((s) => s.login);
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    const failure = await login(values.login, values.password);
    setBusy(false);
    if (failure) {
      setError(failure);
      form.setFieldValue('password', '');
    }
  };

  return (
    <main className="login-page">
      <Card className="login-card" title={<span>{t('app.title')}</span>} extra={<LanguageSelect />}>
        <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon title={loginErrorText(t, error)} style={{ marginBottom: 12 }} role="alert" />
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label={t('login.login')}
            name="login"
            rules={[{ required: true, whitespace: true, message: t('login.loginRequired') }]}
          >
            <Input
              prefix={<UserOutlined aria-hidden />}
              placeholder={t('login.loginPlaceholder')}
              autoComplete="username"
              autoFocus
            />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        {appInfo?.demo && (
          <section aria-labelledby="demo-accounts-title" style={{ marginTop: 16 }}>
            <Typography.Text strong id="demo-accounts-title">
              {t('login.demoTitle')} <DemoTag />
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t('login.demoHint', { password: appInfo.demoPassword ?? '' })}
            </Typography.Paragraph>
            <div className="demo-accounts">
              {appInfo.demoAccounts.map((account) => (
                <Button
                  key={account.login}
                  size="small"
                  onClick={() => form.setFieldsValue({ login: account.login, password: appInfo.demoPassword ?? '' })}
                >
                  {account.displayName} · {account.roleLabel} ({account.login})
                </Button>
              ))}
            </div>
          </section>
        )}
      </Card>
    </main>
  );
}
