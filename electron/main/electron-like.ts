// The slice of Electron's API the desktop glue uses, as small interfaces: the real `electron` module satisfies
// them, and unit tests pass a fake object instead (no Electron binary needed to test the glue).
export type WebPreferencesLike = Readonly<{
  preload: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  webviewTag: boolean;
  navigateOnDragDrop: boolean;
  spellcheck: boolean;
}>;

export type WindowOptions = Readonly<{
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  webPreferences: WebPreferencesLike;
}>;

export interface FrameLike {
  readonly url: string;
}

export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  on(
    event: 'will-navigate' | 'will-attach-webview' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url?: string) => void,
  ): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  /** The system's print dialog for the page (page size in microns). */
  print(options: PrintOptionsLike, callback: (success: boolean, failureReason: string) => void): void;
  /** The page as a PDF (page size and margins in inches). */
  printToPDF(options: PdfOptionsLike): Promise<Uint8Array>;
}

export type PrintOptionsLike = Readonly<{
  silent: boolean;
  printBackground: boolean;
  margins: Readonly<{ marginType: 'none' }>;
  pageSize: Readonly<{ width: number; height: number }>;
}>;

export type PdfOptionsLike = Readonly<{
  pageSize: Readonly<{ width: number; height: number }>;
  margins: Readonly<{ top: number; bottom: number; left: number; right: number }>;
  printBackground: boolean;
  preferCSSPageSize: boolean;
}>;

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
}

export type InvokeEventLike = Readonly<{ sender: WebContentsLike; senderFrame: FrameLike | null }>;

export interface ElectronLike {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    whenReady(): Promise<unknown>;
    getPath(name: 'userData' | 'documents'): string;
    getVersion(): string;
    /** The unread badge on the dock / taskbar icon (Linux: Unity launchers only; elsewhere a no-op). */
    setBadgeCount(count: number): boolean;
    on(
      event: 'second-instance' | 'window-all-closed' | 'web-contents-created',
      listener: (...args: never[]) => void,
    ): unknown;
  };
  BrowserWindow: new (options: WindowOptions) => BrowserWindowLike;
  ipcMain: { handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void };
  protocol: {
    registerSchemesAsPrivileged(
      schemes: { scheme: string; privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean } }[],
    ): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  session: {
    defaultSession: {
      setPermissionRequestHandler(
        handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
      ): void;
      setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
    };
  };
  shell: { openExternal(url: string): Promise<void> };
  dialog: {
    showSaveDialog(
      options: Readonly<{ title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }>,
    ): Promise<{ canceled: boolean; filePath?: string }>;
  };
}
