// Tasks from a chat, in the side panel: "when will it ship?" becomes a shipping (or stock) task for the people who
// can answer it, linked to the buyer's order; once they mark it done, its drafted reply is offered here and goes into
// the reply box with one click (the agent reviews and sends it).
import { App, Button, Input, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, Order } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { callCore } from '../../query/core-call.ts';
import { fillDraft } from '../Composer.tsx';

export function ChatTasks({
  conversation,
  orders,
  canEdit,
}: Readonly<{ conversation: ConversationSummary; orders: readonly Order[] | undefined; canEdit: boolean }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState<'shipping' | 'stock'>('shipping');
  const [orderId, setOrderId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const tasks = useQuery({
    queryKey: ['checklists', 'tasks', conversation.shopId, conversation.id],
    queryFn: () =>
      callCore('checklists.tasks', { shopId: conversation.shopId, conversationId: conversation.id, status: 'all' }),
  });

  const open = () => {
    setOrderId(orders?.[0]?.id ?? null);
    setText(t('tasks.defaultText'));
    setCreating(true);
  };
  const create = async () => {
    const result = await api().invoke('checklists.createTask', {
      shopId: conversation.shopId,
      conversationId: conversation.id,
      orderId,
      kind,
      text,
    });
    if (!result.ok) {
      message.error(t('tasks.failed', { reason: t(`errors.${result.error.code}`) }));
      return;
    }
    message.success(t('tasks.created'));
    setCreating(false);
    await queryClient.invalidateQueries({ queryKey: ['checklists'] });
  };

  return (
    <section className="side-section" aria-labelledby="chat-tasks-title">
      <h3 id="chat-tasks-title">{t('tasks.title')}</h3>
      {(tasks.data ?? []).map((task) => (
        <div key={task.id} className="order-card" data-testid="chat-task">
          <Space wrap size={4}>
            <Tag color={task.status === 'done' ? 'green' : 'blue'}>
              {t(`tasks.kinds.${task.kind}`)} · {t(`tasks.status.${task.status}`)}
            </Tag>
            {task.orderId && <code>{task.orderId}</code>}
          </Space>
          <div>{task.text}</div>
          {task.status === 'done' && (
            <>
              <Typography.Text type="secondary">
                {t('tasks.doneBy', { name: task.doneBy, result: task.result })}
              </Typography.Text>
              <Button size="small" type="primary" onClick={() => fillDraft(conversation.id, task.reply)}>
                {t('tasks.useReply')}
              </Button>
            </>
          )}
        </div>
      ))}
      {canEdit && (
        <Button size="small" onClick={open} data-testid="create-task">
          {t('tasks.create')}
        </Button>
      )}
      {creating && (
        <Modal
          open
          title={t('tasks.create')}
          okText={t('tasks.createOk')}
          cancelText={t('common.cancel')}
          onOk={() => void create()}
          onCancel={() => setCreating(false)}
          okButtonProps={{ disabled: text.trim() === '' }}
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Segmented<'shipping' | 'stock'>
              value={kind}
              onChange={setKind}
              options={[
                { value: 'shipping', label: t('tasks.kinds.shipping') },
                { value: 'stock', label: t('tasks.kinds.stock') },
              ]}
            />
            <Select
              allowClear
              aria-label={t('tasks.order')}
              placeholder={t('tasks.noOrder')}
              value={orderId ?? undefined}
              onChange={(value?: string) => setOrderId(value ?? null)}
              options={(orders ?? []).map((o) => ({ value: o.id, label: `${o.id} · ${o.title}` }))}
            />
            <Input.TextArea
              aria-label={t('tasks.text')}
              value={text}
              maxLength={300}
              autoSize={{ minRows: 2 }}
              onChange={(e) => setText(e.target.value)}
            />
          </Space>
        </Modal>
      )}
    </section>
  );
}
