import { describe, expect, it } from 'vitest';
import { trimConversations } from '../../renderer/src/store/conversation-window.ts';
import { aConversation } from '../support/factories.ts';

describe('the renderer’s conversation window', () => {
  it('keeps what a person needs — open, held by me, most urgent, most recent — and drops the rest past the cap', () => {
    const map = new Map();
    for (let i = 0; i < 100; i += 1) {
      const waiting = i % 2 === 0;
      map.set(`c${i}`, aConversation({ id: `c${i}`, shopId: 's', updatedAt: 1000 + i, waitingSince: waiting ? 500 + i : null, assigneeId: i === 3 ? 'me' : null }));
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
