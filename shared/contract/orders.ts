// Orders: what the platforms sold, kept per shop (new deliveries of a known order are updates with history).
import { z } from 'zod';
import { ShopId, Timestamp } from './common.ts';
import { defineMethods, query } from './define.ts';

/** An order's state as the platforms name it: 待发货, 已发货, 已签收, 退款中, 已关闭. */
export const ORDER_STATUSES = ['awaiting_shipment', 'shipped', 'received', 'refunding', 'closed'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Order = z.object({
  id: z.string(),
  shopId: ShopId,
  buyerId: z.string(),
  sku: z.string(),
  title: z.string(),
  amountFen: z.number().int().nonnegative(),
  paidAt: Timestamp,
  shipBy: Timestamp,
  status: OrderStatus,
  /** When the order reached its current status. */
  statusAt: Timestamp,
  trackingNumber: z.string().max(64).nullable(),
});
export type Order = z.infer<typeof Order>;

export const ordersMethods = defineMethods('orders', {
  'orders.list': query(
    z
      .object({
        shopId: ShopId.nullable().default(null),
        buyerId: z.string().min(1).max(128).nullable().default(null),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.array(Order),
    'orders.view',
  ),
});
