// Syncing a shop's roster with its platform, the hub: queued ops are pushed (oldest first, in pages) and each
// answer stored; then what the platform holds after our cursor is pulled and applied. Runs when an edit is made,
// when the platform rings (it has changes, or came back online) and when its connector starts; one run per shop
// at a time, and a run requested during a run happens right after it. Offline is not an error: the ops wait in the
// outbox (durably: a restart or a kill loses none) and the status says how many.
import type { RosterOp } from '../../../shared/domain/roster/roster-ops.ts';
import type { Logger, RosterHub, RosterPushResult } from '../ports.ts';

export const PUSH_PAGE = 500;
export const PULL_PAGE = 1000;

export type SyncTarget = Readonly<{
  /** The queued ops of the shop, oldest first. */
  queued(): readonly RosterOp[];
  cursor(): string | null;
  /** Stores the platform's answers durably (acks, checklist items). */
  acknowledge(results: readonly RosterPushResult[]): Promise<void>;
  /** Applies and stores remote ops with the new cursor, in one write. */
  receive(ops: readonly RosterOp[], cursor: string): Promise<void>;
  status(online: boolean | null, error: string | null): void;
}>;

export interface RosterSync {
  /** Asks for a run (coalesced); resolves when the run that includes this request has finished. */
  request(shopId: string): Promise<void>;
  /** Watches the shop's hub for its doorbell (after its connector started). */
  attach(shopId: string, hub: RosterHub): void;
  detach(shopId: string): void;
  stop(): void;
}

export function createRosterSync(
  deps: Readonly<{
    hubOf(shopId: string): RosterHub | null;
    targetOf(shopId: string): SyncTarget | null;
    logger: Logger;
  }>,
): RosterSync {
  const running = new Map<string, Promise<void>>();
  const again = new Map<string, Promise<void>>();
  const doorbells = new Map<string, () => void>();
  let stopped = false;

  async function runOnce(shopId: string): Promise<void> {
    const hub = deps.hubOf(shopId);
    const target = deps.targetOf(shopId);
    if (!target) return;
    if (!hub) return target.status(null, null);
    if (!hub.online()) return target.status(false, null);
    try {
      for (let queued = target.queued(); queued.length > 0 && !stopped; queued = target.queued()) {
        const page = queued.slice(0, PUSH_PAGE);
        const answers = await hub.push(page);
        await target.acknowledge(answers);
        if (answers.length === 0) break;
      }
      for (let more = true; more && !stopped;) {
        const { ops, cursor } = await hub.pull(target.cursor(), PULL_PAGE);
        if (ops.length > 0 || cursor !== target.cursor()) await target.receive(ops, cursor);
        more = ops.length === PULL_PAGE;
      }
      target.status(true, null);
    } catch (error) {
      // Offline mid-run, or the platform refused: the outbox keeps everything; the next doorbell retries.
      const message = error instanceof Error ? error.message : String(error);
      if (hub.online()) deps.logger.warn(`shop ${shopId}: roster sync failed`, message);
      target.status(hub.online(), hub.online() ? message : null);
    }
  }

  function request(shopId: string): Promise<void> {
    if (stopped) return Promise.resolve();
    const current = running.get(shopId);
    if (current) {
      // One follow-up run covers every request made while this one runs.
      let next = again.get(shopId);
      if (!next) {
        next = current.then(() => {
          again.delete(shopId);
          return request(shopId);
        });
        again.set(shopId, next);
      }
      return next;
    }
    const run = runOnce(shopId).finally(() => running.delete(shopId));
    running.set(shopId, run);
    return run;
  }

  return {
    request,
    attach(shopId, hub) {
      doorbells.get(shopId)?.();
      doorbells.set(
        shopId,
        hub.onChange(() => void request(shopId)),
      );
      void request(shopId);
    },
    detach(shopId) {
      doorbells.get(shopId)?.();
      doorbells.delete(shopId);
    },
    stop() {
      stopped = true;
      for (const off of doorbells.values()) off();
      doorbells.clear();
    },
  };
}
