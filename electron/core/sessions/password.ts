// Password hashing with scrypt (node:crypto). The encoded form carries its parameters, so the cost can be raised
// later without invalidating stored hashes: `scrypt$N$r$p$salt$hash` (salt and hash base64url).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../ports.ts';

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `cost` is log2(N); 15 (32 MiB, tens of ms) in the product, lower only in tests. */
export function createScryptHasher(cost = 15): PasswordHasher {
  const N = 2 ** cost;
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, { N, r: 8, p: 1 });
      return ['scrypt', N, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(password, encoded) {
      const parts = encoded.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
      if (![n, r, p].every(Number.isSafeInteger)) return false;
      const expected = Buffer.from(parts[5]!, 'base64url');
      const key = await derive(password, Buffer.from(parts[4]!, 'base64url'), { N: n, r, p });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}
