import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Table } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { dateText, wageRange } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { ScreeningFlags } from '../../ui/ScreeningFlags';
import { JobPostDrawer } from './JobPostDrawer';
import {
  clean,
  Filters,
  FilterSearch,
  filterStyle,
  ReasonModal,
  TownshipSelect,
  useDebounced,
  usePageInRange,
  usePaging,
  useReader,
  useTerm,
} from './parts';

type Post = components['schemas']['JobPostView'];

/** 岗位审核: posts waiting for review (status=pending-review), approve or reject with a reason. */
export default function ReviewTab() {
  const { ownTownship } = useReader();
  const term = useTerm();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const paging = usePaging(20);
  const [q, setQ] = useState('');
  const [township, setTownship] = useState<string>();
  const [flagged, setFlagged] = useState(false);
  const search = useDebounced(q.trim());
  const [open, setOpen] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Post | null>(null);

  const query = useQuery({
    queryKey: ['staff', 'job-posts', 'pending-review', search, township, flagged, paging.offset],
    queryFn: () =>
      ok(
        api.GET('/api/v1/job-posts', {
          params: {
            query: clean({
              status: 'pending-review' as const,
              q: search,
              townshipCode: township,
              flagged: flagged ? ('true' as const) : undefined,
              limit: paging.limit,
              offset: paging.offset,
            }),
          },
        }),
      ),
  });
  usePageInRange(paging, query.data);

  const refresh = () => client.invalidateQueries({ queryKey: ['staff', 'job-posts'] });
  const afterReview = () => {
    setOpen(null);
    void refresh();
    void client.invalidateQueries({ queryKey: ['staff', 'job-post'] });
    void client.invalidateQueries({ queryKey: ['staff', 'audit'] });
  };

  const approve = useMutation({
    mutationFn: (id: string) => ok(api.POST('/api/v1/job-posts/{id}/approve', { params: { path: { id } } })),
    onSuccess: (p) => {
      void message.success(`已通过「${p.title}」，岗位已发布`);
      afterReview();
    },
    onError: (err) => showApiError(err),
  });
  const reject = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      ok(api.POST('/api/v1/job-posts/{id}/reject', { params: { path: { id } }, body: { reason } })),
    onSuccess: (p) => {
      void message.success(`已驳回「${p.title}」，单位会看到驳回原因`);
      setRejecting(null);
      afterReview();
    },
  });

  const confirmApprove = (p: Post) =>
    modal.confirm({
      title: '通过审核',
      content: p.screeningFlags.length
        ? `「${p.title}」有 ${p.screeningFlags.length} 条筛查提示（${p.screeningFlags.map((f) => f.reason).join('；')}）。核实无误后再通过，通过后岗位将公开发布。`
        : `确定通过「${p.title}」（${p.employerName}）吗？通过后岗位将公开发布。`,
      okText: '通过',
      cancelText: '取消',
      onOk: () => approve.mutateAsync(p.id).catch(() => undefined),
    });

  const actions = (p: Post, inDrawer = false) => (
    <div className="row-actions">
      {!inDrawer && (
        <Button onClick={() => setOpen(p.id)} aria-label={`查看「${p.title}」的详情`}>
          详情
        </Button>
      )}
      <Button type="primary" onClick={() => confirmApprove(p)} aria-label={`通过「${p.title}」`}>
        通过
      </Button>
      <Button danger onClick={() => setRejecting(p)} aria-label={`驳回「${p.title}」`}>
        驳回
      </Button>
    </div>
  );

  const shown = query.data?.items.find((p) => p.id === open);

  return (
    <>
      <Filters>
        <FilterSearch
          label="按岗位名称搜索"
          placeholder="岗位名称"
          value={q}
          width={240}
          onChange={(words) => {
            setQ(words);
            paging.reset();
          }}
        />
        {!ownTownship && (
          <TownshipSelect
            aria-label="按乡镇筛选"
            value={township}
            onChange={(v) => {
              setTownship(v);
              paging.reset();
            }}
            style={filterStyle(180)}
          />
        )}
        <Checkbox
          checked={flagged}
          onChange={(e) => {
            setFlagged(e.target.checked);
            paging.reset();
          }}
        >
          只看有筛查提示的
        </Checkbox>
        <Button onClick={() => void refresh()}>刷新</Button>
      </Filters>
      <QueryState query={query} isEmpty={(d) => d.total === 0} empty="没有待审核的岗位">
        {(d) => (
          <Table<Post>
            rowKey="id"
            dataSource={d.items}
            pagination={paging.pagination(d.total)}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '岗位名称', dataIndex: 'title' },
              { title: '招聘单位', dataIndex: 'employerName' },
              {
                title: '乡镇',
                key: 'township',
                render: (_, p) => (p.townshipCode ? term('townships', p.townshipCode) : p.placeText),
              },
              { title: '月薪', key: 'wage', render: (_, p) => wageRange(p.wageMinFen, p.wageMaxFen) },
              {
                title: '筛查提示',
                key: 'flags',
                render: (_, p) =>
                  p.screeningFlags.length ? <ScreeningFlags flags={p.screeningFlags} compact /> : '无',
              },
              { title: '提交日期', dataIndex: 'updatedAt', render: (v: string) => dateText(v) },
              { title: '操作', key: 'actions', render: (_, p) => actions(p) },
            ]}
          />
        )}
      </QueryState>
      <JobPostDrawer
        id={open}
        onClose={() => setOpen(null)}
        actions={shown ? actions(shown, true) : undefined}
      />
      <ReasonModal
        open={!!rejecting}
        title={`驳回「${rejecting?.title ?? ''}」`}
        label="驳回原因"
        placeholder="例如：薪资信息不完整"
        okText="驳回"
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => reject.mutateAsync({ id: rejecting!.id, reason })}
      />
    </>
  );
}
