// The organisation's people: the department tree on the left, a searchable, filterable virtualized table (5,000
// people stay fast), and the edit drawer. A supervisor sees whom they may edit; the core enforces it.
import { Button, Input, Select, Space, Table, Tag, Tree, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, RosterPerson } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { useConsole } from '../../store/index.ts';
import { PersonDrawer } from './PersonDrawer.tsx';
import { usePeople } from './queries.ts';
import { filterPeople, type PeopleFilter } from './people-filter.ts';

const ALL = '__all__';
const NONE = '__none__';

function departmentTree(departments: readonly Department[], parentId: string | null): object[] {
  return departments
    .filter((d) => d.parentId === parentId)
    .map((d) => ({ key: d.id, title: displayText(d.name), children: departmentTree(departments, d.id) }));
}

export function PeopleTab({ shopId }: Readonly<{ shopId: string | null }>) {
  const { t } = useTranslation();
  const people = usePeople();
  const shops = useConsole((s) => s.shops);
  const canEdit = useConsole((s) =>
    (s.session?.grants ?? []).some((g) => g === '*' || g === 'roster' || g === 'roster.edit'),
  );
  const [text, setText] = useState('');
  const [department, setDepartment] = useState<string>(ALL);
  const [status, setStatus] = useState<'active' | 'left' | 'any'>('active');
  const [shopFilter, setShopFilter] = useState<string>(ALL);
  const [editing, setEditing] = useState<RosterPerson | 'new' | null>(null);
  const query = useDeferredValue(text);
  const list = useMemo(() => people.data?.people ?? [], [people.data]);
  const departments = useMemo(() => people.data?.departments ?? [], [people.data]);
  const names = useMemo(() => new Map(list.map((p) => [p.id, p.displayName])), [list]);
  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const filter: PeopleFilter = {
    text: query,
    departmentId: department === ALL ? undefined : department === NONE ? null : department,
    status: status === 'any' ? undefined : status,
    shopId: shopFilter === ALL ? undefined : shopFilter,
  };
  const shown = useMemo(() => filterPeople(list, filter), [list, query, department, status, shopFilter]); // eslint-disable-line react-hooks/exhaustive-deps
  const shopName = (id: string) => shops.find((s) => s.id === id)?.shortName ?? id;

  return (
    <div className="roster-people">
      <aside className="roster-org" aria-label={t('roster.orgTree')}>
        <Typography.Text strong>{t('roster.orgTree')}</Typography.Text>
        <Tree
          blockNode
          selectedKeys={[department]}
          onSelect={(keys) => setDepartment(String(keys[0] ?? ALL))}
          treeData={[
            { key: ALL, title: t('roster.allDepartments') },
            ...departmentTree(departments, null),
            { key: NONE, title: t('roster.noDepartment') },
          ]}
        />
      </aside>
      <section className="roster-people-main">
        <Space wrap style={{ marginBottom: 8 }}>
          <Input.Search
            className="roster-search"
            aria-label={t('roster.searchPeople')}
            placeholder={t('roster.searchPeople')}
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 300 }}
          />
          <Select
            aria-label={t('roster.columns.status')}
            value={status}
            onChange={setStatus}
            style={{ width: 120 }}
            options={[
              { value: 'active', label: t('roster.status.active') },
              { value: 'left', label: t('roster.status.left') },
              { value: 'any', label: t('roster.anyStatus') },
            ]}
          />
          <Select
            aria-label={t('roster.filterShop')}
            value={shopFilter}
            onChange={setShopFilter}
            style={{ width: 200 }}
            options={[
              { value: ALL, label: t('roster.anyShop') },
              ...shops.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <Typography.Text type="secondary" className="roster-count">
            {t('roster.peopleCount', { count: shown.length })}
          </Typography.Text>
          <Button type="primary" disabled={!canEdit} onClick={() => setEditing('new')}>
            {t('roster.addPerson')}
          </Button>
        </Space>
        <Table<RosterPerson>
          className="roster-people-table"
          size="small"
          rowKey="id"
          loading={people.isLoading}
          dataSource={shown}
          pagination={false}
          virtual
          scroll={{ y: 520 }}
          onRow={(person) => ({
            onClick: () => setEditing(person),
            onKeyDown: (event) => {
              if (event.key === 'Enter') setEditing(person);
            },
            tabIndex: 0,
            'aria-label': person.displayName,
          })}
          rowClassName={(p) => (shopId !== null && p.subAccounts.some((a) => a.shopId === shopId) ? 'in-shop' : '')}
          columns={[
            {
              title: t('roster.columns.name'),
              width: 160,
              render: (_, p) => (
                <Space size={4}>
                  <span>{displayText(p.displayName)}</span>
                  {p.nickname && <Typography.Text type="secondary">（{displayText(p.nickname)}）</Typography.Text>}
                  {p.conflicts.length > 0 && <Tag color="red">{t('roster.conflict')}</Tag>}
                </Space>
              ),
            },
            { title: t('roster.columns.employeeNo'), width: 100, render: (_, p) => displayText(p.employeeNo) || '—' },
            {
              title: t('roster.columns.department'),
              width: 110,
              render: (_, p) => (p.departmentId ? displayText(departmentNames.get(p.departmentId) ?? '—') : '—'),
            },
            { title: t('roster.columns.title'), width: 110, render: (_, p) => displayText(p.title) || '—' },
            {
              title: t('roster.columns.supervisor'),
              width: 110,
              render: (_, p) => (p.supervisorId ? displayText(names.get(p.supervisorId) ?? '—') : '—'),
            },
            {
              title: t('roster.columns.subAccounts'),
              render: (_, p) =>
                p.subAccounts.map((a) => (
                  <Tag key={a.subAccountId} color={a.status === 'active' ? 'blue' : 'default'} title={a.fullName}>
                    {shopName(a.shopId)}
                    {a.status !== 'active' ? ` · ${t(`roster.subStatus.${a.status}`)}` : ''}
                  </Tag>
                )),
            },
            {
              title: t('roster.columns.status'),
              width: 90,
              render: (_, p) => (
                <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`roster.status.${p.status}`)}</Tag>
              ),
            },
          ]}
        />
      </section>
      <PersonDrawer person={editing} departments={departments} people={list} onClose={() => setEditing(null)} />
    </div>
  );
}
