// What people may do follows the roster at once: after a roster change (a grant, a sub-account disabled, a routing
// profile), every live session is derived again and announced to its windows, and routing re-reads its agents.
// Changes in one turn of the event loop (an import, a sync) are followed once.
import type { EventBus } from '../events/event-bus.ts';
import type { Clock } from '../ports.ts';
import type { RosterService } from '../roster/roster-service.ts';
import type { AgentDirectory } from '../routing/agent-directory.ts';
import type { Assignment } from '../routing/router.ts';
import type { SessionService } from './session-service.ts';

export function followRoster(
  deps: Readonly<{
    roster: RosterService;
    sessions: SessionService;
    agents: AgentDirectory;
    bus: EventBus;
    clock: Clock;
    applyRouting(assignments: Assignment[]): Promise<void>;
  }>,
): () => void {
  const { roster, sessions, agents, bus, clock } = deps;
  let scheduled = false;
  return roster.onChange(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      for (const session of sessions.refresh(bus.callers()))
        bus.emit({ name: 'session.changed', payload: { shopId: null, personId: session.userId, session } });
      void deps.applyRouting(agents.refresh(sessions.people(), clock.now()));
    });
  });
}
