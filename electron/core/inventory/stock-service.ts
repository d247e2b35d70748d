// The business's stock, kept by the ledger (shared/domain/stock/stock-ledger.ts): positions in memory, replayed
// from the organisation's database at start, every movement written there before it is announced. Orders move
// stock by themselves: an order of a SKU in the catalogue that waits to ship locks its units in its shop (every
// other shop's sellable follows in the same step), its shipment takes the unit off the shelf, its closing before
// shipment releases it — each SKU of an order, gifts included. A line that finds nothing to lock is listed as
// oversold. An update that drops a line releases its lock; one that changes a waiting line's units locks anew.
// The store of orders and the ledger are two databases, so the link is made idempotent instead of transactional:
// a movement's id names its order, and when a shop opens its open orders and locks are checked against each other
// (a lock a stop cut off is made then). Positions are loaded by aggregate (storage sums the movements), never by replaying each one.
import {
  AppError,
  grants,
  type AuditChange,
  grantsInShop,
  type MethodInput,
  type Order,
  type SessionInfo,
  type Sku,
  type StockRow,
} from '../../../shared/contract/index.ts';
import {
  applyMovement,
  EMPTY_SKU_STOCK,
  isRefusal,
  sellableByShop,
  appliedDelta,
  type SkuAllocation,
  type SkuStock,
  type StockMovement,
} from '../../../shared/domain/stock/stock-ledger.ts';
import { unitsBySku } from '../../../shared/domain/orders/order-lines.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CommandTx } from '../module.ts';
import { ORG_LOG, type Logger, type ShopStreams, type StreamWrite } from '../ports.ts';
import type { SkuCatalogue } from './sku-catalogue.ts';

export type OversoldOrder = Readonly<{ shopId: string; orderId: string; sku: string; at: number }>;

export interface StockService {
  load(): void;
  /** Checks the open orders of a shop against the ledger (start, and a shop opened later). */
  reconcile(shopId: string): Promise<void>;
  /** An order as stored after a delivery: lock, ship or release its stock. */
  onOrder(order: Order): Promise<void>;
  /** Orders stored in bulk (an import): each as onOrder, together; how many of catalogue SKUs locked or found none. */
  onOrders(orders: readonly Order[]): Promise<{ locked: number; oversold: number }>;
  rows(session: SessionInfo, filter: MethodInput<'inventory.stock'>): { rows: StockRow[]; oversold: OversoldOrder[] };
  movements(sku: string, limit: number): StockMovement[];
  move(session: SessionInfo, input: MethodInput<'inventory.moveStock'>, tx: CommandTx): Promise<StockRow>;
  /**
   * Movements by a person in one command (one adjustment, a goods-in batch, a stocktake's variances): all apply or
   * none (refused with the ledger's reason), written in one transaction with `write` and the command's entry, whose
   * record gets the quantities before and after.
   */
  postMany(
    session: SessionInfo,
    movements: readonly Readonly<{
      id: string;
      sku: string;
      kind: StockMovement['kind'];
      delta: StockMovement['delta'];
      note: string;
    }>[],
    tx: CommandTx,
    write: Omit<StreamWrite, 'stock'>,
    record: Readonly<Record<string, AuditChange>>,
  ): Promise<void>;
  setAllocation(session: SessionInfo, input: MethodInput<'inventory.setAllocation'>, tx: CommandTx): Promise<StockRow>;
  /** The demo's opening stock (first run only). */
  seed(codes: readonly string[], units: number, at: number): Promise<void>;
  /** What the shop displays of each SKU it sells (a full 库存同步 when its connector starts). */
  displayedIn(shopId: string): { sku: string; displayed: number }[];
  /** One SKU's position (for the benchmark). */
  position(sku: string): SkuStock;
}

