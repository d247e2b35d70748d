// 每日清单: today's lists of the shops in scope, one card each — its 岗位, due time, progress and state (overdue in
// red once its time passed unfinished) — ticked item by item (who and when shown beside each), with each list's
// history, and the photo colour check for the photo items (PhotoCheck.tsx).
import { EditOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Input,
  List,
  Modal,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  grants,
  grantsInShop,
  type ChecklistInstance,
  type ChecklistTask,
  type ChecklistTemplate,
} from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { formatClock } from '../../format.ts';
import { callCore } from '../../query/core-call.ts';
import { useConsole } from '../../store/index.ts';
import { useShopsInScope } from '../../hooks/use-shops-in-scope.ts';
import { PhotoThumb } from '../../components/PhotoThumb.tsx';
import { PhotoCheck } from './PhotoCheck.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

const keyOf = (list: ChecklistInstance) => `${list.template.shopId}/${list.template.id}/${list.period}`;

export function ChecklistsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const session = useConsole((s) => s.session);
  const shops = useConsole((s) => s.shops);
  const [shopId, setShopId] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const [history, setHistory] = useState<ChecklistInstance | null>(null);
  const [photo, setPhoto] = useState<{ list: ChecklistInstance; itemId: string } | null>(null);
  const [editing, setEditing] = useState<{ shopId: string; template: ChecklistTemplate | null } | null>(null);
  /** Lists are edited by whoever keeps the shop's settings. */
  const mayEdit = (id: string | null) =>
    id !== null && session !== null && grants(grantsInShop(session, id), 'settings.shops');
  // A tick shows at once; the list as the core has it replaces it once read back.
  const [pending, setPending] = useState<ReadonlyMap<string, boolean>>(new Map());
  const lists = useQuery({
    queryKey: ['checklists', 'current', shopId],
    queryFn: () => callCore('checklists.current', { shopId }),
    refetchInterval: 60_000,
  });
  const inScope = useShopsInScope();
  const shopName = (id: string) => shops.find((s) => s.id === id)?.name ?? id;
  const role = session?.roleLabel ?? '';
  // Mine: lists assigned to me, and those for my 岗位 that are assigned to nobody in particular.
  const shown = (lists.data ?? []).filter(
    (l) =>
      !mine ||
      l.template.assigneeId === session?.userId ||
      (l.template.assigneeId === null && role.includes(l.template.role)),
  );

  const tick = async (list: ChecklistInstance, itemId: string, done: boolean, note = '', photos: string[] = []) => {
    const key = `${keyOf(list)}/${itemId}`;
    setPending((p) => new Map(p).set(key, done));
    const result = await api().invoke('checklists.tick', {
      shopId: list.template.shopId,
      templateId: list.template.id,
      period: list.period,
      itemId,
      done,
      note,
      photos,
    });
    if (!result.ok) message.error(t('checklists.failed', { reason: t(`errors.${result.error.code}`) }));
    await queryClient.invalidateQueries({ queryKey: ['checklists'] });
    setPending((p) => {
      const next = new Map(p);
      next.delete(key);
      return next;
    });
  };

  return (
    <div className="page checklists-page">
      <Space className="roster-head" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('checklists.title')}
        </Typography.Title>
      </Space>
      <Typography.Paragraph type="secondary">{t('checklists.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('checklists.shop')}
          placeholder={t('checklists.anyShop')}
          value={shopId ?? undefined}
          onChange={(value?: string) => setShopId(value ?? null)}
          style={{ minWidth: 220 }}
          options={inScope.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Space>
          <Switch checked={mine} onChange={setMine} aria-label={t('checklists.mine', { role })} />
          <span>{t('checklists.mine', { role })}</span>
        </Space>
        {inScope.some((s) => mayEdit(s.id)) && (
          <Tooltip title={shopId === null ? t('checklists.editor.pickShop') : undefined}>
            <Button
              icon={<PlusOutlined aria-hidden />}
              disabled={!mayEdit(shopId)}
              onClick={() => shopId !== null && setEditing({ shopId, template: null })}
            >
              {t('checklists.editor.add')}
            </Button>
          </Tooltip>
        )}
      </Space>
      <OpenTasks shopId={shopId} shopName={shopName} />
      {lists.error && (
        <Alert type="error" showIcon title={t(`errors.${(lists.error as { code?: string }).code ?? 'internal'}`)} />
      )}
      {lists.isLoading ? (
        <Spin />
      ) : shown.length === 0 ? (
        <Empty description={t('checklists.empty')} />
      ) : (
        <div className="checklist-grid">
          {shown.map((list) => {
            const ticks = new Map(list.ticks.map((tk) => [tk.itemId, tk]));
            const state = list.done ? 'done' : list.overdue ? 'overdue' : 'open';
            return (
              <Card
                key={keyOf(list)}
                size="small"
                className={`checklist-card checklist-${state}`}
                data-testid="checklist"
                title={
                  <Space wrap>
                    <span>{list.template.title}</span>
                    <Tag>{list.template.role}</Tag>
                    {list.template.assigneeId !== null && (
                      <Tag color={list.template.assigneeId === session?.userId ? 'gold' : 'default'}>
                        {list.template.assigneeId === session?.userId
                          ? t('checklists.assignedToMe')
                          : t('checklists.assigned', { name: list.assigneeName ?? '—' })}
                      </Tag>
                    )}
                    {shopId === null && <Tag color="blue">{shopName(list.template.shopId)}</Tag>}
                  </Space>
                }
                extra={
                  <Space size={0}>
                    {mayEdit(list.template.shopId) && (
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined aria-hidden />}
                        onClick={() => setEditing({ shopId: list.template.shopId, template: list.template })}
                        aria-label={t('checklists.editor.editLabel', { title: list.template.title })}
                      />
                    )}
                    <Button
                      size="small"
                      type="text"
                      icon={<HistoryOutlined aria-hidden />}
                      onClick={() => setHistory(list)}
                      aria-label={`${t('checklists.history')} ${list.template.title}`}
                    />
                  </Space>
                }
              >
                <Space orientation="vertical" style={{ width: '100%' }} size={4}>
                  <Space wrap>
                    <Tag color={state === 'done' ? 'green' : state === 'overdue' ? 'red' : 'default'}>
                      {t(`checklists.${state}`)}{' '}
                      {t('checklists.progress', { done: list.ticks.length, total: list.template.items.length })}
                    </Tag>
                    <Typography.Text type={state === 'overdue' ? 'danger' : 'secondary'}>
                      {list.template.recurrence.kind === 'daily'
                        ? t('checklists.daily')
                        : t('checklists.weekly', {
                            day: t(`checklists.weekdays.${list.template.recurrence.weekday}`),
                          })}{' '}
                      · {t('checklists.due', { at: formatClock(list.dueAt, i18n.language) })}
                    </Typography.Text>
                  </Space>
                  {list.template.items.map((item) => {
                    const ticked = ticks.get(item.id);
                    return (
                      <div key={item.id} className="checklist-item">
                        <Checkbox
                          checked={pending.get(`${keyOf(list)}/${item.id}`) ?? ticked !== undefined}
                          onChange={(e) => void tick(list, item.id, e.target.checked)}
                        >
                          {item.text}
                        </Checkbox>
                        {item.kind === 'photo' && (
                          <Button size="small" onClick={() => setPhoto({ list, itemId: item.id })}>
                            {t('checklists.photo.open')}
                          </Button>
                        )}
                        {ticked && (
                          <Typography.Text type="secondary" className="checklist-by">
                            {t('checklists.by', { name: ticked.byName, at: formatClock(ticked.at, i18n.language) })}
                            {ticked.note ? ` · ${ticked.note}` : ''}
                          </Typography.Text>
                        )}
                        {ticked && ticked.photos.length > 0 && (
                          <TickPhotos shopId={list.template.shopId} photos={ticked.photos} />
                        )}
                      </div>
                    );
                  })}
                </Space>
              </Card>
            );
          })}
        </div>
      )}
      {history && <HistoryDrawer list={history} onClose={() => setHistory(null)} />}
      {editing && (
        <TemplateEditor
          key={editing.template?.id ?? 'new'}
          shopId={editing.shopId}
          template={editing.template}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: ['checklists'] });
          }}
        />
      )}
      {photo && (
        <PhotoCheck
          shopId={photo.list.template.shopId}
          onClose={() => setPhoto(null)}
          onRecord={async (note, photos) => {
            await tick(photo.list, photo.itemId, true, note, photos);
            setPhoto(null);
          }}
        />
      )}
    </div>
  );
}

