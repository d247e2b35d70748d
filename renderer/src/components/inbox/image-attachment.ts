// A picture the agent pastes, drops or picks, made ready to send: its type read from its bytes (the core checks
// again), a photo over the size limit scaled down and re-encoded as JPEG in steps until it fits, a GIF over the
// limit refused (scaling would lose its animation), and the result as base64 for the reply.
import { MAX_IMAGE_BYTES, sniffImage } from '../../../../shared/domain/image-file.ts';

export type PreparedImage = Readonly<{
  /** base64 of the bytes that will be sent. */
  data: string;
  mime: string;
  bytes: number;
  /** A local preview (revoke it with URL.revokeObjectURL when done). */
  previewUrl: string;
  /** The photo was scaled down to fit. */
  scaled: boolean;
}>;

export type ImageProblem = 'not_image' | 'gif_too_large' | 'too_large' | 'unreadable';

export class ImageAttachmentError extends Error {
  readonly problem: ImageProblem;
  constructor(problem: ImageProblem) {
    super(problem);
    this.name = 'ImageAttachmentError';
    this.problem = problem;
  }
}

/** The longest side a scaled photo starts from, and how each further step shrinks it. */
const FIRST_SIDE = 1600;
const STEP = 0.75;
const STEPS = 5;

async function base64Of(blob: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}

async function scaleDown(blob: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new ImageAttachmentError('unreadable');
  }
  try {
    let side = Math.min(FIRST_SIDE, Math.max(bitmap.width, bitmap.height));
    for (let step = 0; step < STEPS; step += 1, side = Math.round(side * STEP)) {
      const ratio = side / Math.max(bitmap.width, bitmap.height);
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * ratio));
      canvas.height = Math.max(1, Math.round(bitmap.height * ratio));
      const context = canvas.getContext('2d');
      if (!context) throw new ImageAttachmentError('unreadable');
      // A transparent PNG becomes JPEG on white, as chat apps show it.
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
      if (jpeg && jpeg.size <= MAX_IMAGE_BYTES) return jpeg;
    }
  } finally {
    bitmap.close();
  }
  throw new ImageAttachmentError('too_large');
}

export async function prepareImage(file: Blob): Promise<PreparedImage> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const type = sniffImage(head);
  if (!type) throw new ImageAttachmentError('not_image');
  let blob: Blob = file.type === type.mime ? file : new Blob([file], { type: type.mime });
  let scaled = false;
  if (blob.size > MAX_IMAGE_BYTES) {
    if (type.mime === 'image/gif') throw new ImageAttachmentError('gif_too_large');
    blob = await scaleDown(blob);
    scaled = true;
  }
  return {
    data: await base64Of(blob),
    mime: blob.type,
    bytes: blob.size,
    previewUrl: URL.createObjectURL(blob),
    scaled,
  };
}

/** The first picture among pasted or dropped files, if any. */
export function firstImage(files: FileList | readonly File[] | null | undefined): File | null {
  for (const file of files ? Array.from(files) : [])
    if (file.type.startsWith('image/') || file.type === '') return file;
  return null;
}

/**
 * A photo to keep as evidence (goods-in, a checklist's photo check), made ready as a chat picture is: its base64, or
 * why it cannot be kept — too large even shrunk, or no picture that can be read.
 */
export async function preparePhoto(file: Blob): Promise<{ data: string } | { problem: 'tooBig' | 'notAnImage' }> {
  try {
    const prepared = await prepareImage(file);
    URL.revokeObjectURL(prepared.previewUrl);
    return { data: prepared.data };
  } catch (error) {
    const problem = error instanceof ImageAttachmentError ? error.problem : 'unreadable';
    return { problem: problem === 'too_large' || problem === 'gif_too_large' ? 'tooBig' : 'notAnImage' };
  }
}
