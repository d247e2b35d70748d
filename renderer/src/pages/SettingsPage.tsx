// Settings: the interface language, and the shops (add, rename, archive) for those allowed to manage them.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { grants, SELLER_LEVELS, type AppErrorData, type Shop } from '../../../shared/contract/index.ts';
import { PLATFORMS, type Platform } from '../../../shared/domain/platforms.ts';
import { DemoTag } from '../components/DemoTag.tsx';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { useConsole } from '../store/index.ts';

type ShopForm = { platform: Platform; name: string; mainAccount: string; sellerLevel: Shop['sellerLevel'] };

function isError(value: AppErrorData | Shop): value is AppErrorData {
  return 'code' in value;
}

function AddShopModal({ open, onClose }: Readonly<{ open: boolean; onClose(): void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const addShop = useConsole((s) => s.addShop);
  const [form] = Form.useForm<ShopForm>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: ShopForm) => {
    setBusy(true);
    const result = await addShop(values);
    setBusy(false);
    if (isError(result)) return void message.error(t(`errors.${result.code}`));
    void message.success(t('settings.added', { name: result.name }));
    form.resetFields();
    onClose();
  };
  return (
    <Modal open={open} title={t('settings.addShop')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ sellerLevel: 'heart' }}>
        <Form.Item label={t('settings.platform')} name="platform" rules={[{ required: true, message: t('settings.platformRequired') }]}>
          <Select options={PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) }))} />
        </Form.Item>
        <Form.Item label={t('settings.name')} name="name" rules={[{ required: true, whitespace: true, max: 60, message: t('settings.nameRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('settings.mainAccount')} name="mainAccount" rules={[{ required: true, whitespace: true, max: 60, message: t('settings.mainAccountRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('settings.sellerLevel')} name="sellerLevel">
          <Select options={SELLER_LEVELS.map((level) => ({ value: level, label: t(`sellerLevel.${level}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenameButton({ shop }: Readonly<{ shop: Shop }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const renameShop = useConsole((s) => s.renameShop);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(shop.name);
  const save = async () => {
    const result = await renameShop(shop.id, name);
    if (isError(result)) return void message.error(t(`errors.${result.code}`));
    void message.success(t('settings.renamed'));
    setOpen(false);
  };
  return (
    <>
      <Button size="small" onClick={() => (setName(shop.name), setOpen(true))}>
        {t('settings.rename')}
      </Button>
      <Modal open={open} title={t('settings.rename')} onCancel={() => setOpen(false)} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ disabled: name.trim() === '' }}>
        <Input aria-label={t('settings.name')} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} onPressEnter={() => void save()} />
      </Modal>
    </>
  );
}

function ShopsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const shops = useConsole((s) => s.shops);
  const archiveShop = useConsole((s) => s.archiveShop);
  const [adding, setAdding] = useState(false);
  const archive = async (shop: Shop) => {
    const result = await archiveShop(shop.id);
    if (isError(result)) return void message.error(t(`errors.${result.code}`));
    void message.success(t('settings.archived', { name: shop.name }));
  };
  return (
    <Card
      title={t('settings.shops')}
      extra={
        <Button type="primary" size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
          {t('settings.addShop')}
        </Button>
      }
    >
      <Table<Shop>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={shops}
        columns={[
          {
            title: t('settings.name'),
            key: 'name',
            render: (_, shop) => (
              <Space>
                <span className="colour-dot" style={{ background: shop.colour }} aria-hidden />
                {shop.name}
                {shop.demo && <DemoTag label={t('settings.demo')} />}
              </Space>
            ),
          },
          { title: t('settings.platform'), key: 'platform', render: (_, shop) => t(`platform.${shop.platform}`) },
          { title: t('settings.mainAccount'), dataIndex: 'mainAccount' },
          { title: t('settings.sellerLevel'), key: 'level', render: (_, shop) => t(`sellerLevel.${shop.sellerLevel}`) },
          {
            title: t('settings.actions'),
            key: 'actions',
            render: (_, shop) => (
              <Space>
                <RenameButton shop={shop} />
                <Popconfirm title={t('settings.archiveConfirm', { name: shop.name })} okText={t('settings.archive')} cancelText={t('common.cancel')} onConfirm={() => archive(shop)}>
                  <Button size="small" danger>
                    {t('settings.archive')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <AddShopModal open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

function PinCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setPin = useConsole((s) => s.setPin);
  const hasPin = useConsole((s) => s.session?.hasPin ?? false);
  const [form] = Form.useForm<{ pin: string; password: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { pin: string; password: string }) => {
    setBusy(true);
    const failure = await setPin(values.pin, values.password);
    setBusy(false);
    if (failure) return void message.error(t(`errors.${failure.code}`));
    void message.success(t('settings.pinSaved'));
    form.resetFields();
  };
  return (
    <Card title={t('settings.pin')} extra={hasPin ? <Typography.Text type="secondary">{t('settings.pinSet')}</Typography.Text> : null}>
      <Typography.Paragraph type="secondary">{t('settings.pinHint')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={submit} disabled={busy}>
        <Form.Item label={t('settings.pinLabel')} name="pin" rules={[{ required: true, pattern: /^\d{4,8}$/, message: t('settings.pinInvalid') }]}>
          <Input.Password inputMode="numeric" maxLength={8} autoComplete="off" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('settings.currentPassword')} name="password" rules={[{ required: true, message: t('lock.secretRequired') }]}>
          <Input.Password autoComplete="current-password" style={{ width: 180 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const canManageShops = useConsole((s) => grants(s.session?.grants ?? [], 'settings.shops'));
  return (
    <div className="page">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('settings.language')}>
          <LanguageSelect />
        </Card>
        <PinCard />
        {canManageShops ? <ShopsCard /> : <Typography.Text type="secondary">{t('settings.noShopPermission')}</Typography.Text>}
      </Space>
    </div>
  );
}
