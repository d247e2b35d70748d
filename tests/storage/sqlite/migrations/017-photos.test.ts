import { describe, expect, it } from 'vitest';
import { PHOTO_READ, photosTable, readPhoto } from '../../../../electron/storage/sqlite/tables/photos.ts';
import { columns, databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 017: photos', () => {
  it('adds the photos table; a photo is kept once by its id, with its bytes as they were', () => {
    const db = databaseAt(16);
    expect(tables(db)).not.toContain('photos');
    upgrade(db, 17);
    expect(columns(db, 'photos')).toEqual(['id', 'mime', 'bytes', 'at', 'by_id']);
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x01, 0xfe]);
    const photo = { id: 'a'.repeat(64), mime: 'image/jpeg' as const, data: bytes, at: 5, byId: 'p1' };
    const statements = photosTable.prepare(db);
    photosTable.write(statements, [photo, { ...photo, at: 9, byId: 'p2' }]);
    const read = readPhoto(db.prepare(PHOTO_READ), photo.id);
    expect(read && { ...read, data: [...read.data] }).toEqual({ ...photo, data: [...bytes] });
    expect(readPhoto(db.prepare(PHOTO_READ), 'b'.repeat(64))).toBeNull();
  });
});