function OpenTasks({ shopId, shopName }: Readonly<{ shopId: string | null; shopName(id: string): string }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [completing, setCompleting] = useState<ChecklistTask | null>(null);
  const [result, setResult] = useState('');
  const tasks = useQuery({
    queryKey: ['checklists', 'tasks', shopId, 'open'],
    queryFn: () => callCore('checklists.tasks', { shopId, status: 'open' }),
  });
  if (!tasks.data || tasks.data.length === 0) return null;
  const complete = async () => {
    if (!completing) return;
    const done = await api().invoke('checklists.completeTask', {
      shopId: completing.shopId,
      taskId: completing.id,
      result,
    });
    if (!done.ok) message.error(t('checklists.failed', { reason: t(`errors.${done.error.code}`) }));
    setCompleting(null);
    await queryClient.invalidateQueries({ queryKey: ['checklists'] });
  };
  return (
    <Card size="small" title={t('tasks.open')} style={{ marginBottom: 12 }} data-testid="open-tasks">
      <List<ChecklistTask>
        dataSource={tasks.data}
        renderItem={(task) => (
          <List.Item
            actions={[
              <Button
                key="done"
                size="small"
                type="primary"
                onClick={() => {
                  setResult('');
                  setCompleting(task);
                }}
                aria-label={`${t('tasks.complete')} ${task.text}`}
              >
                {t('tasks.complete')}
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={0}>
              <Space wrap size={4}>
                <Tag color="blue">{t(`tasks.kinds.${task.kind}`)}</Tag>
                <Tag>{shopName(task.shopId)}</Tag>
                {task.orderId && <code>{task.orderId}</code>}
              </Space>
              <span>{task.text}</span>
              <Typography.Text type="secondary">{t('tasks.fromChat', { creator: task.createdBy })}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {completing && (
        <Modal
          open
          title={completing.text}
          okText={t('tasks.complete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ disabled: result.trim() === '' }}
          onOk={() => void complete()}
          onCancel={() => setCompleting(null)}
        >
          <Input.TextArea
            aria-label={t('tasks.result')}
            placeholder={t('tasks.result')}
            value={result}
            maxLength={300}
            autoSize={{ minRows: 2 }}
            onChange={(e) => setResult(e.target.value)}
          />
        </Modal>
      )}
    </Card>
  );
}

/** The pictures a tick was made from (a photo check's listing photo and photo of the goods), listing first. */
function TickPhotos({ shopId, photos }: Readonly<{ shopId: string; photos: readonly string[] }>) {
  const { t } = useTranslation();
  const sides = ['listing', 'goods'] as const;
  return (
    <Space size={4} className="tick-photos" aria-label={t('checklists.photo.kept')} role="group">
      {photos.map((id, i) => (
        <PhotoThumb
          key={id}
          photoId={id}
          size={40}
          source={{ kind: 'checklist', shopId }}
          alt={t(`checklists.photo.${sides[i] ?? 'goods'}`)}
        />
      ))}
    </Space>
  );
}

function HistoryDrawer({ list, onClose }: Readonly<{ list: ChecklistInstance; onClose(): void }>) {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: ['checklists', 'history', list.template.shopId, list.template.id],
    queryFn: () =>
      callCore('checklists.history', { shopId: list.template.shopId, templateId: list.template.id, limit: 14 }),
  });
  const text = new Map(list.template.items.map((item) => [item.id, item.text]));
  return (
    <Drawer open width={460} title={t('checklists.historyTitle', { title: list.template.title })} onClose={onClose}>
      <List<ChecklistInstance>
        loading={history.isLoading}
        dataSource={history.data ?? []}
        renderItem={(past) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space>
                <strong>{past.period}</strong>
                <Tag color={past.done ? 'green' : past.overdue ? 'red' : 'default'}>
                  {t(`checklists.${past.done ? 'done' : past.overdue ? 'overdue' : 'open'}`)}{' '}
                  {t('checklists.progress', { done: past.ticks.length, total: past.template.items.length })}
                </Tag>
              </Space>
              {past.ticks.length === 0 ? (
                <Typography.Text type="secondary">{t('checklists.noTicks')}</Typography.Text>
              ) : (
                past.ticks.map((tick) => (
                  <div key={tick.itemId}>
                    <Typography.Text type="secondary">
                      ✓ {text.get(tick.itemId)} —{' '}
                      {t('checklists.by', { name: tick.byName, at: formatClock(tick.at, i18n.language) })}
                      {tick.note ? ` · ${tick.note}` : ''}
                    </Typography.Text>
                    {tick.photos.length > 0 && <TickPhotos shopId={list.template.shopId} photos={tick.photos} />}
                  </div>
                ))
              )}
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
