import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
import './styles.css';
import { App } from './App.tsx';
import { installBridge } from './bridge/install-bridge.ts';
import { notifyArrivals } from './notifications.ts';
import { startEventPump } from './store/event-pump.ts';
import { useConsole } from './store/index.ts';
import { queryClient } from './query/query-client.ts';

const installed = installBridge();
const store = useConsole.getState();
// Query data belongs to the person who fetched it: another login (or a logout) starts with an empty cache.
useConsole.subscribe((state, previous) => {
  if (state.session?.userId !== previous.session?.userId) queryClient.clear();
});

if (installed.kind === 'missing-token') {
  store.setConnection('missing-token');
} else {
  // The store projects each batch; the desktop notifications it warrants are an effect, run here once per batch.
  const onBatch = (batch: Parameters<ReturnType<typeof useConsole.getState>['applyEvents']>[0]) => {
    useConsole.getState().applyEvents(batch);
    notifyArrivals(batch, useConsole.getState());
  };
  startEventPump(installed.bridge, onBatch, {
    perEvent: new URLSearchParams(location.search).get('pump') === 'per-event',
  });
  const start = async () => {
    await store.loadSettings();
    await store.loadAppInfo();
    await store.restoreSession();
  };
  if (installed.kind === 'browser') {
    // A new token pasted into this tab (the URL of a new start) changes only the fragment: start afresh with it.
    window.addEventListener('hashchange', () => {
      if (/(?:^|[#&])token=/.test(window.location.hash)) window.location.reload();
    });
    installed.bridge.onState((state, reconnected, closeReason) => {
      useConsole.getState().setConnection(state);
      if (closeReason) useConsole.getState().setConnectionNotice(closeReason);
      // A new connection has no session (the host holds it per connection): start over from the login page.
      if (state === 'open' && reconnected) void start();
    });
  } else {
    store.setConnection('open');
  }
  void start();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
