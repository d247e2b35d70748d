// The typed client over `window.sellerConsole`: the renderer's only way to reach the core.
import { createClient, type Client } from '../../shared/contract/index.ts';

let client: Client | null = null;

export function api(): Client {
  if (!client) {
    if (!window.sellerConsole) throw new Error('window.sellerConsole is not installed');
    client = createClient(window.sellerConsole);
  }
  return client;
}
