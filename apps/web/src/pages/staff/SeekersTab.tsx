import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { dateText } from '../../ui/format';
import { QueryState } from '../../ui/states';
import type { PersonGroup } from './dict';
import {
  clean,
  Filters,
  FilterSearch,
  filterStyle,
  TownshipSelect,
  useDebounced,
  usePageInRange,
  usePaging,
  useReader,
  useTerm,
  useTermSelect,
} from './parts';
import { SeekerDrawer } from './SeekerDrawer';
import { SeekerRegister } from './SeekerRegister';

type Seeker = components['schemas']['SeekerProfileView'];

/**
 * 求职者: the seekers in the reader's scope (GET /api/v1/seekers), found by name, login or ID number;
 * registration on their behalf.
 */
export default function SeekersTab() {
  const { ownTownship, isStaff } = useReader();
  const term = useTerm();
  const groupOptions = useTermSelect<PersonGroup>('personGroups');
  const paging = usePaging(20);
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const [group, setGroup] = useState<PersonGroup>();
  const [township, setTownship] = useState<string>();
  const [open, setOpen] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);

  const query = useQuery({
    queryKey: ['staff', 'seekers', search, group, township, paging.offset],
    queryFn: () =>
      ok(
        api.GET('/api/v1/seekers', {
          params: {
            query: clean({
              q: search,
              group,
              townshipCode: township,
              limit: paging.limit,
              offset: paging.offset,
            }),
          },
        }),
      ),
  });
  usePageInRange(paging, query.data);

  return (
    <>
      <Filters>
        <FilterSearch
          label="按姓名、账号或身份证号查找求职者"
          placeholder="姓名、账号或身份证号"
          value={q}
          width={240}
          onChange={(words) => {
            setQ(words);
            paging.reset();
          }}
        />
        <Select
          aria-label="按人员类别筛选"
          placeholder="全部人员类别"
          allowClear
          value={group}
          onChange={(v) => {
            setGroup(v);
            paging.reset();
          }}
          options={groupOptions}
          style={filterStyle(200)}
        />
        {!ownTownship && (
          <TownshipSelect
            aria-label="按乡镇筛选"
            value={township}
            onChange={(v) => {
              setTownship(v);
              paging.reset();
            }}
            style={filterStyle(160)}
          />
        )}
        {isStaff && (
          <Button type="primary" onClick={() => setRegistering(true)} style={{ marginLeft: 'auto' }}>
            代为求职登记
          </Button>
        )}
      </Filters>
      <QueryState query={query} isEmpty={(d) => d.total === 0} empty="没有符合条件的求职者">
        {(d) => (
          <Table<Seeker>
            rowKey="id"
            dataSource={d.items}
            pagination={paging.pagination(d.total)}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '姓名', key: 'name', render: (_, s) => s.person.displayName },
              { title: '手机号码', key: 'mobile', render: (_, s) => s.person.mobile ?? '—' },
              { title: '乡镇', key: 'township', render: (_, s) => term('townships', s.townshipCode) },
              { title: '求职意向', key: 'want', render: (_, s) => s.desiredOccupations.join('、') || '—' },
              { title: '文化程度', key: 'education', render: (_, s) => term('educationLevels', s.education) },
              {
                title: '人员类别',
                key: 'groups',
                render: (_, s) =>
                  s.groups.length ? (
                    <Space wrap size={4}>
                      {s.groups.map((g) => (
                        <Tag key={g}>{term('personGroups', g)}</Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              { title: '到岗时间', key: 'avail', render: (_, s) => term('availabilities', s.availability) },
              { title: '登记日期', key: 'created', render: (_, s) => dateText(s.createdAt) },
              {
                title: '操作',
                key: 'actions',
                render: (_, s) => (
                  <Button onClick={() => setOpen(s.id)} aria-label={`查看${s.person.displayName}的详情`}>
                    详情
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <SeekerDrawer id={open} onClose={() => setOpen(null)} />
      {isStaff && <SeekerRegister open={registering} onClose={() => setRegistering(false)} />}
    </>
  );
}
