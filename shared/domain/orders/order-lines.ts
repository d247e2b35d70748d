// An order's lines: the SKUs a buyer bought, with units and what was paid for each, and the gifts (赠品) the shop adds
// — a line paid nothing beside paid ones, or one whose title says it is a gift (an order export gives only the
// order's total, so there only the title tells). The order keeps its first paid line
// as its own sku, title and quantity (what a list, a search and a chat's order card name) and the total it was paid.
import type { Order, OrderLine } from '../../contract/orders.ts';

/** A title that says the line is a gift, as seller centres and sellers write it. */
const GIFT_TITLE = /赠品|【赠】|\[赠\]|赠送|^gift\b/i;

export type LineIn = Omit<OrderLine, 'gift'> & Readonly<{ gift?: boolean }>;

/** Lines with their gift mark: as given, else a line whose title says so, or one paid nothing beside a paid one. */
export function markGifts(lines: readonly LineIn[]): OrderLine[] {
  const anyPaid = lines.some((line) => line.amountFen !== null && line.amountFen > 0);
  return lines.map(({ gift, ...line }) => ({
    ...line,
    gift: gift ?? (GIFT_TITLE.test(line.title) || (anyPaid && line.amountFen === 0)),
  }));
}

/** The line that names the order: its first paid line, else its first. */
export function mainLine(lines: readonly OrderLine[]): OrderLine {
  return lines.find((line) => !line.gift) ?? lines[0]!;
}

/** An order with its lines: those given, or the one line its sku, title and quantity describe. */
export function withLines(order: Omit<Order, 'lines'> & Readonly<{ lines?: readonly OrderLine[] }>): Order {
  const lines =
    order.lines && order.lines.length > 0
      ? [...order.lines]
      : [{ sku: order.sku, title: order.title, quantity: order.quantity, amountFen: order.amountFen, gift: false }];
  const main = mainLine(lines);
  return { ...order, sku: main.sku, title: main.title, quantity: main.quantity, lines };
}

/** Units per SKU of an order (a SKU on two lines, say bought and given, counts once with both). */
export function unitsBySku(order: Pick<Order, 'lines'>): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of order.lines) units.set(line.sku, (units.get(line.sku) ?? 0) + line.quantity);
  return units;
}

/** Lines the same, in the same order. */
export function sameLines(a: readonly OrderLine[], b: readonly OrderLine[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (line, i) =>
        line.sku === b[i]!.sku &&
        line.title === b[i]!.title &&
        line.quantity === b[i]!.quantity &&
        line.amountFen === b[i]!.amountFen &&
        line.gift === b[i]!.gift,
    )
  );
}
