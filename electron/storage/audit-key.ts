// The console's audit signing keys (Ed25519): checkpoints of every audit log are signed with one. Each private key is
// sealed by a secret store — the OS keychain in the desktop app, plaintext in browser mode (which Settings states) —
// and kept with its public half in `<data dir>/audit-key.json`. A host whose secret store cannot open any stored key
// (browser mode on a folder the desktop app made) adds a key of its own; verify accepts checkpoints signed by any
// key listed there. A plaintext key is resealed by the keychain when the desktop app first opens it.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../core/ports.ts';
import { writeFileDurablySync } from './durable-file.ts';
import { plaintextSecrets } from './secrets/plaintext-secrets.ts';

export type AuditKey = Readonly<{
  publicKey: string;
  privateKey: string;
  protection: SecretStore['protection'];
  publicKeys: readonly string[];
}>;

const StoredKey = z.object({
  publicKey: z.string(),
  sealedPrivateKey: z.string(),
  protection: z.enum(['os', 'plaintext']),
  createdAt: z.number(),
});
const AuditKeyFile = z.object({ version: z.literal(1), keys: z.array(StoredKey).min(1) });
type AuditKeyFile = z.infer<typeof AuditKeyFile>;

export const AUDIT_KEY_FILE = 'audit-key.json';

function read(path: string): AuditKeyFile | null {
  if (!existsSync(path)) return null;
  // A key file that cannot be read is an error, never silently replaced (checkpoints signed with it would no
  // longer verify).
  return AuditKeyFile.parse(JSON.parse(readFileSync(path, 'utf8')));
}

function tryOpen(secrets: SecretStore, key: z.infer<typeof StoredKey>): string | null {
  try {
    const opened = (key.protection === 'plaintext' ? plaintextSecrets : secrets).open(key.sealedPrivateKey);
    return opened.includes('PRIVATE KEY') ? opened : null;
  } catch {
    return null;
  }
}

/** The signing key this host can use (made on first start), and every public key checkpoints may be signed with. */
export function loadOrCreateAuditKey(dataDir: string, secrets: SecretStore, now = Date.now()): AuditKey {
  const path = join(dataDir, AUDIT_KEY_FILE);
  const file = read(path) ?? { version: 1 as const, keys: [] };
  // A key of this host's protection first; else a plaintext one this host can seal better; else a new key.
  const own =
    file.keys.find((k) => k.protection === secrets.protection) ?? file.keys.find((k) => k.protection === 'plaintext');
  let privateKey = own ? tryOpen(secrets, own) : null;
  let chosen = privateKey === null ? undefined : own;
  if (chosen && chosen.protection !== secrets.protection) {
    chosen.sealedPrivateKey = secrets.seal(privateKey!);
    chosen.protection = secrets.protection;
    writeFileDurablySync(path, JSON.stringify(file, null, 2));
  }
  if (!chosen) {
    const pair = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    privateKey = pair.privateKey;
    chosen = {
      publicKey: pair.publicKey,
      sealedPrivateKey: secrets.seal(pair.privateKey),
      protection: secrets.protection,
      createdAt: now,
    };
    file.keys.push(chosen);
    writeFileDurablySync(path, JSON.stringify(file, null, 2));
  }
  return {
    publicKey: chosen.publicKey,
    privateKey: privateKey!,
    protection: chosen.protection,
    publicKeys: file.keys.map((k) => k.publicKey),
  };
}

/** The public halves only (what verify needs): for the audit:verify command, which holds no secrets. */
export function readAuditPublicKeys(dataDir: string): string[] {
  return read(join(dataDir, AUDIT_KEY_FILE))?.keys.map((k) => k.publicKey) ?? [];
}
