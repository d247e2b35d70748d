import { describe, expect, it } from 'vitest';
import { grants } from '../../shared/contract/index.ts';

describe('permission tree', () => {
  it.each([
    [['*'], 'settings.shops', true],
    [['inbox'], 'inbox.reply', true],
    [['inbox'], 'inbox', true],
    [['inbox.view'], 'inbox.reply', false],
    [['inbox.view'], 'inbox', false],
    [['orders.view'], 'orders.refund', false],
    [['stock', 'shipping'], 'shipping.confirm', true],
    [[], 'inbox.view', false],
  ] as const)('%j covers %s: %s', (held, needed, expected) => {
    expect(grants(held, needed)).toBe(expected);
  });

  it('does not treat a name prefix as a parent (inbox does not cover inboxes)', () => {
    // A grant covers `needed` only at a dot boundary.
    expect(grants(['orders'], 'orders.priceChange')).toBe(true);
    expect(grants(['orders.price' as never], 'orders.priceChange')).toBe(false);
  });
});
