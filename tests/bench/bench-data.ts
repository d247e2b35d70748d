// Data sets for the benchmarks, written straight into the shops' SQLite files (not timed): an owner who can log
// in, `shops` shops with `conversationsPerShop` conversations of `messagesPerConversation` messages each (every
// third one waiting), and optionally one conversation with a long history.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PEOPLE_DOCUMENT_VERSION } from '../../electron/core/sessions/people-document.ts';
import { createScryptHasher } from '../../electron/core/sessions/password.ts';
import { createFileStorage } from '../../electron/storage/file-storage.ts';
import { migrate } from '../../electron/storage/sqlite/migrations.ts';
import { aPerson, aShopDocument } from '../support/factories.ts';

export const BENCH_PASSWORD = 'bench1234';

export type BenchData = Readonly<{
  shops: number;
  conversationsPerShop: number;
  messagesPerConversation: number;
  /** One conversation in the first shop with this many messages, the most urgent of all (buyer `long-history`). */
  longHistory?: number;
  /** The shops' connector kind (default none). */
  connectorKind?: string;
  /** Orders waiting to ship per shop (paid over the last two days: some overdue, some at risk). */
  ordersPerShop?: number;
}>;

export const shopIdOf = (index: number) => `shop-${String(index + 1).padStart(2, '0')}`;

export async function generateBenchData(root: string, data: BenchData): Promise<void> {
  const storage = createFileStorage(root);
  const passwords = createScryptHasher(10);
  const owner = aPerson({
    id: 'p0',
    login: 'owner',
    displayName: '店主',
    kind: 'owner',
    roleLabel: '店主',
    grants: ['*'],
    passwordHash: await passwords.hash(BENCH_PASSWORD),
  });
  await storage.openPeople(() => ({ schemaVersion: PEOPLE_DOCUMENT_VERSION, people: [owner], lastAudit: null }));
  const now = Date.now();
  for (let s = 0; s < data.shops; s += 1) {
    const id = shopIdOf(s);
    await storage.createShop(id, {
      ...aShopDocument({
        id,
        platform: 'taobao',
        name: `店铺${s + 1}`,
        mainAccount: `main${s}`,
        position: s,
        createdAt: now,
      }),
      connector: { kind: data.connectorKind ?? 'none', credentials: null },
    });
    const path = join(root, 'shops', id, 'shop.sqlite');
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
    migrate(db, path);
    const conversation = db.prepare(
      'INSERT INTO conversations (id, buyer_id, buyer_nick, status, unread, waiting_since, last_text, last_at, updated_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const message = db.prepare('INSERT INTO messages (id, conversation_id, sender, text, at) VALUES (?, ?, ?, ?, ?)');
    db.exec('BEGIN');
    for (let c = 0; c < data.conversationsPerShop; c += 1) {
      const cid = `${id}-c${c}`;
      const at = now - (c % 997) * 60_000;
      const waiting = c % 3 === 0;
      for (let m = 0; m < data.messagesPerConversation; m += 1)
        message.run(
          `${cid}-m${m}`,
          cid,
          m % 2 ? 'agent' : 'buyer',
          `第${m}条：这个面料是纯棉的吗？会起球吗？`,
          at - (data.messagesPerConversation - m) * 1000,
        );
      conversation.run(
        cid,
        `${id}-b${c}`,
        `买家${c}`,
        waiting ? 'waiting' : 'active',
        waiting ? 1 : 0,
        waiting ? at - 5000 : null,
        '会起球吗？',
        at,
        at,
        waiting ? at - 5000 + 180_000 : null,
      );
    }
    if (s === 0 && data.longHistory) {
      const cid = 'long-history';
      const start = now - data.longHistory * 1000;
      for (let m = 0; m < data.longHistory; m += 1)
        message.run(
          `lh-m${m}`,
          cid,
          m % 2 ? 'agent' : 'buyer',
          `第${m}条：${m % 2 ? '亲，我帮您看一下～' : '这件衣服什么时候发货？'}`,
          start + m * 1000,
        );
      const last = start + (data.longHistory - 1) * 1000;
      // Waiting for 100 days: the first row of the Waiting tab.
      const since = now - 100 * 86_400_000;
      conversation.run(
        cid,
        'long-history',
        '老顾客',
        'waiting',
        1,
        since,
        `第${data.longHistory - 1}条`,
        last,
        now,
        since + 180_000,
      );
    }
    const order = db.prepare(
      `INSERT INTO orders (id, buyer_id, sku, title, amount_fen, paid_at, ship_by, status, status_at, quantity, courier,
         consignee_name, consignee_phone, address, buyer_note)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'awaiting_shipment', ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let o = 0; o < (data.ordersPerShop ?? 0); o += 1) {
      const paid = now - ((o * 7_919_000) % (60 * 3_600_000));
      order.run(
        `${id}-o${o}`,
        `${id}-b${o % 500}`,
        `SKU-${o % 300}`,
        `纯棉短袖T恤 ${o % 50} 号款`,
        3_900 + ((o * 31) % 20_000),
        paid,
        paid + 48 * 3_600_000,
        paid,
        1 + (o % 3),
        ['顺丰速运', '中通快递', '圆通速递'][o % 3]!,
        ['林小姐', '王先生', '陈女士'][o % 3]!,
        `138${String(o).padStart(8, '0')}`,
        `浙江省 杭州市 西湖区 文三路 ${o % 300} 号`,
        o % 5 === 0 ? '请发顺丰' : '',
      );
    }
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
  }
}
