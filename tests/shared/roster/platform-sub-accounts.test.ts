// Each platform's sub-account rules (DOMAIN.md), checked before anything is queued for the platform.
import { describe, expect, it } from 'vitest';
import {
  checkOrderExporters,
  checkPlatformRules,
  exportsOrders,
  DEFAULT_SUB_ACCOUNT_PLATFORM_RULES as RULES,
  normalisePhone,
} from '../../../shared/domain/roster/platform-sub-accounts.ts';

describe('platform sub-account rules', () => {
  it('JD: an account is created with a role', () => {
    expect(checkPlatformRules(RULES.jd, { roleIds: [], phone: '' }, [])).toBe('role_required');
    expect(checkPlatformRules(RULES.jd, { roleIds: ['role-cs'], phone: '' }, [])).toBeNull();
    // Taobao and Tmall take an account without one.
    expect(checkPlatformRules(RULES.tmall, { roleIds: [], phone: '' }, [])).toBeNull();
  });

  it('Pinduoduo: each account has a phone number of its own, however it is written', () => {
    expect(checkPlatformRules(RULES.pinduoduo, { roleIds: [], phone: ' ' }, [])).toBe('phone_required');
    expect(checkPlatformRules(RULES.pinduoduo, { roleIds: [], phone: '138 0000 0000' }, ['+86 13800000000'])).toBe(
      'phone_taken',
    );
    expect(checkPlatformRules(RULES.pinduoduo, { roleIds: [], phone: '138-0000-0001' }, ['13800000000'])).toBeNull();
    expect(normalisePhone('+86 138-0000-0000')).toBe('13800000000');
    // Elsewhere a shared or missing phone is not the platform's concern.
    expect(checkPlatformRules(RULES.jd, { roleIds: ['r'], phone: '' }, [''])).toBeNull();
  });

  it('Douyin: the employee accepts the grant (said in the dialog, not checked here)', () => {
    expect(RULES.douyin.employeeAccepts).toBe(true);
    expect(checkPlatformRules(RULES.douyin, { roleIds: [], phone: '' }, [])).toBeNull();
  });

  it('JD: at most 3 accounts export orders; an account exports when its grants cover orders.export', () => {
    expect(RULES.jd.maxOrderExporters).toBe(3);
    expect(checkOrderExporters(RULES.jd, 3)).toBeNull();
    expect(checkOrderExporters(RULES.jd, 4)).toBe('exporters_full');
    expect(checkOrderExporters(RULES.tmall, 400)).toBeNull();
    expect(exportsOrders(['orders'])).toBe(true);
    expect(exportsOrders(['orders.export'])).toBe(true);
    expect(exportsOrders(['orders.view', 'orders.refund'])).toBe(false);
    expect(exportsOrders(['*'])).toBe(true);
  });
});
