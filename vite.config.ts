// One config for the renderer build (root: renderer/, output: build/renderer with relative paths, so the same
// files load from the desktop app's app:// scheme and from browser mode) and for vitest (root: the project).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./build/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
  test: {
    root: projectRoot,
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 10_000 } },
    // The kill loops and browser tests start the console hundreds of times as child processes (which inherit this);
    // Node's compile cache spares each of them type-stripping and compiling the same modules again (~1 s a start).
    env: { NODE_COMPILE_CACHE: join(tmpdir(), 'seller-console-test-compile-cache') },
    // Inlined so that a test can stand in for the `electron` module it imports (no Electron binary here).
    server: { deps: { inline: ['electron-store'] } },
  },
});
