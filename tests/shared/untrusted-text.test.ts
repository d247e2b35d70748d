import { describe, expect, it } from 'vitest';
import { displayText } from '../../shared/domain/untrusted-text.ts';

describe('displayText', () => {
  it.each([
    ['rtl\u202Egnp.exe', 'rtlgnp.exe'],
    ['\u2067isolated\u2069', 'isolated'],
    ['\u202Aembedded\u202C', 'embedded'],
    ['مرحبا hello 你好', 'مرحبا hello 你好'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ])('%j → %j', (input, expected) => {
    expect(displayText(input)).toBe(expected);
  });
});
