// Photos of a defect found at goods-in (a stain on the collar, a broken zip): taken with the camera or picked from
// the computer, made ready as the composer makes a chat picture (prepareImage: a photo over the limit shrunk to a
// JPEG; a phone's 5 MB photo becomes a few hundred KB), shown as thumbnails that open full size. The core decides
// what is a photo (by its bytes); this only makes it small enough to send.
import { CameraOutlined, CloseOutlined, LoadingOutlined } from '@ant-design/icons';
import { App, Button, Image, Space, Spin, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DEFECT_PHOTOS } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { ImageAttachmentError, prepareImage } from '../../components/inbox/image-attachment.ts';
import { callCore } from '../../query/core-call.ts';

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
          const prepared = await prepareImage(file);
          URL.revokeObjectURL(prepared.previewUrl);
          data = prepared.data;
        } catch (error) {
          const problem = error instanceof ImageAttachmentError ? error.problem : 'unreadable';
          const tooBig = problem === 'too_large' || problem === 'gif_too_large';
          message.error(
            t(tooBig ? 'inventory.goodsIn.photoTooBig' : 'inventory.goodsIn.notAnImage', { name: file.name }),
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
