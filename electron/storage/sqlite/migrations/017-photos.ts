// Migration: photos kept as evidence (a defect found at goods-in), in the organisation's database beside the batches
// that name them. A photo is named by the SHA-256 of its bytes, so the same picture sent twice is kept once.
export const up = `CREATE TABLE photos (
     id TEXT PRIMARY KEY,
     mime TEXT NOT NULL,
     bytes BLOB NOT NULL,
     at INTEGER NOT NULL,
     by_id TEXT
   ) STRICT;`;
