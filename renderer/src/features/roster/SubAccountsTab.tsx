// One shop's sub-accounts (`主账号:子账号`) with the quota meter: create one (the name checked as it is typed by
// the same rule the core applies), assign roles, disable or enable (never delete), and "what can they do, and
// why". Entries not yet confirmed by the platform, or in conflict, say so. The platform's sub-account rules are
// said above the list (its defaults, or the shop's own, which the owner sets here).
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PERMISSIONS,
  type Permission,
  type PlatformRules,
  type ShopRoster,
  type SubAccount,
} from '../../../../shared/contract/index.ts';
import { checkSubAccountName, subAccountFullName } from '../../../../shared/domain/roster/sub-account-rules.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { useConsole } from '../../store/index.ts';
import { ExplainModal } from './ExplainModal.tsx';
import { RoutingModal } from './RoutingModal.tsx';
import { rosterCommand, usePeople, useShopRoster } from './queries.ts';
import { formatDateTime } from '../../format.ts';

const STATUS_COLOUR = { active: 'green', disabled: 'default', frozen: 'red' } as const;

/** What the core said, in words: the platform's own rule or the name rule that refused it, else the error's kind. */
function refusal(t: TFunction, error: Readonly<{ code: string; details?: unknown }>): string {
  const reason = (error.details as { reason?: string } | undefined)?.reason;
  if (reason && (PLATFORM_PROBLEMS as readonly string[]).includes(reason)) return t(`roster.platformProblem.${reason}`);
  if (reason && (NAME_PROBLEMS as readonly string[]).includes(reason)) return t(`roster.nameProblem.${reason}`);
  return t(`errors.${error.code}`);
}
const PLATFORM_PROBLEMS = ['role_required', 'phone_required', 'phone_taken', 'exporters_full'] as const;
const NAME_PROBLEMS = ['empty', 'colon', 'too_long', 'all_digits'] as const;

/** The shop's platform rules for sub-accounts, said before anyone fills the form. */
function PlatformRulesNote({ shopId }: Readonly<{ shopId: string }>) {
  const { t } = useTranslation();
  const platform = useConsole((s) => s.shops.find((shop) => shop.id === shopId)?.platform);
  const rules = useShopRoster(shopId).data?.platformRules;
  if (!platform || !rules) return null;
  const name = t(`platform.${platform}`);
  const notes = (['roleRequired', 'uniquePhone', 'employeeAccepts'] as const)
    .filter((rule) => rules[rule])
    .map((rule) => t(`roster.platformRule.${rule}`, { platform: name }));
  if (rules.maxOrderExporters !== null)
    notes.push(
      t('roster.platformRule.maxOrderExporters', {
        platform: name,
        limit: rules.maxOrderExporters,
        count: rules.exporters,
      }),
    );
  if (notes.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="platform-rules-note"
      title={`${notes.join(' ')}${rules.custom ? ` ${t('roster.platformRule.custom')}` : ''}`}
    />
  );
}

