// The checklists domain: each shop's templates (the DOMAIN defaults when a shop first opens, then its own edits) and
// the ticks of every period, in the shop's database, held in memory while the shop is open. "Overdue" needs no
// write: a list past its due time with items left is overdue when read, and one timer — set to the next due time
// of any open shop's lists, driven by the injected clock — announces it, so open pages highlight it on time.
import {
  AppError,
  ChecklistTask,
  ChecklistTemplate,
  type ChecklistInstance,
  type SessionInfo,
} from '../../../shared/contract/index.ts';
import { DEFAULT_CHECKLISTS, dueAt, periodOf, previousPeriods } from '../../../shared/domain/checklists/checklists.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Photos } from '../inventory/photos.ts';
import type { CoreModule } from '../module.ts';
import type { Clock, Ids, Logger, ShopStreams, StoredChecklistTick, TimerHandle } from '../ports.ts';

type ShopLists = {
  templates: Map<string, ChecklistTemplate>;
  ticks: Map<string, Map<string, StoredChecklistTick>>;
  tasks: Map<string, ChecklistTask>;
  /** The photos ticks of this shop were made from: the only ones its checklists show. */
  photos: Set<string>;
};

/** The reply drafted for the buyer when a task from their chat is done (buyers read Chinese on these platforms). */
export function draftReply(task: Pick<ChecklistTask, 'orderId'>, result: string): string {
  return `亲，${task.orderId ? `您的订单 ${task.orderId}` : '您问的事情'}：${result}`;
}

const periodKey = (templateId: string, period: string) => `${templateId}/${period}`;

