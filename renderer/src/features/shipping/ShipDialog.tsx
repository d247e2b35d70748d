// Shipping the chosen orders: one courier for the batch, a tracking number per order (typed, pasted or scanned — a
// scanner types the number and Enter, which moves to the next order), each checked against the courier's shape as
// it is typed. The core checks again and ships all of one shop's orders or none, with the reason for each refusal.
import { Alert, App, Button, Input, Modal, Select, Space, Table, Typography, type InputRef } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardRow } from '../../../../shared/contract/index.ts';
import {
  COURIERS,
  courierByName,
  normalizeTracking,
  trackingFits,
  type CourierCode,
} from '../../../../shared/domain/shipping/couriers.ts';
import { api } from '../../api.ts';

type Refusal = { orderId: string; reason: string };

export function ShipDialog({ rows, onClose }: Readonly<{ rows: readonly BoardRow[]; onClose(done: boolean): void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [courier, setCourier] = useState<CourierCode>(courierByName(rows[0]?.courier ?? null) ?? 'SF');
  const [numbers, setNumbers] = useState<Record<string, string>>({});
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<(InputRef | null)[]>([]);
  const keyOf = (row: BoardRow) => `${row.shopId}/${row.id}`;
  const example = COURIERS.find((c) => c.code === courier)!.example;

  const fits = (row: BoardRow) => trackingFits(courier, numbers[keyOf(row)] ?? '');
  const ready = rows.every(fits);

  const submit = async () => {
    setBusy(true);
    setRefusals([]);
    const byShop = new Map<string, BoardRow[]>();
    for (const row of rows) byShop.set(row.shopId, [...(byShop.get(row.shopId) ?? []), row]);
    const refused: Refusal[] = [];
    let shipped = 0;
    for (const [shopId, list] of byShop) {
      const result = await api().invoke('shipping.ship', {
        shopId,
        shipments: list.map((row) => ({
          orderId: row.id,
          courier,
          trackingNumber: normalizeTracking(numbers[keyOf(row)] ?? ''),
        })),
      });
      if (result.ok) shipped += result.value.shipped.length;
      else {
        const details = result.error.details as { refusals?: Refusal[] } | undefined;
        if (details?.refusals) refused.push(...details.refusals);
        else message.error(t('shipping.ship.failed', { reason: t(`errors.${result.error.code}`) }));
      }
    }
    setBusy(false);
    await queryClient.invalidateQueries({ queryKey: ['shipping'] });
    if (shipped > 0) message.success(t('shipping.ship.done', { count: shipped }));
    if (refused.length === 0 && shipped > 0) onClose(true);
    else setRefusals(refused);
  };

  return (
    <Modal
      open
      width={720}
      title={t('shipping.ship.title', { count: rows.length })}
      onCancel={() => onClose(false)}
      footer={
        <Space>
          <Button onClick={() => onClose(false)}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={!ready}
            loading={busy}
            onClick={() => void submit()}
            data-testid="ship-confirm"
          >
            {t('shipping.ship.confirm', { count: rows.length })}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <span>{t('shipping.ship.courier')}</span>
          <Select<CourierCode>
            aria-label={t('shipping.ship.courier')}
            value={courier}
            onChange={setCourier}
            style={{ width: 180 }}
            options={COURIERS.map((c) => ({ value: c.code, label: c.name }))}
          />
          <Typography.Text type="secondary">{t('shipping.ship.example', { example })}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">{t('shipping.ship.waybill')}</Typography.Text>
        {refusals.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('shipping.ship.refused')}
            description={
              <ul style={{ margin: 0 }}>
                {refusals.map((r) => (
                  <li key={r.orderId}>
                    <code>{r.orderId}</code> {t(`shipping.ship.reasons.${r.reason}`, { defaultValue: r.reason })}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <Table<BoardRow>
          size="small"
          rowKey={keyOf}
          dataSource={[...rows]}
          pagination={false}
          scroll={{ y: 360 }}
          columns={[
            {
              title: t('shipping.board.columns.order'),
              dataIndex: 'id',
              width: 170,
              render: (id: string) => <code>{id}</code>,
            },
            {
              title: t('shipping.board.columns.item'),
              key: 'item',
              render: (_: unknown, row) => row.lines.map((line) => `${line.title} × ${line.quantity}`).join('；'),
            },
            {
              title: t('shipping.ship.tracking'),
              key: 'tracking',
              width: 240,
              render: (_: unknown, row, index) => {
                const value = numbers[keyOf(row)] ?? '';
                const bad = value !== '' && !fits(row);
                return (
                  <Space orientation="vertical" size={0}>
                    <Input
                      ref={(el) => {
                        inputs.current[index] = el;
                      }}
                      value={value}
                      autoFocus={index === 0}
                      status={bad ? 'error' : undefined}
                      aria-label={t('shipping.ship.trackingFor', { id: row.id })}
                      placeholder={example}
                      onChange={(e) => setNumbers((n) => ({ ...n, [keyOf(row)]: e.target.value }))}
                      onPressEnter={() => inputs.current[index + 1]?.focus()}
                    />
                    {bad && (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {t('shipping.ship.shape', { courier: COURIERS.find((c) => c.code === courier)!.name, example })}
                      </Typography.Text>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
