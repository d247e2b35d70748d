// Denying a permission to one person takes its subtree away, whatever their roles give.
import { describe, expect, it } from 'vitest';
import { grants } from '../../../shared/contract/index.ts';
import { withoutDenied } from '../../../shared/domain/roster/denied-grants.ts';

describe('denied grants', () => {
  it('takes a leaf out of a node the role gives, keeping the rest of it', () => {
    const held = withoutDenied(['inbox', 'orders.view'], ['inbox.reply']);
    expect(held.sort()).toEqual(['inbox.supervise', 'inbox.view', 'orders.view']);
    expect(grants(held, 'inbox.reply')).toBe(false);
  });

  it('takes a whole subtree away, and keeps whole nodes whole (a method naming a node still finds it)', () => {
    expect(withoutDenied(['inbox', 'orders'], ['orders'])).toEqual(['inbox']);
    expect(withoutDenied(['stock', 'shipping'], ['orders.refund'])).toEqual(['stock', 'shipping']);
  });

  it('applies to everything as well', () => {
    const held = withoutDenied(['*'], ['audit', 'settings']);
    expect(grants(held, 'audit.view')).toBe(false);
    expect(grants(held, 'settings.app')).toBe(false);
    expect(grants(held, 'orders.refund')).toBe(true);
    expect(held).toContain('inbox');
  });
});
