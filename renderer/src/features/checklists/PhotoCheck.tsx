// The photo colour check: the listing photo beside a photo of the goods; the person clicks the same spot on each
// (point pairs), the average colour of a small square around each click is compared by CIEDE2000 (ΔE00), and each
// pair is judged against the threshold. The result goes into the checklist item's note when it is ticked, and both
// pictures are kept with the tick (made ready as the composer makes a chat picture, then checklists.uploadPhoto), so
// the list and its history show what was compared.
import { Alert, App, Button, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ciede2000,
  DEFAULT_DELTA_E_THRESHOLD,
  srgbToLab,
  type Lab,
} from '../../../../shared/domain/checklists/colour.ts';
import { api } from '../../api.ts';
import { preparePhoto } from '../../components/inbox/image-attachment.ts';

const SIDE = 320;
/** Half the side of the square averaged around a click (5×5 pixels of the shown picture). */
const RADIUS = 2;

type Side = 'listing' | 'goods';

function PhotoPane({
  side,
  onPick,
  onFile,
  marks,
}: Readonly<{
  side: Side;
  onPick(lab: Lab, x: number, y: number): void;
  onFile(file: File): void;
  marks: readonly { x: number; y: number }[];
}>) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [loaded, setLoaded] = useState(false);

  const load = (file: File) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      const scale = Math.min(SIDE / image.width, SIDE / image.height);
      const c = canvas.current!;
      c.width = Math.round(image.width * scale);
      c.height = Math.round(image.height * scale);
      c.getContext('2d')!.drawImage(image, 0, 0, c.width, c.height);
      URL.revokeObjectURL(url);
      setLoaded(true);
    };
    image.src = url;
  };

  return (
    <Space orientation="vertical" align="center">
      <strong>{t(`checklists.photo.${side}`)}</strong>
      <div className="photo-pane">
        <canvas
          ref={canvas}
          width={SIDE}
          height={SIDE}
          data-testid={`photo-${side}`}
          aria-label={t(`checklists.photo.${side}`)}
          onClick={(e) => {
            if (!loaded) return;
            const rect = e.currentTarget.getBoundingClientRect();
            const x = Math.round(e.clientX - rect.left);
            const y = Math.round(e.clientY - rect.top);
            const data = e.currentTarget
              .getContext('2d')!
              .getImageData(Math.max(0, x - RADIUS), Math.max(0, y - RADIUS), RADIUS * 2 + 1, RADIUS * 2 + 1).data;
            let r = 0;
            let g = 0;
            let b = 0;
            const n = data.length / 4;
            for (let i = 0; i < data.length; i += 4) {
              r += data[i]!;
              g += data[i + 1]!;
              b += data[i + 2]!;
            }
            onPick(srgbToLab(r / n, g / n, b / n), x, y);
          }}
        />
        {marks.map((m, i) => (
          <span key={i} className="photo-mark" style={{ left: m.x, top: m.y }}>
            {i + 1}
          </span>
        ))}
      </div>
      <label className="ant-btn ant-btn-default">
        {t('checklists.photo.choose')}
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp"
          hidden
          data-testid={`photo-file-${side}`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) {
              load(file);
              onFile(file);
            }
          }}
        />
      </label>
    </Space>
  );
}

