// A person's routing in one shop (旺旺分流): in the general queue or not, concurrent chats, weight, groups and
// dedicated buyers. Saved in the roster; the router follows at once.
import { Alert, App, Form, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_GROUPS,
  type ConversationSummary,
  type RoutingSettings,
  type SubAccount,
} from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { api } from '../../api.ts';
import { rosterCommand } from './queries.ts';

/** Before the roster has said what this person's defaults are (the console's default for staff). */
const STAFF_DEFAULTS: RoutingSettings = {
  optIn: true,
  capacity: 5,
  weight: 300,
  groups: [...DEFAULT_GROUPS],
  dedicatedBuyers: [],
};

type Props = Readonly<{
  account: SubAccount | null;
  personName: string;
  /** What routing does with this person here when the account sets nothing (ShopRoster.defaultRouting). */
  defaults: RoutingSettings | undefined;
  onClose(): void;
}>;

/** Each opening is a form of its own, filled from the account as it is then (a form instance keeps old values). */
export function RoutingModal(props: Props) {
  return props.account ? <RoutingDialog key={props.account.id} {...props} account={props.account} /> : null;
}

function RoutingDialog(props: Props & Readonly<{ account: SubAccount }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoutingSettings>();
  const [buyers, setBuyers] = useState<{ value: string; label: string }[]>([]);
  const account = props.account;
  useEffect(() => {
    void api()
      .invoke('inbox.listConversations', { shopId: account.shopId, view: 'recent', limit: 200 })
      .then((result) => {
        if (!result.ok) return;
        const seen = new Map<string, string>();
        for (const c of result.value as ConversationSummary[]) seen.set(c.buyer.id, c.buyer.nick);
        setBuyers([...seen].map(([value, nick]) => ({ value, label: `${displayText(nick)}（${value}）` })));
      });
  }, [account.shopId]);
  const save = async (routing: RoutingSettings | null) => {
    const result = await rosterCommand('roster.setRouting', {
      shopId: account.shopId,
      subAccountId: account.id,
      routing,
    });
    if (!result.ok) return void message.error(t(`errors.${result.error.code}`));
    void message.success(t('roster.saved'));
    props.onClose();
  };
  return (
    <Modal
      open
      title={t('roster.routing.title', { name: displayText(props.personName) })}
      onCancel={props.onClose}
      okText={t('roster.save')}
      cancelText={t('roster.cancel')}
      onOk={() => void form.validateFields().then(save, () => undefined)}
      footer={(original) => (
        <>
          {account.routing && (
            <a
              role="button"
              tabIndex={0}
              style={{ marginRight: 'auto', float: 'left' }}
              onClick={() => void save(null)}
            >
              {t('roster.routing.defaults')}
            </a>
          )}
          {original}
        </>
      )}
    >
      {!account.routing && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('roster.routing.usingDefaults')} />
      )}
      {/* The form starts from what routing does now: the account's own routing, or the person's defaults. */}
      <Form
        form={form}
        layout="vertical"
        className="roster-routing-form"
        initialValues={account.routing ?? props.defaults ?? STAFF_DEFAULTS}
      >
        <Form.Item name="optIn" label={t('roster.routing.optIn')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="capacity" label={t('roster.routing.capacity')} rules={[{ required: true }]}>
          <InputNumber min={0} max={50} />
        </Form.Item>
        <Form.Item name="weight" label={t('roster.routing.weight')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1000} step={50} />
        </Form.Item>
        <Form.Item name="groups" label={t('roster.routing.groups')}>
          <Select
            mode="multiple"
            options={DEFAULT_GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`, { defaultValue: g }) }))}
          />
        </Form.Item>
        <Form.Item
          name="dedicatedBuyers"
          label={t('roster.routing.dedicated')}
          extra={t('roster.routing.dedicatedHelp')}
        >
          <Select mode="tags" options={buyers} maxCount={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
