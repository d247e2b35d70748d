// The staff roster: people and departments (the organisation, one for all shops), and per shop the sub-accounts
// (`主账号:子账号`), roles over the permission tree and the sub-account quota. Every edit is an operation stamped
// with a hybrid logical clock, applied here at once and queued for the shop's platform, which relays it to the other
// replicas (the platform itself, other consoles). The same field changed on two sides is a conflict kept with both
// values until the owner resolves it.
import { z } from 'zod';
import { empty, GrantSchema, Label, ShopId, Timestamp } from './common.ts';
import { PERMISSIONS } from './permissions.ts';
import { RoutingGroup } from './inbox.ts';
import { command, defineMethods, event, query, type AuditTarget } from './define.ts';

export const SubAccountStatus = z.enum(['active', 'disabled', 'frozen']);
export type SubAccountStatus = z.infer<typeof SubAccountStatus>;
export const PersonStatus = z.enum(['active', 'left']);
export const RosterId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

/** The staff profile (DOMAIN.md). */
export const PersonProfile = z.object({
  displayName: Label(30),
  nickname: z.string().trim().max(30),
  employeeNo: z.string().trim().max(20),
  departmentId: RosterId.nullable(),
  title: z.string().trim().max(30),
  level: z.string().trim().max(20),
  supervisorId: RosterId.nullable(),
  hireDate: IsoDate.nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{0,20}$/, 'a phone number has digits, spaces, + and - only'),
  dingTalkId: z.string().trim().max(64),
  status: PersonStatus,
});
export type PersonProfile = z.infer<typeof PersonProfile>;

export const ExtraGrant = z.object({ grant: GrantSchema, until: Timestamp.nullable() });

