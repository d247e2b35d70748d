// The stock ledger of one business: every change of stock is a movement, and the balances are what the movements
// add up to — closing = opening + in − out, per SKU and per kind of quantity, always. Quantities per SKU: normal
// (sellable goods on the shelf), damaged and frozen (on the shelf, not for sale), occupied (normal units locked by
// unshipped orders) and reserved (normal units held back by hand). What may still be sold is
// available = normal − occupied − reserved, and it never goes below zero: a movement that would make it (or any
// quantity) negative is refused, whole.
//
// Several shops sell the same goods (DOMAIN.md). Per SKU, a shop may have an exclusive share (units set aside for
// it; its orders use them first), the rest is pooled after a safety buffer, and each shop shows the pool times its
// stock coefficient, rounded up, as the platforms do. What a shop may lock is its share left plus the whole free
// pool; what the shops display together can exceed what is available — that excess is the oversell risk, shown
// per SKU. Pure and synchronous: the core applies a movement here and in storage in one step.

export type StockQuantities = Readonly<{
  normal: number;
  damaged: number;
  frozen: number;
  occupied: number;
  reserved: number;
}>;

export const QUANTITY_KINDS = ['normal', 'damaged', 'frozen', 'occupied', 'reserved'] as const;
export type QuantityKind = (typeof QUANTITY_KINDS)[number];

