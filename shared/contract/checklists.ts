// Checklists: each shop's daily and weekly lists (goods-in, stock, photo colour, sales, shipping, bad reviews —
// DOMAIN's daily operations), meant for a 岗位, ticked item by item with who and when, overdue once their time
// passes unfinished; every period kept as history. Templates start from the defaults and are edited per shop.
import { z } from 'zod';
import { ShopId, Timestamp } from './common.ts';
import { command, defineMethods, event, query } from './define.ts';
import { Photo, PhotoData, PhotoId } from './inventory.ts';

/** A photo colour check keeps its two pictures: the listing photo and the photo of the goods. */
export const MAX_TICK_PHOTOS = 2;

const Recurrence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily') }).strict(),
  z.object({ kind: z.literal('weekly'), weekday: z.number().int().min(1).max(7) }).strict(),
]);
const Period = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const ChecklistTemplate = z.object({
  id: TemplateId,
  shopId: ShopId,
  title: z.string().trim().min(1).max(40),
  /** The 岗位 it is meant for (库管, 客服, 物流…), as the roster names roles. */
  role: z.string().trim().min(1).max(20),
  /** A person it is assigned to (by id), besides the 岗位; null: whoever holds the 岗位. */
  assigneeId: z.string().min(1).max(64).nullable().default(null),
  recurrence: Recurrence,
  /** Minutes after midnight, China time. */
  dueMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 - 1),
  items: z
    .array(
      z
        .object({
          id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
          text: z.string().trim().min(1).max(120),
          kind: z.enum(['tick', 'photo']).default('tick'),
        })
        .strict(),
    )
    .min(1)
    .max(30),
  archived: z.boolean().default(false),
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;

export const ChecklistTick = z.object({
  itemId: z.string(),
  byId: z.string(),
  byName: z.string(),
  at: Timestamp,
  note: z.string(),
  /** The pictures the tick was made from (a photo check's listing photo and photo of the goods). */
  photos: z.array(PhotoId),
});
export type ChecklistTick = z.infer<typeof ChecklistTick>;

export const ChecklistInstance = z.object({
  template: ChecklistTemplate,
  period: Period,
  dueAt: Timestamp,
  ticks: z.array(ChecklistTick),
  done: z.boolean(),
  overdue: z.boolean(),
  /** The name of the person it is assigned to (null: nobody in particular, or they can no longer log in). */
  assigneeName: z.string().nullable(),
});
export type ChecklistInstance = z.infer<typeof ChecklistInstance>;

/**
 * A task made from a chat ("when will it ship?"): for the shipping or stock people, linked to the conversation and
 * the buyer's order; done with a result, which drafts the reply to the buyer in that conversation.
 */
export const ChecklistTask = z.object({
  id: z.string(),
  shopId: ShopId,
  kind: z.enum(['shipping', 'stock']),
  conversationId: z.string(),
  buyerId: z.string(),
  orderId: z.string().nullable(),
  text: z.string(),
  createdBy: z.string(),
  createdAt: Timestamp,
  status: z.enum(['open', 'done']),
  doneBy: z.string().nullable(),
  doneAt: Timestamp.nullable(),
  result: z.string(),
  /** The reply drafted for the buyer once done (the agent reviews and sends it). */
  reply: z.string(),
});
export type ChecklistTask = z.infer<typeof ChecklistTask>;

export const checklistsMethods = defineMethods('checklists', {
  /** The current period's lists of the shops in scope (or one shop), with what is ticked and what is overdue. */
  'checklists.current': query(
    z.object({ shopId: ShopId.nullable().default(null) }).strict(),
    z.array(ChecklistInstance),
    'session',
  ),
  /** Earlier periods of one template, newest first: who ticked what, and whether it was done on time. */
  'checklists.history': query(
    z.object({ shopId: ShopId, templateId: TemplateId, limit: z.number().int().min(1).max(90).default(14) }).strict(),
    z.array(ChecklistInstance),
    'session',
  ),
  /**
   * Ticks (or unticks) one item of a period's list; a photo check carries its colour differences in the note and the
   * two pictures it compared (kept first with checklists.uploadPhoto).
   */
  'checklists.tick': command(
    z
      .object({
        shopId: ShopId,
        templateId: TemplateId,
        period: Period,
        itemId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
        done: z.boolean(),
        note: z.string().trim().max(300).default(''),
        photos: z.array(PhotoId).max(MAX_TICK_PHOTOS).default([]),
      })
      .strict(),
    ChecklistInstance,
    'session',
    { log: 'shop', target: (input) => ({ kind: 'checklist', id: `${input.templateId}/${input.period}` }) },
  ),
  /**
   * Keeps a picture for a shop's checklist (a photo check's listing photo or photo of the goods), as goods-in keeps a
   * defect's photo: the bytes decide what it is (JPEG, PNG or WebP), named by its SHA-256, kept once.
   */
  'checklists.uploadPhoto': command(z.object({ shopId: ShopId, data: PhotoData }).strict(), Photo, 'session', {
    log: 'org',
    target: (_input, output) => ({ kind: 'photo', id: output.photoId }),
  }),
  /** A picture a tick of this shop's checklists was made from (only those: not any photo by its id). */
  'checklists.photo': query(
    z.object({ shopId: ShopId, photoId: PhotoId }).strict(),
    Photo.extend({ data: z.string() }),
    'session',
  ),
  /** Tasks of the shops in scope: open ones (or all), or those of one conversation. */
  'checklists.tasks': query(
    z
      .object({
        shopId: ShopId.nullable().default(null),
        conversationId: z.string().max(128).nullable().default(null),
        status: z.enum(['open', 'all']).default('open'),
      })
      .strict(),
    z.array(ChecklistTask),
    'session',
  ),
  /** Makes a shipping or stock task from a conversation, linked to the buyer's order. */
  'checklists.createTask': command(
    z
      .object({
        shopId: ShopId,
        conversationId: z.string().min(1).max(128),
        orderId: z.string().min(1).max(64).nullable().default(null),
        kind: z.enum(['shipping', 'stock']),
        text: z.string().trim().min(1).max(300),
      })
      .strict(),
    ChecklistTask,
    'inbox.reply',
    { log: 'shop', target: (_input, output) => ({ kind: 'task', id: output.id }) },
  ),
  /** Marks a task done with its result; the reply to the buyer is drafted from it. */
  'checklists.completeTask': command(
    z.object({ shopId: ShopId, taskId: z.string().min(1).max(80), result: z.string().trim().min(1).max(300) }).strict(),
    ChecklistTask,
    'session',
    { log: 'shop', target: (input) => ({ kind: 'task', id: input.taskId }) },
  ),
  /** Adds or edits one of the shop's templates (the id of a new one is made from its title). */
  'checklists.saveTemplate': command(
    ChecklistTemplate.omit({ id: true }).extend({ id: TemplateId.nullable() }).strict(),
    ChecklistTemplate,
    'settings.shops',
    { log: 'shop', target: (_input, output) => ({ kind: 'checklistTemplate', id: output.id }) },
  ),
});

export const checklistsEvents = {
  /** A shop's lists changed: an item ticked, a template edited, or a list fell overdue. */
  'checklists.changed': event(z.object({ shopId: ShopId }), 'session'),
} as const;
