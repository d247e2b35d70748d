// Photos of a defect found at goods-in (a stain on the collar, a broken zip): taken with the camera or picked from
// the computer, made ready as the composer makes a chat picture (prepareImage: a photo over the limit shrunk to a
// JPEG; a phone's 5 MB photo becomes a few hundred KB), shown as thumbnails that open full size. The core decides
// what is a photo (by its bytes); this only makes it small enough to send.
import { CameraOutlined, LoadingOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DEFECT_PHOTOS } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { preparePhoto } from '../../components/inbox/image-attachment.ts';
import { PhotoThumb } from '../../components/PhotoThumb.tsx';

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
        const prepared = await preparePhoto(file);
        if ('problem' in prepared) {
          const key = prepared.problem === 'tooBig' ? 'photoTooBig' : 'notAnImage';
          message.error(t(`inventory.goodsIn.${key}`, { name: file.name }));
          continue;
        }
        const kept = await api().invoke('inventory.uploadPhoto', { data: prepared.data });
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
          <PhotoThumb
            key={id}
            photoId={id}
            alt={t('inventory.goodsIn.photoAlt')}
            onRemove={() => onChange?.(value.filter((other) => other !== id))}
          />
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
