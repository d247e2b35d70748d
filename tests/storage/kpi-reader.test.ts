// The reports' reads of a shop database: the messages counted from the rows must be what countMessages makes of the
// same messages (the definition the day sheets are tested with), transfers included, other system notes left out.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/contract/index.ts';
import { countMessages, type MessageFact } from '../../shared/domain/reports/kpi.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { makeTempDir } from '../support/core-fixture.ts';
import { aMessage } from '../support/factories.ts';

describe('the KPI reader', () => {
  it('counts a day of messages per conversation as countMessages does', async () => {
    const root = await makeTempDir();
    await mkdir(join(root, 'shops', 'shop-a'), { recursive: true });
    const streams = createShopStreams(root);
    try {
      await streams.open('shop-a');
      let n = 0;
      const msg = (conversationId: string, from: Message['from'], at: number, extra: Partial<Message> = {}) =>
        aMessage({ id: `m${(n += 1)}`, conversationId, shopId: 'shop-a', from, at, text: `第${n}条`, ...extra });
      const messages: Message[] = [
        msg('c1', 'buyer', 1000),
        msg('c1', 'agent', 1100, { authorId: null }), // the platform's bot
        msg('c1', 'agent', 1200, { authorId: 'amy' }),
        msg('c1', 'buyer', 1300),
        msg('c1', 'system', 1350, {
          kind: 'system',
          authorId: 'amy',
          ref: JSON.stringify({ event: 'transfer', fromId: 'amy', toId: 'bo' }),
        }),
        msg('c1', 'agent', 1400, { authorId: 'bo' }),
        msg('c1', 'system', 1450, { kind: 'system', authorId: 'bo', ref: JSON.stringify({ event: 'takeover' }) }),
        msg('c2', 'buyer', 1500),
        msg('c2', 'agent', 1600, { authorId: 'amy' }),
        msg('c2', 'agent', 1700, { authorId: 'amy' }),
        msg('c3', 'buyer', 5000), // outside the range read
      ];
      await streams.write('shop-a', { messages });
      const facts: MessageFact[] = messages
        .filter((m) => m.at < 2000)
        .map((m) => {
          const event = m.ref ? (JSON.parse(m.ref) as { event: string; fromId?: string; toId?: string }) : null;
          return {
            conversationId: m.conversationId,
            from: m.from,
            authorId: m.authorId,
            at: m.at,
            ...(event?.event === 'transfer' ? { transfer: { fromId: event.fromId!, toId: event.toId! } } : {}),
          };
        });
      const read = streams.kpi('shop-a').messages(0, 2000);
      expect(read).toEqual(countMessages(facts));
      // Worked by hand: c1 has 2 buyer messages (first at 1000), one each of amy and bo (the bot's not counted), bo
      // the last; one transfer (the take-over note counts for nothing); c2 two of amy's; c3 is another day.
      expect(read.conversations.get('c1')).toEqual({
        buyerMessages: 2,
        firstBuyerAt: 1000,
        agents: new Map([
          ['amy', 1],
          ['bo', 1],
        ]),
        lastAgent: 'bo',
        lastAgentAt: 1400,
      });
      expect(read.conversations.get('c2')?.agents).toEqual(new Map([['amy', 2]]));
      expect(read.conversations.has('c3')).toBe(false);
      expect(read.transfers).toEqual([{ conversationId: 'c1', fromId: 'amy', toId: 'bo' }]);
    } finally {
      await streams.closeAll();
      await rm(root, { recursive: true, force: true });
    }
  });
});
