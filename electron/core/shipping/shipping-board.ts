// The shipping board: every open shop's orders that wait to ship (or are blocked by a refund asked before
// shipping, or shipped here and not yet taken by the platform), kept in memory — loaded when a shop opens, then
// following each order as it is stored — so that filtering and sorting 50,000 orders is a pass over an array, not a
// query. States are worked out at read time from the clock: a deadline passes without any write. Each shop has its
// own print waves and late penalty (its shipping rule): an order is at risk before its shop's next wave.
import type {
  BoardRow,
  BoardState,
  MethodInput,
  MethodOutput,
  Order,
  SessionInfo,
} from '../../../shared/contract/index.ts';
import { type BOARD_FILTERS, grants, grantsInShop } from '../../../shared/contract/index.ts';
import {
  deadlineState,
  latePenaltyFen,
  nextPrintWave,
  type ShippingRule,
} from '../../../shared/domain/shipping/deadline.ts';
import type { ShopStreams } from '../ports.ts';

export interface ShippingBoard {
  load(shopId: string): void;
  drop(shopId: string): void;
  /** An order as stored: on the board, off it, or changed. */
  put(order: Order): void;
  /** Orders stored together (an import): one change announced per shop. */
  putMany(orders: readonly Order[]): void;
  get(shopId: string, orderId: string): Order | null;
  /** Shipments made here that the platform has not taken (its outbox), oldest first. */
  unsent(shopId: string): Order[];
  query(session: SessionInfo, input: MethodInput<'shipping.board'>, now: number): MethodOutput<'shipping.board'>;
}

export function onBoard(order: Order): boolean {
  return (
    order.status === 'awaiting_shipment' ||
    (order.status === 'refunding' && order.trackingNumber === null) ||
    order.shipmentSync === 'pending' ||
    order.shipmentSync === 'refused'
  );
}

type Filter = (typeof BOARD_FILTERS)[number];

export function createShippingBoard(
  deps: Readonly<{ streams: ShopStreams; ruleOf(shopId: string): ShippingRule; onChanged(shopId: string): void }>,
): ShippingBoard {
  const shops = new Map<string, Map<string, Order>>();

  const stateOf = (order: Order, now: number, wave: number): BoardState => {
    if (order.shipmentSync === 'refused') return 'refused';
    if (order.shipmentSync === 'pending') return 'unsent';
    if (order.status !== 'awaiting_shipment') return 'blocked';
    return deadlineState(order.shipBy, now, wave);
  };
  const matches = (filter: Filter, state: BoardState) =>
    filter === 'all' ||
    (filter === 'waiting' && (state === 'ok' || state === 'at_risk' || state === 'overdue')) ||
    (filter === 'unsent' && (state === 'unsent' || state === 'refused')) ||
    filter === state;

  return {
    load(shopId) {
      const orders = new Map<string, Order>();
      for (const order of deps.streams.ordersOnBoard(shopId)) orders.set(order.id, order);
      shops.set(shopId, orders);
    },
    drop(shopId) {
      shops.delete(shopId);
    },
    put(order) {
      this.putMany([order]);
    },
    putMany(list) {
      const changed = new Set<string>();
      for (const order of list) {
        const orders = shops.get(order.shopId);
        if (!orders) continue;
        if (onBoard(order)) orders.set(order.id, order);
        else if (!orders.delete(order.id)) continue;
        changed.add(order.shopId);
      }
      for (const shopId of changed) deps.onChanged(shopId);
    },
    get(shopId, orderId) {
      return shops.get(shopId)?.get(orderId) ?? null;
    },
    unsent(shopId) {
      return [...(shops.get(shopId)?.values() ?? [])]
        .filter((o) => o.shipmentSync === 'pending')
        .sort((a, b) => a.statusAt - b.statusAt);
    },
    query(session, input, now) {
      let nextWaveAt = Number.POSITIVE_INFINITY;
      // Each shop's rule, resolved once per query (the page's rows take their penalty from it).
      const rules = new Map<string, ShippingRule>();
      const counts: Record<Filter, number> = { waiting: 0, at_risk: 0, overdue: 0, blocked: 0, unsent: 0, all: 0 };
      const couriers = new Set<string>();
      // Matches are kept as references with their state; rows are built only for the page sent.
      const matched: Order[] = [];
      const states: BoardState[] = [];
      const needle = input.query.toLowerCase();
      for (const [shopId, orders] of shops) {
        if (input.shopId !== null && input.shopId !== shopId) continue;
        if (!grants(grantsInShop(session, shopId), 'shipping.view')) continue;
        const rule = deps.ruleOf(shopId);
        rules.set(shopId, rule);
        const wave = nextPrintWave(now, rule.printWaves);
        nextWaveAt = Math.min(nextWaveAt, wave);
        for (const order of orders.values()) {
          const state = stateOf(order, now, wave);
          counts.all += 1;
          if (state === 'ok' || state === 'at_risk' || state === 'overdue') counts.waiting += 1;
          if (state === 'at_risk') counts.at_risk += 1;
          else if (state === 'overdue') counts.overdue += 1;
          else if (state === 'blocked') counts.blocked += 1;
          else if (state === 'unsent' || state === 'refused') counts.unsent += 1;
          if (order.courier) couriers.add(order.courier);
          if (!matches(input.filter, state)) continue;
          if (input.courier !== null && order.courier !== input.courier) continue;
          if (
            needle !== '' &&
            !order.id.toLowerCase().includes(needle) &&
            !order.buyerId.toLowerCase().includes(needle) &&
            !order.lines.some((line) => line.sku.toLowerCase().includes(needle) || line.title.includes(needle))
          )
            continue;
          matched.push(order);
          states.push(state);
        }
      }
      const index = Array.from(matched, (_, i) => i);
      const key =
        input.sort === 'amount'
          ? (o: Order) => -o.amountFen
          : input.sort === 'paidAt'
            ? (o: Order) => o.paidAt
            : (o: Order) => o.shipBy;
      const keys = matched.map(key);
      index.sort((a, b) => keys[a]! - keys[b]! || (matched[a]!.id < matched[b]!.id ? -1 : 1));
      const page = index.slice(input.offset, input.offset + input.limit).map((i): BoardRow => {
        const order = matched[i]!;
        const { penalty } = rules.get(order.shopId)!;
        return { ...order, state: states[i]!, penaltyFen: latePenaltyFen(order.amountFen, penalty) };
      });
      // The soonest wave of the shops shown (no shop shown: the default waves).
      if (nextWaveAt === Number.POSITIVE_INFINITY) nextWaveAt = nextPrintWave(now);
      return { rows: page, total: matched.length, counts, nextWaveAt, couriers: [...couriers].sort() };
    },
  };
}
