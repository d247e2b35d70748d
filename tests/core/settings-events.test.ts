// Issue #10.13: device preferences changed in one window reach the others (language, idle lock, notifications).
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../shared/contract/index.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../support/core-fixture.ts';

let fixture: CoreFixture;
afterEach(async () => {
  await fixture.close();
});

describe('settings changed elsewhere', () => {
  it('are announced to every open window, of every person', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    const agent = await loggedIn(fixture.core, 'tangtang');
    const seen: AnyEvent[] = [];
    fixture.core.subscribe(agent, (event) => seen.push(event));
    expect(await fixture.core.dispatch(owner, 'settings.update', { idleLockMinutes: 15 })).toMatchObject({ ok: true });
    expect(await fixture.core.dispatch({ session: null }, 'settings.setLanguage', { language: 'en-US' })).toMatchObject(
      { ok: true },
    );
    const changes = seen
      .filter((e) => e.name === 'settings.changed')
      .map((e) => (e.payload as { settings: { idleLockMinutes: number; language: string } }).settings);
    expect(changes).toMatchObject([{ idleLockMinutes: 15 }, { idleLockMinutes: 15, language: 'en-US' }]);
  });
});
