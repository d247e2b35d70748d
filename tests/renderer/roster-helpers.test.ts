// The roster page's pure helpers: the people filter and the permission tree the role editor shows.
import { describe, expect, it } from 'vitest';
import type { RosterPerson } from '../../shared/contract/index.ts';
import { filterPeople } from '../../renderer/src/features/roster/people-filter.ts';
import { checkedKeys, grantsOf, PERMISSION_TREE } from '../../renderer/src/features/roster/permission-tree.ts';

const person = (id: string, extra: Partial<RosterPerson>): RosterPerson => ({
  id,
  displayName: id,
  nickname: '',
  employeeNo: '',
  departmentId: null,
  title: '',
  level: '',
  supervisorId: null,
  hireDate: null,
  phone: '',
  dingTalkId: '',
  status: 'active',
  login: null,
  kind: 'staff',
  conflicts: [],
  subAccounts: [],
  editable: true,
  ...extra,
});

describe('people filter', () => {
  const people = [
    person('王伟', { employeeNo: 'E001', departmentId: 'd1', phone: '13800000001' }),
    person('李娜', {
      nickname: '娜娜',
      departmentId: 'd2',
      subAccounts: [{ shopId: 'tmall', subAccountId: 's', fullName: 'x:娜', status: 'active' }],
    }),
    person('张强', { status: 'left', dingTalkId: 'zq' }),
  ];
  it.each([
    [{ text: '' }, ['王伟', '李娜', '张强']],
    [{ text: '娜娜' }, ['李娜']],
    [{ text: 'e001' }, ['王伟']],
    [{ text: '138 0001' }, ['王伟']],
    [{ text: '', status: 'left' as const }, ['张强']],
    [{ text: '', departmentId: null }, ['张强']],
    [{ text: '', shopId: 'tmall' }, ['李娜']],
    [{ text: 'zq', status: 'active' as const }, []],
  ])('%j → %j', (filter, expected) => {
    expect(filterPeople(people, filter).map((p) => p.id)).toEqual(expected);
  });
});

describe('permission tree', () => {
  it('has one node per module with its children', () => {
    expect(PERMISSION_TREE.map((n) => n.key)).toEqual([
      'inbox',
      'orders',
      'stock',
      'shipping',
      'roster',
      'reports',
      'audit',
      'settings',
    ]);
    expect(PERMISSION_TREE.find((n) => n.key === 'orders')!.children.map((c) => c.key)).toEqual([
      'orders.view',
      'orders.import',
      'orders.priceChange',
      'orders.refund',
      'orders.export',
    ]);
  });

  it('checks a parent grant’s children, and stores a fully checked module as its parent', () => {
    expect(checkedKeys(['orders'])).toEqual([
      'orders',
      'orders.view',
      'orders.import',
      'orders.priceChange',
      'orders.refund',
      'orders.export',
    ]);
    expect(grantsOf(checkedKeys(['orders', 'inbox.view']))).toEqual(['inbox.view', 'orders']);
    expect(grantsOf(['orders.view', 'orders.refund'])).toEqual(['orders.view', 'orders.refund']);
    expect(grantsOf(checkedKeys(['*'])).length).toBe(PERMISSION_TREE.length);
  });
});
