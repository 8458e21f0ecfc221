import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { QueryState } from '../../ui/states';
import { ScreeningFlags } from '../../ui/ScreeningFlags';
import { dateTimeText, yuan } from '../../ui/format';
import { useVocabularies } from '../../ui/vocab';
import PosterGigs from '../gigs/PosterGigs';
import {
  chinaToday,
  dayWord,
  payText,
  placesText,
  useGigVocabulary,
  type GigView,
} from '../public/gig-format';

type Dispute = components['schemas']['DisputeView'];
type Row = components['schemas']['GigStatisticsRow'];
type PointBody = components['schemas']['CreatePointDto'];
type Poster = components['schemas']['PosterOrganisationView'];

/** 零工市场 in the staff console: review queue, reports, disputes, statistics, gig points, 代发. */
export default function GigsTab() {
  const [tab, setTab] = useState('review');
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'review', label: '待审核', children: <ReviewQueue /> },
        { key: 'reports', label: '举报', children: <Reports /> },
        { key: 'disputes', label: '纠纷', children: <Disputes /> },
        { key: 'statistics', label: '统计', children: <Statistics /> },
        { key: 'points', label: '零工驿站', children: <Points /> },
        { key: 'posters', label: '单位核验', children: <PosterChecks /> },
        { key: 'post', label: '代发零工', children: <PosterGigs /> },
      ]}
    />
  );
}

function ReviewQueue() {
  const list = useQuery({
    queryKey: ['gigs', 'staff', 'pending'],
    queryFn: () =>
      ok(api.GET('/api/v1/gigs', { params: { query: { status: 'pending-review', limit: 50 } } })),
  });
  return (
    <QueryState query={list} isEmpty={(d) => d.items.length === 0} empty="没有待审核的零工">
      {(d) => (
        <ul className="gig-list" aria-label="待审核零工">
          {d.items.map((g) => (
            <ReviewCard key={g.id} g={g} />
          ))}
        </ul>
      )}
    </QueryState>
  );
}

