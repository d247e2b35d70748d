// The report's change column: the text the screen shows and CSV holds for a change against the period before, which
// must read the same as XLSX's three-part format (+0.0%;-0.0%;0.0%) shows the stored number.
import { describe, expect, it } from 'vitest';
import { formatCell, relativeChange, XLSX_FORMATS } from '../../shared/domain/reports/report-columns.ts';

describe('the change against the period before', () => {
  it('is relative to the period before, and none where there was nothing to compare with', () => {
    expect(relativeChange(2, 1)).toBe(1);
    expect(relativeChange(90, 600)).toBeCloseTo(-0.85, 10);
    expect(relativeChange(0, 4)).toBe(-1);
    expect(relativeChange(3, 0)).toBeNull();
    expect(relativeChange(null, 1)).toBeNull();
    expect(relativeChange(1, null)).toBeNull();
  });

  it('writes a sign as the spreadsheet does: from the value, even where the digits round to nothing', () => {
    expect(XLSX_FORMATS.change).toBe('+0.0%;-0.0%;0.0%');
    expect(formatCell('change', 0.125)).toBe('+12.5%');
    expect(formatCell('change', -0.85)).toBe('-85.0%');
    expect(formatCell('change', 0)).toBe('0.0%');
    expect(formatCell('change', -0.0004)).toBe('-0.0%');
    expect(formatCell('change', 0.0004)).toBe('+0.0%');
    expect(formatCell('change', null)).toBe('—');
  });
});
