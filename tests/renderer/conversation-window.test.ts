import { describe, expect, it } from 'vitest';
import { heldRows } from '../../renderer/src/components/inbox/held-rows.ts';
import { trimConversations } from '../../renderer/src/store/conversation-window.ts';
import { aConversation } from '../support/factories.ts';

describe('the renderer’s conversation window', () => {
  it('keeps what a person needs — open, held by me, most urgent, most recent — and drops the rest past the cap', () => {
    const map = new Map();
    for (let i = 0; i < 100; i += 1) {
      const waiting = i % 2 === 0;
      map.set(
        `c${i}`,
        aConversation({
          id: `c${i}`,
          shopId: 's',
          updatedAt: 1000 + i,
          waitingSince: waiting ? 500 + i : null,
          assigneeId: i === 3 ? 'me' : null,
        }),
      );
    }
    const kept = trimConversations(map, { me: 'me', pinned: new Set(['c1']), cap: 40 });
    expect(kept.size).toBe(30);
    expect(kept.has('c1')).toBe(true); // open
    expect(kept.has('c3')).toBe(true); // mine
    expect(kept.has('c0')).toBe(true); // most urgent (waited longest)
    expect(kept.has('c99')).toBe(true); // most recent
    expect(kept.has('c51')).toBe(false); // neither
  });

  it('does nothing below the cap', () => {
    const map = new Map([['a', aConversation({ id: 'a', shopId: 's' })]]);
    expect(trimConversations(map, { me: null, pinned: new Set(), cap: 10 })).toBe(map);
  });
});

describe('a list that holds still under the pointer', () => {
  it('keeps the order it had, shows each chat as it is now, and counts the arrivals', () => {
    const a = aConversation({ id: 'a', shopId: 's' });
    const b = aConversation({ id: 'b', shopId: 's' });
    const c = aConversation({ id: 'c', shopId: 's' });
    const bNow = { ...b, unread: 3 };
    const conversations = new Map([
      ['a', a],
      ['b', bNow],
      ['c', c],
    ]);
    // Live order moved b to the top and brought c in; held, the rows stay a, b (b updated), c is counted.
    const held = heldRows(['a', 'b'], [bNow, c, a], conversations);
    expect(held.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(held.rows[1]!.unread).toBe(3);
    expect(held.fresh).toBe(1);
    // A chat that left the window drops out rather than showing stale.
    expect(heldRows(['a', 'gone'], [a], conversations).rows.map((r) => r.id)).toEqual(['a']);
  });
});