export function createChecklistsModule(
  deps: Readonly<{
    streams: ShopStreams;
    bus: EventBus;
    clock: Clock;
    ids: Ids;
    logger: Logger;
    photos: Photos;
    buyerOf(shopId: string, conversationId: string): string | null;
    /** Who may log in: a list is assigned only to one of them. */
    sessions: Readonly<{ people(): readonly Readonly<{ id: string; displayName: string }>[] }>;
  }>,
): CoreModule<'checklists'> {
  const shops = new Map<string, ShopLists>();
  let timer: TimerHandle | null = null;

  const inScope = (session: SessionInfo, shopId: string) =>
    session.shopIds === 'all' || session.shopIds.includes(shopId);
  const listsOf = (session: SessionInfo, shopId: string): ShopLists => {
    const lists = shops.get(shopId);
    if (!lists || !inScope(session, shopId)) throw new AppError('not_found', `no checklists in shop ${shopId}`);
    return lists;
  };

  /** Names of the people lists are assigned to, looked up once per call (people() derives everyone's access). */
  function assigneeNames(): (id: string) => string | null {
    let names: Map<string, string> | null = null;
    return (id) => {
      names ??= new Map(deps.sessions.people().map((p) => [p.id, p.displayName]));
      return names.get(id) ?? null;
    };
  }

  function instance(
    lists: ShopLists,
    template: ChecklistTemplate,
    period: string,
    now: number,
    nameOf: (id: string) => string | null,
  ): ChecklistInstance {
    const ticked = lists.ticks.get(periodKey(template.id, period)) ?? new Map();
    const ticks = template.items.flatMap((item) => {
      const tick = ticked.get(item.id);
      return tick?.done
        ? [
            {
              itemId: item.id,
              byId: tick.byId,
              byName: tick.byName,
              at: tick.at,
              note: tick.note,
              photos: [...tick.photos],
            },
          ]
        : [];
    });
    const done = ticks.length === template.items.length;
    const due = dueAt(template.recurrence, period, template.dueMinutes);
    return {
      template,
      period,
      dueAt: due,
      ticks,
      done,
      overdue: !done && now > due,
      assigneeName: template.assigneeId === null ? null : nameOf(template.assigneeId),
    };
  }

  /** The next time a list of an open shop falls due (this period's, or the next one's once it passed). */
  function arm(): void {
    if (timer) deps.clock.clearTimeout(timer);
    timer = null;
    const now = deps.clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const lists of shops.values())
      for (const template of lists.templates.values()) {
        if (template.archived) continue;
        const period = periodOf(template.recurrence, now);
        let due = dueAt(template.recurrence, period, template.dueMinutes);
        if (due <= now) {
          const step = template.recurrence.kind === 'daily' ? 86_400_000 : 7 * 86_400_000;
          due = dueAt(template.recurrence, periodOf(template.recurrence, due + step), template.dueMinutes);
        }
        next = Math.min(next, due);
      }
    if (!Number.isFinite(next)) return;
    timer = deps.clock.setTimeout(
      () => {
        timer = null;
        for (const shopId of shops.keys()) deps.bus.emit({ name: 'checklists.changed', payload: { shopId } });
        arm();
      },
      Math.max(next - now + 1, 1),
    );
  }

  return {
    async openShop(shopId) {
      const stored = deps.streams.checklists(shopId);
      const templates = new Map<string, ChecklistTemplate>();
      for (const raw of stored.templates) {
        const parsed = ChecklistTemplate.safeParse(raw);
        if (parsed.success) templates.set(parsed.data.id, parsed.data);
        else deps.logger.warn(`shop ${shopId}: a checklist template could not be read and was left out`);
      }
      if (templates.size === 0) {
        // First open: the shop starts with the DOMAIN defaults (its own copy, edited from then on).
        const seeded = DEFAULT_CHECKLISTS.map((seed) =>
          ChecklistTemplate.parse({ ...seed, id: seed.key, shopId, items: seed.items, archived: false }),
        );
        await deps.streams.write(shopId, { checklists: { templates: seeded } });
        for (const template of seeded) templates.set(template.id, template);
      }
      const ticks = new Map<string, Map<string, StoredChecklistTick>>();
      const photos = new Set<string>();
      for (const tick of stored.ticks) {
        for (const id of tick.photos) photos.add(id);
        const key = periodKey(tick.templateId, tick.period);
        let items = ticks.get(key);
        if (!items) ticks.set(key, (items = new Map()));
        items.set(tick.itemId, tick);
      }
      const tasks = new Map<string, ChecklistTask>();
      for (const raw of stored.tasks) {
        const parsed = ChecklistTask.safeParse(raw);
        if (parsed.success) tasks.set(parsed.data.id, parsed.data);
      }
      shops.set(shopId, { templates, ticks, tasks, photos });
      arm();
    },
    async closeShop(shopId) {
      shops.delete(shopId);
      arm();
    },
    stop() {
      if (timer) deps.clock.clearTimeout(timer);
      timer = null;
    },
    handlers: {
      'checklists.current': (input, { session, at }) => {
        const result: ChecklistInstance[] = [];
        const nameOf = assigneeNames();
        for (const [shopId, lists] of shops) {
          if ((input.shopId !== null && input.shopId !== shopId) || !inScope(session, shopId)) continue;
          for (const template of lists.templates.values())
            if (!template.archived)
              result.push(instance(lists, template, periodOf(template.recurrence, at), at, nameOf));
        }
        return result.sort((a, b) => a.dueAt - b.dueAt || a.template.shopId.localeCompare(b.template.shopId));
      },
      'checklists.history': (input, { session, at }) => {
        const lists = listsOf(session, input.shopId);
        const template = lists.templates.get(input.templateId);
        if (!template) throw new AppError('not_found', `no checklist ${input.templateId}`);
        const current = periodOf(template.recurrence, at);
        const nameOf = assigneeNames();
        return previousPeriods(template.recurrence, current, input.limit).map((period) =>
          instance(lists, template, period, at, nameOf),
        );
      },
      'checklists.tick': async (input, { session, tx }) => {
        const lists = listsOf(session, input.shopId);
        const template = lists.templates.get(input.templateId);
        if (!template) throw new AppError('not_found', `no checklist ${input.templateId}`);
        if (!template.items.some((item) => item.id === input.itemId))
          throw new AppError('not_found', `no item ${input.itemId} in ${template.title}`);
        if (input.period > periodOf(template.recurrence, tx.at))
          throw new AppError('invalid_input', 'a list of a later period cannot be ticked yet');
        const photos = [...new Set(input.photos)];
        deps.photos.requireKept(photos);
        const tick: StoredChecklistTick = {
          templateId: template.id,
          period: input.period,
          itemId: input.itemId,
          done: input.done,
          byId: session.userId,
          byName: session.displayName,
          at: tx.at,
          note: input.note,
          photos,
        };
        const key = periodKey(template.id, input.period);
        const before = lists.ticks.get(key)?.get(input.itemId);
        tx.record({
          [input.itemId]: { from: before?.done ?? false, to: input.done },
          ...(input.note ? { note: { from: before?.note ?? null, to: input.note } } : {}),
          ...(photos.length > 0 ? { photos: { from: before?.photos ?? null, to: photos } } : {}),
        });
        await tx.write(input.shopId, { checklists: { ticks: [tick] } });
        let items = lists.ticks.get(key);
        if (!items) lists.ticks.set(key, (items = new Map()));
        items.set(input.itemId, tick);
        for (const id of photos) lists.photos.add(id);
        deps.bus.emit({ name: 'checklists.changed', payload: { shopId: input.shopId } });
        return instance(lists, template, input.period, tx.at, assigneeNames());
      },
      'checklists.uploadPhoto': (input, { session, tx }) => {
        listsOf(session, input.shopId);
        tx.record({ shop: { from: null, to: input.shopId } });
        return deps.photos.upload(session, input.data, tx);
      },
      'checklists.photo': (input, { session }) => {
        if (!listsOf(session, input.shopId).photos.has(input.photoId))
          throw new AppError('not_found', 'no checklist of this shop has this photo');
        return deps.photos.get(input.photoId);
      },
      'checklists.tasks': (input, { session }) => {
        const result: ChecklistTask[] = [];
        for (const [shopId, lists] of shops) {
          if ((input.shopId !== null && input.shopId !== shopId) || !inScope(session, shopId)) continue;
          for (const task of lists.tasks.values()) {
            if (input.conversationId !== null && task.conversationId !== input.conversationId) continue;
            if (input.status === 'open' && task.status !== 'open') continue;
            result.push(task);
          }
        }
        return result.sort((a, b) => b.createdAt - a.createdAt);
      },
      'checklists.createTask': async (input, { session, tx }) => {
        const lists = listsOf(session, input.shopId);
        const buyerId = deps.buyerOf(input.shopId, input.conversationId);
        if (buyerId === null) throw new AppError('not_found', `no conversation ${input.conversationId}`);
        const order = input.orderId === null ? null : deps.streams.order(input.shopId, input.orderId);
        if (input.orderId !== null && (!order || order.buyerId !== buyerId))
          throw new AppError('not_found', `order ${input.orderId} is not this buyer's`);
        const task = ChecklistTask.parse({
          id: deps.ids.next('task'),
          shopId: input.shopId,
          kind: input.kind,
          conversationId: input.conversationId,
          buyerId,
          orderId: input.orderId,
          text: input.text,
          createdBy: session.displayName,
          createdAt: tx.at,
          status: 'open',
          doneBy: null,
          doneAt: null,
          result: '',
          reply: '',
        });
        tx.target({ kind: 'task', id: task.id });
        tx.record({ task: { from: null, to: { kind: task.kind, orderId: task.orderId, text: task.text } } });
        await tx.write(input.shopId, { checklists: { tasks: [task] } });
        lists.tasks.set(task.id, task);
        deps.bus.emit({ name: 'checklists.changed', payload: { shopId: input.shopId } });
        return task;
      },
      'checklists.completeTask': async (input, { session, tx }) => {
        const lists = listsOf(session, input.shopId);
        const task = lists.tasks.get(input.taskId);
        if (!task) throw new AppError('not_found', `no task ${input.taskId}`);
        if (task.status === 'done') throw new AppError('conflict', 'this task is done already');
        const done: ChecklistTask = {
          ...task,
          status: 'done',
          doneBy: session.displayName,
          doneAt: tx.at,
          result: input.result,
          reply: draftReply(task, input.result),
        };
        tx.record({ status: { from: 'open', to: 'done' }, result: { from: null, to: input.result } });
        await tx.write(input.shopId, { checklists: { tasks: [done] } });
        lists.tasks.set(done.id, done);
        deps.bus.emit({ name: 'checklists.changed', payload: { shopId: input.shopId } });
        return done;
      },
      'checklists.saveTemplate': async (input, { session, tx }) => {
        const lists = listsOf(session, input.shopId);
        const before = input.id === null ? undefined : lists.templates.get(input.id);
        if (input.id !== null && !before) throw new AppError('not_found', `no checklist ${input.id}`);
        if (input.assigneeId && !deps.sessions.people().some((p) => p.id === input.assigneeId))
          throw new AppError('not_found', 'a checklist is assigned to someone who can log in');
        const template = ChecklistTemplate.parse({ ...input, id: input.id ?? deps.ids.next('cl') });
        tx.target({ kind: 'checklistTemplate', id: template.id });
        tx.record({ template: { from: before ?? null, to: template } });
        await tx.write(input.shopId, { checklists: { templates: [template] } });
        lists.templates.set(template.id, template);
        deps.bus.emit({ name: 'checklists.changed', payload: { shopId: input.shopId } });
        arm();
        return template;
      },
    },
  };
}
