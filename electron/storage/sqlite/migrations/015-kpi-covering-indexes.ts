// Migration: the reports read a day of messages and rounds from indexes that hold every column they count, so a
// month of a busy shop is read without the rows' text (a million messages: the index pages only), and the day's
// system notes (transfers) from a small index of their own; and one chat's ratings by the chat (today's figures are
// recomputed a chat at a time). They replace the time-only indexes of migration 014; anything else that reads by
// time uses these the same way.
export const up = `CREATE INDEX messages_kpi ON messages (at, conversation_id, sender, author_id);
   CREATE INDEX messages_system_by_at ON messages (at) WHERE sender = 'system';
   DROP INDEX messages_by_at;
   CREATE INDEX rounds_kpi ON rounds (started_at, conversation_id, answered_at, agent_id);
   DROP INDEX rounds_by_start;
   CREATE INDEX ratings_by_conversation ON ratings (conversation_id, at);`;
