// Shipping: the board of orders waiting to ship across the shops, each with its platform's deadline and what being
// late would cost, and shipping them (courier and tracking number, checked against the courier's shape) — in a
// batch, offline too: each shipment waits in the order's row until the platform has taken it.
import { z } from 'zod';
import { COURIER_CODES } from '../domain/shipping/couriers.ts';
import { PlatformSchema, ShopId, Timestamp } from './common.ts';
import { command, defineMethods, event, query, shopTarget } from './define.ts';
import { Order } from './orders.ts';

export const CourierCode = z.enum(COURIER_CODES);

/** Where an order stands on the board. */
export const BOARD_STATES = ['ok', 'at_risk', 'overdue', 'blocked', 'unsent', 'refused'] as const;
export const BoardState = z.enum(BOARD_STATES);
export type BoardState = z.infer<typeof BoardState>;

export const BoardRow = Order.extend({
  state: BoardState,
  /** The compensation the platform's rule would cost if it ships late (overdue: costs now). */
  penaltyFen: z.number().int(),
});
export type BoardRow = z.infer<typeof BoardRow>;

export const BOARD_FILTERS = ['waiting', 'at_risk', 'overdue', 'blocked', 'unsent', 'all'] as const;

/** A print wave: minutes after midnight, China time. */
const WaveMinutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 - 1);
/** The compensation for a late shipment: a share of what was paid, within a floor and a cap (fen). */
export const LatePenaltySchema = z
  .object({
    percent: z.number().min(0).max(100),
    minFen: z.number().int().min(0).max(1_000_000),
    maxFen: z.number().int().min(0).max(1_000_000),
  })
  .strict()
  .refine((p) => p.minFen <= p.maxFen, { message: 'the floor is above the cap', path: ['maxFen'] });

/** A shop's shipping rule as it stands: its print waves and late penalty (its own, or its platform's default). */
export const ShippingRuleView = z.object({
  shopId: ShopId,
  platform: PlatformSchema,
  printWaves: z.array(WaveMinutes),
  penalty: z.object({ percent: z.number(), minFen: z.number().int(), maxFen: z.number().int() }),
  /** Which parts the shop set (the rest are the defaults). */
  overridden: z.array(z.enum(['printWaves', 'penalty'])),
  /** The penalty is the default for a platform that names its own in its rules centre: an estimate until set. */
  estimated: z.boolean(),
});
export type ShippingRuleView = z.infer<typeof ShippingRuleView>;

export const shippingMethods = defineMethods('shipping', {
  /**
   * The board: orders of the shops in scope (or one shop), filtered and sorted in the core (50,000 open orders stay
   * fast), a page of them, and the count of each state.
   */
  'shipping.board': query(
    z
      .object({
        shopId: ShopId.nullable().default(null),
        filter: z.enum(BOARD_FILTERS).default('waiting'),
        courier: z.string().max(60).nullable().default(null),
        query: z.string().trim().max(64).default(''),
        sort: z.enum(['deadline', 'paidAt', 'amount']).default('deadline'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.object({
      rows: z.array(BoardRow),
      total: z.number().int(),
      counts: z.record(z.enum(BOARD_FILTERS), z.number().int()),
      nextWaveAt: Timestamp,
      couriers: z.array(z.string()),
    }),
    'shipping.view',
  ),
  /** Each shop's print waves and late penalty, for the shops whose board the person sees. */
  'shipping.rules': query(z.object({}).strict(), z.array(ShippingRuleView), 'shipping.view'),
  /**
   * A shop's print waves (at most 8 a day, no two the same) and late penalty; null puts back the default. The board
   * follows at once (at risk: before that shop's next wave).
   */
  'shipping.setRule': command(
    z
      .object({
        shopId: ShopId,
        printWaves: z
          .array(WaveMinutes)
          .min(1)
          .max(8)
          .refine((waves) => new Set(waves).size === waves.length, { message: 'the same wave twice' })
          .nullable(),
        penalty: LatePenaltySchema.nullable(),
      })
      .strict(),
    ShippingRuleView,
    'settings.shops',
    { log: 'shop', target: shopTarget },
  ),
  /**
   * Ships orders of one shop (a batch): each with its courier and a tracking number of that courier's shape. All or
   * none: an order that may not ship (refund asked, closed, shipped) or a number that does not fit refuses the
   * batch, with the reason per order. Each shipment then waits for the platform (offline too) until it is taken.
   */
  'shipping.ship': command(
    z
      .object({
        shopId: ShopId,
        shipments: z
          .array(
            z
              .object({
                orderId: z.string().min(1).max(64),
                courier: CourierCode,
                trackingNumber: z.string().trim().min(1).max(64),
              })
              .strict(),
          )
          .min(1)
          .max(200),
      })
      .strict(),
    z.object({ shipped: z.array(z.string()) }),
    'shipping.confirm',
    {
      log: 'shop',
      target: (input) => ({
        kind: input.shipments.length === 1 ? 'order' : 'shipmentBatch',
        id: input.shipments.length === 1 ? input.shipments[0]!.orderId : `${input.shipments.length} orders`,
      }),
    },
  ),
});

export const shippingEvents = {
  /** The board of a shop changed (an order arrived, shipped, or its confirmation was taken or refused). */
  'shipping.changed': event(z.object({ shopId: ShopId }), 'shipping.view'),
} as const;
