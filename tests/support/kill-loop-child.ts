// Child of the kill-loop test: appends messages to a shop's SQLite streams and edits the shop document, printing
// `M <n>` / `D <n>` only once each write is durable. The parent kills it with SIGKILL at a random moment.
import { createFileStorage } from '../../electron/storage/file-storage.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { aConversation, aMessage, aShopDocument } from './factories.ts';

const [dataDir, startArg] = process.argv.slice(2) as [string, string];
const SHOP = 'kill-shop';
let next = Number(startArg);

const storage = createFileStorage(dataDir);
const ids = await storage.listShopIds();
const doc = ids.includes(SHOP)
  ? await storage.openShop(SHOP)
  : await storage.createShop(
      SHOP,
      aShopDocument({
        id: SHOP,
        platform: 'jd',
        name: '0',
        mainAccount: 'kill',
        sellerLevel: 'heart',
        colour: '#123456',
      }),
    );
const streams = createShopStreams(dataDir);
await streams.open(SHOP);
process.stdout.write('READY\n');

function writeMessage(n: number): Promise<void> {
  const conversationId = `c${n % 37}`;
  return streams
    .write(SHOP, {
      conversations: [
        aConversation({
          id: conversationId,
          shopId: SHOP,
          buyer: { id: `b${n % 37}`, nick: 'x' },
          lastMessage: { text: `m${n}`, at: n },
          unread: 1,
          waitingSince: n,
          updatedAt: n,
        }),
      ],
      messages: [aMessage({ id: `m${n}`, conversationId, shopId: SHOP, text: `message ${n}`, at: n })],
    })
    .then(() => void process.stdout.write(`M ${n}\n`));
}

// Keep about 40 messages in flight, and edit the document (its name holds a counter) one edit at a time.
let inFlight = 0;
const pump = () => {
  while (inFlight < 40) {
    inFlight += 1;
    const n = next++;
    void writeMessage(n).finally(() => {
      inFlight -= 1;
      setImmediate(pump);
    });
  }
};
pump();
for (;;) {
  const n = next++;
  await doc.update((draft) => {
    draft.profile.name = String(n);
  });
  process.stdout.write(`D ${n}\n`);
}
