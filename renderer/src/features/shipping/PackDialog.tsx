// 装箱核对: the packing checklist of one order — each of its lines (gifts marked 赠品) with its quantity, each ticked by
// scanning the SKU's barcode (the scanner types the code, then Enter; each scan adds one to the first line of that
// SKU still short), the buyer's note and the seller's memo, and the address checked against the slip. When
// everything is ticked the order goes on to shipping.
import { Alert, Button, Checkbox, Input, Modal, Space, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardRow } from '../../../../shared/contract/index.ts';

export function PackDialog({
  row,
  onClose,
  onPacked,
}: Readonly<{ row: BoardRow; onClose(): void; onPacked(row: BoardRow): void }>) {
  const { t } = useTranslation();
  const [packed, setPacked] = useState<readonly number[]>(() => row.lines.map(() => 0));
  const [scan, setScan] = useState('');
  const [wrong, setWrong] = useState<{ code: string; full: boolean } | null>(null);
  const [addressChecked, setAddressChecked] = useState(false);
  const [notesChecked, setNotesChecked] = useState(false);
  const input = useRef<InputRef>(null);
  useEffect(() => input.current?.focus(), []);
  const hasNotes = row.buyerNote !== '' || row.sellerMemo !== '';
  const itemsDone = row.lines.every((line, i) => packed[i] === line.quantity);
  const ready = itemsDone && addressChecked && (notesChecked || !hasNotes);

  const onScan = () => {
    const code = scan.trim().toUpperCase();
    setScan('');
    if (code === '') return;
    const ofSku = row.lines.flatMap((line, i) => (line.sku.toUpperCase() === code ? [i] : []));
    const short = ofSku.find((i) => packed[i]! < row.lines[i]!.quantity);
    if (short === undefined) {
      setWrong({ code, full: ofSku.length > 0 });
      return;
    }
    setWrong(null);
    setPacked((counts) => counts.map((n, i) => (i === short ? n + 1 : n)));
  };

  return (
    <Modal
      open
      title={t('shipping.pack.title', { id: row.id })}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!ready} onClick={() => onPacked(row)} data-testid="pack-done">
            {t('shipping.pack.done')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          ref={input}
          value={scan}
          onChange={(e) => setScan(e.target.value)}
          onPressEnter={onScan}
          placeholder={t('shipping.pack.scan')}
          aria-label={t('shipping.pack.scan')}
          data-testid="pack-scan"
        />
        {wrong && (
          <Alert
            type="error"
            showIcon
            title={t(wrong.full ? 'shipping.pack.enough' : 'shipping.pack.wrong', { code: wrong.code })}
          />
        )}
        {row.lines.map((line, i) => {
          const done = packed[i] === line.quantity;
          return (
            <div className="pack-line" data-testid="pack-line" key={`${line.sku}-${i}`}>
              <Checkbox checked={done} disabled>
                <code>{line.sku}</code> {line.title}
              </Checkbox>
              {line.gift && <Tag color="magenta">{t('shipping.pack.gift')}</Tag>}
              <Tag color={done ? 'green' : 'default'}>
                {t('shipping.pack.count', { packed: packed[i], quantity: line.quantity })}
              </Tag>
            </div>
          );
        })}
        {hasNotes && (
          <Checkbox checked={notesChecked} onChange={(e) => setNotesChecked(e.target.checked)}>
            {[
              row.buyerNote && t('shipping.board.buyerNote', { note: row.buyerNote }),
              row.sellerMemo && t('shipping.board.sellerMemo', { note: row.sellerMemo }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Checkbox>
        )}
        <Checkbox checked={addressChecked} onChange={(e) => setAddressChecked(e.target.checked)}>
          {t('shipping.pack.address', {
            name: row.consigneeName ?? '—',
            phone: row.consigneePhone ?? '',
            address: row.address ?? t('shipping.board.noAddress'),
          })}
        </Checkbox>
        <Typography.Text type="secondary">{t('shipping.pack.help')}</Typography.Text>
      </Space>
    </Modal>
  );
}
