// A day sheet as plain, ordered data, so that two sheets computed apart (on this thread and in the report threads,
// kept and afresh) compare equal when their figures are.
import type { DaySheet } from '../../shared/domain/reports/kpi.ts';

export const plainSheet = (s: DaySheet) => ({
  ...s,
  byAgentGroup: [...s.byAgentGroup].sort(([a], [b]) => a.localeCompare(b)),
  byGroup: [...s.byGroup].sort(([a], [b]) => a.localeCompare(b)),
  unanswered: [...s.unanswered].sort(),
});
