// Pictures an agent may send: what a file really is is read from its first bytes (never from its name or the type
// the browser claims), and only the raster formats the chat platforms show are allowed — no SVG (it can carry
// script). The size limit keeps one picture inside one message of the browser-mode socket (base64 adds a third).

export type ImageType = Readonly<{ mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'; extension: string }>;

/** The largest picture sent as it is; larger photos are scaled down in the composer before they are sent. */
export const MAX_IMAGE_BYTES = 700 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** The picture's type from its signature, or null when it is not a PNG, JPEG, GIF or WebP. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', extension: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', extension: 'jpg' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return { mime: 'image/gif', extension: 'gif' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return { mime: 'image/webp', extension: 'webp' };
  return null;
}

/** A stored picture's reference in a message: `media:<sha-256>.<extension>` (content-addressed, so sent once). */
export const MEDIA_REF = /^media:([0-9a-f]{64})\.(png|jpg|gif|webp)$/;

export function mimeOfMediaRef(ref: string): ImageType['mime'] | null {
  const match = MEDIA_REF.exec(ref);
  if (!match) return null;
  return ({ png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' } as const)[
    match[2] as 'png' | 'jpg' | 'gif' | 'webp'
  ];
}
