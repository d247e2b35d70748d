// The root: antd theme and locale follow the chosen language; the connection and session decide the page.
import { Alert, App as AntApp, ConfigProvider, Result, Spin, theme } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { AppShell } from './components/AppShell.tsx';
import { LockScreen } from './pages/LockScreen.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { useIdlePause } from './hooks/use-idle-pause.ts';
import { useConsole } from './store/index.ts';

// Compact for dense back-office screens. Secondary text and the error red (badges, danger buttons) are darkened
// from antd's defaults so that they meet WCAG AA contrast (4.5:1); axe checks this in the e2e test.
const consoleTheme = {
  algorithm: theme.compactAlgorithm,
  token: {
    colorPrimary: '#1668dc',
    colorLink: '#0950c4',
    colorError: '#cf1322',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    borderRadius: 6,
  },
};

function Gate() {
  const { t } = useTranslation();
  const connection = useConsole((s) => s.connection);
  const session = useConsole((s) => s.session);
  const appInfo = useConsole((s) => s.appInfo);
  const sessionChecked = useConsole((s) => s.sessionChecked);
  useIdlePause();
  if (connection === 'missing-token') {
    return <Result status="warning" title={t('app.title')} subTitle={t('app.noToken')} />;
  }
  // The console restarted: this page's token is void and what it last showed is out of date, so it shows nothing
  // of it — only what happened and what to do.
  if (connection === 'restarted') {
    return (
      <main className="centered">
        <Result
          status="info"
          title={t('app.restartedTitle')}
          subTitle={t('app.restarted')}
          data-testid="console-restarted"
        />
      </main>
    );
  }
  // Until the session is known (a reloaded tab resumes its own), show the spinner, not a login page that flashes.
  if (appInfo === null || (!sessionChecked && session === null)) {
    return (
      <div className="centered" role="status">
        <Spin description={connection === 'closed' ? t('app.offline') : t('app.loading')} />
      </div>
    );
  }
  if (session === null) return <LoginPage />;
  return session.locked ? <LockScreen /> : <AppShell />;
}

/** The host dropped the connection because the page fell behind its events: say so until dismissed. */
function ConnectionNotice() {
  const { t } = useTranslation();
  const notice = useConsole((s) => s.connectionNotice);
  const dismiss = useConsole((s) => s.setConnectionNotice);
  if (notice !== 'too_slow') return null;
  return (
    <Alert
      type="warning"
      banner
      showIcon
      closable
      role="alert"
      title={t('app.droppedTooSlow')}
      onClose={() => dismiss(null)}
      data-testid="connection-notice"
    />
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUSLocale : zhCNLocale} theme={consoleTheme}>
      <AntApp style={{ height: '100%' }}>
        <ConnectionNotice />
        <Gate />
      </AntApp>
    </ConfigProvider>
  );
}
