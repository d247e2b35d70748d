// The preload: exposes exactly `window.sellerConsole = { invoke, on }` and nothing of Electron. It checks
// nothing and is trusted with nothing; the main process validates every call. Sandboxed preloads cannot load
// other files, so the two channel names are repeated here (a test checks they match shared/contract/wire.ts).
import type { ContextBridge, IpcRenderer } from 'electron';

type Listener = (payload: unknown) => void;
type IpcRendererLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

const INVOKE_CHANNEL = 'seller-console:invoke';
const EVENTS_CHANNEL = 'seller-console:events';

function createPreloadBridge(ipcRenderer: IpcRendererLike) {
  const listeners = new Map<string, Set<Listener>>();
  ipcRenderer.on(EVENTS_CHANNEL, (_event, batch) => {
    if (!Array.isArray(batch)) return;
    for (const item of batch as { name?: unknown; payload?: unknown }[]) {
      if (typeof item?.name !== 'string') continue;
      for (const listener of listeners.get(item.name) ?? []) listener(item.payload);
    }
  });
  return {
    invoke: (method: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
    on: (event: string, listener: Listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
  };
}

if (typeof process === 'object' && (process as { type?: string }).type === 'renderer') {
  const { contextBridge, ipcRenderer } = require('electron') as {
    contextBridge: ContextBridge;
    ipcRenderer: IpcRenderer;
  };
  contextBridge.exposeInMainWorld('sellerConsole', createPreloadBridge(ipcRenderer));
}

if (typeof module === 'object') module.exports = { createPreloadBridge, INVOKE_CHANNEL, EVENTS_CHANNEL };
