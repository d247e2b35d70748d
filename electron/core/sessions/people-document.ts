// The people who can log in on this machine (`people.json`): the owner (main-account holder) and staff, with
// scrypt password hashes and the shops where each holds a sub-account.
import { z } from 'zod';
import { GrantSchema, ShopId } from '../../../shared/contract/index.ts';

export const PEOPLE_DOCUMENT_VERSION = 1;

export const Person = z.object({
  id: z.string(),
  login: z.string().min(1).max(64),
  displayName: z.string().min(1).max(60),
  kind: z.enum(['owner', 'staff']),
  roleLabel: z.string().max(40),
  grants: z.array(GrantSchema),
  passwordHash: z.string(),
  /** scrypt hash of the person's unlock PIN; null until they set one. */
  pinHash: z.string().nullable().default(null),
  subAccounts: z.array(z.object({ shopId: ShopId, name: z.string().min(1).max(64) })),
  demo: z.boolean(),
  disabled: z.boolean(),
});
export type Person = z.infer<typeof Person>;

export const PeopleDocument = z.object({
  schemaVersion: z.literal(PEOPLE_DOCUMENT_VERSION),
  people: z.array(Person),
});
export type PeopleDocument = z.infer<typeof PeopleDocument>;
