// 发货规则: each shop's print waves (the times of day the warehouse prints and packs, China time) and late penalty
// (a share of what the buyer paid, within a floor and a cap). The board's at-risk state and penalties follow a change
// at once. A platform that names its own penalty in its rules centre shows the default as an estimate until set.
import { App, Button, Drawer, InputNumber, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { grants, grantsInShop, type ShippingRuleView } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { callCore } from '../../query/core-call.ts';
import { useConsole } from '../../store/index.ts';

/** Waves can be set every half hour. */
const WAVE_OPTIONS = Array.from({ length: 48 }, (_, i) => i * 30);
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

type Edit = Partial<Pick<ShippingRuleView, 'printWaves' | 'penalty'>>;

export function ShippingRulesDrawer({
  open,
  onClose,
  shopName,
}: Readonly<{ open: boolean; onClose(): void; shopName(id: string): string }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const session = useConsole((s) => s.session);
  const rules = useQuery({
    queryKey: ['shipping', 'rules'],
    queryFn: () => callCore('shipping.rules', {}),
    enabled: open,
  });
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const mayEdit = (shopId: string) => session !== null && grants(grantsInShop(session, shopId), 'settings.shops');

  const save = async (rule: ShippingRuleView, reset: boolean) => {
    const edit = { ...rule, ...edits[rule.shopId] };
    const result = await api().invoke('shipping.setRule', {
      shopId: rule.shopId,
      printWaves: reset ? null : edit.printWaves,
      penalty: reset ? null : edit.penalty,
    });
    if (!result.ok)
      return void message.error(t('shipping.rules.saveFailed', { reason: t(`errors.${result.error.code}`) }));
    message.success(t('shipping.rules.saved', { shop: shopName(rule.shopId) }));
    setEdits((e) => ({ ...e, [rule.shopId]: {} }));
    await queryClient.invalidateQueries({ queryKey: ['shipping'] });
  };

  return (
    <Drawer open={open} onClose={onClose} title={t('shipping.rules.title')} width={560}>
      <Typography.Paragraph type="secondary">{t('shipping.rules.help')}</Typography.Paragraph>
      {rules.isLoading && <Spin />}
      <List
        dataSource={rules.data ?? []}
        locale={{ emptyText: t('shipping.rules.none') }}
        renderItem={(rule) => {
          const edit = { ...rule, ...edits[rule.shopId] };
          const set = (patch: Edit) => setEdits((e) => ({ ...e, [rule.shopId]: { ...e[rule.shopId], ...patch } }));
          const setPenalty = (patch: Partial<ShippingRuleView['penalty']>) =>
            set({ penalty: { ...edit.penalty, ...patch } });
          const disabled = !mayEdit(rule.shopId);
          const name = shopName(rule.shopId);
          const floorAboveCap = edit.penalty.minFen > edit.penalty.maxFen;
          return (
            <List.Item data-testid={`shipping-rule-${rule.shopId}`}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space>
                  <strong>{name}</strong>
                  {rule.overridden.length === 0 && <Tag>{t('shipping.rules.default')}</Tag>}
                  {rule.estimated && <Tag color="orange">{t('shipping.rules.estimated')}</Tag>}
                </Space>
                <Space wrap>
                  {t('shipping.rules.waves')}
                  <Select<number[]>
                    mode="multiple"
                    style={{ minWidth: 260 }}
                    aria-label={t('shipping.rules.wavesOf', { shop: name })}
                    value={edit.printWaves}
                    disabled={disabled}
                    maxCount={8}
                    options={WAVE_OPTIONS.map((m) => ({ value: m, label: clock(m) }))}
                    onChange={(waves) => set({ printWaves: [...waves].sort((a, b) => a - b) })}
                  />
                </Space>
                <Space wrap>
                  {t('shipping.rules.penalty')}
                  <InputNumber
                    aria-label={t('shipping.rules.percentOf', { shop: name })}
                    min={0}
                    max={100}
                    value={edit.penalty.percent}
                    disabled={disabled}
                    suffix="%"
                    onChange={(v) => setPenalty({ percent: v ?? 0 })}
                  />
                  {t('shipping.rules.between')}
                  {(['minFen', 'maxFen'] as const).map((bound, i) => (
                    <Space key={bound} size={4}>
                      {i > 0 && '–'}
                      <InputNumber
                        aria-label={t(bound === 'minFen' ? 'shipping.rules.minOf' : 'shipping.rules.maxOf', {
                          shop: name,
                        })}
                        min={0}
                        precision={2}
                        prefix="¥"
                        value={edit.penalty[bound] / 100}
                        disabled={disabled}
                        status={floorAboveCap ? 'error' : undefined}
                        onChange={(v) => setPenalty({ [bound]: Math.round((v ?? 0) * 100) })}
                      />
                    </Space>
                  ))}
                </Space>
                {floorAboveCap && <Typography.Text type="danger">{t('shipping.rules.floorAboveCap')}</Typography.Text>}
                {!disabled && (
                  <Space>
                    <Button
                      type="primary"
                      size="small"
                      disabled={edit.printWaves.length === 0 || floorAboveCap}
                      onClick={() => void save(rule, false)}
                    >
                      {t('shipping.rules.save')}
                    </Button>
                    <Button size="small" disabled={rule.overridden.length === 0} onClick={() => void save(rule, true)}>
                      {t('shipping.rules.reset')}
                    </Button>
                  </Space>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </Drawer>
  );
}
