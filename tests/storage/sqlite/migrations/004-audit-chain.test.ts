import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../../electron/storage/sqlite/migrations.ts';
import { createShopStreams } from '../../../../electron/storage/sqlite/shop-streams.ts';
import { makeTempDir } from '../../../support/core-fixture.ts';
import { columns, databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 004: the audit chain', () => {
  it('replaces the free-text audit table by the chain, checkpoints and security events, keeping the old rows aside', () => {
    const db = databaseAt(3);
    db.prepare(
      "INSERT INTO audit_log (at, actor, action, details) VALUES (7, 'system', 'storage.documentRestored', '{}')",
    ).run();
    upgrade(db, 4);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['audit_entries', 'audit_checkpoints', 'security_events', 'audit_carry']),
    );
    expect(tables(db)).not.toContain('audit_log');
    expect(columns(db, 'audit_entries')).toEqual(
      expect.arrayContaining([
        'n',
        'actor_id',
        'connection_id',
        'origin',
        'target_kind',
        'changes',
        'prev_hash',
        'hash',
      ]),
    );
    expect(db.prepare('SELECT at, actor, action FROM audit_carry').all()).toEqual([
      { at: 7, actor: 'system', action: 'storage.documentRestored' },
    ]);
  });

  it('chains the carried rows when the shop opens, once, and the log verifies', async () => {
    const root = await makeTempDir();
    try {
      mkdirSync(join(root, 'shops', 'old-shop'), { recursive: true });
      const path = join(root, 'shops', 'old-shop', 'shop.sqlite');
      const old = new DatabaseSync(path);
      migrate(old, path, MIGRATIONS.slice(0, 3));
      old
        .prepare(
          "INSERT INTO audit_log (at, actor, action, details) VALUES (7, 'system', 'storage.documentRestored', '{\"file\":\"shop.json\"}')",
        )
        .run();
      old.close();
      for (let open = 0; open < 2; open += 1) {
        const streams = createShopStreams(root);
        await streams.open('old-shop');
        const page = streams.auditEntries(
          'old-shop',
          { actorId: null, action: null, shopId: null, from: null, to: null, text: null },
          0,
          10,
        );
        expect(page.rows).toEqual([
          expect.objectContaining({ n: 1, at: 7, action: 'storage.documentRestored', origin: 'system' }),
        ]);
        expect(await streams.verifyAudit('old-shop')).toMatchObject({ entries: 1, problems: [] });
        await streams.closeAll();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
