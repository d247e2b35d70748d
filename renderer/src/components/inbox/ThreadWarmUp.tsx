// Opening the first chat of a window paid for styling antd's components for the first time (antd injects each
// component's CSS on its first mount) and for running the thread's code for the first time. Once the inbox is idle,
// this mounts those components once, hidden and inert, and then goes away, so that the first chat opens as fast as
// the next ones.
import { Alert, Button, Input, Popover, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';

export function ThreadWarmUp() {
  const [stage, setStage] = useState<'waiting' | 'mounted' | 'done'>('waiting');
  useEffect(() => {
    if (stage === 'done') return;
    const idle = (callback: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(callback, { timeout: 2000 }) : setTimeout(callback, 200));
    const handle = idle(() => setStage(stage === 'waiting' ? 'mounted' : 'done'));
    return () => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle as number) : clearTimeout(handle as ReturnType<typeof setTimeout>));
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
