// Adding or editing a person: the staff profile with inline validation (the contract's own schema), an optional
// console login for someone new, and offboarding a leaver ("disable everywhere", with what is left to do on each
// platform). A person the caller may not edit is shown read-only, saying why.
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, List, Modal, Row, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonProfile, type Department, type RosterPerson } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { rosterCommand } from './queries.ts';
import { ViewAsModal } from './ViewAsModal.tsx';

type FormValues = Omit<PersonProfile, 'hireDate'> & { hireDate: Dayjs | null; login?: string; password?: string };

/** One field's rule from the contract's schema: the core will check the same. */
const fieldRule = (field: keyof PersonProfile) => ({
  validator: async (_: unknown, value: unknown) => {
    const shape = PersonProfile.shape[field];
    const parsed = shape.safeParse(
      field === 'hireDate'
        ? value
          ? (value as Dayjs).format('YYYY-MM-DD')
          : null
        : (value ?? (field === 'departmentId' || field === 'supervisorId' ? null : '')),
    );
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid');
  },
});

/** Two fields side by side. */
function Pair({ children }: Readonly<{ children: [ReactNode, ReactNode] }>) {
  return (
    <Row gutter={12}>
      <Col span={12}>{children[0]}</Col>
      <Col span={12}>{children[1]}</Col>
    </Row>
  );
}

