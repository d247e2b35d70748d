// Opening the first chat of a window paid for styling the antd components the thread uses (antd injects each
// component's CSS on its first mount). Once the inbox is idle, this mounts them once, hidden and inert, and goes
// away: the `thread` bench's first open in a fresh window went from 72 to 61 ms here. It also builds the Intl
// formatters the thread uses. The rest of that first open (the thread's own first run) is not warmed.
import { Alert, Button, Input, Popover, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock, formatYuan } from '../../format.ts';

export function ThreadWarmUp() {
  const { i18n } = useTranslation();
  const [stage, setStage] = useState<'waiting' | 'mounted' | 'done'>('waiting');
  // The thread's time and price formatters: the first Intl formatter of a language loads its locale data (about
  // 25 ms of a first open here), so it is built while the inbox is idle.
  useEffect(() => {
    if (stage !== 'mounted') return;
    formatClock(Date.now(), i18n.language);
    formatYuan(0, i18n.language);
  }, [stage, i18n.language]);
  useEffect(() => {
    if (stage === 'done') return;
    const idle = (callback: () => void) =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(callback, { timeout: 2000 })
        : setTimeout(callback, 200);
    const handle = idle(() => setStage(stage === 'waiting' ? 'mounted' : 'done'));
    return () =>
      typeof cancelIdleCallback === 'function'
        ? cancelIdleCallback(handle as number)
        : clearTimeout(handle as ReturnType<typeof setTimeout>);
  }, [stage]);
  if (stage !== 'mounted') return null;
  return (
    <div hidden aria-hidden inert className="warm-up">
      <Space>
        <Alert type="info" showIcon title="" banner />
        <Button size="small">.</Button>
        <Tag>.</Tag>
        <Tooltip title=".">
          <span>.</span>
        </Tooltip>
        <Popover content=".">
          <span>.</span>
        </Popover>
        <Select size="small" options={[]} />
        <Select mode="tags" size="small" options={[]} />
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        <Input size="small" />
        <Spin size="small" />
        <Typography.Text type="secondary">.</Typography.Text>
      </Space>
    </div>
  );
}