export const MOVEMENT_KINDS = [
  'goods_in',
  'order_lock',
  'shipment',
  'cancel_release',
  'return',
  'adjustment',
  'stocktake',
  'type_change',
  'reserve',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** One change of stock: signed deltas per quantity; an order's movements name the order and its shop. */
export type StockMovement = Readonly<{
  id: string;
  at: number;
  sku: string;
  kind: MovementKind;
  delta: Readonly<Partial<Record<QuantityKind, number>>>;
  shopId: string | null;
  orderId: string | null;
  actorId: string | null;
  note: string;
}>;

export type ShopAllocation = Readonly<{
  /** Units set aside for this shop (its orders use them first). */
  exclusive: number;
  /** The share of the pool the shop displays (0–1, rounded up; 1 = all of it). */
  coefficient: number;
}>;

export type SkuAllocation = Readonly<{
  /** Units kept back from the pool, never displayed (DOMAIN.md: 5–10%). */
  buffer: number;
  shops: Readonly<Record<string, ShopAllocation>>;
}>;

export const NO_ALLOCATION: SkuAllocation = { buffer: 0, shops: {} };

export const EMPTY_STOCK: StockQuantities = { normal: 0, damaged: 0, frozen: 0, occupied: 0, reserved: 0 };

export type StockRefusal = Readonly<{
  code: 'negative' | 'oversell' | 'not_locked' | 'locked';
  message: string;
  /** For `negative`: which quantity (or `available`) would go below zero, and to what. */
  quantity?: QuantityKind | 'available';
  would?: number;
}>;

/** One SKU's position: its quantities, who holds its occupied units, and its allocation. */
export type SkuStock = Readonly<{
  quantities: StockQuantities;
  /** Units occupied per shop (for exclusive shares) and per order (released or shipped whole). */
  occupiedByShop: Readonly<Record<string, number>>;
  locks: Readonly<Record<string, Readonly<{ shopId: string; quantity: number }>>>;
  allocation: SkuAllocation;
}>;

export const EMPTY_SKU_STOCK: SkuStock = {
  quantities: EMPTY_STOCK,
  occupiedByShop: {},
  locks: {},
  allocation: NO_ALLOCATION,
};

export const available = (q: StockQuantities) => q.normal - q.occupied - q.reserved;

/** What each shop may lock now and what it displays, and the oversell risk (display total − available). */
export type ShopSellable = Readonly<{ shopId: string; canLock: number; displayed: number }>;

export function sellableByShop(
  stock: SkuStock,
  shopIds: readonly string[],
): {
  shops: ShopSellable[];
  available: number;
  oversellRisk: number;
} {
  const free = Math.max(0, available(stock.quantities));
  const shareLeft = (shopId: string) =>
    Math.max(0, (stock.allocation.shops[shopId]?.exclusive ?? 0) - (stock.occupiedByShop[shopId] ?? 0));
  const setAside = Object.keys(stock.allocation.shops).reduce((sum, id) => sum + shareLeft(id), 0);
  const pool = Math.max(0, free - Math.min(free, setAside) - stock.allocation.buffer);
  const shops = shopIds.map((shopId) => {
    const own = Math.min(free, shareLeft(shopId));
    const coefficient = stock.allocation.shops[shopId]?.coefficient ?? 1;
    return {
      shopId,
      canLock: Math.min(free, own + pool),
      displayed: Math.min(free, own + Math.ceil(pool * coefficient - 1e-9)),
    };
  });
  const displayed = shops.reduce((sum, s) => sum + s.displayed, 0);
  return { shops, available: free, oversellRisk: Math.max(0, displayed - free) };
}

/**
 * Applies one movement; returns the new position, or why it is refused (nothing changes then). Order movements
 * keep their rules: a lock fits in what the shop may lock, an order is locked once, and it ships or is released
 * only as locked.
 */
export function applyMovement(stock: SkuStock, movement: StockMovement): SkuStock | StockRefusal {
  let { occupiedByShop, locks } = stock;
  let delta = movement.delta;
  const orderKey = movement.orderId === null ? null : `${movement.shopId ?? ''}/${movement.orderId}`;
  if (movement.kind === 'order_lock') {
    const quantity = delta.occupied ?? 0;
    if (orderKey === null || movement.shopId === null || quantity <= 0)
      return { code: 'negative', message: 'a lock names its order, its shop and a positive quantity' };
    if (locks[orderKey]) return { code: 'locked', message: `order ${movement.orderId} holds its stock already` };
    const canLock = sellableByShop(stock, [movement.shopId]).shops[0]!.canLock;
    if (quantity > canLock)
      return { code: 'oversell', message: `only ${canLock} can be sold in this shop, the order needs ${quantity}` };
    locks = { ...locks, [orderKey]: { shopId: movement.shopId, quantity } };
    occupiedByShop = { ...occupiedByShop, [movement.shopId]: (occupiedByShop[movement.shopId] ?? 0) + quantity };
  } else if (movement.kind === 'shipment' || movement.kind === 'cancel_release') {
    const lock = orderKey === null ? undefined : locks[orderKey];
    if (!lock) return { code: 'not_locked', message: `order ${movement.orderId} holds no stock` };
    // An order's stock leaves whole: the lock's units, off the shelf (shipped) or back to sale (released).
    delta =
      movement.kind === 'shipment'
        ? { occupied: -lock.quantity, normal: -lock.quantity }
        : { occupied: -lock.quantity };
    const { [orderKey!]: _released, ...rest } = locks;
    locks = rest;
    occupiedByShop = { ...occupiedByShop, [lock.shopId]: (occupiedByShop[lock.shopId] ?? 0) - lock.quantity };
  } else if ((delta.occupied ?? 0) !== 0) {
    return { code: 'negative', message: 'occupied stock changes only with an order' };
  }
  const next = { ...stock.quantities };
  for (const kind of QUANTITY_KINDS) next[kind] = stock.quantities[kind] + (delta[kind] ?? 0);
  for (const kind of QUANTITY_KINDS)
    if (next[kind] < 0)
      return { code: 'negative', message: `${kind} stock would be ${next[kind]}`, quantity: kind, would: next[kind] };
  if (available(next) < 0)
    return {
      code: 'negative',
      message: `available stock would be ${available(next)} (occupied and reserved exceed it)`,
      quantity: 'available',
      would: available(next),
    };
  return { ...stock, quantities: next, occupiedByShop, locks };
}

export const isRefusal = (result: SkuStock | StockRefusal): result is StockRefusal => 'code' in result;

/** The effective deltas of an applied movement (shipment and release take their quantity from the lock). */
export function appliedDelta(before: SkuStock, after: SkuStock): Record<QuantityKind, number> {
  const delta = {} as Record<QuantityKind, number>;
  for (const kind of QUANTITY_KINDS) delta[kind] = after.quantities[kind] - before.quantities[kind];
  return delta;
}