export function PersonDrawer(
  props: Readonly<{
    person: RosterPerson | 'new' | null;
    departments: readonly Department[];
    people: readonly RosterPerson[];
    onClose(): void;
  }>,
) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [viewingAs, setViewingAs] = useState<string | null>(null);
  const isNew = props.person === 'new';
  const person = props.person === 'new' ? null : props.person;
  const readOnly = person !== null && !person.editable;

  useEffect(() => {
    if (props.person === null) return;
    form.resetFields();
    if (person)
      form.setFieldsValue({ ...person, hireDate: person.hireDate ? dayjs(person.hireDate) : null } as FormValues);
  }, [props.person, person, form]);

  const save = async () => {
    // Invalid fields say so inline; nothing is sent.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    const profile: PersonProfile = {
      displayName: values.displayName,
      nickname: values.nickname ?? '',
      employeeNo: values.employeeNo ?? '',
      departmentId: values.departmentId ?? null,
      title: values.title ?? '',
      level: values.level ?? '',
      supervisorId: values.supervisorId ?? null,
      hireDate: values.hireDate ? values.hireDate.format('YYYY-MM-DD') : null,
      phone: values.phone ?? '',
      dingTalkId: values.dingTalkId ?? '',
      status: person?.status ?? 'active',
    };
    const login = values.login?.trim() ? values.login.trim() : null;
    const result = await rosterCommand('roster.savePerson', {
      personId: person?.id ?? null,
      profile,
      login: isNew ? login : null,
      password: isNew && login ? (values.password ?? '') : null,
    });
    setSaving(false);
    if (!result.ok) {
      const issues = (result.error.details as { issues?: { path: string[]; message: string }[] } | undefined)?.issues;
      if (issues?.length)
        form.setFields(
          issues.map((i) => ({ name: i.path[i.path.length - 1] as keyof FormValues, errors: [i.message] })),
        );
      // A phone a platform refuses (Pinduoduo: one number per sub-account) is said on the field.
      const reason = (result.error.details as { reason?: string } | undefined)?.reason;
      if (reason === 'phone_taken' || reason === 'phone_required') {
        form.setFields([{ name: 'phone', errors: [t(`roster.platformProblem.${reason}`)] }]);
        return void message.error(t(`roster.platformProblem.${reason}`));
      }
      return void message.error(t(`errors.${result.error.code}`));
    }
    void message.success(t('roster.saved'));
    props.onClose();
  };

  const offboard = () => {
    if (!person) return;
    modal.confirm({
      title: t('roster.offboard'),
      content: t('roster.offboardConfirm', { name: displayText(person.displayName) }),
      okButtonProps: { danger: true },
      okText: t('roster.offboard'),
      cancelText: t('roster.cancel'),
      onOk: async () => {
        const result = await rosterCommand('roster.offboard', { personId: person.id, reason: '' });
        if (!result.ok) return void message.error(t(`errors.${result.error.code}`));
        props.onClose();
        Modal.info({
          title: t('roster.offboard'),
          content: (
            <>
              <p>{t('roster.offboardDone', { count: result.value.disabled.length })}</p>
              <List
                size="small"
                dataSource={result.value.checklist}
                renderItem={(item) => <List.Item>{displayText(item)}</List.Item>}
              />
            </>
          ),
        });
      },
    });
  };

  return (
    <Drawer
      open={props.person !== null}
      onClose={props.onClose}
      width={480}
      title={isNew ? t('roster.addPerson') : t('roster.editPerson')}
      destroyOnHidden
      extra={
        <Space>
          {person && <Button onClick={() => setViewingAs(person.id)}>{t('roster.viewAs.action')}</Button>}
          {person && person.kind === 'staff' && person.status === 'active' && !readOnly && (
            <Button danger onClick={offboard}>
              {t('roster.offboard')}
            </Button>
          )}
          <Button type="primary" loading={saving} disabled={readOnly} onClick={() => void save()}>
            {t('roster.save')}
          </Button>
        </Space>
      }
    >
      {readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('roster.readOnly')} />}
      <Form form={form} layout="vertical" disabled={readOnly} className="roster-person-form">
        <Form.Item
          name="displayName"
          label={t('roster.profile.displayName')}
          rules={[{ required: true, message: t('roster.profile.displayName') }, fieldRule('displayName')]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Pair>
          <Form.Item name="nickname" label={t('roster.profile.nickname')} rules={[fieldRule('nickname')]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="employeeNo" label={t('roster.profile.employeeNo')} rules={[fieldRule('employeeNo')]}>
            <Input maxLength={20} />
          </Form.Item>
        </Pair>
        <Form.Item name="departmentId" label={t('roster.profile.department')}>
          <Select allowClear options={props.departments.map((d) => ({ value: d.id, label: displayText(d.name) }))} />
        </Form.Item>
        <Pair>
          <Form.Item name="title" label={t('roster.profile.title')} rules={[fieldRule('title')]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="level" label={t('roster.profile.level')} rules={[fieldRule('level')]}>
            <Input maxLength={20} />
          </Form.Item>
        </Pair>
        <Form.Item name="supervisorId" label={t('roster.profile.supervisor')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={props.people
              .filter((p) => p.id !== person?.id && p.status === 'active')
              .map((p) => ({ value: p.id, label: displayText(p.displayName) }))}
          />
        </Form.Item>
        <Form.Item name="hireDate" label={t('roster.profile.hireDate')} rules={[fieldRule('hireDate')]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Pair>
          <Form.Item name="phone" label={t('roster.profile.phone')} rules={[fieldRule('phone')]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          <Form.Item name="dingTalkId" label={t('roster.profile.dingTalkId')} rules={[fieldRule('dingTalkId')]}>
            <Input maxLength={64} />
          </Form.Item>
        </Pair>
        {isNew && (
          <>
            <Form.Item name="login" label={t('roster.profile.login')} extra={t('roster.profile.loginHelp')}>
              <Input autoComplete="off" maxLength={64} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('roster.profile.password')}
              dependencies={['login']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, value: string | undefined) => {
                    if (String(getFieldValue('login') ?? '').trim() && (value ?? '').length < 8) throw new Error('≥ 8');
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={256} />
            </Form.Item>
          </>
        )}
      </Form>
      {person && person.subAccounts.length > 0 && (
        <List
          className="roster-person-accounts"
          size="small"
          header={t('roster.columns.subAccounts')}
          dataSource={person.subAccounts}
          renderItem={(a) => (
            <List.Item>
              <span>{displayText(a.fullName)}</span>
              <Tag color={a.status === 'active' ? 'green' : 'default'}>{t(`roster.subStatus.${a.status}`)}</Tag>
            </List.Item>
          )}
        />
      )}
      <ViewAsModal subject={viewingAs ? { personId: viewingAs } : null} onClose={() => setViewingAs(null)} />
    </Drawer>
  );
}
