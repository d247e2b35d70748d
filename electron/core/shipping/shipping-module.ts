// The shipping domain: the board (shipping-board.ts), shipping a batch of one shop's orders, and the shipment outbox.
// A shipment is written into the order's own row — shipped, its courier and tracking number, and `pending` for the
// platform — in the command's transaction with its audit entry; then each shop's pending shipments go to its
// connector one at a time, oldest first. A platform that cannot be reached keeps them pending (asked again after 1 s
// doubling to 30 s, and when its connector starts); a refusal is kept with the platform's reason, for a person to
// correct and ship again. Stock follows the shipment as it follows any stored order.
import { AppError, type Order, type SessionInfo, type ShippingRuleView } from '../../../shared/contract/index.ts';
import { courierOf, normalizeTracking, trackingFits } from '../../../shared/domain/shipping/couriers.ts';
import { resolveShippingRule } from '../../../shared/domain/shipping/deadline.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CommandTx, CoreModule } from '../module.ts';
import type { AuditDraft, Clock, Connector, Logger, ShopStreams, TimerHandle } from '../ports.ts';
import type { ShopDocument, StoredShippingRule } from '../shops/shop-document.ts';
import { createShippingBoard, type ShippingBoard } from './shipping-board.ts';

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

type Outbox = { busy: boolean; retry: TimerHandle | null; failures: number };