/** How routing treats a person in one shop (旺旺分流): in the general queue or not, how much, which groups, whose buyers. */
export const RoutingSettings = z.object({
  optIn: z.boolean(),
  /** Concurrent chats; the person's limit is the largest of their shops' (one person, one screen). */
  capacity: z.number().int().min(0).max(50),
  /** Share of this shop's traffic relative to colleagues (300 vs 100 ≈ 3×). */
  weight: z.number().int().min(1).max(1000),
  groups: z.array(RoutingGroup).max(10),
  /** Buyers (by id) this person serves first in this shop (专属客服). */
  dedicatedBuyers: z.array(z.string().min(1).max(100)).max(200),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;
export type ExtraGrant = z.infer<typeof ExtraGrant>;

export const SubAccount = z.object({
  id: RosterId,
  shopId: ShopId,
  personId: RosterId.nullable(),
  /** The part after the colon. */
  name: z.string(),
  fullName: z.string(),
  status: SubAccountStatus,
  /** A temporary account disables itself at this time and does not count toward the quota. */
  expiresAt: Timestamp.nullable(),
  roleIds: z.array(RosterId),
  extraGrants: z.array(ExtraGrant),
  /** Taken away from this person here whatever their roles and extra grants give (a node denies its subtree). */
  deniedGrants: z.array(z.enum(PERMISSIONS)),
  /** Routing in this shop; null: the person's defaults. */
  routing: RoutingSettings.nullable(),
  /** Fields with an unresolved conflict. */
  conflicts: z.array(z.string()),
  /** Not yet confirmed by the platform (queued, or sent and unanswered). */
  pending: z.boolean(),
});
export type SubAccount = z.infer<typeof SubAccount>;

export const Role = z.object({
  id: RosterId,
  shopId: ShopId,
  name: z.string(),
  permissions: z.array(GrantSchema),
  template: z.string().nullable(),
});
export type Role = z.infer<typeof Role>;

export const Department = z.object({
  id: RosterId,
  name: z.string(),
  parentId: RosterId.nullable(),
  supervisorId: RosterId.nullable(),
});
export type Department = z.infer<typeof Department>;

export const RosterPerson = PersonProfile.extend({
  id: RosterId,
  /** The console login, when this person has one. */
  login: z.string().nullable(),
  kind: z.enum(['owner', 'staff']),
  conflicts: z.array(z.string()),
  subAccounts: z.array(
    z.object({ shopId: ShopId, subAccountId: RosterId, fullName: z.string(), status: SubAccountStatus }),
  ),
  /** May the caller edit this person (the owner; or a supervisor above them)? */
  editable: z.boolean(),
});
export type RosterPerson = z.infer<typeof RosterPerson>;

/** Something only a person can do in the platform's seller centre (its API cannot), with what to do. */
export const ChecklistItem = z.object({
  id: z.string(),
  opId: z.string(),
  at: Timestamp,
  instruction: z.string(),
  done: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** An edit made here that the platform has not confirmed yet. */
export const PendingEdit = z.object({
  opId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** What it is called: the sub-account's full name, the role's name… */
  entityLabel: z.string(),
  field: z.string(),
  value: z.unknown(),
  actorName: z.string().nullable(),
  at: Timestamp,
});
export type PendingEdit = z.infer<typeof PendingEdit>;

/** The pending edits a status lists (the count is always whole). */
export const PENDING_EDITS_LISTED = 50;

export const RosterSyncStatus = z.object({
  shopId: ShopId,
  /** Whether the shop's platform answers (null: this connector keeps no roster). */
  online: z.boolean().nullable(),
  /** Edits made here that the platform has not confirmed yet. */
  pending: z.number().int().nonnegative(),
  /** The oldest of them (at most PENDING_EDITS_LISTED), in the order they will be sent. */
  pendingEdits: z.array(PendingEdit),
  lastSyncAt: Timestamp.nullable(),
  error: z.string().nullable(),
  checklist: z.array(ChecklistItem),
});
export type RosterSyncStatus = z.infer<typeof RosterSyncStatus>;

/**
 * The organisation (people, departments) syncs through one shop's platform: the business's first shop (the oldest,
 * as 千牛's organisation hangs off the main shop's account), so that every console of the business meets there.
 */
export const OrganisationSync = RosterSyncStatus.omit({ shopId: true, checklist: true }).extend({
  /** The shop whose platform carries the organisation; null: no shop yet. */
  viaShopId: ShopId.nullable(),
});
export type OrganisationSync = z.infer<typeof OrganisationSync>;

/** How the shop's platform treats sub-accounts (DOMAIN.md's defaults per platform, or the shop's own). */
export const PlatformRules = z
  .object({
    /** An account is created with a role (JD). */
    roleRequired: z.boolean(),
    /** Each account's person has a phone no other account of the shop uses (Pinduoduo). */
    uniquePhone: z.boolean(),
    /** The employee accepts the grant with their own account (Douyin): said, not checked. */
    employeeAccepts: z.boolean(),
    /** At most this many accounts may export orders (JD: 3); null: no limit. */
    maxOrderExporters: z.number().int().min(1).max(1000).nullable(),
  })
  .strict();
export type PlatformRules = z.infer<typeof PlatformRules>;

export const ShopRoster = z.object({
  shopId: ShopId,
  mainAccount: z.string(),
  subAccounts: z.array(SubAccount),
  roles: z.array(Role),
  quota: z.object({ used: z.number().int(), limit: z.number().int(), free: z.number().int() }),
  /** The platform's sub-account rules as the roster checks them; custom: the shop's own, not the defaults. */
  platformRules: PlatformRules.extend({ custom: z.boolean(), exporters: z.number().int() }),
  sync: RosterSyncStatus,
  /**
   * What routing does with each linked person here when their sub-account has no routing of its own (by person id):
   * their own profile, or the console's default for staff or the owner. The routing form starts from it.
   */
  defaultRouting: z.record(z.string(), RoutingSettings),
});
export type ShopRoster = z.infer<typeof ShopRoster>;

export const ConflictVersion = z.object({
  id: z.string(),
  value: z.unknown(),
  actorName: z.string().nullable(),
  origin: z.string(),
  at: Timestamp,
});
export const RosterConflict = z.object({
  /** The shop whose roster holds the field; null: the organisation (people, departments). */
  shopId: ShopId.nullable(),
  entity: z.enum(['person', 'department', 'subAccount', 'role', 'shop']),
  entityId: z.string(),
  /** What the entity is, for people: a person's name, a sub-account's full name, a role's name. */
  entityLabel: z.string(),
  field: z.string(),
  versions: z.array(ConflictVersion),
});
export type RosterConflict = z.infer<typeof RosterConflict>;

export const GrantReason = z.object({
  grant: GrantSchema,
  /** Where it comes from: a role (its name), an extra grant, or being the owner; 'denied': taken away for this person. */
  source: z.enum(['owner', 'role', 'extra', 'denied']),
  label: z.string(),
  until: Timestamp.nullable(),
});
export const PermissionExplanation = z.object({
  personId: RosterId,
  shopId: ShopId,
  effective: z.array(GrantSchema),
  reasons: z.array(GrantReason),
  /** Risky combinations held (keys of RISKY_COMBINATIONS). */
  risky: z.array(z.string()),
});
export type PermissionExplanation = z.infer<typeof PermissionExplanation>;

/**
 * "View as": what a person would get on logging in now — the session the core would give them, limited to the shops
 * the asker may see. The window's menu follows `grants` (all of them together); each call is checked per shop.
 */
export const ViewAsPreview = z.object({
  personId: RosterId,
  displayName: z.string(),
  kind: z.enum(['owner', 'staff']),
  /** Has a console login that is not disabled; otherwise what their sub-accounts would allow with one. */
  canLogIn: z.boolean(),
  grants: z.array(GrantSchema),
  shops: z.array(z.object({ shopId: ShopId, grants: z.array(GrantSchema) })),
  /** Shops where they hold something that the asker may not see. */
  hiddenShops: z.number().int().nonnegative(),
});
export type ViewAsPreview = z.infer<typeof ViewAsPreview>;

const Reason = z.string().trim().max(200).default('');

export const SheetFormat = z.enum(['csv', 'xlsx']);
/** A spreadsheet as sent by the page: CSV text, or an XLSX file as base64 (within one browser-mode frame). */
export const PeopleFile = z.object({ format: SheetFormat, content: z.string().min(1).max(900_000) }).strict();
export const ImportPreview = z.object({
  creates: z.number().int(),
  updates: z.number().int(),
  unchanged: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), column: z.string(), message: z.string() })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
const personTarget = (_: unknown, output: { id: string }): AuditTarget => ({ kind: 'person', id: output.id });
const subAccountTarget = (input: { subAccountId: string }): AuditTarget => ({
  kind: 'subAccount',
  id: input.subAccountId,
});

/** Which version of a field in conflict the owner keeps. */
const chosenVersion = {
  entityId: z.string().min(1).max(80),
  field: z.string().min(1).max(40),
  versionId: z.string().min(1).max(100),
};

export const rosterMethods = defineMethods('roster', {
  /** Everyone in the caller's shops (the owner: everyone), and the departments. */
  'roster.people': query(
    empty,
    z.object({ people: z.array(RosterPerson), departments: z.array(Department) }),
    'roster.view',
  ),
  'roster.shop': query(z.object({ shopId: ShopId }).strict(), ShopRoster, 'roster.view'),
  /** How the organisation's people and departments sync: through which shop's platform, what waits. */
  'roster.organisationSync': query(empty, OrganisationSync, 'roster.view'),
  /** What a person may do in a shop, and why (roles, extra grants), with risky combinations flagged. */
  'roster.explain': query(
    z.object({ personId: RosterId, shopId: ShopId }).strict(),
    PermissionExplanation,
    'roster.view',
  ),
  /** "View as": the menu and the permissions per shop a person would have on logging in now. */
  'roster.viewAs': query(z.object({ personId: RosterId }).strict(), ViewAsPreview, 'roster.view'),
  /** Fields changed on two sides, waiting for the owner (the organisation's and the caller's shops'). */
  'roster.conflicts': query(empty, z.array(RosterConflict), 'roster.view'),
  /** Creates (personId null) or edits a person; a new person may get a console login. */
  'roster.savePerson': command(
    z
      .object({
        personId: RosterId.nullable(),
        profile: PersonProfile,
        login: z
          .string()
          .trim()
          .regex(/^[a-z0-9_.-]{2,64}$/i, 'a login is 2–64 letters, digits, _ . -')
          .nullable()
          .default(null),
        password: z.string().min(8, 'a password has at least 8 characters').max(256).nullable().default(null),
      })
      .strict(),
    RosterPerson,
    'roster.edit',
    { log: 'org', target: personTarget, redact: ['password'] },
  ),
  'roster.saveDepartment': command(
    z
      .object({
        departmentId: RosterId.nullable(),
        name: Label(30),
        parentId: RosterId.nullable(),
        supervisorId: RosterId.nullable(),
      })
      .strict(),
    Department,
    'roster.edit',
    { log: 'org', target: (_, output) => ({ kind: 'department', id: output.id }) },
  ),
  'roster.createSubAccount': command(
    z
      .object({
        shopId: ShopId,
        personId: RosterId,
        name: z.string().trim().min(1).max(30),
        roleIds: z.array(RosterId).max(20),
        /** A temporary account (a promotion's extra help) until this time; null for a regular one. */
        expiresAt: Timestamp.nullable().default(null),
      })
      .strict(),
    SubAccount,
    'roster.edit',
    { log: 'shop', target: (_, output) => ({ kind: 'subAccount', id: output.id }) },
  ),
  'roster.updateSubAccount': command(
    z
      .object({
        shopId: ShopId,
        subAccountId: RosterId,
        name: z.string().trim().min(1).max(30).optional(),
        roleIds: z.array(RosterId).max(20).optional(),
        extraGrants: z.array(ExtraGrant).max(30).optional(),
        deniedGrants: z.array(z.enum(PERMISSIONS)).max(30).optional(),
        expiresAt: Timestamp.nullable().optional(),
      })
      .strict(),
    SubAccount,
    'roster.edit',
    { log: 'shop', target: subAccountTarget },
  ),
  /** Routing in this shop for the sub-account's person (null: back to their defaults); the router applies it at once. */
  'roster.setRouting': command(
    z.object({ shopId: ShopId, subAccountId: RosterId, routing: RoutingSettings.nullable() }).strict(),
    SubAccount,
    'roster.edit',
    { log: 'shop', target: subAccountTarget },
  ),
  /** Disables or re-enables a sub-account; never deletes it (its chats and history stay readable). */
  'roster.setSubAccountStatus': command(
    z
      .object({ shopId: ShopId, subAccountId: RosterId, status: z.enum(['active', 'disabled']), reason: Reason })
      .strict(),
    SubAccount,
    'roster.edit',
    { log: 'shop', target: subAccountTarget },
  ),
  'roster.saveRole': command(
    z
      .object({
        shopId: ShopId,
        roleId: RosterId.nullable(),
        name: Label(20),
        permissions: z.array(GrantSchema).max(40),
      })
      .strict(),
    Role,
    'roster.edit',
    { log: 'shop', target: (_, output) => ({ kind: 'role', id: output.id }) },
  ),
  /** The shop's sub-account limit (the free quota of its seller level, plus any bought). */
  'roster.setQuota': command(
    z.object({ shopId: ShopId, limit: z.number().int().min(0).max(1000) }).strict(),
    z.object({ used: z.number().int(), limit: z.number().int(), free: z.number().int() }),
    'roster.edit',
    { log: 'shop', target: (input) => ({ kind: 'shop', id: input.shopId }) },
  ),
  /** The shop's own sub-account rules of its platform (null: back to the defaults); the owner only. */
  'roster.setPlatformRules': command(
    z.object({ shopId: ShopId, rules: PlatformRules.nullable() }).strict(),
    ShopRoster.shape.platformRules,
    'roster.edit',
    { log: 'shop', target: (input) => ({ kind: 'shop', id: input.shopId }) },
  ),
  /** Keeps one version of a conflicting shop field (or brings back a replaced one: any version of the field). */
  'roster.resolveConflict': command(
    z
      .object({
        ...chosenVersion,
        shopId: ShopId,
        entity: z.enum(['subAccount', 'role', 'shop']),
      })
      .strict(),
    z.object({ value: z.unknown() }),
    'roster.edit',
    { log: 'shop', target: (input) => ({ kind: input.entity, id: input.entityId }) },
  ),
  /** The owner keeps one version of a person's or a department's field that two consoles changed apart. */
  'roster.resolveOrganisationConflict': command(
    z
      .object({
        ...chosenVersion,
        entity: z.enum(['person', 'department']),
      })
      .strict(),
    z.object({ value: z.unknown() }),
    'roster.edit',
    { log: 'org', target: (input) => ({ kind: input.entity, id: input.entityId }) },
  ),
  /** A leaver: every sub-account disabled, open chats back to the queue, extra grants revoked, the person marked left. */
  'roster.offboard': command(
    z.object({ personId: RosterId, reason: Reason }).strict(),
    z.object({
      disabled: z.array(z.object({ shopId: ShopId, subAccountId: RosterId })),
      checklist: z.array(z.string()),
    }),
    'roster.edit',
    { log: 'org', target: (input) => ({ kind: 'person', id: input.personId }) },
  ),
  /** The people shown as a spreadsheet (Chinese headers; CSV with a BOM, or XLSX as base64); the export is audited. */
  'roster.exportPeople': command(
    z.object({ format: SheetFormat }).strict(),
    z.object({ fileName: z.string(), content: z.string(), rows: z.number().int() }),
    'roster.view',
    { log: 'org', target: () => ({ kind: 'roster', id: 'people' }) },
  ),
  /** Reads a people file and says what importing it would do, with every problem by line and column. */
  'roster.previewImport': query(PeopleFile, ImportPreview, 'roster.edit'),
  /** Imports a people file: all rows in one change, or nothing when any row has a problem. */
  'roster.importPeople': command(PeopleFile, ImportPreview, 'roster.edit', {
    log: 'org',
    target: () => ({ kind: 'roster', id: 'people' }),
    redact: ['content'],
  }),
  /** Ticks a "needs a person" item once it is done in the seller centre. */
  'roster.completeChecklistItem': command(
    z.object({ shopId: ShopId, itemId: z.string().min(1).max(100) }).strict(),
    ChecklistItem,
    'roster.edit',
    { log: 'shop', target: (input) => ({ kind: 'checklistItem', id: input.itemId }) },
  ),
  /**
   * The demo platform only: an edit made on the platform's side (its seller centre on the web, or its own rules
   * freezing an account), to try syncs and conflicts by hand. The real platforms make such edits themselves.
   */
  'roster.simulatePlatformEdit': command(
    z
      .object({
        shopId: ShopId,
        subAccountId: RosterId,
        field: z.enum(['name', 'status']),
        value: z.string().trim().min(1).max(30),
      })
      .strict(),
    z.object({ opId: z.string() }),
    'settings.shops',
    { log: 'shop', target: subAccountTarget },
  ),
  /** The demo platform only: takes the shop's platform offline or back online (to try offline editing). */
  'roster.setDemoPlatformOnline': command(
    z.object({ shopId: ShopId, online: z.boolean() }).strict(),
    RosterSyncStatus,
    'settings.shops',
    { log: 'shop', target: (input) => ({ kind: 'shop', id: input.shopId }) },
  ),
});

export const rosterEvents = {
  /** The roster of a shop (or, with shopId null, the organisation) changed: here or synced from elsewhere. */
  'roster.changed': event(z.object({ shopId: ShopId.nullable() }), 'roster.view'),
  'roster.syncChanged': event(z.object({ shopId: ShopId, sync: RosterSyncStatus }), 'roster.view'),
  'roster.organisationSyncChanged': event(z.object({ shopId: z.null(), sync: OrganisationSync }), 'roster.view'),
  /** To the person whose edit lost a conflict (the owner kept the other value). */
  'roster.editOverruled': event(
    z.object({
      shopId: ShopId.nullable(),
      personId: z.string(),
      field: z.string(),
      entityLabel: z.string(),
      value: z.unknown(),
    }),
    'session',
    { toPerson: true },
  ),
} as const;
