// A kept photo as a thumbnail that opens full size (antd Image's preview): a goods-in defect's photo (read with
// stock.view) or the pictures a checklist's photo check was ticked with (read through the checklists of that shop).
// The bytes come from the core once and stay in the query cache: a photo, named by its SHA-256, never changes.
import { CloseOutlined } from '@ant-design/icons';
import { Button, Image, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { callCore } from '../query/core-call.ts';

/** Where a photo is read from: goods-in's photos, or a shop's checklists. */
export type PhotoSource = Readonly<{ kind: 'goodsIn' }> | Readonly<{ kind: 'checklist'; shopId: string }>;

function usePhotoUrl(photoId: string, source: PhotoSource) {
  return useQuery({
    queryKey: ['photos', photoId, source.kind === 'checklist' ? source.shopId : null],
    queryFn: async () => {
      const photo =
        source.kind === 'checklist'
          ? await callCore('checklists.photo', { shopId: source.shopId, photoId })
          : await callCore('inventory.photo', { photoId });
      return `data:${photo.mime};base64,${photo.data}`;
    },
    staleTime: Infinity,
  });
}

export function PhotoThumb({
  photoId,
  alt,
  source = { kind: 'goodsIn' },
  size = 56,
  onRemove,
}: Readonly<{ photoId: string; alt: string; source?: PhotoSource; size?: number; onRemove?: () => void }>) {
  const { t } = useTranslation();
  const url = usePhotoUrl(photoId, source);
  return (
    <span className="photo-thumb" style={{ width: size, height: size }} data-testid="kept-photo">
      {url.data ? (
        <Image src={url.data} width={size} height={size} style={{ objectFit: 'cover' }} alt={alt} />
      ) : url.isError ? (
        <span className="photo-thumb-missing">{t('common.photoMissing')}</span>
      ) : (
        <Spin size="small" />
      )}
      {onRemove && (
        <Button
          size="small"
          type="text"
          className="photo-thumb-remove"
          icon={<CloseOutlined />}
          aria-label={t('common.removePhoto')}
          onClick={onRemove}
        />
      )}
    </span>
  );
}
