// A shop's roles over the permission tree (checking a parent grants its subtree), with the risky combinations a
// role would hand out flagged while it is edited. The core refuses a role with more than the editor holds.
import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag, Tree } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/contract/index.ts';
import { riskyCombinations } from '../../../../shared/domain/roster/risky-grants.ts';
import { ViewAsModal } from './ViewAsModal.tsx';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { checkedKeys, grantsOf, PERMISSION_TREE } from './permission-tree.ts';
import { rosterCommand, useShopRoster } from './queries.ts';

function RoleEditor({
  shopId,
  role,
  onClose,
}: Readonly<{ shopId: string; role: Role | 'new' | null; onClose(): void }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Untouched (null): the role's own name and permissions (set while rendering, never after the dialog opened).
  const [typedName, setName] = useState<string | null>(null);
  const [picked, setChecked] = useState<string[] | null>(null);
  const existing = role === 'new' || role === null ? null : role;
  const name = typedName ?? existing?.name ?? '';
  const checked = picked ?? (existing ? checkedKeys(existing.permissions) : []);
  const close = () => {
    setName(null);
    setChecked(null);
    onClose();
  };
  const permissions = grantsOf(checked);
  const risky = riskyCombinations(permissions);
  const save = async () => {
    const result = await rosterCommand('roster.saveRole', {
      shopId,
      roleId: role === 'new' || role === null ? null : role.id,
      name: name.trim(),
      permissions,
    });
    if (!result.ok) return void message.error(t(`errors.${result.error.code}`));
    void message.success(t('roster.saved'));
    close();
  };
  return (
    <Modal
      open={role !== null}
      title={role === 'new' ? t('roster.newRole') : displayText(role?.name ?? '')}
      onCancel={close}
      onOk={() => void save()}
      okButtonProps={{ disabled: name.trim() === '' }}
      okText={t('roster.save')}
      cancelText={t('roster.cancel')}
    >
      <Form layout="vertical">
        <Form.Item label={t('roster.roleName')} required>
          <Input value={name} maxLength={20} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('roster.permissions')}>
          <Tree
            className="roster-permission-tree"
            checkable
            defaultExpandAll
            selectable={false}
            checkedKeys={checked}
            onCheck={(keys) => setChecked((Array.isArray(keys) ? keys : keys.checked).map(String))}
            treeData={PERMISSION_TREE.map((node) => ({
              key: node.key,
              title: t(`roster.permission.${node.key}`),
              children: node.children.map((child) => ({ key: child.key, title: t(`roster.permission.${child.key}`) })),
            }))}
          />
        </Form.Item>
        {risky.map((combo) => (
          <Alert
            key={combo.key}
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            title={t(`roster.risky.${combo.key}`)}
          />
        ))}
      </Form>
    </Modal>
  );
}

export function RolesTab({ shopId, canEdit }: Readonly<{ shopId: string; canEdit: boolean }>) {
  const { t } = useTranslation();
  const roster = useShopRoster(shopId);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [previewing, setPreviewing] = useState<Role | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" disabled={!canEdit} onClick={() => setEditing('new')}>
        {t('roster.newRole')}
      </Button>
      <Table<Role>
        className="roster-roles"
        size="small"
        rowKey="id"
        loading={roster.isLoading}
        dataSource={roster.data?.roles ?? []}
        pagination={false}
        columns={[
          { title: t('roster.roleName'), render: (_, r) => displayText(r.name), width: 140 },
          {
            title: t('roster.template'),
            width: 100,
            render: (_, r) =>
              r.template ? <Tag>{t('roster.template')}</Tag> : <Tag color="purple">{t('roster.custom')}</Tag>,
          },
          {
            title: t('roster.permissions'),
            render: (_, r) => (
              <Space size={[0, 4]} wrap>
                {r.permissions.map((p) => (
                  <Tag key={p}>{p === '*' ? t('roster.fromOwner') : t(`roster.permission.${p}`)}</Tag>
                ))}
                {riskyCombinations(r.permissions).length > 0 && (
                  <Tag
                    color="orange"
                    title={riskyCombinations(r.permissions)
                      .map((c) => t(`roster.risky.${c.key}`))
                      .join('\n')}
                  >
                    {t('roster.riskyTitle')} ×{riskyCombinations(r.permissions).length}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('roster.columns.actions'),
            width: 90,
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setPreviewing(r)}>
                  {t('roster.viewAs.roleAction')}
                </Button>
                <Button type="link" size="small" disabled={!canEdit} onClick={() => setEditing(r)}>
                  {t('roster.edit')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <RoleEditor shopId={shopId} role={editing} onClose={() => setEditing(null)} />
      <ViewAsModal subject={previewing ? { role: previewing } : null} onClose={() => setPreviewing(null)} />
    </Space>
  );
}
