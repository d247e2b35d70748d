// SIGKILL during audited commands: afterwards (once the console has started again) there is never a data change
// without its audit entry and never an entry without its change — for data in SQLite (a chat's note, written in one
// transaction with its entry) and for documents (shop.json, people.json: the entry is stored in the document's own
// write and replayed into the log at start).
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../electron/connectors/demo-platform/seeded-random.ts';
import { verifyDataDir } from '../../electron/tools/audit-verify.ts';
import { makeTempDir, startCoreFixture } from '../support/core-fixture.ts';

const KILLS = 40;

/** Documents whose last change is not (yet) in their log: a kill came between the document's write and the log's. */
function orphans(dataDir: string): string[] {
  const found: string[] = [];
  const check = (docPath: string, dbPath: string) => {
    let id: string | undefined;
    try {
      id = (JSON.parse(readFileSync(docPath, 'utf8')) as { lastAudit?: { id: string } | null }).lastAudit?.id;
    } catch {
      return;
    }
    if (id === undefined) return;
    const db = new DatabaseSync(dbPath, { readOnly: true });
    try {
      if (db.prepare('SELECT 1 FROM audit_entries WHERE id = ?').get(id) === undefined) found.push(id);
    } finally {
      db.close();
    }
  };
  check(join(dataDir, 'shops', 'jd-mianyu', 'shop.json'), join(dataDir, 'shops', 'jd-mianyu', 'shop.sqlite'));
  check(join(dataDir, 'people.json'), join(dataDir, 'org.sqlite'));
  return found;
}

function runAndKill(
  dataDir: string,
  start: number,
  killAfterMs: number,
): Promise<{ chat: string | null; acked: number[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['tests/support/audit-kill-child.ts', dataDir, String(start)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = { chat: null as string | null, acked: [] as number[], stderr: '' };
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('READY ')) {
          run.chat = line.slice(6);
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (line.startsWith('C ')) run.acked.push(Number(line.slice(2)));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('exit', () => resolve(run));
  });
}

type Entry = { action: string; changes: string };
const latest = (db: DatabaseSync, action: string) =>
  db.prepare('SELECT action, changes FROM audit_entries WHERE action = ? ORDER BY seq DESC LIMIT 1').get(action) as
    Entry | undefined;

describe('audit kill loop', () => {
  it(
    `keeps every change with its entry through ${KILLS} SIGKILLs during audited commands`,
    { timeout: 600_000 },
    async () => {
      const dataDir = await makeTempDir('seller-console-audit-kill-');
      const random = createRandom(20261201);
      let next = 0;
      let chat: string | null = null;
      let acked = 0;
      const pending = new Set<string>();
      let windowsHit = 0;
      const entryIn = (id: string) =>
        [join(dataDir, 'shops', 'jd-mianyu', 'shop.sqlite'), join(dataDir, 'org.sqlite')].some((path) => {
          const db = new DatabaseSync(path, { readOnly: true });
          try {
            return db.prepare('SELECT 1 FROM audit_entries WHERE id = ?').get(id) !== undefined;
          } finally {
            db.close();
          }
        });
      try {
        for (let kill = 0; kill < KILLS; kill += 1) {
          const run = await runAndKill(dataDir, next, random.int(20, 400));
          expect(run.chat, `run ${kill} did not start: ${run.stderr}`).not.toBeNull();
          // What the previous kill left without its entry was replayed when this run started.
          for (const id of pending) expect(entryIn(id), `entry ${id} was not replayed`).toBe(true);
          pending.clear();
          chat = run.chat;
          acked += run.acked.length;
          next += 100_000;
          for (const id of orphans(dataDir)) {
            pending.add(id);
            windowsHit += 1;
          }
        }
        expect(acked).toBeGreaterThan(KILLS);
        console.info(`audit kill loop: ${windowsHit} kills landed between a document's write and its log's`);
        // One more start: what a stop left between a document and its log is replayed now.
        const last = await startCoreFixture({ dataDir, messagesPerMinute: 0, idPrefix: 'final-' });
        await last.core.stop();
        for (const id of pending) expect(entryIn(id), `entry ${id} was not replayed`).toBe(true);

        const shopDb = new DatabaseSync(join(dataDir, 'shops', 'jd-mianyu', 'shop.sqlite'), { readOnly: true });
        const orgDb = new DatabaseSync(join(dataDir, 'org.sqlite'), { readOnly: true });
        try {
          // SQLite data: the note stored is the one the newest setNote entry says, and every note entry is distinct.
          const note = (shopDb.prepare('SELECT note FROM conversations WHERE id = ?').get(chat) as { note: string })
            .note;
          const noteEntry = latest(shopDb, 'inbox.setNote');
          expect(noteEntry, 'a note without its entry').toBeDefined();
          expect(JSON.parse(noteEntry!.changes).note.to).toBe(note);
          // A document: shop.json holds the value of the newest updateInbox entry, and its own entry is in the log.
          const shopDoc = JSON.parse(readFileSync(join(dataDir, 'shops', 'jd-mianyu', 'shop.json'), 'utf8')) as {
            inbox: { warnAfterSeconds: number };
            lastAudit: { id: string };
          };
          const inboxEntry = latest(shopDb, 'shops.updateInbox');
          expect(JSON.parse(inboxEntry!.changes).warnAfterSeconds.to).toBe(shopDoc.inbox.warnAfterSeconds);
          expect(
            shopDb.prepare('SELECT count(*) AS c FROM audit_entries WHERE id = ?').get(shopDoc.lastAudit.id),
          ).toEqual({ c: 1 });
          // people.json and the organisation's log.
          const people = JSON.parse(readFileSync(join(dataDir, 'people.json'), 'utf8')) as {
            people: { login: string; quickPhrases: unknown[] }[];
            lastAudit: { id: string };
          };
          const phrasesEntry = latest(orgDb, 'inbox.setMyPhrases');
          expect(JSON.parse(phrasesEntry!.changes).quickPhrases.to).toBe(
            people.people.find((p) => p.login === 'owner')!.quickPhrases.length,
          );
          expect(
            orgDb.prepare('SELECT count(*) AS c FROM audit_entries WHERE id = ?').get(people.lastAudit.id),
          ).toEqual({ c: 1 });
          // Every entry id once (a replay never writes an entry twice).
          for (const db of [shopDb, orgDb])
            expect(db.prepare('SELECT count(*) - count(DISTINCT id) AS dup FROM audit_entries').get()).toEqual({
              dup: 0,
            });
        } finally {
          shopDb.close();
          orgDb.close();
        }
        // And every chain is whole: the kills cut no entry in half and broke no link.
        for (const report of await verifyDataDir(dataDir)) expect(report, report.log).toMatchObject({ problems: [] });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
