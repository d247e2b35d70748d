// Each shop's customer-service rules, for supervisors: the response window and slow-reply warning (platform
// defaults until changed), routing options, the quick phrases and the shop's own banned phrases — saved for the shop,
// and if chosen, for several other shops at once.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxSettings, Shop } from '../../../../shared/contract/index.ts';
import { useConsole } from '../../store/index.ts';
import { PhraseListField } from './PhraseListField.tsx';

function RulesModal({ shop, onClose }: Readonly<{ shop: Shop; onClose(): void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updateInbox = useConsole((s) => s.updateInbox);
  const [form] = Form.useForm<InboxSettings>();
  const [busy, setBusy] = useState(false);
  const shops = useConsole((s) => s.shops);
  const [alsoFor, setAlsoFor] = useState<string[]>([]);
  const submit = async (values: InboxSettings) => {
    setBusy(true);
    const failures: string[] = [];
    for (const shopId of [shop.id, ...alsoFor]) {
      const result = await updateInbox(shopId, values);
      if ('code' in result)
        failures.push(`${shops.find((s) => s.id === shopId)?.name ?? shopId}: ${t(`errors.${result.code}`)}`);
    }
    setBusy(false);
    if (failures.length > 0) return void message.error(failures.join('；'));
    void message.success(alsoFor.length > 0 ? t('rules.savedFor', { count: alsoFor.length + 1 }) : t('settings.saved'));
    onClose();
  };
  const seconds = (name: keyof InboxSettings, min: number, max: number) => (
    <Form.Item
      label={t(`rules.${name}`)}
      name={name}
      rules={[{ required: true, type: 'integer', min, max, message: t('rules.range', { min, max }) }]}
    >
      <InputNumber min={min} max={max} style={{ width: 140 }} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={t('rules.title', { name: shop.name })}
      width={760}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={shop.inbox} onFinish={submit}>
        <Space wrap size="large">
          {seconds('responseWindowSeconds', 10, 86_400)}
          {seconds('warnAfterSeconds', 10, 3600)}
          {seconds('reassignAfterSeconds', 0, 3600)}
          {seconds('divertOfflineAfterMinutes', 1, 240)}
          {seconds('autoCloseAfterMinutes', 1, 1440)}
          {seconds('returningBuyerDays', 0, 30)}
          <Form.Item label={t('rules.whenNobodyOnline')} name="whenNobodyOnline">
            <Select
              style={{ width: 160 }}
              options={(['pool', 'mainAccount'] as const).map((v) => ({ value: v, label: t(`rules.nobody.${v}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('rules.balance')} name="balance">
            <Select
              style={{ width: 160 }}
              options={(['weight', 'load'] as const).map((v) => ({ value: v, label: t(`rules.by.${v}`) }))}
            />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('rules.quickPhrases')}</Typography.Title>
        <PhraseListField name="quickPhrases" />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('rules.bannedPhrases')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('rules.bannedHint')}</Typography.Paragraph>
        <Form.List name="bannedPhrases">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'phrase']} rules={[{ required: true, whitespace: true, max: 30 }]}>
                    <Input placeholder={t('rules.phrase')} aria-label={t('rules.phrase')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'suggestion']} rules={[{ required: true, whitespace: true, max: 100 }]}>
                    <Input
                      placeholder={t('rules.suggestion')}
                      aria-label={t('rules.suggestion')}
                      style={{ width: 420 }}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    size="small"
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={t('rules.remove')}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                size="small"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ phrase: '', suggestion: '' })}
                disabled={fields.length >= 200}
              >
                {t('rules.addBanned')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('rules.alsoFor')}
        </Typography.Title>
        <Select
          mode="multiple"
          allowClear
          aria-label={t('rules.alsoFor')}
          data-testid="rules-also-for"
          placeholder={t('rules.alsoForPlaceholder')}
          value={alsoFor}
          onChange={setAlsoFor}
          options={shops.filter((s) => s.id !== shop.id).map((s) => ({ value: s.id, label: s.name }))}
          style={{ width: '100%' }}
        />
      </Form>
    </Modal>
  );
}

export function InboxRulesCard() {
  const { t } = useTranslation();
  const shops = useConsole((s) => s.shops);
  const [editing, setEditing] = useState<Shop | null>(null);
  return (
    <Card title={t('rules.card')}>
      <Table<Shop>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={shops}
        columns={[
          { title: t('settings.name'), dataIndex: 'name' },
          {
            title: t('rules.responseWindowSeconds'),
            render: (_, shop) => t('time.seconds', { count: shop.inbox.responseWindowSeconds }),
          },
          {
            title: t('rules.warnAfterSeconds'),
            render: (_, shop) => t('time.seconds', { count: shop.inbox.warnAfterSeconds }),
          },
          { title: t('rules.quickPhrases'), render: (_, shop) => shop.inbox.quickPhrases.length },
          { title: t('rules.bannedPhrases'), render: (_, shop) => shop.inbox.bannedPhrases.length },
          {
            title: t('settings.actions'),
            render: (_, shop) => (
              <Button size="small" onClick={() => setEditing(shop)} data-testid="edit-rules">
                {t('settings.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <RulesModal shop={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
