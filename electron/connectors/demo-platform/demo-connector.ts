// The demo platform: a simulated shop that sends buyer questions and paid orders, so the console is alive on first
// run and under load tests. Arrivals are a Poisson process at `messagesPerMinute`; everything is derived from the
// seed and the shop id, so the same seed yields the same buyers, questions and orders. Each message carries the
// demo's position (a cursor the core stores with the message), and a restart resumes from the stored position:
// the demo never sends the same buyers again. Orders come in the platforms' states (awaiting shipment, shipped
// with a tracking number in a courier's shape, received, refunding).
import type { OrderLine, OrderStatus } from '../../../shared/contract/index.ts';
import type { Connector, ConnectorContext, ConnectorFactory, ConnectorSink, TimerHandle } from '../../core/ports.ts';
import { BUYER_NICK_PARTS, DEMO_QUESTIONS, DEMO_SKUS } from './demo-data.ts';
import type { DemoRosterHub } from './demo-roster-hub.ts';
import { createRandom, hashSeed } from './seeded-random.ts';

export type DemoConnectorOptions = Readonly<{
  seed: number;
  /** Average buyer messages per minute, per shop. */
  messagesPerMinute: number;
  /** Share of messages that come from a buyer already talking to the shop. */
  followUpShare?: number;
  /** Share of new buyers the platform's bot greets before a person answers (default 0.3; 0: never). */
  botGreetingShare?: number;
  /**
   * The platform's copy of each shop's roster (kept by the host across connector restarts), and how often per hour
   * the platform changes something there itself (0: never).
   */
  roster?: Readonly<{ hubOf(shopId: string): DemoRosterHub; changesPerHour: number }>;
}>;

/** A link to another site, which the platforms refuse in chat. */
const EXTERNAL_LINK = /https?:\/\/|www\.[a-z0-9-]+\./i;

type Buyer = { id: string; nick: string; stage: keyof typeof DEMO_QUESTIONS };

/** The shop's gift (赠品) some demo orders carry: not a catalogue SKU, so it locks no stock. */
const DEMO_GIFT = { sku: 'MY-GIFT-BAG', title: '【赠品】棉麻收纳袋' } as const;

/**
 * What a demo order holds, drawn from its own id (the arrival sequence and its cursor stay as they were): its item,
 * in about 1 of 6 a second item, and in about 3 of 10 the shop's gift; paid the sum of its items.
 */
function demoBasket(item: (typeof DEMO_SKUS)[number], orderId: string) {
  const draw = createRandom(hashSeed(`basket:${orderId}`));
  const lines: OrderLine[] = [{ sku: item.sku, title: item.title, quantity: 1, amountFen: item.priceFen, gift: false }];
  if (draw.chance(1 / 6)) {
    const other = draw.pick(DEMO_SKUS.filter((s) => s.sku !== item.sku));
    lines.push({ sku: other.sku, title: other.title, quantity: 1, amountFen: other.priceFen, gift: false });
  }
  if (draw.chance(0.3)) lines.push({ ...DEMO_GIFT, quantity: 1, amountFen: 0, gift: true });
  return { lines, amountFen: lines.reduce((sum, line) => sum + (line.amountFen ?? 0), 0) };
}

export function createDemoConnectorFactory(options: DemoConnectorOptions): ConnectorFactory {
  return (shop, context) => createDemoConnector(shop.id, context, options);
}

type DemoCursor = Readonly<{ v: 1; serial: number; random: number }>;

function readCursor(text: string | null): DemoCursor | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<DemoCursor>;
    return parsed.v === 1 && Number.isSafeInteger(parsed.serial) && Number.isSafeInteger(parsed.random)
      ? (parsed as DemoCursor)
      : null;
  } catch {
    return null;
  }
}

const digits = (random: ReturnType<typeof createRandom>, n: number) =>
  Array.from({ length: n }, () => random.int(0, 9)).join('');

/** A tracking number in one courier's shape (DOMAIN.md: 顺丰 SF + 13 digits, 圆通 YT + 13, 中通 12–14 digits). */
function trackingNumber(random: ReturnType<typeof createRandom>): string {
  switch (random.int(0, 2)) {
    case 0:
      return `SF${digits(random, 13)}`;
    case 1:
      return `YT${digits(random, 13)}`;
    default:
      return `7${digits(random, 13)}`;
  }
}

/** What the platforms' bots say first (自动回复). */
const DEMO_BOT_GREETINGS = [
  '亲，欢迎光临～客服马上为您服务，请稍候哦',
  '您好，机器人小助手为您服务：客服正在赶来，请先描述您的问题',
];

