// The audit export: what the filter shows, as CSV with a BOM, cells a spreadsheet would run neutralised, capped
// with the cap said, and the export itself in the log.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_MAX_ROWS } from '../../../shared/contract/index.ts';
import { ORG_LOG, type AuditDraft } from '../../../electron/core/ports.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

let fixture: CoreFixture;
beforeAll(async () => {
  fixture = await startCoreFixture({ messagesPerMinute: 0 });
});
afterAll(() => fixture.close());

const draft = (i: number, actorName: string): AuditDraft => ({
  id: `seeded_${i}`,
  at: 1_000 + i,
  actorId: 'p-x',
  actorName,
  connectionId: 'ws-9',
  origin: 'ws',
  shopId: null,
  action: 'settings.update',
  targetKind: 'settings',
  targetId: 'device',
  changes: JSON.stringify({ idleLockMinutes: { from: 5, to: 10 } }),
});

describe('audit.export', () => {
  it('neutralises formula cells and states the cap', async () => {
    await fixture.ports.streams.write(ORG_LOG, {
      audit: [
        draft(0, '=HYPERLINK("http://evil","点我")'),
        ...Array.from({ length: AUDIT_EXPORT_MAX_ROWS + 5 }, (_, i) => draft(i + 1, '小林')),
      ],
    });
    const owner = await loggedIn(fixture.core, 'owner');
    const narrow = await fixture.core.dispatch(owner, 'audit.export', { log: 'org', actorId: 'p-x', to: 1_000 });
    expect(narrow).toMatchObject({ ok: true, value: { rows: 1, truncated: false } });
    const csv = (narrow as { value: { csv: string } }).value.csv;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[1]![2]).toBe('\'=HYPERLINK("http://evil","点我")');

    const all = await fixture.core.dispatch(owner, 'audit.export', { log: 'org' });
    expect(all).toMatchObject({ ok: true, value: { rows: AUDIT_EXPORT_MAX_ROWS, truncated: true } });
    await fixture.core.flush();
    const exports = fixture.ports.streams.auditEntries(
      ORG_LOG,
      { actorId: null, action: 'audit.export', shopId: null, from: null, to: null, text: null },
      0,
      5,
    );
    expect(exports.total).toBe(2);
  });

  it('an agent exports only her own entries', async () => {
    const agent = await loggedIn(fixture.core, 'xiaolin');
    const result = await fixture.core.dispatch(agent, 'audit.export', { log: 'org' });
    expect(result.ok).toBe(true);
    const rows = Papa.parse<string[]>((result as { value: { csv: string } }).value.csv.slice(1), {
      skipEmptyLines: true,
    }).data.slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([(agent.session as { userId: string }).userId]));
  });
});
