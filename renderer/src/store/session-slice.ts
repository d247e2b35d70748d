// Who is logged in on this window, and the app's public info (demo or not). A projection: the host holds the
// real session; this slice mirrors what the core returned.
import type { StateCreator } from 'zustand';
import type { AppErrorData, AppInfo, AppSettings, SessionInfo, StorageNotice } from '../../../shared/contract/index.ts';
import type { CloseReason, SocketState } from '../bridge/ws-bridge.ts';
import { applyLanguage } from '../i18n/index.ts';
import { api } from '../api.ts';
import type { ConsoleState } from './index.ts';

/** The socket's state, or (browser mode) that the page was opened without its access token. */
export type ConnectionState = SocketState | 'missing-token';

export type SessionSlice = {
  connection: ConnectionState;
  /** The first check for a session (or a resume after a reload) has finished: until then the login page waits. */
  sessionChecked: boolean;
  /** Why the host ended the last connection (shown until dismissed); null when it did not say. */
  connectionNotice: CloseReason;
  setConnectionNotice(notice: CloseReason): void;
  appInfo: AppInfo | null;
  session: SessionInfo | null;
  notices: StorageNotice[];
  loadNotices(): Promise<void>;
  settings: AppSettings | null;
  loadSettings(): Promise<void>;
  setLanguage(language: AppSettings['language']): Promise<void>;
  setIdleLockMinutes(minutes: number): Promise<AppErrorData | null>;
  setNotifications(notifications: AppSettings['notifications']): Promise<AppErrorData | null>;
  setConnection(state: ConnectionState): void;
  loadAppInfo(): Promise<void>;
  restoreSession(): Promise<void>;
  login(login: string, password: string): Promise<AppErrorData | null>;
  logout(): Promise<void>;
  lock(): Promise<void>;
  unlock(secret: string): Promise<AppErrorData | null>;
  setPin(pin: string, password: string): Promise<AppErrorData | null>;
};

/**
 * Browser mode: the tab keeps a short-lived, single-use resume token (sessionStorage: this tab only, never the URL)
 * so that a reload (F5) resumes the session instead of logging out. It is renewed every two minutes (it lives five)
 * and after each use; logging out revokes it in the core and here.
 */
const RESUME_KEY = 'seller-console.resume';
const RESUME_RENEW_MS = 2 * 60_000;
let resumeTimer: ReturnType<typeof setInterval> | null = null;

async function renewResumeToken(): Promise<void> {
  const result = await api().invoke('session.resumeToken', {});
  if (result.ok) sessionStorage.setItem(RESUME_KEY, result.value.token);
}

function keepResumeToken(): void {
  void renewResumeToken();
  if (resumeTimer === null) resumeTimer = setInterval(() => void renewResumeToken(), RESUME_RENEW_MS);
}

function dropResumeToken(): void {
  sessionStorage.removeItem(RESUME_KEY);
  if (resumeTimer !== null) clearInterval(resumeTimer);
  resumeTimer = null;
}

export const createSessionSlice: StateCreator<ConsoleState, [], [], SessionSlice> = (set, get) => ({
  connection: 'connecting',
  sessionChecked: false,
  connectionNotice: null,
  setConnectionNotice: (connectionNotice) => set({ connectionNotice }),
  appInfo: null,
  session: null,
  notices: [],
  settings: null,
  async loadSettings() {
    const result = await api().invoke('settings.get', {});
    if (!result.ok) return;
    set({ settings: result.value });
    applyLanguage(result.value.language);
  },
  async setLanguage(language) {
    // Switch at once; the core keeps the choice for the next start.
    applyLanguage(language);
    const result = await api().invoke('settings.setLanguage', { language });
    if (result.ok) set({ settings: result.value });
  },
  async setIdleLockMinutes(idleLockMinutes) {
    const result = await api().invoke('settings.update', { idleLockMinutes });
    if (!result.ok) return result.error;
    set({ settings: result.value });
    return null;
  },
  async setNotifications(notifications) {
    const result = await api().invoke('settings.setNotifications', { notifications });
    if (!result.ok) return result.error;
    set({ settings: result.value });
    return null;
  },
  async loadNotices() {
    const result = await api().invoke('app.notices', {});
    set({ notices: result.ok ? result.value : [] });
  },
  setConnection: (connection) => set({ connection }),
  async loadAppInfo() {
    const result = await api().invoke('app.info', {});
    if (result.ok) set({ appInfo: result.value });
  },
  async restoreSession() {
    const result = await api().invoke('session.current', {});
    let session = result.ok ? result.value : null;
    const resumeToken = sessionStorage.getItem(RESUME_KEY);
    if (session === null && resumeToken !== null) {
      // A reloaded page (or a reconnect): take the session over from the connection it replaces.
      const resumed = await api().invoke('session.resume', { token: resumeToken });
      session = resumed.ok ? resumed.value : null;
    }
    if (session === null) {
      dropResumeToken();
      get().resetWorkspace();
      set({ session: null, sessionChecked: true });
      return;
    }
    set({ session, sessionChecked: true });
    keepResumeToken();
    if (!session.locked) await get().loadWorkspace();
  },
  async login(login, password) {
    const result = await api().invoke('session.login', { login, password });
    if (!result.ok) return result.error;
    set({ session: result.value });
    keepResumeToken();
    await get().loadWorkspace();
    return null;
  },
  async lock() {
    const result = await api().invoke('session.lock', {});
    if (result.ok) set({ session: result.value });
  },
  async unlock(secret) {
    const result = await api().invoke('session.unlock', { secret });
    if (!result.ok) {
      // Too many wrong attempts end the session: back to the login page.
      if (result.error.code === 'not_authenticated') {
        get().resetWorkspace();
        set({ session: null });
      }
      return result.error;
    }
    set({ session: result.value });
    // Events were not delivered while locked: catch up.
    await get().loadWorkspace();
    return null;
  },
  async setPin(pin, password) {
    const result = await api().invoke('session.setPin', { pin, password });
    if (!result.ok) return result.error;
    set({ session: result.value });
    return null;
  },
  async logout() {
    dropResumeToken();
    await api().invoke('session.logout', {});
    get().resetWorkspace();
    set({ session: null });
    await get().loadAppInfo();
  },
});
