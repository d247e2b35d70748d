// Photos kept as evidence (a stain, a hole found at goods-in). The bytes decide what a photo is: a JPEG, PNG or WebP
// by its signature, whatever the page said; anything else (an SVG with script in it, a renamed document) is refused,
// as is a photo over MAX_PHOTO_BYTES. A photo is named by the SHA-256 of its bytes and kept once. The audit entry of
// an upload names the photo and its size, never its bytes.
import { createHash } from 'node:crypto';
import {
  AppError,
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
  type Photo,
  type SessionInfo,
} from '../../../shared/contract/index.ts';
import { sniffImage } from '../../../shared/domain/image-file.ts';
import type { CommandTx } from '../module.ts';
import { ORG_LOG, type ShopStreams } from '../ports.ts';

export interface Photos {
  upload(session: SessionInfo, base64: string, tx: CommandTx): Promise<Photo>;
  get(photoId: string): Photo & { data: string };
  /** Throws unless every photo named is kept (a record must not name a photo that is not there). */
  requireKept(photoIds: Iterable<string>): void;
}

/** What a file's first bytes say it is (the chat pictures' sniffing), of the kinds kept as photos. */
function photoType(bytes: Uint8Array): Photo['mime'] | null {
  const mime = sniffImage(bytes)?.mime;
  return mime !== undefined && (PHOTO_TYPES as readonly string[]).includes(mime) ? (mime as Photo['mime']) : null;
}

const kb = (bytes: number) => Math.ceil(bytes / 1024);

export function createPhotos(deps: Readonly<{ streams: ShopStreams }>): Photos {
  const invalid = (message: string) => new AppError('invalid_input', message, { issues: [{ path: 'data', message }] });
  return {
    async upload(session, base64, tx) {
      const data = Buffer.from(base64, 'base64');
      if (data.length === 0) throw invalid('the photo is empty');
      if (data.length > MAX_PHOTO_BYTES)
        throw invalid(`a photo is at most ${kb(MAX_PHOTO_BYTES)} KB; this one is ${kb(data.length)} KB`);
      const mime = photoType(data);
      if (!mime) throw invalid('only JPEG, PNG or WebP photos are kept');
      const id = createHash('sha256').update(data).digest('hex');
      tx.target({ kind: 'photo', id });
      tx.record({
        photo: { from: null, to: id },
        type: { from: null, to: mime },
        bytes: { from: null, to: data.length },
      });
      if (!deps.streams.hasPhoto(ORG_LOG, id))
        await tx.write(ORG_LOG, { photos: [{ id, mime, data, at: tx.at, byId: session.userId }] });
      return { photoId: id, mime, bytes: data.length };
    },
    get(photoId) {
      const photo = deps.streams.photo(ORG_LOG, photoId);
      if (!photo) throw new AppError('not_found', 'this photo is not kept');
      return {
        photoId,
        mime: photo.mime,
        bytes: photo.data.length,
        data: Buffer.from(photo.data).toString('base64'),
      };
    },
    requireKept(photoIds) {
      for (const id of photoIds)
        if (!deps.streams.hasPhoto(ORG_LOG, id))
          throw new AppError('invalid_input', `photo ${id.slice(0, 8)}… is not kept: add it again`, {
            issues: [{ path: 'defects', message: 'a photo is missing' }],
          });
    },
  };
}
