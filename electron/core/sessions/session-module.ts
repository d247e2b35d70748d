// The session domain: log in and out, lock and unlock the desk, set a PIN, resume after a reload. Routing follows
// every change of a caller's session (an agent who logs in is online; one who logs out takes her presence along).
import { REDACTED } from '../command.ts';
import type { CoreModule } from '../module.ts';
import type { AgentDirectory } from '../routing/agent-directory.ts';
import type { Assignment } from '../routing/router.ts';
import type { SessionService } from './session-service.ts';

export function createSessionModule(
  deps: Readonly<{
    sessions: SessionService;
    agents: AgentDirectory;
    settle(assignments: Assignment[]): Promise<void>;
  }>,
): CoreModule<'session'> {
  const { sessions, agents, settle } = deps;
  return {
    handlers: {
      'session.login': async (input, { caller, at }) => {
        const session = await sessions.login(caller, input.login, input.password);
        await settle(agents.sync(caller, at));
        return session;
      },
      'session.current': (_input, { session }) => session,
      'session.resumeToken': (_input, { caller }) => sessions.issueResumeToken(caller),
      'session.resume': async (input, { caller, at }) => {
        const { session, from } = sessions.resume(caller, input.token);
        // A reload keeps the status the person chose on the page before it (paused stays paused).
        agents.inherit(caller, from);
        await settle(agents.sync(caller, at));
        return session;
      },
      'session.logout': async (_input, { caller, at }) => {
        sessions.logout(caller);
        await settle(agents.sync(caller, at));
        return null;
      },
      'session.lock': async (_input, { caller, at }) => {
        const session = sessions.lock(caller);
        await settle(agents.sync(caller, at));
        return session;
      },
      'session.unlock': async (input, { caller, at }) => {
        try {
          return await sessions.unlock(caller, input.secret);
        } finally {
          await settle(agents.sync(caller, at));
        }
      },
      'session.setPin': (input, { caller, tx }) => {
        tx.record({ pin: { to: REDACTED } });
        return sessions.setPin(caller, input.pin, input.password, tx.documentEntry);
      },
    },
  };
}
