// Who reads whose audit entries (issue #12, DOMAIN.md 日志管理): the owner everyone's and the security events; a
// supervisor with the audit permission the entries of the people below them and their own; anyone else their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, Caller } from '../../../shared/contract/index.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

let fixture: CoreFixture;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
  for (const login of ['owner', 'amy', 'tangtang', 'laowang', 'xiaolin']) {
    callers[login] = await loggedIn(fixture.core, login);
    // Each leaves an entry in the organisation's log.
    const r = await fixture.core.dispatch(callers[login]!, 'settings.setLanguage', { language: 'zh-CN' });
    if (!r.ok) throw new Error(r.error.code);
  }
  await fixture.core.flush();
});
afterAll(() => fixture.close());

async function actorsSeenBy(login: string): Promise<Set<string>> {
  const r = await fixture.core.dispatch(callers[login]!, 'audit.list', { log: 'org', limit: 500 });
  if (!r.ok) throw new Error(r.error.code);
  return new Set((r.value as AuditPage).entries.map((e) => e.actorId ?? ''));
}

describe('audit scope', () => {
  it('gives a supervisor the entries of the people below them, not of others', async () => {
    const id = (login: string) => callers[login]!.session!.userId;
    const amySees = await actorsSeenBy('amy');
    // 客服部's head is Amy: 糖糖 (her direct report) and 小林 (in her department) are below her; 仓管老王 is not.
    expect(amySees.has(id('tangtang'))).toBe(true);
    expect(amySees.has(id('xiaolin'))).toBe(true);
    expect(amySees.has(id('amy'))).toBe(true);
    expect(amySees.has(id('laowang'))).toBe(false);
    expect(amySees.has(id('owner'))).toBe(false);
    // Asking for someone outside the group by name gives nothing.
    const r = await fixture.core.dispatch(callers.amy!, 'audit.list', { log: 'org', actorId: id('laowang') });
    expect(r.ok && (r.value as AuditPage).total).toBe(0);
    expect(await fixture.core.dispatch(callers.amy!, 'audit.list', { log: 'security' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('gives the owner everyone, and an agent only herself', async () => {
    const ownerSees = await actorsSeenBy('owner');
    for (const login of ['owner', 'amy', 'tangtang', 'laowang', 'xiaolin'])
      expect(ownerSees.has(callers[login]!.session!.userId)).toBe(true);
    expect([...(await actorsSeenBy('tangtang'))]).toEqual([callers.tangtang!.session!.userId]);
  });
});
