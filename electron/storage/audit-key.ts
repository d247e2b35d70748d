// The console's audit signing key (Ed25519): checkpoints of every audit log are signed with it. The private key is
// kept sealed by the secret store (the OS keychain in the desktop app; plaintext in browser mode, which its README
// states), the public key beside it in `<data dir>/audit-key.json`. Made once, on first start.
import { generateKeyPairSync } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../core/ports.ts';

export type AuditKey = Readonly<{ publicKey: string; privateKey: string; protection: SecretStore['protection'] }>;

const AuditKeyFile = z.object({ version: z.literal(1), publicKey: z.string(), sealedPrivateKey: z.string(), protection: z.enum(['os', 'plaintext']) });

export const AUDIT_KEY_FILE = 'audit-key.json';

function writeDurablySync(path: string, content: string): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Reads the key, or makes it on first start. A key file that cannot be read is an error, never silently replaced. */
export function loadOrCreateAuditKey(dataDir: string, secrets: SecretStore): AuditKey {
  const path = join(dataDir, AUDIT_KEY_FILE);
  if (existsSync(path)) {
    const file = AuditKeyFile.parse(JSON.parse(readFileSync(path, 'utf8')));
    return { publicKey: file.publicKey, privateKey: secrets.open(file.sealedPrivateKey), protection: file.protection };
  }
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  writeDurablySync(path, JSON.stringify({ version: 1, publicKey, sealedPrivateKey: secrets.seal(privateKey), protection: secrets.protection }, null, 2));
  return { publicKey, privateKey, protection: secrets.protection };
}

/** The public half only (what verify needs): for the audit:verify command, which holds no secrets. */
export function readAuditPublicKey(dataDir: string): string | null {
  const path = join(dataDir, AUDIT_KEY_FILE);
  if (!existsSync(path)) return null;
  return AuditKeyFile.parse(JSON.parse(readFileSync(path, 'utf8'))).publicKey;
}
