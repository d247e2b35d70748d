// Goods-in sampling by AQL (ISO 2859-1 / ANSI Z1.4): general inspection level II, single sampling, normal
// inspection. The lot size gives a code letter and a sample size; each class of defect has its own plan (its own
// sample size where the standard's arrow points to another row) with accept (Ac) and reject (Re) numbers: majors
// (stains, holes) at AQL 2.5, minors (loose threads) at 4.0, criticals at 0 (any one rejects). A sample at least
// the lot size means inspecting every piece. The table is configuration (DEFAULT_AQL_TABLE, DOMAIN.md's values,
// arrows already followed); lots beyond its last row have no plan here.

export type SamplingPlan = Readonly<{ sample: number; accept: number; reject: number }>;

export type AqlRow = Readonly<{
  maxLot: number;
  code: string;
  sample: number;
  /** AQL 2.5 (majors) and 4.0 (minors), each with its own sample where the standard points elsewhere. */
  major: SamplingPlan;
  minor: SamplingPlan;
}>;

export const DEFAULT_AQL_TABLE: readonly AqlRow[] = [
  {
    maxLot: 8,
    code: 'A',
    sample: 2,
    major: { sample: 5, accept: 0, reject: 1 },
    minor: { sample: 3, accept: 0, reject: 1 },
  },
  {
    maxLot: 15,
    code: 'B',
    sample: 3,
    major: { sample: 5, accept: 0, reject: 1 },
    minor: { sample: 3, accept: 0, reject: 1 },
  },
  {
    maxLot: 25,
    code: 'C',
    sample: 5,
    major: { sample: 5, accept: 0, reject: 1 },
    minor: { sample: 3, accept: 0, reject: 1 },
  },
  {
    maxLot: 50,
    code: 'D',
    sample: 8,
    major: { sample: 5, accept: 0, reject: 1 },
    minor: { sample: 13, accept: 1, reject: 2 },
  },
  {
    maxLot: 90,
    code: 'E',
    sample: 13,
    major: { sample: 20, accept: 1, reject: 2 },
    minor: { sample: 13, accept: 1, reject: 2 },
  },
  {
    maxLot: 150,
    code: 'F',
    sample: 20,
    major: { sample: 20, accept: 1, reject: 2 },
    minor: { sample: 20, accept: 2, reject: 3 },
  },
  {
    maxLot: 280,
    code: 'G',
    sample: 32,
    major: { sample: 32, accept: 2, reject: 3 },
    minor: { sample: 32, accept: 3, reject: 4 },
  },
  {
    maxLot: 500,
    code: 'H',
    sample: 50,
    major: { sample: 50, accept: 3, reject: 4 },
    minor: { sample: 50, accept: 5, reject: 6 },
  },
  {
    maxLot: 1200,
    code: 'J',
    sample: 80,
    major: { sample: 80, accept: 5, reject: 6 },
    minor: { sample: 80, accept: 7, reject: 8 },
  },
  {
    maxLot: 3200,
    code: 'K',
    sample: 125,
    major: { sample: 125, accept: 7, reject: 8 },
    minor: { sample: 125, accept: 10, reject: 11 },
  },
  {
    maxLot: 10000,
    code: 'L',
    sample: 200,
    major: { sample: 200, accept: 10, reject: 11 },
    minor: { sample: 200, accept: 14, reject: 15 },
  },
  {
    maxLot: 35000,
    code: 'M',
    sample: 315,
    major: { sample: 315, accept: 14, reject: 15 },
    minor: { sample: 315, accept: 21, reject: 22 },
  },
];

export type InspectionPlan = Readonly<{
  code: string;
  /** Pieces to inspect: the larger of the two plans' samples, never more than the lot. */
  inspect: number;
  /** Every piece is inspected (the sample reached the lot size). */
  everyPiece: boolean;
  major: SamplingPlan;
  minor: SamplingPlan;
}>;

/** The plan for a lot of `lotSize` pieces, or null when the lot is empty or beyond the table. */
export function inspectionPlan(lotSize: number, table: readonly AqlRow[] = DEFAULT_AQL_TABLE): InspectionPlan | null {
  if (!Number.isInteger(lotSize) || lotSize < 2) return lotSize === 1 ? onePiece() : null;
  const row = table.find((r) => lotSize <= r.maxLot);
  if (!row) return null;
  const clamp = (plan: SamplingPlan): SamplingPlan => ({ ...plan, sample: Math.min(plan.sample, lotSize) });
  const major = clamp(row.major);
  const minor = clamp(row.minor);
  const inspect = Math.max(major.sample, minor.sample);
  return { code: row.code, inspect, everyPiece: inspect >= lotSize, major, minor };
}

function onePiece(): InspectionPlan {
  const plan = { sample: 1, accept: 0, reject: 1 };
  return { code: 'A', inspect: 1, everyPiece: true, major: plan, minor: plan };
}

export type InspectionVerdict = Readonly<{ accepted: boolean; reasons: ('critical' | 'major' | 'minor')[] }>;

/** The lot's verdict from the defects found in the sample: any critical, or majors or minors at their Re, reject. */
export function verdict(
  plan: InspectionPlan,
  found: Readonly<{ critical: number; major: number; minor: number }>,
): InspectionVerdict {
  const reasons: InspectionVerdict['reasons'] = [];
  if (found.critical > 0) reasons.push('critical');
  if (found.major >= plan.major.reject) reasons.push('major');
  if (found.minor >= plan.minor.reject) reasons.push('minor');
  return { accepted: reasons.length === 0, reasons };
}
