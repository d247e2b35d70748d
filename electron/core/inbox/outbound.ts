// What goes out to the buyers: agents' messages delivered to each shop's platform through its connector, and the
// pictures they send, stored in the shop's folder. A reply is written as `sending` in the reply's own transaction
// (the outbox), so a crash or a restart never loses it; this service sends each shop's outbox in order, one at a
// time, and records what the platform said: `sent`, or `failed` with the platform's reason (the agent may send it
// again). A platform that cannot be reached now (offline, timing out) keeps the message `sending` and is asked
// again after a growing pause (1 s doubling to 30 s); the message says that it waits for the platform. Delivery is
// at least once: the message id travels with it as the platform's idempotency key.
import { AppError, WAITING_FOR_PLATFORM, type Message } from '../../../shared/contract/index.ts';
import { MAX_IMAGE_BYTES, MEDIA_REF, mimeOfMediaRef, sniffImage } from '../../../shared/domain/image-file.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Clock, Connector, DeliveryWrite, Logger, ShopStreams, Storage, TimerHandle } from '../ports.ts';

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

export interface Outbound {
  openShop(shopId: string): void;
  closeShop(shopId: string): void;
  /** The shop's connector (re)started: what waits goes now. */
  connectorStarted(shopId: string): void;
  /** A reply just made durable as `sending`: it joins its shop's queue. */
  queued(message: Message): void;
  /** The durable `sending` row for a new or re-sent message (joins the command's write). */
  sendingRow(messageId: string, at: number): DeliveryWrite;
  /** Checks a failed message may go again; returns it as it will be shown while it goes. */
  resendable(shopId: string, messageId: string): Message;
  /** A picture sent as base64: checked to be a PNG, JPEG, GIF or WebP within the limit, stored; its `media:` ref. */
  storeImage(shopId: string, base64: string): Promise<string>;
  readImage(shopId: string, ref: string): Promise<{ mime: string; data: string }>;
  stopAll(): void;
}

type ShopQueue = { messages: Message[]; busy: boolean; retry: TimerHandle | null; failures: number };

