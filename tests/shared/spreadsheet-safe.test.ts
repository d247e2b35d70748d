import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from '../../shared/domain/spreadsheet-safe.ts';

describe('spreadsheet-safe cells', () => {
  const table: [unknown, unknown][] = [
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    ['=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'],
    ['店主', '店主'],
    ['a=b', 'a=b'],
    ['', ''],
    [42, 42],
    [-3, -3],
    [true, true],
    [null, null],
    [undefined, null],
    [{ to: '=x' }, '{"to":"=x"}'],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input) ?? 'undefined'} → ${JSON.stringify(expected)}`, () =>
      expect(spreadsheetSafe(input)).toEqual(expected));
  }
});