const COURIER_OF_PREFIX: Readonly<Record<string, string>> = { SF: '顺丰速运', YT: '圆通速递', '7': '中通快递' };
const DEMO_SURNAMES = ['林', '王', '陈', '张', '李', '赵', '周', '吴'];
const DEMO_STREETS = ['文三路 90 号 3 幢 1204 室', '南京西路 1266 号 2 单元 801 室', '天河路 385 号 5 栋 602 室'];
const DEMO_CITIES = ['浙江省 杭州市 西湖区', '上海市 静安区', '广东省 广州市 天河区'];

/** Invented consignee details for a demo order, derived from its serial (the random sequence stays as it was). */
function demoConsignee(serial: number) {
  return {
    consigneeName: `${DEMO_SURNAMES[serial % DEMO_SURNAMES.length]}${serial % 2 === 0 ? '小姐' : '先生'}`,
    consigneePhone: `13${String(100_000_000 + ((serial * 7_919) % 900_000_000)).padStart(9, '0')}`,
    address: `${DEMO_CITIES[serial % DEMO_CITIES.length]} ${DEMO_STREETS[(serial >> 1) % DEMO_STREETS.length]}`,
  };
}

export function createDemoConnector(
  shopId: string,
  context: ConnectorContext,
  options: DemoConnectorOptions,
): Connector {
  const resumed = readCursor(context.resumeCursor);
  const random = createRandom(resumed?.random ?? hashSeed(`${options.seed}:${shopId}`));
  const meanGapMs = 60_000 / Math.max(options.messagesPerMinute, 0.001);
  const followUpShare = options.followUpShare ?? 0.35;
  const buyers: Buyer[] = [];
  let timer: TimerHandle | null = null;
  let sink: ConnectorSink | null = null;
  let serial = resumed?.serial ?? 0;
  const hub = options.roster?.hubOf(shopId) ?? null;
  const rosterRandom = createRandom(hashSeed(`${options.seed}:${shopId}:roster`));
  const rosterGapMs = 3_600_000 / Math.max(options.roster?.changesPerHour ?? 0, 1e-9);
  let rosterTimer: TimerHandle | null = null;
  const shownStock = new Map<string, number>();

  function scheduleRosterChange(): void {
    if (!hub || (options.roster?.changesPerHour ?? 0) <= 0) return;
    rosterTimer = context.clock.setTimeout(
      () => {
        hub.spontaneousChange((n) => rosterRandom.int(0, n - 1));
        scheduleRosterChange();
      },
      Math.max(1, Math.round(rosterRandom.exponential(rosterGapMs))),
    );
  }

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
      // Shipping questions come before or after the parcel left; after-sale ones once it arrived (or a refund began).
      let status: OrderStatus = 'awaiting_shipment';
      let statusAt = paidAt;
      let tracking: string | null = null;
      if (buyer.stage === 'afterSale' || (hoursAgo > 12 && random.chance(0.5))) {
        status = 'shipped';
        statusAt = paidAt + random.int(2, Math.min(hoursAgo, 40)) * 1_800_000;
        tracking = trackingNumber(random);
        if (buyer.stage === 'afterSale') {
          status = random.chance(0.25) ? 'refunding' : 'received';
          statusAt = Math.min(now, paidAt + random.int(48, 70) * 3_600_000);
        }
      }
      // The simulated platform does not redeliver: a refused delivery is dropped (the demo shows the next buyers).
      void sink
        .order({
          id: orderId,
          shopId,
          buyerId: buyer.id,
          sku: item.sku,
          title: item.title,
          ...demoBasket(item, orderId),
          paidAt,
          shipBy: paidAt + context.shipWithinHours * 3_600_000,
          status,
          statusAt,
          trackingNumber: tracking,
          quantity: 1,
          courier:
            tracking === null
              ? null
              : (COURIER_OF_PREFIX[tracking.startsWith('7') ? '7' : tracking.slice(0, 2)] ?? null),
          ...demoConsignee(serial),
          buyerNote: '',
          sellerMemo: '',
          shipmentSync: null,
          shipmentNote: '',
        })
        .catch(() => undefined);
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
        cursor: JSON.stringify({ v: 1, serial, random: random.state() } satisfies DemoCursor),
      })
      // Refused (the shop closed, storage failing): not acknowledged, so the stored cursor stays before it and the
      // demo sends it again when it resumes from there.
      .catch(() => undefined);
    if (!isFollowUp) greet(buyer.id);
    schedule();
  }

  // The platform's bot greets some new buyers a few seconds after they write, as the platforms' 自动回复 do; it
  // answers nothing (the buyer still waits for a person). Drawn from the buyer's id: the arrival sequence stays.
  function greet(buyerId: string): void {
    const draw = createRandom(hashSeed(`${options.seed}:bot:${buyerId}`));
    if (!draw.chance(options.botGreetingShare ?? 0.3)) return;
    later(draw.int(2, 5) * 1000, () => {
      void sink
        ?.botReply?.({ shopId, buyerId, text: draw.pick(DEMO_BOT_GREETINGS), at: context.clock.now() })
        .catch(() => undefined);
    });
  }

  // What buyers do after a reply: some rate the chat (once), some pre-sale buyers go on to pay. Drawn from the
  // message id, so the arrival sequence (and its stored cursor) stays as it was.
  const rated = new Set<string>();
  const paid = new Set<string>();
  const followUps = new Set<TimerHandle>();
  function later(ms: number, run: () => void): void {
    const handle = context.clock.setTimeout(() => {
      followUps.delete(handle);
      if (sink) run();
    }, ms);
    followUps.add(handle);
  }
  function afterReply(buyerId: string, messageId: string): void {
    const buyer = buyers.find((b) => b.id === buyerId);
    if (!buyer) return;
    const draw = createRandom(hashSeed(`${options.seed}:${messageId}`));
    if (!rated.has(buyerId) && draw.chance(0.2)) {
      rated.add(buyerId);
      const roll = draw.next();
      const score = roll < 0.6 ? 4 : roll < 0.85 ? 3 : roll < 0.93 ? 2 : roll < 0.97 ? 1 : 0;
      later(draw.int(20, 120) * 1000, () => {
        void sink?.rating?.({ shopId, buyerId, score, at: context.clock.now() }).catch(() => undefined);
      });
    }
    if (buyer.stage === 'preSale' && !paid.has(buyerId) && draw.chance(0.25)) {
      paid.add(buyerId);
      const item = draw.pick(DEMO_SKUS);
      later(draw.int(1, 30) * 60_000, () => {
        const paidAt = context.clock.now();
        const id = `${shopId}-order-${buyerId.slice(buyerId.lastIndexOf('-') + 1)}-p`;
        void sink
          ?.order({
            id,
            shopId,
            buyerId,
            sku: item.sku,
            title: item.title,
            ...demoBasket(item, id),
            paidAt,
            shipBy: paidAt + context.shipWithinHours * 3_600_000,
            status: 'awaiting_shipment',
            statusAt: paidAt,
            trackingNumber: null,
            quantity: 1,
            courier: null,
            ...demoConsignee(hashSeed(buyerId) % 1000),
            buyerNote: '',
            sellerMemo: '',
            shipmentSync: null,
            shipmentNote: '',
          })
          .catch(() => undefined);
      });
    }
  }

  function schedule(): void {
    timer = context.clock.setTimeout(arrive, Math.max(1, Math.round(random.exponential(meanGapMs))));
  }

  return {
    ...(hub ? { roster: hub } : {}),
    // Like the platforms' chat APIs: nothing goes while the platform is offline (the console keeps it and asks
    // again), and links to other sites are refused (Taobao, JD and Pinduoduo block them in chat).
    send(message) {
      if (hub && !hub.online()) return Promise.reject(new Error('the demo platform is offline'));
      if (EXTERNAL_LINK.test(message.text))
        return Promise.resolve({ result: 'refused', reason: '平台不允许在聊天中发送站外链接' });
      afterReply(message.buyerId, message.messageId);
      return Promise.resolve({ result: 'sent' });
    },
    // A shipment confirmed to the platform; like sending, nothing is taken while the platform is offline. The demo
    // knows no waybills, so it takes any number the console's check let through.
    confirmShipment() {
      if (hub && !hub.online()) return Promise.reject(new Error('the demo platform is offline'));
      return Promise.resolve({ result: 'sent' as const });
    },
    // The platform's shown stock per SKU (库存同步); like sending, nothing is taken while the platform is offline.
    syncStock(items) {
      if (hub && !hub.online()) return Promise.reject(new Error('the demo platform is offline'));
      for (const { sku, quantity } of items) shownStock.set(sku, quantity);
      return Promise.resolve();
    },
    start(target) {
      sink = target;
      schedule();
      scheduleRosterChange();
    },
    stop() {
      sink = null;
      if (timer) context.clock.clearTimeout(timer);
      if (rosterTimer) context.clock.clearTimeout(rosterTimer);
      timer = null;
      rosterTimer = null;
      for (const handle of followUps) context.clock.clearTimeout(handle);
      followUps.clear();
    },
  };
}