export function PhotoCheck({
  shopId,
  onClose,
  onRecord,
}: Readonly<{ shopId: string; onClose(): void; onRecord(note: string, photos: string[]): Promise<void> }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [files, setFiles] = useState<Partial<Record<Side, File>>>({});
  const [threshold, setThreshold] = useState(DEFAULT_DELTA_E_THRESHOLD);
  const [pairs, setPairs] = useState<{ listing: Lab; goods: Lab | null; at: { x: number; y: number }[] }[]>([]);
  const [goodsMarks, setGoodsMarks] = useState<{ x: number; y: number }[]>([]);
  const [saving, setSaving] = useState(false);
  const waitingForGoods = pairs.length > 0 && pairs.at(-1)!.goods === null;
  const results = pairs.filter((p) => p.goods !== null).map((p) => ciede2000(p.listing, p.goods!));
  const pass = results.length > 0 && results.every((d) => d <= threshold);

  /** Keeps both pictures (listing first); null, with the reason said, if one could not be kept: nothing is ticked. */
  const keepPhotos = async (): Promise<string[] | null> => {
    const ids: string[] = [];
    for (const side of ['listing', 'goods'] as const) {
      const file = files[side];
      if (!file) continue;
      const prepared = await preparePhoto(file);
      if ('problem' in prepared) {
        const key = prepared.problem === 'tooBig' ? 'photoTooBig' : 'notAnImage';
        message.error(t(`checklists.photo.${key}`, { name: file.name }));
        return null;
      }
      const kept = await api().invoke('checklists.uploadPhoto', { shopId, data: prepared.data });
      if (!kept.ok) {
        message.error(t('checklists.photo.notKept', { name: file.name, reason: t(`errors.${kept.error.code}`) }));
        return null;
      }
      ids.push(kept.value.photoId);
    }
    return ids;
  };

  return (
    <Modal
      open
      width={760}
      title={t('checklists.photo.title')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={results.length === 0 || waitingForGoods}
            loading={saving}
            data-testid="photo-record"
            onClick={async () => {
              setSaving(true);
              try {
                const photos = await keepPhotos();
                if (photos === null) return;
                await onRecord(
                  t('checklists.photo.note', {
                    values: results.map((d) => d.toFixed(1)).join(' / '),
                    threshold,
                    verdict: pass ? t('checklists.photo.verdictPass') : t('checklists.photo.verdictFail'),
                  }),
                  photos,
                );
              } finally {
                setSaving(false);
              }
            }}
          >
            {t('checklists.photo.record')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('checklists.photo.help')}</Typography.Paragraph>
      <Space align="start" size="large">
        <PhotoPane
          side="listing"
          onFile={(file) => setFiles((f) => ({ ...f, listing: file }))}
          marks={pairs.map((p) => p.at[0]!)}
          onPick={(lab, x, y) => {
            if (waitingForGoods) return;
            setPairs((ps) => [...ps, { listing: lab, goods: null, at: [{ x, y }] }]);
          }}
        />
        <PhotoPane
          side="goods"
          onFile={(file) => setFiles((f) => ({ ...f, goods: file }))}
          marks={goodsMarks}
          onPick={(lab, x, y) => {
            if (!waitingForGoods) return;
            setPairs((ps) => ps.map((p, i) => (i === ps.length - 1 ? { ...p, goods: lab } : p)));
            setGoodsMarks((m) => [...m, { x, y }]);
          }}
        />
      </Space>
      <Space orientation="vertical" style={{ marginTop: 12, width: '100%' }}>
        <Space>
          <span>{t('checklists.photo.threshold')}</span>
          <InputNumber
            min={0.5}
            max={20}
            step={0.5}
            value={threshold}
            onChange={(v) => setThreshold(v ?? DEFAULT_DELTA_E_THRESHOLD)}
            aria-label={t('checklists.photo.threshold')}
          />
        </Space>
        <Alert
          type="info"
          showIcon
          title={waitingForGoods ? t('checklists.photo.pickGoods') : t('checklists.photo.pickListing')}
        />
        {results.length === 0 ? (
          <Typography.Text type="secondary">{t('checklists.photo.none')}</Typography.Text>
        ) : (
          <Space wrap data-testid="photo-results">
            {results.map((d, i) => (
              <Tag key={i} color={d <= threshold ? 'green' : 'red'}>
                {t('checklists.photo.point', { n: i + 1 })} · {t('checklists.photo.result', { value: d.toFixed(2) })} ·{' '}
                {d <= threshold ? t('checklists.photo.pass') : t('checklists.photo.fail')}
              </Tag>
            ))}
          </Space>
        )}
      </Space>
    </Modal>
  );
}
