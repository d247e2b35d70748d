// GB/T 41833-2022 on printed slips: names, phone numbers and room numbers masked.
import { describe, expect, it } from 'vitest';
import { maskAddress, maskName, maskPhone } from '../../shared/domain/shipping/masking.ts';

describe('masking printed consignee details', () => {
  it.each([
    ['林小姐', '林**'],
    ['王', '*'],
    ['欧阳娜娜', '欧***'],
    ['Alice', 'A****'],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['13812345678', '138******78'],
    ['138-1234-5678', '138******78'],
    ['0571-87654321', '057******321'],
    ['12345678', '12******'],
    ['12345', '*****'],
  ])('phone %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
    expect([...masked].filter((c) => c === '*').length).toBeGreaterThanOrEqual(Math.min(6, masked.length));
  });

  it.each([
    ['浙江省 杭州市 西湖区 文三路 90 号 3 幢 1204 室', '浙江省 杭州市 西湖区 文三路 90 号 * 幢 **** 室'],
    ['上海市 静安区 南京西路 1266 号 2 单元 801 室', '上海市 静安区 南京西路 1266 号 * 单元 *** 室'],
    ['广东省 广州市 天河路 385 号 5 栋 602', '广东省 广州市 天河路 385 号 * 栋 602'],
    ['北京市 朝阳区 建国路 88 号 B座 12层', '北京市 朝阳区 建国路 88 号 B座 **层'],
  ])('address %s → %s', (address, masked) => expect(maskAddress(address)).toBe(masked));
});