/** The owner's editor of the shop's own platform rules (when the platform allows this shop more, or less). */
function PlatformRulesModal({
  shopId,
  rules,
  onClose,
}: Readonly<{ shopId: string; rules: ShopRoster['platformRules']; onClose(): void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [edit, setEdit] = useState<PlatformRules>({
    roleRequired: rules.roleRequired,
    uniquePhone: rules.uniquePhone,
    employeeAccepts: rules.employeeAccepts,
    maxOrderExporters: rules.maxOrderExporters,
  });
  const [saving, setSaving] = useState(false);
  const save = async (next: PlatformRules | null) => {
    setSaving(true);
    const result = await rosterCommand('roster.setPlatformRules', { shopId, rules: next });
    setSaving(false);
    if (!result.ok) return void message.error(t(`errors.${result.error.code}`));
    message.success(t('roster.platformRules.saved'));
    onClose();
  };
  return (
    <Modal
      open
      title={t('roster.platformRules.title')}
      onCancel={onClose}
      footer={
        <Space>
          <Button disabled={!rules.custom} loading={saving} onClick={() => void save(null)}>
            {t('roster.platformRules.reset')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => void save(edit)}>
            {t('roster.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('roster.platformRules.help')}</Typography.Paragraph>
      <Space direction="vertical">
        {(['roleRequired', 'uniquePhone', 'employeeAccepts'] as const).map((key) => (
          <Space key={key}>
            <Switch
              checked={edit[key]}
              aria-label={t(`roster.platformRules.${key}`)}
              onChange={(on) => setEdit((e) => ({ ...e, [key]: on }))}
            />
            {t(`roster.platformRules.${key}`)}
          </Space>
        ))}
        <Space>
          {t('roster.platformRules.maxOrderExporters')}
          <InputNumber
            aria-label={t('roster.platformRules.maxOrderExporters')}
            min={1}
            max={1000}
            precision={0}
            placeholder={t('roster.platformRules.noLimit')}
            value={edit.maxOrderExporters}
            onChange={(v) => setEdit((e) => ({ ...e, maxOrderExporters: v ?? null }))}
          />
        </Space>
      </Space>
    </Modal>
  );
}

function NewSubAccountModal({ shopId, open, onClose }: Readonly<{ shopId: string; open: boolean; onClose(): void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roster = useShopRoster(shopId);
  const people = usePeople();
  const [form] = Form.useForm<{ personId: string; name: string; roleIds: string[]; expiresAt?: Dayjs }>();
  const name = Form.useWatch('name', form) ?? '';
  const main = roster.data?.mainAccount ?? '';
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    // Invalid fields say so inline; nothing is sent.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    const result = await rosterCommand('roster.createSubAccount', {
      shopId,
      personId: values.personId,
      name: values.name.trim(),
      roleIds: values.roleIds ?? [],
      expiresAt: values.expiresAt ? values.expiresAt.valueOf() : null,
    });
    setSaving(false);
    if (!result.ok) return void message.error(refusal(t, result.error));
    void message.success(roster.data?.sync.online === false ? t('roster.savedPending') : t('roster.saved'));
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('roster.newSubAccount')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('roster.save')}
      cancelText={t('roster.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <PlatformRulesNote shopId={shopId} />
      <Form form={form} layout="vertical" initialValues={{ roleIds: [] }}>
        <Form.Item name="personId" label={t('roster.columns.person')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(people.data?.people ?? [])
              .filter((p) => p.status === 'active' && p.kind === 'staff')
              .map((p) => ({ value: p.id, label: `${p.displayName}${p.employeeNo ? ` · ${p.employeeNo}` : ''}` }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('roster.subName')}
          extra={name ? t('roster.fullName', { name: subAccountFullName(main, name.trim()) }) : undefined}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = checkSubAccountName(main, (value ?? '').trim());
                if (problem) throw new Error(t(`roster.nameProblem.${problem}`));
              },
            },
          ]}
        >
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item name="roleIds" label={t('roster.columns.roles')}>
          <Select mode="multiple" options={(roster.data?.roles ?? []).map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('roster.temporaryUntil')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesModal({ account, onClose }: Readonly<{ account: SubAccount | null; onClose(): void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roster = useShopRoster(account?.shopId ?? null);
  // Untouched (null): the account's roles and denials. Set from the props while rendering, so a quick pick is never
  // undone.
  const [picked, setPicked] = useState<string[] | null>(null);
  const [denying, setDenying] = useState<Permission[] | null>(null);
  const roleIds = picked ?? account?.roleIds ?? [];
  const deniedGrants = denying ?? account?.deniedGrants ?? [];
  const close = () => {
    setPicked(null);
    setDenying(null);
    onClose();
  };
  const save = async () => {
    if (!account) return;
    const result = await rosterCommand('roster.updateSubAccount', {
      shopId: account.shopId,
      subAccountId: account.id,
      roleIds,
      deniedGrants,
    });
    if (!result.ok) return void message.error(refusal(t, result.error));
    void message.success(t('roster.saved'));
    close();
  };
  return (
    <Modal
      open={account !== null}
      title={`${t('roster.editRoles')} · ${account ? displayText(account.fullName) : ''}`}
      onCancel={close}
      onOk={() => void save()}
      okText={t('roster.save')}
      cancelText={t('roster.cancel')}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('roster.columns.roles')}</Typography.Text>
        <Select
          aria-label={t('roster.columns.roles')}
          mode="multiple"
          style={{ width: '100%' }}
          value={roleIds}
          onChange={setPicked}
          options={(roster.data?.roles ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
        <Typography.Text strong>{t('roster.deny.label')}</Typography.Text>
        <Typography.Text type="secondary">{t('roster.deny.help')}</Typography.Text>
        <Select
          aria-label={t('roster.deny.label')}
          mode="multiple"
          style={{ width: '100%' }}
          value={deniedGrants}
          onChange={setDenying}
          optionFilterProp="label"
          options={PERMISSIONS.map((p) => ({ value: p, label: t(`roster.permission.${p}`) }))}
        />
      </Space>
    </Modal>
  );
}

export function SubAccountsTab({ shopId, canEdit }: Readonly<{ shopId: string; canEdit: boolean }>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const roster = useShopRoster(shopId);
  const people = usePeople();
  const shopName = useConsole((s) => s.shops.find((shop) => shop.id === shopId)?.name ?? shopId);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<SubAccount | null>(null);
  const [explaining, setExplaining] = useState<SubAccount | null>(null);
  const [routing, setRouting] = useState<SubAccount | null>(null);
  const [editingRules, setEditingRules] = useState(false);
  const isOwner = useConsole((s) => s.session?.kind === 'owner');
  const names = useMemo(() => new Map((people.data?.people ?? []).map((p) => [p.id, p.displayName])), [people.data]);
  const roles = useMemo(() => new Map((roster.data?.roles ?? []).map((r) => [r.id, r.name])), [roster.data]);
  const quota = roster.data?.quota;
  const setStatus = async (account: SubAccount, status: 'active' | 'disabled') => {
    const result = await rosterCommand('roster.setSubAccountStatus', {
      shopId,
      subAccountId: account.id,
      status,
      reason: '',
    });
    if (!result.ok) void message.error(refusal(t, result.error));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {quota && (
          <Tooltip title={t('roster.quotaHelp')}>
            <div className="roster-quota" aria-label={t('roster.quota', { used: quota.used, limit: quota.limit })}>
              <Typography.Text>{t('roster.quota', { used: quota.used, limit: quota.limit })}</Typography.Text>
              <Progress
                percent={quota.limit === 0 ? 100 : Math.round((quota.used / quota.limit) * 100)}
                status={quota.free === 0 ? 'exception' : 'normal'}
                showInfo={false}
                size="small"
                style={{ width: 160 }}
              />
            </div>
          </Tooltip>
        )}
        <Button type="primary" disabled={!canEdit} onClick={() => setCreating(true)}>
          {t('roster.newSubAccount')}
        </Button>
        {isOwner && roster.data && (
          <Button onClick={() => setEditingRules(true)}>{t('roster.platformRules.open')}</Button>
        )}
      </Space>
      <PlatformRulesNote shopId={shopId} />
      {editingRules && roster.data && (
        <PlatformRulesModal shopId={shopId} rules={roster.data.platformRules} onClose={() => setEditingRules(false)} />
      )}
      <Table<SubAccount>
        className="roster-subaccounts"
        size="small"
        rowKey="id"
        loading={roster.isLoading}
        dataSource={roster.data?.subAccounts ?? []}
        pagination={false}
        scroll={{ y: 520 }}
        virtual
        columns={[
          {
            title: t('roster.columns.account'),
            dataIndex: 'fullName',
            render: (_, a) => (
              <Space size={4}>
                <span>{displayText(a.fullName)}</span>
                {a.pending && <Tag color="blue">{t('roster.pending')}</Tag>}
                {a.conflicts.length > 0 && <Tag color="red">{t('roster.conflict')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('roster.columns.person'),
            width: 120,
            render: (_, a) => (a.personId ? displayText(names.get(a.personId) ?? '—') : '—'),
          },
          {
            title: t('roster.columns.roles'),
            render: (_, a) => (
              <>
                {a.roleIds.map((id) => (
                  <Tag key={id}>{roles.get(id) ?? id}</Tag>
                ))}
                {a.deniedGrants.length > 0 && (
                  <Tooltip title={a.deniedGrants.map((p) => t(`roster.permission.${p}`)).join('、')}>
                    <Tag color="red">{t('roster.deny.tag', { count: a.deniedGrants.length })}</Tag>
                  </Tooltip>
                )}
              </>
            ),
          },
          {
            title: t('roster.columns.status'),
            width: 110,
            render: (_, a) => <Tag color={STATUS_COLOUR[a.status]}>{t(`roster.subStatus.${a.status}`)}</Tag>,
          },
          {
            title: t('roster.columns.expires'),
            width: 160,
            render: (_, a) => (a.expiresAt === null ? '—' : formatDateTime(a.expiresAt, i18n.language)),
          },
          {
            title: t('roster.columns.actions'),
            width: 320,
            render: (_, a) => (
              <Space size={0}>
                <Button type="link" size="small" disabled={!canEdit} onClick={() => setEditing(a)}>
                  {t('roster.editRoles')}
                </Button>
                {a.status === 'active' ? (
                  <Popconfirm
                    title={t('roster.disableConfirm', { name: displayText(a.fullName) })}
                    onConfirm={() => void setStatus(a, 'disabled')}
                    okText={t('roster.disable')}
                    cancelText={t('roster.cancel')}
                  >
                    <Button type="link" size="small" danger disabled={!canEdit}>
                      {t('roster.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    disabled={!canEdit || a.status === 'frozen'}
                    onClick={() => void setStatus(a, 'active')}
                  >
                    {t('roster.enable')}
                  </Button>
                )}
                <Button
                  type="link"
                  size="small"
                  disabled={!canEdit || a.personId === null}
                  onClick={() => setRouting(a)}
                >
                  {t('roster.routing.action')}
                  {a.routing ? ' ●' : ''}
                </Button>
                <Button type="link" size="small" disabled={a.personId === null} onClick={() => setExplaining(a)}>
                  {t('roster.explain')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <NewSubAccountModal shopId={shopId} open={creating} onClose={() => setCreating(false)} />
      <RolesModal account={editing} onClose={() => setEditing(null)} />
      <RoutingModal
        account={routing}
        personName={routing?.personId ? (names.get(routing.personId) ?? '') : ''}
        defaults={routing?.personId ? roster.data?.defaultRouting[routing.personId] : undefined}
        onClose={() => setRouting(null)}
      />
      <ExplainModal
        personId={explaining?.personId ?? null}
        personName={explaining?.personId ? (names.get(explaining.personId) ?? '') : ''}
        shopId={shopId}
        shopName={shopName}
        onClose={() => setExplaining(null)}
      />
    </Space>
  );
}
