// The AQL table (DOMAIN.md, ISO 2859-1 general level II, single sampling, normal): each lot size to its plans,
// arrows followed, samples clamped to the lot, and the verdict at the Ac/Re edges.
import { describe, expect, it } from 'vitest';
import { inspectionPlan, verdict } from '../../shared/domain/stock/aql-sampling.ts';

describe('AQL sampling', () => {
  it.each([
    // lot, code, pieces to inspect, major sample/Ac/Re, minor sample/Ac/Re
    [2, 'A', 2, [2, 0, 1], [2, 0, 1]],
    [8, 'A', 5, [5, 0, 1], [3, 0, 1]],
    [12, 'B', 5, [5, 0, 1], [3, 0, 1]],
    [20, 'C', 5, [5, 0, 1], [3, 0, 1]],
    [40, 'D', 13, [5, 0, 1], [13, 1, 2]],
    [60, 'E', 20, [20, 1, 2], [13, 1, 2]],
    [150, 'F', 20, [20, 1, 2], [20, 2, 3]],
    [151, 'G', 32, [32, 2, 3], [32, 3, 4]],
    [500, 'H', 50, [50, 3, 4], [50, 5, 6]],
    [501, 'J', 80, [80, 5, 6], [80, 7, 8]],
    [1200, 'J', 80, [80, 5, 6], [80, 7, 8]],
    [3200, 'K', 125, [125, 7, 8], [125, 10, 11]],
    [10000, 'L', 200, [200, 10, 11], [200, 14, 15]],
    [35000, 'M', 315, [315, 14, 15], [315, 21, 22]],
  ] as const)('a lot of %i: code %s, inspect %i', (lot, code, inspect, major, minor) => {
    const plan = inspectionPlan(lot)!;
    expect(plan.code).toBe(code);
    expect(plan.inspect).toBe(inspect);
    expect([plan.major.sample, plan.major.accept, plan.major.reject]).toEqual(major);
    expect([plan.minor.sample, plan.minor.accept, plan.minor.reject]).toEqual(minor);
  });

  it('inspects every piece when the sample reaches the lot, and has no plan beyond the table', () => {
    expect(inspectionPlan(4)).toMatchObject({ inspect: 4, everyPiece: true });
    expect(inspectionPlan(1)).toMatchObject({ inspect: 1, everyPiece: true });
    expect(inspectionPlan(600)!.everyPiece).toBe(false);
    expect(inspectionPlan(35001)).toBeNull();
    expect(inspectionPlan(0)).toBeNull();
  });

  it('accepts up to Ac and rejects at Re; one critical rejects', () => {
    const plan = inspectionPlan(800)!; // J: majors 5/6, minors 7/8
    expect(verdict(plan, { critical: 0, major: 5, minor: 7 })).toEqual({ accepted: true, reasons: [] });
    expect(verdict(plan, { critical: 0, major: 6, minor: 7 })).toEqual({ accepted: false, reasons: ['major'] });
    expect(verdict(plan, { critical: 0, major: 0, minor: 8 })).toEqual({ accepted: false, reasons: ['minor'] });
    expect(verdict(plan, { critical: 1, major: 0, minor: 0 })).toEqual({ accepted: false, reasons: ['critical'] });
  });
});
