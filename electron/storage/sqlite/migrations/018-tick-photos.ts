// Migration: a checklist tick keeps the pictures it was made from (a photo colour check's listing photo and photo of
// the goods), as a JSON array of photo ids; the photos themselves are in the organisation's photos table (017).
// Ticks written before this have none.
export const up = `ALTER TABLE checklist_ticks ADD COLUMN photos TEXT NOT NULL DEFAULT '[]';`;
