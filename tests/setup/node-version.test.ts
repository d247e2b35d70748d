// The project's scripts run under the Node that `npm install` brought (the `node` dev dependency), whatever Node
// the machine has: `npm test` on a machine with Node 20 runs here under Node 24.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  devDependencies: Record<string, string>;
  engines: { node: string };
};

describe('the Node the tests run under', () => {
  it('is the pinned Node 24 from the dev dependencies', () => {
    expect(manifest.devDependencies.node).toMatch(/^24\.\d+\.\d+$/);
    expect(process.versions.node).toBe(manifest.devDependencies.node);
  });
});
