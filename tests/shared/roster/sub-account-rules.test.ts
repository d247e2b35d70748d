import { describe, expect, it } from 'vitest';
import { checkSubAccountName, nameUnits } from '../../../shared/domain/roster/sub-account-rules.ts';

describe('sub-account names', () => {
  it('counts a CJK character as 2 units', () => {
    expect(nameUnits('小林')).toBe(4);
    expect(nameUnits('amy')).toBe(3);
    expect(nameUnits('棉语家居旗舰店:小林')).toBe(19);
  });

  it.each([
    ['棉语家居旗舰店', '小林', null],
    ['xiaolu_senlin', '主管Amy', null],
    ['棉语家居旗舰店', '123456', 'all_digits'],
    ['棉语家居旗舰店', 'a:b', 'colon'],
    ['棉语家居旗舰店', '全角：冒号', 'colon'],
    ['棉语家居旗舰店', '非常非常长的子账号名字', 'too_long'],
    ['棉语家居旗舰店', '  ', 'empty'],
  ] as const)('%s:%s → %s', (main, sub, expected) => {
    expect(checkSubAccountName(main, sub)).toBe(expected);
  });
});
