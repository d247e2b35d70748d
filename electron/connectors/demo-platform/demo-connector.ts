// The demo platform: a simulated shop that sends buyer questions and paid orders, so the console is alive on first
// run and under load tests. Arrivals are a Poisson process at `messagesPerMinute`; everything is derived from the
// seed and the shop id, so the same seed yields the same buyers, questions and orders.
import type { Connector, ConnectorContext, ConnectorFactory, ConnectorSink, TimerHandle } from '../../core/ports.ts';
import { BUYER_NICK_PARTS, DEMO_QUESTIONS, DEMO_SKUS } from './demo-data.ts';
import { createRandom, hashSeed } from './seeded-random.ts';

export type DemoConnectorOptions = Readonly<{
  seed: number;
  /** Average buyer messages per minute, per shop. */
  messagesPerMinute: number;
  /** Share of messages that come from a buyer already talking to the shop. */
  followUpShare?: number;
}>;

type Buyer = { id: string; nick: string; stage: keyof typeof DEMO_QUESTIONS };

export function createDemoConnectorFactory(options: DemoConnectorOptions): ConnectorFactory {
  return (shop, context) => createDemoConnector(shop.id, context, options);
}

export function createDemoConnector(shopId: string, context: ConnectorContext, options: DemoConnectorOptions): Connector {
  const random = createRandom(hashSeed(`${options.seed}:${shopId}`));
  const meanGapMs = 60_000 / Math.max(options.messagesPerMinute, 0.001);
  const followUpShare = options.followUpShare ?? 0.35;
  const buyers: Buyer[] = [];
  let timer: TimerHandle | null = null;
  let sink: ConnectorSink | null = null;
  let serial = 0;

  function newBuyer(): Buyer {
    serial += 1;
    const nick = `${random.pick(BUYER_NICK_PARTS.first)}${random.pick(BUYER_NICK_PARTS.second)}${random.int(10, 9999)}`;
    const stage = random.pick(['preSale', 'preSale', 'shipping', 'afterSale'] as const);
    const buyer: Buyer = { id: `${shopId}-buyer-${serial}`, nick, stage };
    buyers.push(buyer);
    if (buyers.length > 200) buyers.shift();
    return buyer;
  }

  function arrive(): void {
    if (!sink) return;
    const now = context.clock.now();
    const isFollowUp = buyers.length > 0 && random.chance(followUpShare);
    const buyer = isFollowUp ? random.pick(buyers) : newBuyer();
    // Buyers asking about shipping or after-sale have bought something: they arrive with a paid order.
    let orderId: string | null = null;
    if (!isFollowUp && buyer.stage !== 'preSale') {
      orderId = `${shopId}-order-${serial}`;
      const item = random.pick(DEMO_SKUS);
      const hoursAgo = buyer.stage === 'shipping' ? random.int(1, 60) : random.int(72, 240);
      const paidAt = now - hoursAgo * 3_600_000;
      // The simulated platform does not redeliver: a failed ack is dropped (the core has logged it).
      void sink.orderPaid({
        id: orderId,
        shopId,
        buyerId: buyer.id,
        sku: item.sku,
        title: item.title,
        amountFen: item.priceFen,
        paidAt,
        shipBy: paidAt + context.shipWithinHours * 3_600_000,
      }).catch(() => undefined);
    }
    // A buyer who arrives from an order page sends the order card with the first question; platforms route those
    // chats to after-sale.
    void sink
      .buyerMessage({
        shopId,
        buyer: { id: buyer.id, nick: buyer.nick },
        text: random.pick(DEMO_QUESTIONS[buyer.stage]),
        at: now,
        group: buyer.stage === 'preSale' ? 'presale' : 'aftersale',
        ...(orderId === null ? {} : { kind: 'order' as const, ref: orderId }),
      })
      .catch(() => undefined);
    schedule();
  }

  function schedule(): void {
    timer = context.clock.setTimeout(arrive, Math.max(1, Math.round(random.exponential(meanGapMs))));
  }

  return {
    start(target) {
      sink = target;
      schedule();
    },
    stop() {
      sink = null;
      if (timer) context.clock.clearTimeout(timer);
      timer = null;
    },
  };
}