function ReviewCard({ g }: { g: GigView }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const review = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      ok(
        api.POST('/api/v1/gigs/{id}/review', {
          params: { path: { id: g.id } },
          body: { decision, note: note.trim() || undefined },
        }),
      ),
    onSuccess: (_r, decision) => {
      void message.success(decision === 'approve' ? '已通过，零工已公开' : '已驳回');
      void client.invalidateQueries({ queryKey: ['gigs'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <li className="gig-card">
      <h2>
        <Link to={`/gigs/${g.id}`}>{g.title}</Link>
      </h2>
      <div className="job-meta">
        <span>{g.posterName}</span>
        <span>{g.trade}</span>
        <span>{payText(g.payFen, g.payUnit)}</span>
        <span>
          {dayWord(g.date)} {g.startTime}–{g.endTime}
        </span>
        <span>{g.township}</span>
        <span>{placesText(g.accepted, g.headcount)}</span>
      </div>
      {g.description && <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{g.description}</p>}
      <ScreeningFlags flags={g.screeningFlags} />
      <Input.TextArea
        aria-label={`审核意见：${g.title}`}
        rows={2}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder="审核意见（驳回时必填）"
        style={{ marginTop: 8 }}
      />
      <div className="gig-actions">
        <Button type="primary" loading={review.isPending} onClick={() => review.mutate('approve')}>
          通过
        </Button>
        <Button
          danger
          disabled={!note.trim()}
          loading={review.isPending}
          onClick={() => review.mutate('reject')}
        >
          驳回
        </Button>
      </div>
    </li>
  );
}

function Reports() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [status, setStatus] = useState<'open' | 'upheld' | 'dismissed'>('open');
  const list = useQuery({
    queryKey: ['gigs', 'staff', 'reports', status],
    queryFn: () => ok(api.GET('/api/v1/gigs/reports', { params: { query: { status, limit: 50 } } })),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'upheld' | 'dismissed' }) =>
      ok(
        api.POST('/api/v1/gigs/reports/{id}/decision', {
          params: { path: { id: v.id } },
          body: { decision: v.decision },
        }),
      ),
    onSuccess: (_r, v) => {
      void message.success(v.decision === 'upheld' ? '举报属实，零工已下架' : '已驳回举报');
      void client.invalidateQueries({ queryKey: ['gigs'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <>
      <Select
        aria-label="举报状态"
        value={status}
        onChange={setStatus}
        style={{ width: 160, marginBottom: 12 }}
        options={[
          { value: 'open', label: '待处理' },
          { value: 'upheld', label: '属实' },
          { value: 'dismissed', label: '不属实' },
        ]}
      />
      <QueryState query={list}>
        {(d) => (
          <Table
            rowKey="id"
            size="middle"
            scroll={{ x: 640 }}
            dataSource={d.items}
            pagination={false}
            locale={{ emptyText: '没有举报' }}
            columns={[
              {
                title: '零工',
                dataIndex: 'gigTitle',
                render: (t: string, r) => <Link to={`/gigs/${r.gigId}`}>{t}</Link>,
              },
              { title: '原因', dataIndex: 'reasonName' },
              { title: '补充说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              { title: '时间', dataIndex: 'createdAt', render: (t: string) => dateTimeText(t) },
              {
                title: '处理',
                key: 'act',
                render: (_: unknown, r) =>
                  r.status === 'open' ? (
                    <span className="row-actions">
                      <Button
                        danger
                        size="small"
                        onClick={() => decide.mutate({ id: r.id, decision: 'upheld' })}
                      >
                        属实，下架
                      </Button>
                      <Button size="small" onClick={() => decide.mutate({ id: r.id, decision: 'dismissed' })}>
                        不属实
                      </Button>
                    </span>
                  ) : (
                    <Tag>{r.status === 'upheld' ? '属实' : '不属实'}</Tag>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

const CHECK_NAMES: Record<string, { text: string; color?: string }> = {
  unchecked: { text: '待核验' },
  verified: { text: '已核验', color: 'green' },
  failed: { text: '核验未通过', color: 'red' },
};

/** 单位核验: organisations that post gigs, checked by staff beyond the credit code. */
function PosterChecks() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [failing, setFailing] = useState<Poster | null>(null);
  const [note, setNote] = useState('');
  const list = useQuery({
    queryKey: ['gigs', 'staff', 'posters'],
    queryFn: () => ok(api.GET('/api/v1/gigs/posters', { params: { query: { limit: 100 } } })),
  });
  const check = useMutation({
    mutationFn: (v: { id: string; outcome: 'verified' | 'failed'; note?: string }) =>
      ok(
        api.POST('/api/v1/gigs/posters/{id}/check', {
          params: { path: { id: v.id } },
          body: { outcome: v.outcome, note: v.note },
        }),
      ),
    onSuccess: (r) => {
      void message.success(
        r.organisation.checkStatus === 'verified'
          ? `已核验「${r.organisation.name}」`
          : `「${r.organisation.name}」核验未通过，已撤下 ${r.takenDown} 单零工`,
      );
      setFailing(null);
      setNote('');
      void client.invalidateQueries({ queryKey: ['gigs'] });
    },
    onError: (err) => showApiError(err),
  });
  return (
    <>
      <p className="muted" style={{ marginTop: 0 }}>
        统一社会信用代码在注册时已校验；这里由工作人员实地或电话核实单位是否真实。核验未通过的单位不能再发布零工，在架的零工会被撤下并通知已接单的人。
      </p>
      <QueryState query={list} isEmpty={(d) => d.total === 0} empty="还没有单位发布零工">
        {(d) => (
          <Table<Poster>
            rowKey="organisationId"
            size="middle"
            scroll={{ x: 'max-content' }}
            dataSource={d.items}
            pagination={false}
            columns={[
              { title: '单位', dataIndex: 'name' },
              {
                title: '类型',
                dataIndex: 'kind',
                render: (k: string) => (k === 'agency' ? '人力资源机构' : '企业'),
              },
              { title: '信用代码', dataIndex: 'creditCode' },
              { title: '零工', key: 'gigs', render: (_, o) => `${o.liveGigs} 在架 / 共 ${o.gigs}` },
              {
                title: '核验',
                key: 'check',
                render: (_, o) => (
                  <>
                    <Tag color={CHECK_NAMES[o.checkStatus]?.color}>{CHECK_NAMES[o.checkStatus]?.text}</Tag>
                    {o.checkNote && <span className="muted">{o.checkNote}</span>}
                  </>
                ),
              },
              {
                title: '操作',
                key: 'act',
                render: (_, o) => (
                  <span className="row-actions">
                    {o.checkStatus !== 'verified' && (
                      <Button
                        size="small"
                        aria-label={`核验通过：${o.name}`}
                        onClick={() =>
                          check.mutate({ id: o.organisationId, outcome: 'verified', note: '工作人员核实' })
                        }
                      >
                        核验通过
                      </Button>
                    )}
                    {o.checkStatus !== 'failed' && (
                      <Button
                        size="small"
                        danger
                        aria-label={`核验不通过：${o.name}`}
                        onClick={() => setFailing(o)}
                      >
                        不通过
                      </Button>
                    )}
                  </span>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={!!failing}
        title={`核验不通过：${failing?.name ?? ''}`}
        okText="确认不通过"
        okButtonProps={{ danger: true, disabled: !note.trim(), loading: check.isPending }}
        cancelText="取消"
        onCancel={() => setFailing(null)}
        onOk={() =>
          failing && check.mutate({ id: failing.organisationId, outcome: 'failed', note: note.trim() })
        }
      >
        <p>该单位在架的 {failing?.liveGigs ?? 0} 单零工会被撤下，已接单的人会收到通知。</p>
        <Input.TextArea
          aria-label="不通过的原因"
          rows={3}
          maxLength={500}
          placeholder="例如：登记地址查无此单位"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </>
  );
}

function Disputes() {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const list = useQuery({
    queryKey: ['gigs', 'staff', 'disputes', status],
    queryFn: () => ok(api.GET('/api/v1/gigs/disputes', { params: { query: { status, limit: 50 } } })),
  });
  return (
    <>
      <Select
        aria-label="纠纷状态"
        value={status}
        onChange={setStatus}
        style={{ width: 160, marginBottom: 12 }}
        options={[
          { value: 'open', label: '处理中' },
          { value: 'resolved', label: '已解决' },
        ]}
      />
      <QueryState query={list} isEmpty={(d) => d.items.length === 0} empty="没有纠纷">
        {(d) => (
          <ul className="gig-list" aria-label="纠纷">
            {d.items.map((x) => (
              <DisputeCard key={x.id} d={x} />
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

function DisputeCard({ d }: { d: Dispute }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: (action: 'note' | 'resolve') =>
      ok(
        api.POST('/api/v1/gigs/disputes/{id}/actions', {
          params: { path: { id: d.id } },
          body: { action, note: note.trim() },
        }),
      ),
    onSuccess: (_r, action) => {
      setNote('');
      void message.success(action === 'resolve' ? '纠纷已解决' : '已记录处理情况');
      void client.invalidateQueries({ queryKey: ['gigs', 'staff', 'disputes'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const KIND = { raised: '提出', note: '处理记录', resolved: '解决' } as const;
  return (
    <li className="gig-card">
      <h2>
        <Link to={`/gigs/${d.gigId}`}>{d.gigTitle}</Link>
      </h2>
      <div className="job-meta">
        <Tag color={d.status === 'open' ? 'orange' : 'green'}>
          {d.status === 'open' ? '处理中' : '已解决'}
        </Tag>
        <span>{d.kindName}</span>
        <span>{d.raisedSide === 'worker' ? '工人提出' : '发布方提出'}</span>
        <span>{dateTimeText(d.createdAt)}</span>
      </div>
      <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{d.description}</p>
      <ol className="reasons" aria-label="处理经过">
        {d.events.map((e, i) => (
          <li key={i}>
            {dateTimeText(e.at)} {e.byName} {KIND[e.kind]}：{e.note}
          </li>
        ))}
      </ol>
      {d.status === 'open' && (
        <>
          <Input.TextArea
            aria-label={`处理情况：${d.gigTitle}`}
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="例如：已电话联系雇主，承诺周五前结清"
            style={{ marginTop: 8 }}
          />
          <div className="gig-actions">
            <Button disabled={!note.trim()} loading={act.isPending} onClick={() => act.mutate('note')}>
              记录处理情况
            </Button>
            <Button
              type="primary"
              disabled={!note.trim()}
              loading={act.isPending}
              onClick={() => act.mutate('resolve')}
            >
              已解决
            </Button>
          </div>
        </>
      )}
    </li>
  );
}

function monthStart(): string {
  return `${chinaToday().slice(0, 8)}01`;
}

function Statistics() {
  const [from, setFrom] = useState(monthStart());
  const [to, setTo] = useState(chinaToday());
  const stats = useQuery({
    queryKey: ['gigs', 'staff', 'statistics', from, to],
    queryFn: () => ok(api.GET('/api/v1/gigs/statistics', { params: { query: { from, to } } })),
    enabled: !!from && !!to && from <= to,
  });
  return (
    <>
      <div className="row-actions" style={{ marginBottom: 12, alignItems: 'end' }}>
        <label>
          从{' '}
          <input
            className="native-select"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            style={{ width: 170 }}
          />
        </label>
        <label>
          到{' '}
          <input
            className="native-select"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            style={{ width: 170 }}
          />
        </label>
      </div>
      <QueryState query={stats}>
        {(d) => (
          <Table<Row>
            rowKey={(r) => `${r.townshipCode}|${r.trade}`}
            size="middle"
            scroll={{ x: 900 }}
            pagination={false}
            aria-label="零工市场统计"
            dataSource={d.rows}
            locale={{ emptyText: '这段时间没有零工' }}
            columns={[
              { title: '乡镇', dataIndex: 'township' },
              { title: '工种', dataIndex: 'trade' },
              { title: '发布', dataIndex: 'posted' },
              { title: '招满', dataIndex: 'filled' },
              { title: '完工', dataIndex: 'completed' },
              { title: '服务人数', dataIndex: 'peopleServed' },
              { title: '确认工钱', dataIndex: 'wagesConfirmedFen', render: (f: number) => yuan(f) },
              { title: '纠纷', dataIndex: 'disputes' },
              { title: '已解决', dataIndex: 'disputesResolved' },
              {
                title: '平均解决用时',
                dataIndex: 'resolutionHours',
                render: (h: number | null) => (h === null ? '—' : `${h} 小时`),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>{d.total.township}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{d.total.posted}</Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{d.total.filled}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}>{d.total.completed}</Table.Summary.Cell>
                <Table.Summary.Cell index={5}>{d.total.peopleServed}</Table.Summary.Cell>
                <Table.Summary.Cell index={6}>{yuan(d.total.wagesConfirmedFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={7}>{d.total.disputes}</Table.Summary.Cell>
                <Table.Summary.Cell index={8}>{d.total.disputesResolved}</Table.Summary.Cell>
                <Table.Summary.Cell index={9}>
                  {d.total.resolutionHours === null ? '—' : `${d.total.resolutionHours} 小时`}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        )}
      </QueryState>
    </>
  );
}

function Points() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<PointBody>();
  const { data: vocab } = useVocabularies();
  const { data: gigVocab } = useGigVocabulary();
  const points = useQuery({
    queryKey: ['gig-points'],
    queryFn: () => ok(api.GET('/api/v1/gigs/points')),
  });
  const add = useMutation({
    mutationFn: (b: PointBody) =>
      ok(api.POST('/api/v1/gigs/points', { body: { ...b, trades: b.trades ?? [] } })),
    onSuccess: () => {
      form.resetFields();
      void message.success('已添加零工驿站');
      void client.invalidateQueries({ queryKey: ['gig-points'] });
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <>
      <QueryState query={points}>
        {(d) => (
          <Table
            rowKey="id"
            size="middle"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={d.items}
            locale={{ emptyText: '还没有零工驿站' }}
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '乡镇', dataIndex: 'township' },
              { title: '地址', dataIndex: 'address' },
              { title: '开放时间', dataIndex: 'openingHours' },
              { title: '常见工种', dataIndex: 'trades', render: (t: string[]) => t.join('、') || '—' },
            ]}
          />
        )}
      </QueryState>
      <h3 className="section-title">添加零工驿站</h3>
      <Form<PointBody>
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={(v) => add.mutate(v)}
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        >
          <Input maxLength={100} placeholder="例如：翟店镇零工驿站" />
        </Form.Item>
        <Form.Item name="townshipCode" label="乡镇" rules={[{ required: true, message: '请选择乡镇' }]}>
          <Select
            aria-label="乡镇"
            options={(vocab?.townships ?? []).map((t) => ({ value: t.code, label: t.name }))}
          />
        </Form.Item>
        <Form.Item
          name="address"
          label="地址"
          rules={[{ required: true, whitespace: true, message: '请填写地址' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="openingHours"
          label="开放时间"
          rules={[{ required: true, whitespace: true, message: '请填写开放时间' }]}
        >
          <Input maxLength={100} placeholder="例如：每天 6:00—10:00" />
        </Form.Item>
        <Form.Item name="trades" label="常见工种">
          <Select
            mode="tags"
            aria-label="常见工种"
            options={(gigVocab?.trades ?? []).map((t) => ({ value: t }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          添加
        </Button>
      </Form>
    </>
  );
}
