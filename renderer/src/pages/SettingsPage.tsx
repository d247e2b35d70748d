// Settings: the interface language, and the shops (add, rename, archive) for those allowed to manage them.
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  grants,
  SELLER_LEVELS,
  type AppErrorData,
  type ArchivedShop,
  type Shop,
} from '../../../shared/contract/index.ts';
import { formatClock } from '../format.ts';
import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_LOCK_CHOICES } from '../../../shared/domain/app-settings.ts';
import { PLATFORMS, type Platform } from '../../../shared/domain/platforms.ts';
import { nextShopColour, SHOP_PALETTE } from '../../../shared/domain/shop-identity.ts';
import { DemoTag } from '../components/DemoTag.tsx';
import { DemoPlatformSwitch } from '../features/roster/DemoPlatformSwitch.tsx';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { InboxRulesCard } from '../components/settings/InboxRulesCard.tsx';
import { NotificationsCard } from '../components/settings/NotificationsCard.tsx';
import { MyPhrasesCard } from '../components/settings/MyPhrasesCard.tsx';
import { useConsole } from '../store/index.ts';

type ShopForm = {
  platform: Platform;
  name: string;
  shortName?: string;
  colour?: string;
  mainAccount: string;
  sellerLevel: Shop['sellerLevel'];
};

