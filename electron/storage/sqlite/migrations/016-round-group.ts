// Migration: each response round keeps the routing group its chat was in when the round began (售前 / 售后), so the
// report by group counts history where it happened, not where the chat is now. Rounds written before this have no
// group (NULL) and are counted under their chat's current group, as before. The covering index of the KPI reads
// gains the column.
export const up = `ALTER TABLE rounds ADD COLUMN grp TEXT;
   DROP INDEX rounds_kpi;
   CREATE INDEX rounds_kpi ON rounds (started_at, conversation_id, answered_at, agent_id, grp);`;
