import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { View } from '../store/ui-slice.ts';

/** An honest placeholder for a module a later issue builds. */
export function NotBuiltPage({ view }: Readonly<{ view: View }>) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <Result status="info" title={t('notBuilt.title', { module: t(`nav.${view}`) })} subTitle={t('notBuilt.body')} />
    </div>
  );
}
