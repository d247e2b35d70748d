// Adding or editing one of a shop's checklists: its title, the 岗位 it is for, daily or on one weekday, the time it
// is due (China time), and its items (a tick, or a photo colour check). A list no longer wanted is archived, never
// deleted (its history stays). Saved through checklists.saveTemplate (the core checks and audits it).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Drawer, Form, Input, Select, Space, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { grants, type ChecklistTemplate } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { callCore } from '../../query/core-call.ts';
import { useConsole } from '../../store/index.ts';

type FormValues = {
  title: string;
  role: string;
  assigneeId: string | null;
  recurrence: 'daily' | 'weekly';
  weekday: number;
  due: Dayjs;
  items: { id?: string; text: string; kind: 'tick' | 'photo' }[];
  archived: boolean;
};

/** The 岗位 lists are usually for (DOMAIN.md's roles); any other may be typed. */
const ROLES = ['库管', '客服', '售前', '售后', '物流', '运营', '店长', '设计', '推广', '财务'];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** An id for a new item, unique within its list (the contract allows letters, digits, _ and -). */
const newItemId = (taken: ReadonlySet<string>) => {
  for (let n = taken.size + 1; ; n += 1) if (!taken.has(`item-${n}`)) return `item-${n}`;
};

export function TemplateEditor(
  props: Readonly<{ shopId: string; template: ChecklistTemplate | null; onSaved(): void; onClose(): void }>,
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const template = props.template;
  const recurrence = Form.useWatch('recurrence', form);
  const mayReadRoster = useConsole((s) => (s.session?.grants ?? []).some((g) => grants([g], 'roster.view')));
  const people = useQuery({
    queryKey: ['roster', 'people'],
    queryFn: () => callCore('roster.people', {}),
    enabled: mayReadRoster,
  });
  const initial: FormValues = template
    ? {
        title: template.title,
        role: template.role,
        assigneeId: template.assigneeId,
        recurrence: template.recurrence.kind,
        weekday: template.recurrence.kind === 'weekly' ? template.recurrence.weekday : 1,
        due: dayjs().startOf('day').add(template.dueMinutes, 'minute'),
        items: template.items.map((item) => ({ ...item })),
        archived: template.archived,
      }
    : {
        title: '',
        role: '',
        assigneeId: null,
        recurrence: 'daily',
        weekday: 1,
        due: dayjs().startOf('day').add(18, 'hour'),
        items: [{ text: '', kind: 'tick' }],
        archived: false,
      };

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const taken = new Set(values.items.flatMap((item) => (item.id ? [item.id] : [])));
    const items = values.items.map((item) => {
      const id = item.id ?? newItemId(taken);
      taken.add(id);
      return { id, text: item.text.trim(), kind: item.kind };
    });
    setSaving(true);
    const result = await api().invoke('checklists.saveTemplate', {
      id: template?.id ?? null,
      shopId: props.shopId,
      title: values.title.trim(),
      role: values.role.trim(),
      assigneeId: values.assigneeId ?? null,
      recurrence: values.recurrence === 'daily' ? { kind: 'daily' } : { kind: 'weekly', weekday: values.weekday },
      dueMinutes: values.due.hour() * 60 + values.due.minute(),
      items,
      archived: values.archived,
    });
    setSaving(false);
    if (!result.ok) return void message.error(t('checklists.failed', { reason: t(`errors.${result.error.code}`) }));
    void message.success(t('checklists.editor.saved'));
    props.onSaved();
  };

  return (
    <Drawer
      open
      width={520}
      onClose={props.onClose}
      title={template ? t('checklists.editor.editTitle', { title: template.title }) : t('checklists.editor.newTitle')}
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()}>
          {t('checklists.editor.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} className="checklist-editor">
        <Form.Item
          name="title"
          label={t('checklists.editor.name')}
          rules={[{ required: true, whitespace: true, max: 40 }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('checklists.editor.role')}
          rules={[{ required: true, whitespace: true, max: 20 }]}
        >
          <AutoComplete options={ROLES.map((value) => ({ value }))} maxLength={20} />
        </Form.Item>
        {/* The people come from the roster: someone who may not read it assigns by 岗位 only. */}
        {people.data && (
          <Form.Item
            name="assigneeId"
            label={t('checklists.editor.assignee')}
            extra={t('checklists.editor.assigneeHelp')}
          >
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={people.data.people
                .filter((p) => p.status === 'active' && p.login !== null)
                .map((p) => ({ value: p.id, label: p.displayName }))}
            />
          </Form.Item>
        )}
        <Space align="start" wrap>
          <Form.Item name="recurrence" label={t('checklists.editor.recurrence')}>
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'daily', label: t('checklists.daily') },
                { value: 'weekly', label: t('checklists.editor.weeklyOn') },
              ]}
            />
          </Form.Item>
          {recurrence === 'weekly' && (
            <Form.Item name="weekday" label={t('checklists.editor.weekday')}>
              <Select
                style={{ width: 100 }}
                options={WEEKDAYS.map((d) => ({ value: d, label: t(`checklists.weekdays.${d}`) }))}
              />
            </Form.Item>
          )}
          <Form.Item name="due" label={t('checklists.editor.due')} rules={[{ required: true }]}>
            {/* 24-hour clock in both languages; China time, as every time on screen. */}
            <TimePicker format="HH:mm" minuteStep={5} allowClear={false} />
          </Form.Item>
        </Space>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, items: unknown[] | undefined) => {
                if (!items || items.length === 0) throw new Error(t('checklists.editor.needsItem'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" className="checklist-editor-item">
                  <Form.Item
                    name={[field.name, 'text']}
                    rules={[{ required: true, whitespace: true, max: 120, message: t('checklists.editor.itemText') }]}
                  >
                    <Input
                      maxLength={120}
                      style={{ width: 300 }}
                      aria-label={t('checklists.editor.item', { n: index + 1 })}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']}>
                    <Select
                      style={{ width: 110 }}
                      aria-label={t('checklists.editor.kind', { n: index + 1 })}
                      options={[
                        { value: 'tick', label: t('checklists.editor.tick') },
                        { value: 'photo', label: t('checklists.editor.photo') },
                      ]}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={t('checklists.editor.remove', { n: index + 1 })}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                disabled={fields.length >= 30}
                onClick={() => add({ text: '', kind: 'tick' })}
              >
                {t('checklists.editor.addItem')}
              </Button>
            </>
          )}
        </Form.List>
        {template && (
          <Form.Item
            name="archived"
            label={t('checklists.editor.archived')}
            valuePropName="checked"
            extra={t('checklists.editor.archivedHelp')}
            style={{ marginTop: 16 }}
          >
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
