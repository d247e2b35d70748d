// Crash safety: a writer is killed with SIGKILL at random moments, at least 200 times. Every write it had
// acknowledged must be there afterwards, and every file must open (the next child opens them each time).
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { ShopDocument } from '../../electron/core/shops/shop-document.ts';
import { openJsonDocument } from '../../electron/storage/json-document.ts';
import { createRandom } from '../../electron/connectors/demo-platform/seeded-random.ts';
import { makeTempDir } from '../support/core-fixture.ts';

const KILLS = 200;

type ChildRun = { messages: number[]; documentEdits: number[]; ready: boolean; stderr: string };

function runAndKill(dataDir: string, start: number, killAfterMs: number): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['tests/support/kill-loop-child.ts', dataDir, String(start)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { messages: [], documentEdits: [], ready: false, stderr: '' };
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // only complete lines count as acknowledged
      for (const line of lines) {
        if (line === 'READY') {
          run.ready = true;
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (line.startsWith('M ')) run.messages.push(Number(line.slice(2)));
        else if (line.startsWith('D ')) run.documentEdits.push(Number(line.slice(2)));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('exit', () => resolve(run));
  });
}

describe('kill loop', () => {
  it(`keeps every acknowledged write through ${KILLS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const dataDir = await makeTempDir('seller-console-kill-');
    const random = createRandom(20261122);
    const acknowledged = new Set<number>();
    let lastDocumentEdit = -1;
    let next = 0;
    try {
      for (let kill = 0; kill < KILLS; kill += 1) {
        const run = await runAndKill(dataDir, next, random.int(0, 60));
        // A child that could not open the files would never say READY: every file must open after every kill.
        expect(run.ready, `run ${kill} did not open the files: ${run.stderr}`).toBe(true);
        for (const n of run.messages) acknowledged.add(n);
        if (run.documentEdits.length > 0) lastDocumentEdit = Math.max(lastDocumentEdit, ...run.documentEdits);
        next += 100_000;
      }
      expect(acknowledged.size).toBeGreaterThan(KILLS * 10);

      const db = new DatabaseSync(join(dataDir, 'shops', 'kill-shop', 'shop.sqlite'));
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      const stored = new Set(
        (db.prepare('SELECT id FROM messages').all() as { id: string }[]).map((row) => Number(row.id.slice(1))),
      );
      db.close();
      const missing = [...acknowledged].filter((n) => !stored.has(n));
      expect(missing).toEqual([]);

      const doc = await openJsonDocument(join(dataDir, 'shops', 'kill-shop', 'shop.json'), {
        schema: ShopDocument,
        version: 1,
        initial: null,
      });
      expect(doc.recovery).toBeNull();
      expect(Number(doc.data.profile.name)).toBeGreaterThanOrEqual(lastDocumentEdit);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
