// The audit signing key: made once, read back, sealed by the host's secret store; a folder used by browser mode
// (plaintext) and the desktop app (keychain) keeps a key each side can use, and verify accepts both.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../electron/core/ports.ts';
import { loadOrCreateAuditKey, readAuditPublicKeys } from '../../electron/storage/audit-key.ts';
import { plaintextSecrets } from '../../electron/storage/secrets/plaintext-secrets.ts';
import { checkpointIsSigned, signCheckpoint } from '../../electron/storage/sqlite/tables/audit-entries.ts';
import { makeTempDir } from '../support/core-fixture.ts';

/** A stand-in for the OS keychain: it can open only what it sealed. */
const keychain: SecretStore = {
  protection: 'os',
  seal: (plain) => `os:${Buffer.from(plain).toString('hex')}`,
  open: (sealed) => {
    if (!sealed.startsWith('os:')) throw new Error('not sealed by this keychain');
    return Buffer.from(sealed.slice(3), 'hex').toString();
  },
};

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit signing key', () => {
  it('is made once and read back the same', () => {
    const first = loadOrCreateAuditKey(dir, plaintextSecrets);
    const again = loadOrCreateAuditKey(dir, plaintextSecrets);
    expect(again.publicKey).toBe(first.publicKey);
    expect(again.privateKey).toBe(first.privateKey);
    const checkpoint = signCheckpoint({ size: 3, head: 'a'.repeat(64), at: 5 }, first.privateKey);
    expect(checkpointIsSigned(checkpoint, again.publicKey)).toBe(true);
    expect(checkpointIsSigned({ ...checkpoint, size: 4 }, again.publicKey)).toBe(false);
  });

  it('never stores the private key in the clear when a keychain seals it', () => {
    const key = loadOrCreateAuditKey(dir, keychain);
    const file = readFileSync(join(dir, 'audit-key.json'), 'utf8');
    expect(file).not.toContain('PRIVATE KEY');
    expect(file).not.toContain(key.privateKey.split('\n')[1]!);
  });

  it('a plaintext key is resealed by the keychain the desktop app brings', () => {
    const browser = loadOrCreateAuditKey(dir, plaintextSecrets);
    const desktop = loadOrCreateAuditKey(dir, keychain);
    expect(desktop.publicKey).toBe(browser.publicKey);
    expect(desktop.protection).toBe('os');
    expect(readFileSync(join(dir, 'audit-key.json'), 'utf8')).toContain('"protection": "os"');
  });

  it('browser mode on a folder whose key the keychain sealed adds its own key; verify knows both', () => {
    const desktop = loadOrCreateAuditKey(dir, keychain);
    const browser = loadOrCreateAuditKey(dir, plaintextSecrets);
    expect(browser.publicKey).not.toBe(desktop.publicKey);
    expect(readAuditPublicKeys(dir).sort()).toEqual([desktop.publicKey, browser.publicKey].sort());
    // Each side keeps using its own key afterwards.
    expect(loadOrCreateAuditKey(dir, keychain).publicKey).toBe(desktop.publicKey);
    expect(loadOrCreateAuditKey(dir, plaintextSecrets).publicKey).toBe(browser.publicKey);
  });
});
