import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/index.ts';
import { useConsole } from '../store/index.ts';

const LABELS: Readonly<Record<Language, string>> = { 'zh-CN': '简体中文', 'en-US': 'English' };

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const setLanguage = useConsole((s) => s.setLanguage);
  return (
    <Select<Language>
      aria-label={t('header.language')}
      size="small"
      value={i18n.language as Language}
      onChange={(language) => void setLanguage(language)}
      options={(Object.keys(LABELS) as Language[]).map((value) => ({ value, label: LABELS[value] }))}
      style={{ width: 110 }}
      data-testid="language-select"
    />
  );
}
