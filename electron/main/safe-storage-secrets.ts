// Connector credentials sealed by Electron's safeStorage (Keychain, DPAPI, or the Linux secret service). On Linux
// without a keyring Electron falls back to a hard-coded key ("basic_text"): that is reported as plaintext, and the
// plaintext store is used so nobody is misled.
import type { SecretStore } from '../core/ports.ts';
import { plaintextSecrets } from '../storage/secrets/plaintext-secrets.ts';

export type SafeStorageLike = Readonly<{
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?: () => string;
}>;

export function createSafeStorageSecrets(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text' || backend === 'unknown')
    return plaintextSecrets;
  return {
    protection: 'os',
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
