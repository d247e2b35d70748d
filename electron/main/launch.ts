// `npm start`: launches the built app in Electron. Where the Electron binary cannot be fetched (no network to
// its download host), it says so in one sentence and points to browser mode instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

let electronPath: string;
try {
  // The electron package resolves to its binary's path, downloading the binary on first use.
  electronPath = require('electron') as string;
} catch {
  console.error('\nThe Electron binary is not installed and could not be downloaded here, so the desktop window cannot open; run `npm run serve` to use Seller Console in your browser instead.');
  process.exit(1);
}

const child = spawn(electronPath, [projectRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
