// A person's own quick phrases: offered after the shop's when they type `/` in the reply box.
import { App, Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuickPhrase } from '../../../../shared/contract/index.ts';
import { useConsole } from '../../store/index.ts';
import { PhraseListField } from './PhraseListField.tsx';

export function MyPhrasesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phrases = useConsole((s) => s.myPhrases);
  const setMyPhrases = useConsole((s) => s.setMyPhrases);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { quickPhrases: QuickPhrase[] }) => {
    setBusy(true);
    const failure = await setMyPhrases(values.quickPhrases ?? []);
    setBusy(false);
    if (failure) void message.error(t(`errors.${failure.code}`));
    else void message.success(t('settings.saved'));
  };
  return (
    <Card title={t('rules.myPhrases')}>
      <Typography.Paragraph type="secondary">{t('rules.myPhrasesHint')}</Typography.Paragraph>
      <Form layout="vertical" initialValues={{ quickPhrases: phrases }} onFinish={submit} key={phrases.length}>
        <PhraseListField name="quickPhrases" max={100} />
        <div style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
