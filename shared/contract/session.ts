// Sessions: logging in and out, locking the desk, resuming after a reload.
import { z } from 'zod';
import { empty, GrantSchema, ShopId } from './common.ts';
import { command, defineMethods, event, query } from './define.ts';

export const SessionInfo = z.object({
  userId: z.string(),
  login: z.string(),
  displayName: z.string(),
  kind: z.enum(['owner', 'staff']),
  roleLabel: z.string(),
  /** Everything the person holds in any shop (what the window offers); a call is checked per shop (shopGrants). */
  grants: z.array(GrantSchema),
  /** The grants per shop, from the person's sub-account and roles there (empty for the owner, who holds `*`). */
  shopGrants: z.record(z.string(), z.array(GrantSchema)).default({}),
  /** 'all' for the owner; otherwise the shops where this person holds a sub-account. */
  shopIds: z.union([z.literal('all'), z.array(ShopId)]),
  /** Locked (idle or by hand): nothing but unlock, logout and the public calls until the person unlocks. */
  locked: z.boolean(),
  hasPin: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** A PIN unlocks a locked session on a shared desk: 4 to 8 digits. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

export const sessionMethods = defineMethods('session', {
  'session.login': command(
    z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    SessionInfo,
    'public',
    { log: 'org', target: 'self', redact: ['password'] },
  ),
  'session.current': query(empty, SessionInfo.nullable(), 'public'),
  'session.logout': command(empty, z.null(), 'session', { log: 'org', target: 'self' }, { whenLocked: true }),
  'session.lock': command(empty, SessionInfo, 'session', { log: 'org', target: 'self' }),
  'session.unlock': command(
    z.object({ secret: z.string().min(1).max(256) }).strict(),
    SessionInfo,
    'session',
    { log: 'org', target: 'self', redact: ['secret'] },
    {
      whenLocked: true,
    },
  ),
  'session.setPin': command(
    z.object({ pin: Pin, password: z.string().min(1).max(256) }).strict(),
    SessionInfo,
    'session',
    {
      log: 'org',
      target: 'self',
      redact: ['pin', 'password'],
    },
  ),
  /**
   * Browser mode: a short-lived, single-use token with which this tab resumes its session after a reload (kept in
   * the tab's sessionStorage, never in the URL). Logging out revokes it; a restart of the console ends it. A query:
   * it hands out an in-memory credential every two minutes per tab; the resume that spends it is audited.
   */
  'session.resumeToken': query(empty, z.object({ token: z.string(), expiresAt: z.number().int() }), 'session', {
    whenLocked: true,
  }),
  'session.resume': command(z.object({ token: z.string().min(20).max(100) }).strict(), SessionInfo, 'public', {
    log: 'org',
    target: 'self',
    redact: ['token'],
  }),
});

export const sessionEvents = {
  /** What the person may do changed (the roster): each of their windows takes the new grants and shops. */
  'session.changed': event(z.object({ shopId: z.null(), personId: z.string(), session: SessionInfo }), 'session', {
    toPerson: true,
  }),
} as const;
