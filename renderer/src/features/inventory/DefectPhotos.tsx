// Photos of a defect found at goods-in (a stain on the collar, a broken zip): taken with the camera or picked from
// the computer, shrunk here to a JPEG the core keeps (at most MAX_PHOTO_BYTES; a phone's 5 MB photo becomes a few
// hundred KB), shown as thumbnails that open full size. The core decides what is a photo (by its bytes); this only
// makes it small enough to send.
import { CameraOutlined, CloseOutlined, LoadingOutlined } from '@ant-design/icons';
import { App, Button, Image, Space, Spin, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DEFECT_PHOTOS, MAX_PHOTO_BYTES } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { callCore } from '../../query/core-call.ts';

/** The longest side and the JPEG quality tried in turn until the photo fits. */
const SHRINK_STEPS: readonly (readonly [number, number])[] = [
  [1600, 0.85],
  [1280, 0.8],
  [1024, 0.75],
  [800, 0.7],
  [640, 0.6],
];

class NotAnImage extends Error {}

/** A picture file as a JPEG of at most `maxBytes`, in base64 (without the data: prefix). */
export async function shrinkPhoto(file: Blob, maxBytes = MAX_PHOTO_BYTES): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new NotAnImage();
  }
  try {
    for (const [side, quality] of SHRINK_STEPS) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= maxBytes) {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      }
    }
  } finally {
    bitmap.close();
  }
  throw new RangeError('the photo stays too big');
}

/** A kept photo as a data: URL (kept in the query cache: a photo never changes). */
function usePhotoUrl(photoId: string) {
  return useQuery({
    queryKey: ['photos', photoId],
    queryFn: async () => {
      const photo = await callCore('inventory.photo', { photoId });
      return `data:${photo.mime};base64,${photo.data}`;
    },
    staleTime: Infinity,
  });
}

export function PhotoThumb({
  photoId,
  size = 56,
  onRemove,
}: Readonly<{ photoId: string; size?: number; onRemove?: () => void }>) {
  const { t } = useTranslation();
  const url = usePhotoUrl(photoId);
  return (
    <span className="photo-thumb" style={{ width: size, height: size }} data-testid="defect-photo">
      {url.data ? (
        <Image
          src={url.data}
          width={size}
          height={size}
          style={{ objectFit: 'cover' }}
          alt={t('inventory.goodsIn.photoAlt')}
        />
      ) : url.isError ? (
        <span className="photo-thumb-missing">{t('inventory.goodsIn.photoMissing')}</span>
      ) : (
        <Spin size="small" />
      )}
      {onRemove && (
        <Button
          size="small"
          type="text"
          className="photo-thumb-remove"
          icon={<CloseOutlined />}
          aria-label={t('inventory.goodsIn.removePhoto')}
          onClick={onRemove}
        />
      )}
    </span>
  );
}

/** A defect line's photos, as a form control (its value: the kept photos' ids). */
export function DefectPhotos({
  value = [],
  onChange,
}: Readonly<{ value?: readonly string[]; onChange?: (ids: string[]) => void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const add = async (files: FileList | null) => {
    const picked = [...(files ?? [])].slice(0, MAX_DEFECT_PHOTOS - value.length);
    if (picked.length === 0) return;
    setBusy(true);
    const added: string[] = [];
    try {
      for (const file of picked) {
        let data: string;
        try {
          data = await shrinkPhoto(file);
        } catch (error) {
          message.error(
            t(error instanceof NotAnImage ? 'inventory.goodsIn.notAnImage' : 'inventory.goodsIn.photoTooBig', {
              name: file.name,
            }),
          );
          continue;
        }
        const kept = await api().invoke('inventory.uploadPhoto', { data });
        if (!kept.ok) {
          message.error(
            t('inventory.goodsIn.photoRefused', { name: file.name, reason: t(`errors.${kept.error.code}`) }),
          );
          continue;
        }
        if (!value.includes(kept.value.photoId) && !added.includes(kept.value.photoId)) added.push(kept.value.photoId);
      }
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
    if (added.length > 0) onChange?.([...value, ...added]);
  };

  return (
    <>
      <Space size={4} wrap>
        {value.map((id) => (
          <PhotoThumb key={id} photoId={id} onRemove={() => onChange?.(value.filter((other) => other !== id))} />
        ))}
        {value.length < MAX_DEFECT_PHOTOS && (
          <Tooltip title={t('inventory.goodsIn.photoHelp', { count: MAX_DEFECT_PHOTOS })}>
            <Button
              icon={busy ? <LoadingOutlined /> : <CameraOutlined />}
              disabled={busy}
              onClick={() => input.current?.click()}
              aria-label={t('inventory.goodsIn.addPhoto')}
            >
              {t('inventory.goodsIn.addPhoto')}
            </Button>
          </Tooltip>
        )}
      </Space>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        data-testid="defect-photo-input"
        onChange={(event) => void add(event.target.files)}
      />
    </>
  );
}