export function createShipping(
  deps: Readonly<{
    streams: ShopStreams;
    bus: EventBus;
    clock: Clock;
    logger: Logger;
    shopOf(shopId: string): ShopDocument;
    /** Stores the shop's shipping rule, with the command's audit entry (in the shop's document). */
    updateRule(shopId: string, rule: StoredShippingRule, entry: () => AuditDraft): Promise<void>;
    /** The shops whose rules a person may read (those whose board they see). */
    shopsFor(session: SessionInfo): string[];
    connectorOf(shopId: string): Connector | null;
    /** A shipped order as stored: stock takes its units off the shelf. */
    onShipped(order: Order): Promise<void>;
  }>,
) {
  const ruleOf = (shopId: string) => {
    const doc = deps.shopOf(shopId);
    return resolveShippingRule(doc.profile.platform, doc.shipping);
  };
  const ruleView = (shopId: string): ShippingRuleView => {
    const rule = ruleOf(shopId);
    return {
      shopId,
      platform: deps.shopOf(shopId).profile.platform,
      printWaves: [...rule.printWaves],
      penalty: rule.penalty,
      overridden: [...rule.overridden],
      estimated: rule.estimated,
    };
  };
  const board: ShippingBoard = createShippingBoard({
    streams: deps.streams,
    ruleOf,
    onChanged: (shopId) => deps.bus.emit({ name: 'shipping.changed', payload: { shopId } }),
  });
  const outboxes = new Map<string, Outbox>();

  function schedule(shopId: string, outbox: Outbox): void {
    if (outbox.retry !== null) return;
    const wait = Math.min(FIRST_RETRY_MS * 2 ** Math.max(outbox.failures - 1, 0), LAST_RETRY_MS);
    outbox.retry = deps.clock.setTimeout(() => {
      outbox.retry = null;
      void drain(shopId);
    }, wait);
  }

  async function settle(order: Order, sync: 'sent' | 'refused', note: string): Promise<void> {
    const settled: Order = { ...order, shipmentSync: sync, shipmentNote: note };
    await deps.streams.write(order.shopId, { orders: [settled] });
    board.put(settled);
  }

  /** Sends the shop's pending shipments, oldest first, until one is not taken now. */
  async function drain(shopId: string): Promise<void> {
    const outbox = outboxes.get(shopId);
    const connector = deps.connectorOf(shopId);
    if (!outbox || outbox.busy || !connector?.confirmShipment) return;
    outbox.busy = true;
    try {
      for (;;) {
        const next = board.unsent(shopId)[0];
        if (!next || outboxes.get(shopId) !== outbox) break;
        let outcome;
        try {
          outcome = await connector.confirmShipment({
            orderId: next.id,
            courier: next.courier ?? '',
            trackingNumber: next.trackingNumber ?? '',
          });
        } catch (error) {
          outbox.failures += 1;
          if (outbox.failures === 1)
            deps.logger.warn(`shop ${shopId}: shipments not taken by the platform`, String(error));
          schedule(shopId, outbox);
          break;
        }
        outbox.failures = 0;
        // The order as it stands now (a delivery may have changed it meanwhile), with the platform's answer.
        const current = board.get(shopId, next.id) ?? next;
        await settle(current, outcome.result, outcome.result === 'refused' ? outcome.reason.slice(0, 500) : '');
      }
    } catch (error) {
      deps.logger.error(`shop ${shopId}: recording a shipment's confirmation failed`, error);
    } finally {
      outbox.busy = false;
    }
  }

  async function ship(
    session: SessionInfo,
    input: Readonly<{
      shopId: string;
      shipments: readonly Readonly<{ orderId: string; courier: string; trackingNumber: string }>[];
    }>,
    tx: CommandTx,
  ): Promise<{ shipped: string[] }> {
    const { shopId } = input;
    const refusals: { orderId: string; reason: string }[] = [];
    const shipped: Order[] = [];
    const seen = new Set<string>();
    for (const s of input.shipments) {
      const order = board.get(shopId, s.orderId) ?? deps.streams.order(shopId, s.orderId);
      const trackingNumber = normalizeTracking(s.trackingNumber);
      const courier = courierOf(s.courier)!;
      const refuse = (reason: string) => refusals.push({ orderId: s.orderId, reason });
      if (seen.has(s.orderId)) refuse('listed twice');
      else if (!order) refuse('not_found');
      else if (order.status === 'closed') refuse('closed');
      else if (order.status === 'refunding') refuse('refunding');
      else if (order.status !== 'awaiting_shipment' && order.shipmentSync !== 'refused') refuse('shipped');
      else if (!trackingFits(courier.code, trackingNumber)) refuse('tracking_shape');
      else
        shipped.push({
          ...order,
          status: 'shipped',
          statusAt: tx.at,
          courier: courier.name,
          trackingNumber,
          shipmentSync: 'pending',
          shipmentNote: '',
        });
      seen.add(s.orderId);
    }
    if (refusals.length > 0)
      throw new AppError(
        'invalid_input',
        `${refusals.length} of ${input.shipments.length} orders cannot ship as given: nothing was shipped`,
        { refusals },
      );
    tx.record({
      shipments: {
        from: null,
        to: shipped.map((o) => ({ orderId: o.id, courier: o.courier, trackingNumber: o.trackingNumber })),
      },
    });
    await tx.write(shopId, {
      orders: shipped,
      orderChanges: shipped.map((o) => ({
        orderId: o.id,
        at: tx.at,
        changes: {
          status: { from: 'awaiting_shipment', to: 'shipped' },
          trackingNumber: { from: null, to: o.trackingNumber },
          courier: { from: null, to: o.courier },
          shippedBy: { from: null, to: session.userId },
        },
      })),
    });
    for (const order of shipped) {
      board.put(order);
      await deps.onShipped(order).catch((error: unknown) => deps.logger.error('stock for a shipment failed', error));
    }
    void drain(shopId);
    return { shipped: shipped.map((o) => o.id) };
  }

  const module: CoreModule<'shipping'> = {
    openShop: async (shopId) => {
      board.load(shopId);
      outboxes.set(shopId, { busy: false, retry: null, failures: 0 });
    },
    closeShop: async (shopId) => {
      const outbox = outboxes.get(shopId);
      if (outbox?.retry) deps.clock.clearTimeout(outbox.retry);
      outboxes.delete(shopId);
      board.drop(shopId);
    },
    connectorStarted: (shopId) => {
      const outbox = outboxes.get(shopId);
      if (!outbox) return;
      outbox.failures = 0;
      void drain(shopId);
    },
    stop: () => {
      for (const outbox of outboxes.values()) if (outbox.retry) deps.clock.clearTimeout(outbox.retry);
      outboxes.clear();
    },
    handlers: {
      'shipping.board': (input, { session, at }) => board.query(session, input, at),
      'shipping.ship': (input, { session, tx }) => ship(session, input, tx),
      'shipping.rules': (_input, { session }) => deps.shopsFor(session).map(ruleView),
      'shipping.setRule': async ({ shopId, printWaves, penalty }, { tx }) => {
        const before = deps.shopOf(shopId).shipping;
        const rule: StoredShippingRule = {
          printWaves: printWaves === null ? null : [...printWaves].sort((a, b) => a - b),
          penalty,
        };
        tx.record(
          Object.fromEntries(
            (['printWaves', 'penalty'] as const)
              .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(rule[k]))
              .map((k) => [k, { from: before[k], to: rule[k] }]),
          ),
        );
        await deps.updateRule(shopId, rule, tx.documentEntry);
        deps.bus.emit({ name: 'shipping.changed', payload: { shopId } });
        return ruleView(shopId);
      },
    },
  };
  return { board, module };
}
