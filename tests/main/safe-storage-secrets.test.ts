import { describe, expect, it } from 'vitest';
import { createSafeStorageSecrets, type SafeStorageLike } from '../../electron/main/safe-storage-secrets.ts';

function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    // A reversible stand-in for the OS cipher, enough to see that sealing goes through it.
    encryptString: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
    decryptString: (sealed) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString('utf8'),
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

describe('credentials through safeStorage', () => {
  it('seals with the OS cipher when a keychain is available', () => {
    const secrets = createSafeStorageSecrets(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    expect(secrets.protection).toBe('os');
    const sealed = secrets.seal('{"appSecret":"s3cr3t"}');
    expect(Buffer.from(sealed, 'base64').toString('utf8')).not.toContain('s3cr3t');
    expect(secrets.open(sealed)).toBe('{"appSecret":"s3cr3t"}');
  });

  it.each([
    ['encryption unavailable', fakeSafeStorage(false), 'win32'],
    ['Linux basic_text backend (hard-coded key)', fakeSafeStorage(true, 'basic_text'), 'linux'],
  ] as const)('reports plaintext when %s', (_label, storage, platform) => {
    expect(createSafeStorageSecrets(storage, platform).protection).toBe('plaintext');
  });
});
