// The secret store where no OS keychain is reachable (browser mode, tests): credentials are only encoded, not
// encrypted, and the protection level says so — Settings tells the user plainly.
import type { SecretStore } from '../../core/ports.ts';

export const plaintextSecrets: SecretStore = {
  protection: 'plaintext',
  seal: (plain) => Buffer.from(plain, 'utf8').toString('base64'),
  open: (sealed) => Buffer.from(sealed, 'base64').toString('utf8'),
};
