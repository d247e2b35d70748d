import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

// antd's orange preset fails WCAG AA contrast (≈3.3:1); this keeps the colour family at ≈7:1.
const DEMO_TAG_STYLE = { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' } as const;

/** The label on everything that is demo data. */
export function DemoTag({ label }: Readonly<{ label?: string }>) {
  const { t } = useTranslation();
  return <Tag style={DEMO_TAG_STYLE}>{label ?? t('app.demoBadge')}</Tag>;
}
