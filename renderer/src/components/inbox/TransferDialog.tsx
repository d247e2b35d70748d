// Transfer a chat (Ctrl+T): to a colleague who is online or paused, or back to a group's queue, always with a
// reason the receiver will read. When no colleague can take it, the group is offered at once. Esc always closes,
// even from inside the colleague picker.
import { Alert, Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import { StatusTag } from '../StatusTag.tsx';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_GROUPS, type AppErrorData, type ConversationSummary } from '../../../../shared/contract/index.ts';
import { useConsole } from '../../store/index.ts';

type Values = { target: 'agent' | 'group'; agentId?: string; group?: string; reason: string };

export function TransferDialog({
  conversation,
  open,
  onClose,
}: Readonly<{ conversation: ConversationSummary; open: boolean; onClose(): void }>) {
  const { t } = useTranslation();
  const agents = useConsole((s) => s.agents);
  const me = useConsole((s) => s.session?.userId);
  const loadAgents = useConsole((s) => s.loadAgents);
  const transfer = useConsole((s) => s.transfer);
  const [form] = Form.useForm<Values>();
  const target = Form.useWatch('target', form) ?? 'agent';
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  // Whether anyone can take the chat is known only once the colleagues' statuses are fresh (loaded for this open).
  const [loadedFor, setLoadedFor] = useState<number | null>(null);
  const [opening, setOpening] = useState(0);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setOpening((n) => n + 1);
  }
  useEffect(() => {
    if (!open) return;
    let current = true;
    void loadAgents().then(() => current && setLoadedFor(opening));
    return () => {
      current = false;
    };
  }, [open, loadAgents, opening]);
  const agentsReady = loadedFor === opening;
  const colleagues = agents.filter(
    (a) =>
      a.id !== me &&
      a.id !== conversation.assigneeId &&
      (a.shopIds === 'all' || a.shopIds.includes(conversation.shopId)),
  );
  const nobodyCanTake = agentsReady && colleagues.every((a) => a.status === 'offline');
  useEffect(() => {
    if (open && nobodyCanTake) form.setFieldValue('target', 'group');
  }, [open, nobodyCanTake, form]);
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [open, onClose]);
  const submit = async (values: Values) => {
    setBusy(true);
    const failure = await transfer(
      conversation,
      values.target === 'agent' ? { agentId: values.agentId! } : { group: values.group! },
      values.reason,
    );
    setBusy(false);
    if (failure) return setError(failure);
    form.resetFields();
    setError(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('transfer.title')}
      okText={t('transfer.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'transfer-submit' } as ButtonProps}
    >
      {nobodyCanTake && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('transfer.nobodyCanTake')}
          data-testid="transfer-nobody"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          target: nobodyCanTake ? 'group' : 'agent',
          group: conversation.group === 'presale' ? 'aftersale' : 'presale',
        }}
      >
        <Form.Item name="target" label={t('transfer.to')}>
          <Radio.Group
            options={[
              { value: 'agent', label: t('transfer.colleague') },
              { value: 'group', label: t('transfer.group') },
            ]}
          />
        </Form.Item>
        {target === 'agent' ? (
          <Form.Item
            name="agentId"
            label={t('transfer.colleague')}
            rules={[{ required: true, message: t('transfer.pickColleague') }]}
          >
            <Select
              aria-label={t('transfer.colleague')}
              data-testid="transfer-agent"
              placeholder={t('transfer.pickColleague')}
              options={colleagues.map((a) => ({
                value: a.id,
                disabled: a.status === 'offline',
                label: (
                  <span className="transfer-option">
                    <span>{a.displayName}</span>
                    <StatusTag status={a.status} />
                    <span className="muted">{t('transfer.load', { load: a.load, capacity: a.capacity })}</span>
                  </span>
                ),
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="group" label={t('transfer.group')} rules={[{ required: true }]}>
            <Select
              aria-label={t('transfer.group')}
              options={DEFAULT_GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('transfer.reason')}
          rules={[{ required: true, whitespace: true, max: 200, message: t('transfer.reasonRequired') }]}
        >
          <Input.TextArea
            maxLength={200}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('transfer.reasonPlaceholder')}
            data-testid="transfer-reason"
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={t(`errors.${error.code}`)} />}
    </Modal>
  );
}
