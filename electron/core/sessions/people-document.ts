// The people who can log in on this machine (`people.json`): the owner (main-account holder) and staff, with
// scrypt password hashes and the shops where each holds a sub-account.
import { z } from 'zod';
import { DEFAULT_GROUPS, GrantSchema, QuickPhrase, RoutingGroup, ShopId } from '../../../shared/contract/index.ts';
import { StoredAuditEntry } from '../audit/stored-entry.ts';

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
  /** How routing treats this person; null: the defaults for their kind (see `routingOf`). */
  routing: z
    .object({
      optIn: z.boolean(),
      capacity: z.number().int().min(0).max(50),
      weight: z.number().int().min(1).max(1000),
      groups: z.array(RoutingGroup).max(10),
    })
    .nullable()
    .default(null),
  /** Personal quick phrases, shown after the shop's. */
  quickPhrases: z.array(QuickPhrase).max(100).default([]),
});
export type Person = z.infer<typeof Person>;
export type RoutingProfile = NonNullable<Person['routing']>;

/**
 * Staff take part in routing with 5 concurrent chats at weight 300 in both groups; the owner (main account) does
 * not, but can hold up to 50 chats when a shop sends chats to the main account while nobody is online.
 */
export function routingOf(person: Person): RoutingProfile {
  return person.routing ?? defaultRouting(person.kind);
}

export function defaultRouting(kind: Person['kind']): RoutingProfile {
  return kind === 'owner'
    ? { optIn: false, capacity: 50, weight: 300, groups: [] }
    : { optIn: true, capacity: 5, weight: 300, groups: [...DEFAULT_GROUPS] };
}

export const PeopleDocument = z.object({
  schemaVersion: z.literal(PEOPLE_DOCUMENT_VERSION),
  people: z.array(Person),
  /** The audit entry of the last command that changed this document, written with it (see audit/stored-entry.ts). */
  lastAudit: StoredAuditEntry.nullable().default(null),
});
export type PeopleDocument = z.infer<typeof PeopleDocument>;