export function createStockService(
  deps: Readonly<{
    streams: ShopStreams;
    bus: EventBus;
    logger: Logger;
    catalogue: SkuCatalogue;
    clock: { now(): number };
    ids: { next(prefix: string): string };
    /** A SKU's position or allocation changed: what each of its shops now displays (for 库存同步). */
    onDisplayedChanged?(sku: string, displayed: readonly Readonly<{ shopId: string; displayed: number }>[]): void;
  }>,
): StockService {
  const stock = new Map<string, SkuStock>();
  const oversold = new Map<string, OversoldOrder>();
  /** The SKUs each order (`shopId/orderId`) holds a lock on: kept beside the positions, as their locks change. */
  const held = new Map<string, Set<string>>();
  const positionOf = (sku: string) => stock.get(sku) ?? EMPTY_SKU_STOCK;
  /** Puts a SKU's position in place; `held` follows the lock of the order the change was about (when one). */
  const place = (sku: string, next: SkuStock, orderKey: string | null) => {
    stock.set(sku, next);
    if (orderKey === null) return;
    let skus = held.get(orderKey);
    if (next.locks[orderKey]) {
      if (!skus) held.set(orderKey, (skus = new Set()));
      skus.add(sku);
    } else if (skus) {
      skus.delete(sku);
      if (skus.size === 0) held.delete(orderKey);
    }
  };
  const announce = (code: string) => {
    const sku = deps.catalogue.get(code);
    if (sku) deps.onDisplayedChanged?.(code, sellableByShop(positionOf(code), sku.shopIds).shops);
    deps.bus.emit({ name: 'inventory.changed', payload: { shopId: null, code } });
  };

  /** Applies and stores one movement; the position changes only once it is durable. */
  async function commit(
    movement: StockMovement,
    write: (movement: StockMovement) => Promise<void>,
  ): Promise<SkuStock | null> {
    const before = positionOf(movement.sku);
    const next = applyMovement(before, movement);
    if (isRefusal(next)) return null;
    const effective: StockMovement = { ...movement, delta: nonZero(appliedDelta(before, next)) };
    // Applied in memory at once (so a second order in the same turn sees it), undone if storage refuses.
    const orderKey = movement.orderId === null ? null : `${movement.shopId ?? ''}/${movement.orderId}`;
    place(movement.sku, next, orderKey);
    try {
      await write(effective);
    } catch (error) {
      if (stock.get(movement.sku) === next) place(movement.sku, before, orderKey);
      throw error;
    }
    announce(movement.sku);
    return next;
  }

  function row(sku: Sku): StockRow {
    const position = positionOf(sku.code);
    const { shops, available, oversellRisk } = sellableByShop(position, sku.shopIds);
    return {
      code: sku.code,
      title: sku.title,
      quantities: { ...position.quantities },
      available,
      shops,
      oversellRisk,
      lowStockAt: sku.lowStockAt,
      low: available <= sku.lowStockAt,
      allocation: { buffer: position.allocation.buffer, shops: { ...position.allocation.shops } },
    };
  }

  function requireSku(session: SessionInfo, code: string): Sku {
    const sku = deps.catalogue.get(code);
    if (!sku) throw new AppError('not_found', `no SKU ${code}`);
    const mayEdit =
      session.kind === 'owner' ||
      (sku.shopIds.length === 0
        ? Object.keys(session.shopGrants ?? {}).some((id) => grants(grantsInShop(session, id), 'stock.edit'))
        : sku.shopIds.some((id) => grants(grantsInShop(session, id), 'stock.edit')));
    if (!mayEdit) throw new AppError('forbidden', 'you manage stock in none of the shops that sell this SKU');
    return sku;
  }

  const orderMovement = (order: Order, kind: StockMovement['kind'], sku: string, quantity: number): StockMovement => ({
    // Unique per occurrence: an order released and waiting again locks anew.
    id: `${kind}:${order.shopId}:${order.id}:${deps.ids.next('mv')}`,
    at: deps.clock.now(),
    sku,
    kind,
    delta: kind === 'order_lock' ? { occupied: quantity } : {},
    shopId: order.shopId,
    orderId: order.id,
    actorId: null,
    note: '',
  });
  /** An order's line of a SKU that found nothing to lock. */
  const oversoldKey = (order: Pick<Order, 'shopId' | 'id'>, sku: string) => `${order.shopId}/${order.id}\n${sku}`;
  const inCatalogue = (order: Order) => order.lines.some((line) => deps.catalogue.get(line.sku));
  const systemWrite = (movement: StockMovement) => deps.streams.write(ORG_LOG, { stock: { movements: [movement] } });

  return {
    load() {
      stock.clear();
      held.clear();
      const { quantities, locks, allocations } = deps.streams.stockPositions(ORG_LOG);
      for (const [sku, q] of quantities) stock.set(sku, { ...EMPTY_SKU_STOCK, quantities: q });
      for (const lock of locks) {
        const position = positionOf(lock.sku);
        const key = `${lock.shopId}/${lock.orderId}`;
        place(
          lock.sku,
          {
            ...position,
            locks: { ...position.locks, [key]: { shopId: lock.shopId, quantity: lock.quantity } },
            occupiedByShop: {
              ...position.occupiedByShop,
              [lock.shopId]: (position.occupiedByShop[lock.shopId] ?? 0) + lock.quantity,
            },
          },
          key,
        );
      }
      for (const [sku, allocation] of allocations) stock.set(sku, { ...positionOf(sku), allocation });
    },
    async reconcile(shopId) {
      if (stock.size === 0) return;
      // Orders still waiting without their lock, and locks whose order shipped or closed meanwhile.
      for (const order of deps.streams.ordersAwaitingShipment(shopId)) await this.onOrder(order);
      for (const position of [...stock.values()])
        for (const [key, lock] of Object.entries(position.locks)) {
          if (lock.shopId !== shopId) continue;
          const order = deps.streams.order(shopId, key.slice(shopId.length + 1));
          if (order && order.status !== 'awaiting_shipment') await this.onOrder(order);
        }
    },
    async onOrder(order) {
      // Each SKU of the order (gifts too: they leave the warehouse in the same parcel) locks, ships or releases.
      const key = `${order.shopId}/${order.id}`;
      const units = unitsBySku(order);
      // An update that changed the lines: a lock on a SKU the order no longer has is released (it will not ship),
      // and while it waits, a lock of another number of units is released to lock the new number below.
      for (const sku of [...(held.get(key) ?? [])]) {
        const lock = positionOf(sku).locks[key];
        const wanted = units.get(sku);
        if (lock && (wanted === undefined || (order.status === 'awaiting_shipment' && wanted !== lock.quantity)))
          await commit(orderMovement(order, 'cancel_release', sku, lock.quantity), systemWrite);
      }
      for (const [sku, quantity] of units) {
        if (!deps.catalogue.get(sku)) continue;
        const locked = positionOf(sku).locks[key] !== undefined;
        if (order.status === 'awaiting_shipment' && !locked) {
          const done = await commit(orderMovement(order, 'order_lock', sku, quantity), systemWrite);
          if (done) oversold.delete(oversoldKey(order, sku));
          else
            oversold.set(oversoldKey(order, sku), { shopId: order.shopId, orderId: order.id, sku, at: order.paidAt });
        } else if ((order.status === 'shipped' || order.status === 'received') && locked) {
          await commit(orderMovement(order, 'shipment', sku, quantity), systemWrite);
        } else if (order.status === 'closed' && locked) {
          await commit(orderMovement(order, 'cancel_release', sku, quantity), systemWrite);
        }
        if (order.status !== 'awaiting_shipment') oversold.delete(oversoldKey(order, sku));
      }
    },
    async onOrders(orders) {
      const waiting = orders.filter((o) => o.status === 'awaiting_shipment' && inCatalogue(o));
      // Each lock is applied in memory before its write is awaited, so they may run together (one group commit).
      await Promise.all(orders.map((order) => this.onOrder(order)));
      const oversoldNow = waiting.filter((o) => o.lines.some((line) => oversold.has(oversoldKey(o, line.sku)))).length;
      return { locked: waiting.length - oversoldNow, oversold: oversoldNow };
    },
    rows(session, { shopId, query, lowOnly }) {
      const skus = deps.catalogue.list(session, { shopId, query, includeArchived: false });
      const rows = skus.map(row).filter((r) => !lowOnly || r.low);
      const inScope = (id: string) => session.shopIds === 'all' || session.shopIds.includes(id);
      return {
        rows,
        oversold: [...oversold.values()].filter((o) => inScope(o.shopId) && (shopId === null || o.shopId === shopId)),
      };
    },
    movements: (sku, limit) => deps.streams.stockMovements(ORG_LOG, sku, limit),
    async move(session, input, tx) {
      const sku = requireSku(session, input.sku);
      const q = input.quantity;
      const delta =
        input.kind === 'reserve'
          ? { reserved: q }
          : input.kind === 'type_change'
            ? input.from === input.to
              ? null
              : { [input.from]: -q, [input.to]: q }
            : input.kind === 'return'
              ? { [input.to]: q }
              : { [input.from]: q };
      if (delta === null) throw new AppError('invalid_input', 'a change of type goes from one kind to another');
      if (input.kind === 'goods_in' && q < 0)
        throw new AppError('invalid_input', 'goods come in as a positive quantity');
      await this.postMany(
        session,
        [{ id: deps.ids.next('mv'), sku: sku.code, kind: input.kind, delta, note: input.note }],
        tx,
        {},
        {},
      );
      return row(sku);
    },
    async postMany(session, items, tx, write, record) {
      const before = new Map<string, SkuStock>();
      const after = new Map<string, SkuStock>();
      const effective: StockMovement[] = [];
      for (const item of items) {
        requireSku(session, item.sku);
        const current = after.get(item.sku) ?? positionOf(item.sku);
        if (!before.has(item.sku)) before.set(item.sku, current);
        const movement: StockMovement = { ...item, at: tx.at, shopId: null, orderId: null, actorId: session.userId };
        const next = applyMovement(current, movement);
        if (isRefusal(next))
          throw new AppError('conflict', `${item.sku}: ${next.message}`, {
            reason: next.code,
            sku: item.sku,
            quantity: next.quantity ?? null,
            would: next.would ?? null,
          });
        effective.push({ ...movement, delta: nonZero(appliedDelta(current, next)) });
        after.set(item.sku, next);
      }
      for (const [sku, next] of after) stock.set(sku, next);
      const change = (map: Map<string, SkuStock>) =>
        map.size === 1
          ? [...map.values()][0]!.quantities
          : Object.fromEntries([...map].map(([sku, p]) => [sku, p.quantities]));
      try {
        tx.record({ ...record, quantities: { from: change(before), to: change(after) } });
        await tx.write(ORG_LOG, { ...write, ...(effective.length > 0 ? { stock: { movements: effective } } : {}) });
      } catch (error) {
        for (const [sku, previous] of before) if (stock.get(sku) === after.get(sku)) stock.set(sku, previous);
        throw error;
      }
      for (const sku of after.keys()) announce(sku);
    },
    async setAllocation(session, input, tx) {
      const sku = requireSku(session, input.sku);
      const allocation: SkuAllocation = {
        buffer: input.buffer,
        shops: Object.fromEntries(
          input.shops
            .filter((s) => sku.shopIds.includes(s.shopId))
            .map((s) => [s.shopId, { exclusive: s.exclusive, coefficient: s.coefficient }]),
        ),
      };
      const before = positionOf(sku.code).allocation;
      tx.record({ allocation: { from: before, to: allocation } });
      await tx.write(ORG_LOG, { stock: { allocations: [{ sku: sku.code, allocation }] } });
      stock.set(sku.code, { ...positionOf(sku.code), allocation });
      announce(sku.code);
      return row(sku);
    },
    async seed(codes, units, at) {
      const movements = codes
        .filter((code) => !stock.has(code))
        .map((code): StockMovement => ({
          id: `seed:${code}`,
          at,
          sku: code,
          kind: 'goods_in',
          delta: { normal: units },
          shopId: null,
          orderId: null,
          actorId: null,
          note: '演示数据：期初库存',
        }));
      if (movements.length === 0) return;
      await deps.streams.write(ORG_LOG, { stock: { movements } });
      for (const m of movements) {
        stock.set(m.sku, applyMovement(positionOf(m.sku), m) as SkuStock);
        announce(m.sku);
      }
    },
    displayedIn(shopId) {
      return deps.catalogue
        .all()
        .filter((sku) => !sku.archived && sku.shopIds.includes(shopId))
        .map((sku) => ({
          sku: sku.code,
          displayed: sellableByShop(positionOf(sku.code), [shopId]).shops[0]!.displayed,
        }));
    },
    position: positionOf,
  };
}

function nonZero(delta: Record<string, number>): StockMovement['delta'] {
  return Object.fromEntries(Object.entries(delta).filter(([, v]) => v !== 0));
}