export function createOutbound(
  deps: Readonly<{
    clock: Clock;
    streams: ShopStreams;
    storage: Storage;
    logger: Logger;
    bus: EventBus;
    connectorOf(shopId: string): Connector | null;
    buyerOf(shopId: string, conversationId: string): string | null;
  }>,
): Outbound {
  const queues = new Map<string, ShopQueue>();

  async function record(message: Message, write: DeliveryWrite): Promise<void> {
    await deps.streams.write(message.shopId, { deliveries: [write] });
    const updated: Message = { ...message, delivery: { state: write.state, note: write.note } };
    deps.bus.emit({
      name: 'inbox.messageUpdated',
      payload: { shopId: message.shopId, conversationId: message.conversationId, message: updated },
    });
  }

  function scheduleRetry(shopId: string, queue: ShopQueue): void {
    if (queue.retry !== null) return;
    const wait = Math.min(FIRST_RETRY_MS * 2 ** Math.max(queue.failures - 1, 0), LAST_RETRY_MS);
    queue.retry = deps.clock.setTimeout(() => {
      queue.retry = null;
      void pump(shopId);
    }, wait);
  }

  async function outgoing(message: Message) {
    const buyerId = deps.buyerOf(message.shopId, message.conversationId);
    if (buyerId === null) throw new AppError('not_found', `no conversation ${message.conversationId}`);
    const image =
      message.kind === 'image' && message.ref !== null && MEDIA_REF.test(message.ref)
        ? await readStored(message.shopId, message.ref)
        : undefined;
    return {
      messageId: message.id,
      shopId: message.shopId,
      conversationId: message.conversationId,
      buyerId,
      kind: message.kind as 'text' | 'image' | 'order' | 'product',
      text: message.text,
      ref: message.ref,
      ...(image ? { image } : {}),
    };
  }

  async function readStored(shopId: string, ref: string): Promise<{ mime: string; bytes: Uint8Array }> {
    const bytes = await deps.storage.readMedia(shopId, ref.slice('media:'.length));
    const mime = mimeOfMediaRef(ref);
    if (bytes === null || mime === null) throw new AppError('not_found', `no stored picture ${ref}`);
    return { mime, bytes };
  }

  /** Sends the shop's queue head first, until it is empty or the platform cannot be reached. */
  async function pump(shopId: string): Promise<void> {
    const queue = queues.get(shopId);
    const connector = deps.connectorOf(shopId);
    if (!queue || queue.busy || queue.retry !== null || !connector?.send) return;
    queue.busy = true;
    try {
      while (queues.get(shopId) === queue && queue.messages.length > 0) {
        const message = queue.messages[0]!;
        const at = () => deps.clock.now();
        let outcome;
        try {
          outcome = await connector.send(await outgoing(message));
        } catch (error) {
          queue.failures += 1;
          // Said once on the message, not on every retry.
          if (queue.failures === 1 && message.delivery?.note !== WAITING_FOR_PLATFORM) {
            const attempts = queue.failures;
            queue.messages[0] = { ...message, delivery: { state: 'sending', note: WAITING_FOR_PLATFORM } };
            await record(message, {
              messageId: message.id,
              state: 'sending',
              note: WAITING_FOR_PLATFORM,
              attempts,
              at: at(),
            });
          }
          deps.logger.warn(`shop ${shopId}: platform not reachable for message ${message.id}`, String(error));
          scheduleRetry(shopId, queue);
          return;
        }
        queue.failures = 0;
        queue.messages.shift();
        await record(message, {
          messageId: message.id,
          state: outcome.result === 'sent' ? 'sent' : 'failed',
          note: outcome.result === 'sent' ? null : outcome.reason.slice(0, 200),
          attempts: 1,
          at: at(),
        });
      }
    } catch (error) {
      // Storage refused the outcome (the shop closing, a full disk): the row stays `sending` and goes again later.
      deps.logger.error(`shop ${shopId}: delivery outcome not stored`, error);
      queue.failures += 1;
      scheduleRetry(shopId, queue);
    } finally {
      queue.busy = false;
    }
  }

  return {
    openShop(shopId) {
      if (queues.has(shopId)) return;
      queues.set(shopId, { messages: deps.streams.sendingMessages(shopId), busy: false, retry: null, failures: 0 });
    },
    closeShop(shopId) {
      const queue = queues.get(shopId);
      if (queue?.retry) deps.clock.clearTimeout(queue.retry);
      queues.delete(shopId);
    },
    connectorStarted(shopId) {
      const queue = queues.get(shopId);
      if (queue?.retry) {
        deps.clock.clearTimeout(queue.retry);
        queue.retry = null;
      }
      void pump(shopId);
    },
    queued(message) {
      const queue = queues.get(message.shopId);
      if (!queue) return;
      queue.messages.push(message);
      void pump(message.shopId);
    },
    sendingRow: (messageId, at) => ({ messageId, state: 'sending', note: null, attempts: 0, at }),
    resendable(shopId, messageId) {
      const message = deps.streams.message(shopId, messageId);
      if (!message || message.from !== 'agent') throw new AppError('not_found', `no reply ${messageId} in this shop`);
      if (message.delivery?.state !== 'failed')
        throw new AppError('conflict', 'only a reply the platform refused can be sent again');
      return { ...message, delivery: { state: 'sending', note: null } };
    },
    async storeImage(shopId, base64) {
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length > MAX_IMAGE_BYTES)
        throw new AppError('payload_too_large', `a picture may be at most ${MAX_IMAGE_BYTES} bytes`, {
          limit: MAX_IMAGE_BYTES,
        });
      const type = sniffImage(bytes);
      if (!type) throw new AppError('invalid_input', 'the file is not a PNG, JPEG, GIF or WebP picture');
      return `media:${await deps.storage.putMedia(shopId, bytes, type.extension)}`;
    },
    async readImage(shopId, ref) {
      const { mime, bytes } = await readStored(shopId, ref);
      return { mime, data: Buffer.from(bytes).toString('base64') };
    },
    stopAll() {
      for (const shopId of [...queues.keys()]) this.closeShop(shopId);
    },
  };
}