/** The palette as swatches (a colour no other shop uses is offered first when adding). */
function ColourField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('settings.colour')} name="colour">
      <Radio.Group className="colour-swatches" aria-label={t('settings.colour')}>
        {SHOP_PALETTE.map((colour) => (
          <Radio.Button
            key={colour}
            value={colour}
            aria-label={colour}
            className="colour-swatch"
            style={{ background: colour }}
          >
            <span className="sr-only">{colour}</span>
          </Radio.Button>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}

function isError(value: AppErrorData | Shop | ArchivedShop): value is AppErrorData {
  return 'code' in value;
}

/** The profile fields shared by the add and edit dialogs. */
function ShopFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        label={t('settings.platform')}
        name="platform"
        rules={[{ required: true, message: t('settings.platformRequired') }]}
      >
        <Select options={PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('settings.name')}
        name="name"
        rules={[{ required: true, whitespace: true, max: 60, message: t('settings.nameRequired') }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        label={t('settings.shortName')}
        name="shortName"
        extra={t('settings.shortNameHint')}
        rules={[{ max: 4, message: t('settings.shortNameMax') }]}
      >
        <Input maxLength={4} style={{ width: 120 }} data-testid="shop-short-name" />
      </Form.Item>
      <ColourField />
      <Form.Item
        label={t('settings.mainAccount')}
        name="mainAccount"
        rules={[{ required: true, whitespace: true, max: 60, message: t('settings.mainAccountRequired') }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item label={t('settings.sellerLevel')} name="sellerLevel">
        <Select options={SELLER_LEVELS.map((level) => ({ value: level, label: t(`sellerLevel.${level}`) }))} />
      </Form.Item>
    </>
  );
}

type AddForm = ShopForm & { connectorKind: string; copyRulesFrom?: string };

function AddShopModal({ open, onClose }: Readonly<{ open: boolean; onClose(): void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const addShop = useConsole((s) => s.addShop);
  const shops = useConsole((s) => s.shops);
  const appInfo = useConsole((s) => s.appInfo);
  const [form] = Form.useForm<AddForm>();
  const [busy, setBusy] = useState(false);
  const kinds = ['none', ...(appInfo?.connectorKinds ?? [])];
  const submit = async ({ shortName, copyRulesFrom, ...values }: AddForm) => {
    setBusy(true);
    const result = await addShop({
      ...values,
      ...(shortName?.trim() ? { shortName: shortName.trim() } : {}),
      ...(copyRulesFrom ? { copyRulesFrom } : {}),
    });
    setBusy(false);
    if (isError(result)) return void message.error(t(`errors.${result.code}`));
    void message.success(t('settings.added', { name: result.name }));
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('settings.addShop')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          sellerLevel: 'heart',
          connectorKind: kinds.includes('demo') ? 'demo' : 'none',
          colour: nextShopColour(shops.map((s) => s.colour)),
        }}
      >
        <ShopFields />
        <Form.Item label={t('settings.connector')} name="connectorKind" extra={t('settings.connectorHint')}>
          <Select
            data-testid="add-connector"
            options={kinds.map((kind) => ({ value: kind, label: t(`connectorKind.${kind}`, { defaultValue: kind }) }))}
          />
        </Form.Item>
        <Form.Item label={t('settings.copyRulesFrom')} name="copyRulesFrom" extra={t('settings.copyRulesHint')}>
          <Select
            allowClear
            data-testid="add-copy-rules"
            placeholder={t('settings.copyRulesNone')}
            options={shops.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type EditForm = ShopForm & { connectorKind: string; appKey?: string; appSecret?: string; clearCredentials?: boolean };

function EditShopButton({ shop }: Readonly<{ shop: Shop }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updateShop = useConsole((s) => s.updateShop);
  const setConnector = useConsole((s) => s.setConnector);
  const appInfo = useConsole((s) => s.appInfo);
  const [form] = Form.useForm<EditForm>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const kinds = ['none', ...(appInfo?.connectorKinds ?? [])];

  const save = async (values: EditForm) => {
    setBusy(true);
    const updated = await updateShop(shop.id, {
      platform: values.platform,
      name: values.name,
      mainAccount: values.mainAccount,
      sellerLevel: values.sellerLevel,
      ...(values.shortName?.trim() ? { shortName: values.shortName.trim() } : {}),
      ...(values.colour ? { colour: values.colour } : {}),
    });
    let result: AppErrorData | Shop = updated;
    if (!isError(updated)) {
      const credentials =
        values.appKey && values.appSecret
          ? { appKey: values.appKey, appSecret: values.appSecret }
          : values.clearCredentials
            ? null
            : undefined;
      if (values.connectorKind !== shop.connector.kind || credentials !== undefined)
        result = await setConnector(shop.id, values.connectorKind, credentials);
    }
    setBusy(false);
    if (isError(result)) return void message.error(t(`errors.${result.code}`));
    void message.success(t('settings.saved'));
    setOpen(false);
  };

  return (
    <>
      <Button
        size="small"
        onClick={() => (
          form.setFieldsValue({
            ...shop,
            connectorKind: shop.connector.kind,
            appKey: '',
            appSecret: '',
            clearCredentials: false,
          }),
          setOpen(true)
        )}
      >
        {t('settings.edit')}
      </Button>
      <Modal
        open={open}
        title={t('settings.editTitle', { name: shop.name })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <ShopFields />
          <Form.Item label={t('settings.connector')} name="connectorKind">
            <Select
              options={kinds.map((kind) => ({
                value: kind,
                label: t(`connectorKind.${kind}`, { defaultValue: kind }),
              }))}
            />
          </Form.Item>
          {appInfo?.secretProtection === 'plaintext' && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('settings.plaintextWarning')} />
          )}
          <Typography.Paragraph type="secondary">
            {shop.connector.hasCredentials
              ? t('settings.credentialsStored', {
                  protection: t(`settings.protection.${shop.connector.protection ?? 'plaintext'}`),
                })
              : t('settings.noCredentials')}
          </Typography.Paragraph>
          <Form.Item label={t('settings.appKey')} name="appKey">
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('settings.appSecret')}
            name="appSecret"
            dependencies={['appKey']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  getFieldValue('appKey') && !v
                    ? Promise.reject(new Error(t('settings.secretRequired')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={500} />
          </Form.Item>
          {shop.connector.hasCredentials && (
            <Form.Item name="clearCredentials" valuePropName="checked">
              <Checkbox>{t('settings.clearCredentials')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

function ArchivedShopsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const archived = useConsole((s) => s.archived);
  const loadArchived = useConsole((s) => s.loadArchived);
  const restoreShop = useConsole((s) => s.restoreShop);
  useEffect(() => void loadArchived(), [loadArchived]);
  if (archived.length === 0) return null;
  const restore = async (archiveId: string, name: string) => {
    const result = await restoreShop(archiveId);
    if (isError(result)) return void message.error(t(`errors.${result.code}`));
    void message.success(t('settings.restored', { name }));
  };
  return (
    <Card title={t('settings.archivedShops')}>
      <Table<ArchivedShop>
        rowKey="archiveId"
        size="small"
        pagination={false}
        dataSource={archived}
        columns={[
          { title: t('settings.name'), key: 'name', render: (_, a) => a.shop.name },
          { title: t('settings.platform'), key: 'platform', render: (_, a) => t(`platform.${a.shop.platform}`) },
          { title: t('settings.archivedAt'), key: 'at', render: (_, a) => formatClock(a.archivedAt, i18n.language) },
          {
            title: t('settings.actions'),
            key: 'actions',
            render: (_, a) => (
              <Button size="small" onClick={() => void restore(a.archiveId, a.shop.name)}>
                {t('settings.restore')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
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
      data-testid="shops-card"
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
            title: t('roster.sync.demoColumn'),
            key: 'demoPlatform',
            render: (_, shop) => <DemoPlatformSwitch shop={shop} canChange />,
          },
          {
            title: t('settings.actions'),
            key: 'actions',
            render: (_, shop) => (
              <Space>
                <EditShopButton shop={shop} />
                <Popconfirm
                  title={t('settings.archiveConfirm', { name: shop.name })}
                  okText={t('settings.archive')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => archive(shop)}
                >
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

function IdleLockSelect() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const minutes = useConsole((s) => s.settings?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES);
  const canChange = useConsole((s) => grants(s.session?.grants ?? [], 'settings.app'));
  const setIdleLockMinutes = useConsole((s) => s.setIdleLockMinutes);
  const choices = [...new Set([...IDLE_LOCK_CHOICES, minutes])].sort((a, b) => a - b);
  return (
    <Space>
      <span id="idle-lock-label">{t('settings.idleLock')}</span>
      <Select<number>
        aria-labelledby="idle-lock-label"
        size="small"
        value={minutes}
        disabled={!canChange}
        style={{ width: 120 }}
        options={choices.map((value) => ({ value, label: t('time.minutes', { count: value }) }))}
        onChange={async (value) => {
          const failure = await setIdleLockMinutes(value);
          if (failure) void message.error(t(`errors.${failure.code}`));
          else void message.success(t('settings.saved'));
        }}
      />
    </Space>
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
    <Card
      data-testid="pin-card"
      title={t('settings.pin')}
      extra={hasPin ? <Typography.Text type="secondary">{t('settings.pinSet')}</Typography.Text> : null}
    >
      <Typography.Paragraph type="secondary">{t('settings.pinHint')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <IdleLockSelect />
      </div>
      <Form form={form} layout="inline" onFinish={submit} disabled={busy}>
        <Form.Item
          label={t('settings.pinLabel')}
          name="pin"
          rules={[{ required: true, pattern: /^\d{4,8}$/, message: t('settings.pinInvalid') }]}
        >
          <Input.Password inputMode="numeric" maxLength={8} autoComplete="off" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          label={t('settings.currentPassword')}
          name="password"
          rules={[{ required: true, message: t('lock.secretRequired') }]}
        >
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
  const canSuperviseInbox = useConsole((s) => grants(s.session?.grants ?? [], 'inbox.supervise'));
  const canReply = useConsole((s) => grants(s.session?.grants ?? [], 'inbox.reply'));
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
        <NotificationsCard />
        {canReply && <MyPhrasesCard />}
        {canSuperviseInbox && <InboxRulesCard />}
        {canManageShops ? (
          <>
            <ShopsCard />
            <ArchivedShopsCard />
          </>
        ) : (
          <Typography.Text type="secondary">{t('settings.noShopPermission')}</Typography.Text>
        )}
      </Space>
    </div>
  );
}
