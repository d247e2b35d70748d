// The app itself: what this build is and has, and the storage notices people must read.
import { z } from 'zod';
import { empty, ShopId, Timestamp } from './common.ts';
import { defineMethods, query } from './define.ts';

/**
 * A storage event people must know about: a corrupt file was quarantined and its newest good backup restored, or a
 * shop's whole folder was damaged or half-made and was moved aside so that the console could start.
 */
export const StorageNotice = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('document_restored'),
    shopId: ShopId.nullable(),
    file: z.string(),
    quarantinedAs: z.string(),
    restoredFrom: z.string(),
    at: Timestamp,
  }),
  z.object({
    kind: z.literal('shop_quarantined'),
    shopId: ShopId,
    /** The shop's name when its document could still be read. */
    shopName: z.string().nullable(),
    quarantinedAs: z.string(),
    reason: z.string(),
    at: Timestamp,
  }),
]);
export type StorageNotice = z.infer<typeof StorageNotice>;

export const DemoAccount = z.object({ login: z.string(), displayName: z.string(), roleLabel: z.string() });

export const AppInfo = z.object({
  version: z.string(),
  /** Demo data is present: the login page says so and lists the demo logins. */
  demo: z.boolean(),
  demoAccounts: z.array(DemoAccount),
  demoPassword: z.string().nullable(),
  /** Connector kinds this build has (the embedded demo platform; real bridges later). */
  connectorKinds: z.array(z.string()),
  secretProtection: z.enum(['os', 'plaintext']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appMethods = defineMethods('app', {
  'app.info': query(empty, AppInfo, 'public'),
  'app.notices': query(empty, z.array(StorageNotice), 'session'),
});
