// The locked desk: only the person's name shows; their PIN or password unlocks, or someone else logs in. Locking
// does not change routing, so the screen says how many buyers wait (counts, never who or what), notifies when more
// do, and lets the person pause before walking away.
import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { grants, type AppErrorData, type LockedSummary } from '../../../shared/contract/index.ts';
import { api } from '../api.ts';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { notifyWaitingWhileLocked } from '../notifications.ts';
import { useConsole } from '../store/index.ts';

const POLL_MS = 5_000;

/** Polls the counts while locked; notifies when more buyers wait for this person than at the last poll. */
function useLockedSummary(enabled: boolean): LockedSummary | null {
  const [summary, setSummary] = useState<LockedSummary | null>(null);
  const lastMine = useRef<number | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const poll = async () => {
      const result = await api().invoke('inbox.lockedSummary', {});
      if (stopped || !result.ok) return;
      if (lastMine.current !== null && result.value.mine > lastMine.current)
        notifyWaitingWhileLocked(result.value.mine, useConsole.getState());
      lastMine.current = result.value.mine;
      setSummary(result.value);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [enabled]);
  return summary;
}

export function LockScreen() {
  const { t } = useTranslation();
  const session = useConsole((s) => s.session);
  const unlock = useConsole((s) => s.unlock);
  const logout = useConsole((s) => s.logout);
  const [form] = Form.useForm<{ secret: string }>();
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const myStatus = useConsole((s) => s.myStatus);
  const receives = useConsole((s) => s.myReceivesChats);
  const setStatus = useConsole((s) => s.setStatus);
  const servesBuyers = session !== null && grants(session.grants, 'inbox.view');
  const summary = useLockedSummary(servesBuyers);

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
        {summary && (
          <Alert
            type={summary.mine > 0 ? 'warning' : 'info'}
            showIcon
            role="status"
            data-testid="locked-summary"
            style={{ marginBottom: 12 }}
            title={t('lock.waiting', { mine: summary.mine, queued: summary.queued })}
            description={
              receives
                ? t('lock.stillOnline')
                : myStatus === null
                  ? undefined
                  : t('lock.notReceiving', {
                      status: t(myStatus === 'online' ? 'agentStatus.onlineNotReceiving' : `agentStatus.${myStatus}`),
                    })
            }
            action={
              receives ? (
                <Button size="small" onClick={() => void setStatus('paused')} data-testid="locked-pause">
                  {t('lock.pause')}
                </Button>
              ) : undefined
            }
          />
        )}
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
          <Form.Item
            label={session?.hasPin ? t('lock.secretWithPin') : t('lock.secret')}
            name="secret"
            rules={[{ required: true, message: t('lock.secretRequired') }]}
          >
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
