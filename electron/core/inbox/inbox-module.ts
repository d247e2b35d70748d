// The inbox domain: the unified conversation list, replies, routing actions, the caller's status and phrases,
// search and the supervisor view. Thin: it unpacks inputs and calls the inbox service and the agent directory.
import { AppError } from '../../../shared/contract/index.ts';
import type { CoreModule } from '../module.ts';
import type { AgentDirectory } from '../routing/agent-directory.ts';
import type { Assignment } from '../routing/router.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { InboxService } from './inbox-service.ts';
import type { Outbound } from './outbound.ts';

export function createInboxModule(
  deps: Readonly<{
    inbox: InboxService;
    agents: AgentDirectory;
    sessions: SessionService;
    outbound: Outbound;
    settle(assignments: Assignment[]): Promise<void>;
    /** Whether the shop's connector takes replies to its platform (a shop without one keeps them here). */
    deliversTo(shopId: string): boolean;
    /** A product the shop sells, for a product card (the business's catalogue). */
    productOf(shopId: string, sku: string): Readonly<{ title: string }> | null;
  }>,
): CoreModule<'inbox'> {
  const { inbox, agents, sessions, settle, outbound } = deps;
  return {
    openShop: async (shopId) => outbound.openShop(shopId),
    closeShop: async (shopId) => outbound.closeShop(shopId),
    connectorStarted: (shopId) => outbound.connectorStarted(shopId),
    stop: () => outbound.stopAll(),
    handlers: {
      'inbox.listConversations': (input, { session }) =>
        inbox.listConversations(session, input.shopId, input.view, input.limit),
      'inbox.listMessages': (input) =>
        inbox.listMessages(input.shopId, input.conversationId, input.limit, input.before),
      'inbox.markRead': async (input, { tx }) => {
        await inbox.markRead(input.shopId, input.conversationId, tx);
        return null;
      },
      'inbox.reply': async ({ image, ...input }, { session, tx }) => {
        if (input.card?.kind === 'product' && !deps.productOf(input.shopId, input.card.sku))
          throw new AppError('not_found', `no product ${input.card.sku} in this shop`);
        // Stored before the reply is checked: a refused reply leaves a picture nobody links to, never the reverse.
        const imageRef = image ? await outbound.storeImage(input.shopId, image.data) : undefined;
        const message = await inbox.reply(
          session,
          { ...input, ...(imageRef ? { imageRef } : {}) },
          tx,
          deps.deliversTo(input.shopId) ? outbound.sendingRow : null,
        );
        if (message.delivery) outbound.queued(message);
        return message;
      },
      'inbox.resend': async (input, { session, tx, at }) => {
        const message = outbound.resendable(input.shopId, input.messageId);
        if (message.conversationId !== input.conversationId) throw new AppError('not_found', 'no such reply here');
        if (message.authorId !== session.userId && !agents.isAgent(session.userId))
          throw new AppError('forbidden', 'only an agent may send a reply again');
        tx.record({ delivery: { from: 'failed', to: 'sending' }, message: { to: message.id } });
        await tx.write(input.shopId, { deliveries: [outbound.sendingRow(message.id, at)] });
        outbound.queued(message);
        return message;
      },
      'inbox.media': (input) => outbound.readImage(input.shopId, input.ref),
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
