// The inbox domain: the unified conversation list, replies, routing actions, the caller's status and phrases,
// search and the supervisor view. Thin: it unpacks inputs and calls the inbox service and the agent directory.
import { AppError } from '../../../shared/contract/index.ts';
import type { CoreModule } from '../module.ts';
import type { AgentDirectory } from '../routing/agent-directory.ts';
import type { Assignment } from '../routing/router.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { InboxService } from './inbox-service.ts';

export function createInboxModule(
  deps: Readonly<{
    inbox: InboxService;
    agents: AgentDirectory;
    sessions: SessionService;
    settle(assignments: Assignment[]): Promise<void>;
  }>,
): CoreModule<'inbox'> {
  const { inbox, agents, sessions, settle } = deps;
  return {
    handlers: {
      'inbox.listConversations': (input, { session }) =>
        inbox.listConversations(session, input.shopId, input.view, input.limit),
      'inbox.listMessages': (input) =>
        inbox.listMessages(input.shopId, input.conversationId, input.limit, input.before),
      'inbox.markRead': async (input, { tx }) => {
        await inbox.markRead(input.shopId, input.conversationId, tx);
        return null;
      },
      'inbox.reply': (input, { session, tx }) =>
        inbox.reply(session, input.shopId, input.conversationId, input.text, tx, input.card),
      'inbox.counts': (_input, { session }) => inbox.counts(session),
      'inbox.setStatus': async (input, { session, caller, at, tx }) => {
        if (!agents.isAgent(session.userId)) throw new AppError('forbidden', 'this account does not serve buyers');
        const before = agents.list(session, null, new Map()).find((a) => a.id === session.userId)?.status ?? null;
        tx.record({ status: { from: before, to: input.status } });
        await settle(agents.setStatus(caller, input.status, at));
        const me = agents.list(session, null, inbox.waitingByAgent()).find((a) => a.id === session.userId);
        if (!me) throw new AppError('not_found', 'this account is not in routing');
        return me;
      },
      'inbox.lockedSummary': (_input, { session, at }) => {
        const queued = inbox.shopLoads(session, agents.presenceIn, at).reduce((sum, shop) => sum + shop.queued, 0);
        return { mine: inbox.waitingByAgent().get(session.userId)?.waiting ?? 0, queued };
      },
      'inbox.agents': (input, { session }) => agents.list(session, input.shopId, inbox.waitingByAgent()),
      'inbox.claim': (input, { session, tx }) => inbox.claim(session, input.shopId, input.conversationId, tx),
      'inbox.transfer': (input, { session, tx }) => {
        const { to } = input;
        if ('agentId' in to && !agents.list(session, input.shopId, new Map()).some((a) => a.id === to.agentId)) {
          throw new AppError('not_found', 'no such colleague in this shop');
        }
        return inbox.transfer(session, input.shopId, input.conversationId, to, input.reason, tx);
      },
      'inbox.takeOver': (input, { session, tx }) => inbox.takeOver(session, input.shopId, input.conversationId, tx),
      'inbox.close': (input, { session, tx }) =>
        inbox.setAside(session, input.shopId, input.conversationId, 'closed', tx),
      'inbox.snooze': (input, { session, tx }) =>
        inbox.setAside(session, input.shopId, input.conversationId, 'snoozed', tx),
      'inbox.setNote': (input, { session, tx }) =>
        inbox.setNote(session, input.shopId, input.conversationId, input.note, input.tags, tx),
      'inbox.myPhrases': (_input, { session }) => sessions.quickPhrasesOf(session.userId),
      'inbox.setMyPhrases': (input, { session, tx }) => {
        tx.record({
          quickPhrases: { from: sessions.quickPhrasesOf(session.userId).length, to: input.quickPhrases.length },
        });
        return sessions.setQuickPhrases(session.userId, input.quickPhrases, tx.documentEntry);
      },
      'inbox.search': ({ query, ...options }, { session }) => inbox.search(session, query, options),
      'inbox.supervisor': (_input, { session, at }) => ({
        at,
        agents: agents.list(session, null, inbox.waitingByAgent()),
        shops: inbox.shopLoads(session, agents.presenceIn, at),
        transfers: inbox.recentTransfers(session),
      }),
    },
  };
}
