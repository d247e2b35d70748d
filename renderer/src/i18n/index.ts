// i18next setup: zh-CN is the default, en-US the alternative. The choice is a device preference kept by the core
// (settings.json); see the session slice's setLanguage.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type AppSettings } from '../../../shared/contract/index.ts';
import { DEFAULT_LANGUAGE } from '../../../shared/domain/app-settings.ts';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

export { LANGUAGES };
export type Language = AppSettings['language'];

export function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = DEFAULT_LANGUAGE;

export { i18n };
