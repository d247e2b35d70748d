// The organisation's people: the department tree on the left, a searchable, filterable virtualized table (5,000
// people stay fast: the table and the tree are memoized, so a keystroke re-renders only the rows that show), and the
// edit drawer. A supervisor sees whom they may edit; the core enforces it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button, Empty, Input, Select, Space, Spin, Tag, Tree, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, RosterPerson, Shop } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { useConsole } from '../../store/index.ts';
import { PeopleFiles } from './PeopleFiles.tsx';
import { PersonDrawer } from './PersonDrawer.tsx';
import { usePeople } from './queries.ts';
import { filterPeople } from './people-filter.ts';

const ALL = '__all__';
const NONE = '__none__';

function departmentTree(departments: readonly Department[], parentId: string | null): object[] {
  return departments
    .filter((d) => d.parentId === parentId)
    .map((d) => ({ key: d.id, title: displayText(d.name), children: departmentTree(departments, d.id) }));
}

const OrgTree = memo(function OrgTree(
  props: Readonly<{ departments: readonly Department[]; selected: string; onSelect(key: string): void }>,
) {
  const { t } = useTranslation();
  const treeData = useMemo(
    () => [
      { key: ALL, title: t('roster.allDepartments') },
      ...departmentTree(props.departments, null),
      { key: NONE, title: t('roster.noDepartment') },
    ],
    [props.departments, t],
  );
  return (
    <aside className="roster-org" aria-label={t('roster.orgTree')}>
      <Typography.Text strong>{t('roster.orgTree')}</Typography.Text>
      <Tree
        blockNode
        selectedKeys={[props.selected]}
        onSelect={(keys) => props.onSelect(String(keys[0] ?? ALL))}
        treeData={treeData}
      />
    </aside>
  );
});

const ROW_HEIGHT = 40;

/**
 * The people as a virtualized grid with rows of one height (nothing measured while scrolling or filtering): a
 * keystroke that changes the list re-renders the ~20 rows in view.
 */
const PeopleTable = memo(function PeopleTable(
  props: Readonly<{
    people: readonly RosterPerson[];
    all: readonly RosterPerson[];
    departments: readonly Department[];
    shops: readonly Shop[];
    shopId: string | null;
    loading: boolean;
    onOpen(person: RosterPerson): void;
  }>,
) {
  const { t } = useTranslation();
  const { people, all, departments, shops, shopId, onOpen } = props;
  const listRef = useRef<HTMLDivElement>(null);
  const names = useMemo(() => new Map(all.map((p) => [p.id, p.displayName])), [all]);
  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const shortNames = useMemo(() => new Map(shops.map((s) => [s.id, s.shortName])), [shops]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual re-renders on scroll by design.
  const virtualizer = useVirtualizer({
    count: people.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  useEffect(() => {
    virtualizer.scrollToIndex(0);
  }, [people, virtualizer]);
  const headers = [
    t('roster.columns.name'),
    t('roster.columns.employeeNo'),
    t('roster.columns.department'),
    t('roster.columns.title'),
    t('roster.columns.supervisor'),
    t('roster.columns.subAccounts'),
    t('roster.columns.status'),
  ];
  return (
    <div
      className="roster-people-table"
      role="table"
      aria-label={t('roster.tabs.people')}
      aria-rowcount={people.length}
    >
      <div className="roster-row roster-head-row" role="row">
        {headers.map((h) => (
          <span key={h} role="columnheader" className="roster-cell">
            {h}
          </span>
        ))}
      </div>
      <div ref={listRef} className="roster-body">
        {props.loading ? (
          <Spin style={{ margin: 24 }} />
        ) : people.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ marginTop: 32 }} />
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const p = people[item.index]!;
              const inShop = shopId !== null && p.subAccounts.some((a) => a.shopId === shopId);
              return (
                <div
                  key={p.id}
                  className={`roster-row roster-person-row${inShop ? ' in-shop' : ''}`}
                  role="row"
                  tabIndex={0}
                  aria-rowindex={item.index + 1}
                  aria-label={p.displayName}
                  onClick={() => onOpen(p)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') onOpen(p);
                  }}
                  style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  <span role="cell" className="roster-cell">
                    {displayText(p.displayName)}
                    {p.nickname && <Typography.Text type="secondary">（{displayText(p.nickname)}）</Typography.Text>}
                    {p.conflicts.length > 0 && <Tag color="red">{t('roster.conflict')}</Tag>}
                  </span>
                  <span role="cell" className="roster-cell">
                    {displayText(p.employeeNo) || '—'}
                  </span>
                  <span role="cell" className="roster-cell">
                    {p.departmentId ? displayText(departmentNames.get(p.departmentId) ?? '—') : '—'}
                  </span>
                  <span role="cell" className="roster-cell">
                    {displayText(p.title) || '—'}
                  </span>
                  <span role="cell" className="roster-cell">
                    {p.supervisorId ? displayText(names.get(p.supervisorId) ?? '—') : '—'}
                  </span>
                  <span role="cell" className="roster-cell">
                    {p.subAccounts.map((a) => (
                      <Tag key={a.subAccountId} color={a.status === 'active' ? 'blue' : 'default'} title={a.fullName}>
                        {shortNames.get(a.shopId) ?? a.shopId}
                        {a.status !== 'active' ? ` · ${t(`roster.subStatus.${a.status}`)}` : ''}
                      </Tag>
                    ))}
                  </span>
                  <span role="cell" className="roster-cell">
                    <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`roster.status.${p.status}`)}</Tag>
                  </span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
});

export function PeopleTab({ shopId }: Readonly<{ shopId: string | null }>) {
  const { t } = useTranslation();
  const people = usePeople();
  const shops = useConsole((s) => s.shops);
  const canEdit = useConsole((s) =>
    (s.session?.grants ?? []).some((g) => g === '*' || g === 'roster' || g === 'roster.edit'),
  );
  const isOwner = useConsole((s) => s.session?.kind === 'owner');
  const [text, setText] = useState('');
  const [department, setDepartment] = useState<string>(ALL);
  const [status, setStatus] = useState<'active' | 'left' | 'any'>('active');
  const [shopFilter, setShopFilter] = useState<string>(ALL);
  const [editing, setEditing] = useState<RosterPerson | 'new' | null>(null);
  const list = useMemo(() => people.data?.people ?? [], [people.data]);
  const departments = useMemo(() => people.data?.departments ?? [], [people.data]);
  const shown = useMemo(
    () =>
      filterPeople(list, {
        text,
        departmentId: department === ALL ? undefined : department === NONE ? null : department,
        status: status === 'any' ? undefined : status,
        shopId: shopFilter === ALL ? undefined : shopFilter,
      }),
    [list, text, department, status, shopFilter],
  );
  const open = useCallback((person: RosterPerson) => setEditing(person), []);
  const close = useCallback(() => setEditing(null), []);

  return (
    <div className="roster-people">
      <OrgTree departments={departments} selected={department} onSelect={setDepartment} />
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
          <PeopleFiles canImport={isOwner} />
        </Space>
        <PeopleTable
          people={shown}
          all={list}
          departments={departments}
          shops={shops}
          shopId={shopId}
          loading={people.isLoading}
          onOpen={open}
        />
      </section>
      <PersonDrawer person={editing} departments={departments} people={list} onClose={close} />
    </div>
  );
}
