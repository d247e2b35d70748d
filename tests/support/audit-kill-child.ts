// Child of the audit kill loop: runs the real core on a data folder and keeps issuing audited commands — a note on a
// chat (SQLite data), a shop's inbox setting (the shop document) and the owner's phrases (people.json) — printing
// `C <n>` after each one returns. The parent kills it with SIGKILL at a random moment.
import { loggedIn, startCoreFixture } from './core-fixture.ts';

const [dataDir, startArg] = process.argv.slice(2) as [string, string];
let n = Number(startArg);
const fixture = await startCoreFixture({ dataDir, messagesPerMinute: 120, idPrefix: `r${startArg}-` });
await fixture.run(30_000);
const owner = await loggedIn(fixture.core, 'owner');
const list = await fixture.core.dispatch(owner, 'inbox.listConversations', {
  shopId: 'jd-mianyu',
  view: 'recent',
  limit: 500,
});
if (!list.ok) throw new Error(list.error.code);
const chat = (list.value as { id: string }[]).map((c) => c.id).sort()[0]!;
process.stdout.write(`READY ${chat}\n`);
for (;;) {
  n += 1;
  const results = await Promise.all([
    fixture.core.dispatch(owner, 'inbox.setNote', {
      shopId: 'jd-mianyu',
      conversationId: chat,
      note: `note-${n}`,
      tags: [],
    }),
    fixture.core.dispatch(owner, 'shops.updateInbox', { shopId: 'jd-mianyu', warnAfterSeconds: 60 + (n % 3000) }),
    fixture.core.dispatch(owner, 'inbox.setMyPhrases', {
      quickPhrases: Array.from({ length: (n % 20) + 1 }, (_, i) => ({
        code: `p${i}`,
        group: '我的',
        text: `短语${n}`,
      })),
    }),
  ]);
  for (const r of results) if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  process.stdout.write(`C ${n}\n`);
}
