// An editable list of quick phrases (code, group, text) inside an antd Form: the shop's and a person's own.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';

export function PhraseListField({ name, max = 200 }: Readonly<{ name: string; max?: number }>) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item
                name={[field.name, 'code']}
                rules={[{ required: true, pattern: /^[a-z0-9_-]{1,16}$/i, message: t('rules.codeInvalid') }]}
              >
                <Input prefix="/" placeholder={t('rules.code')} aria-label={t('rules.code')} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'group']} rules={[{ required: true, whitespace: true, max: 12 }]}>
                <Input placeholder={t('rules.group')} aria-label={t('rules.group')} style={{ width: 80 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true, max: 500 }]}>
                <Input placeholder={t('rules.text')} aria-label={t('rules.text')} style={{ width: 420 }} />
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
            onClick={() => add({ code: '', group: '', text: '' })}
            disabled={fields.length >= max}
          >
            {t('rules.addPhrase')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
