import {
  Alert,
  App,
  AutoComplete,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Pagination,
  Select,
  Tag,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { showApiError } from '../../ui/forms';
import { QueryState } from '../../ui/states';
import { ScreeningFlags } from '../../ui/ScreeningFlags';
import { StarPicker } from '../../ui/Stars';
import { yuan } from '../../ui/format';
import { useVocabularies } from '../../ui/vocab';
import {
  chinaToday,
  clockText,
  dayWord,
  payText,
  placesText,
  useGigVocabulary,
  type AcceptanceView,
  type GigView,
} from '../public/gig-format';

type CreateGig = components['schemas']['CreateGigDto'];
type DisputeKind = components['schemas']['DisputeDto']['kind'];

interface PostForm {
  title: string;
  trade: string;
  date: string;
  startTime: string;
  endTime: string;
  townshipCode?: string;
  address?: string;
  payYuan: number;
  payUnit: CreateGig['payUnit'];
  headcount: number;
  description?: string;
  ageMax?: number | null;
  olderWorkersWelcome?: boolean;
  contactName?: string;
  contactPhone?: string;
  onBehalfOf?: string;
}

const clean = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
const STATUS_COLOR: Record<string, string> = {
  open: 'blue',
  filled: 'green',
  'pending-review': 'gold',
  rejected: 'red',
};

/** 发布零工 and 我发布的零工: for employers, agencies, residents (seekers) and staff alike. */
export default function PosterGigs() {
  const [posted, setPosted] = useState<GigView | null>(null);
  return (
    <>
      <h2 className="section-title">发布零工</h2>
      {posted && <PostedResult g={posted} onMore={() => setPosted(null)} />}
      {!posted && <PostGigForm onPosted={setPosted} />}
      <h2 className="section-title">我发布的零工</h2>
      <MyPostedGigs />
    </>
  );
}

function PostedResult({ g, onMore }: { g: GigView; onMore: () => void }) {
  return g.status === 'pending-review' ? (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`“${g.title}”待审核：工作人员核实后才会公开`}
      description={
        <>
          <ScreeningFlags flags={g.screeningFlags} tag={false} />
          <Button size="small" onClick={onMore} style={{ marginTop: 8 }}>
            再发布一个
          </Button>
        </>
      }
    />
  ) : (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      title={`“${g.title}”已发布`}
      description={
        <div className="row-actions">
          <Link to={`/gigs/${g.id}`}>查看零工页面</Link>
          <Button size="small" onClick={onMore}>
            再发布一个
          </Button>
        </div>
      }
    />
  );
}

function PostGigForm({ onPosted }: { onPosted: (g: GigView) => void }) {
  const { user } = useSession();
  const client = useQueryClient();
  const [form] = Form.useForm<PostForm>();
  const { data: vocab } = useVocabularies();
  const { data: gigVocab } = useGigVocabulary();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const post = useMutation({
    mutationFn: (v: PostForm) =>
      ok(
        api.POST('/api/v1/gigs', {
          body: {
            title: v.title.trim(),
            trade: v.trade.trim(),
            date: v.date,
            startTime: v.startTime,
            endTime: v.endTime,
            townshipCode: v.townshipCode!,
            address: clean(v.address),
            payFen: Math.round((v.payYuan ?? 0) * 100),
            payUnit: v.payUnit,
            headcount: v.headcount,
            description: clean(v.description),
            ageMax: v.ageMax ?? undefined,
            olderWorkersWelcome: v.olderWorkersWelcome || undefined,
            contactName: clean(v.contactName),
            contactPhone: clean(v.contactPhone),
            onBehalfOf: staff ? clean(v.onBehalfOf) : undefined,
          },
        }),
      ),
    onSuccess: (g) => {
      form.resetFields();
      onPosted(g);
      void client.invalidateQueries({ queryKey: ['gigs', 'mine'] });
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <div className="panel">
      <Form<PostForm>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{
          date: chinaToday(),
          startTime: '08:00',
          endTime: '17:00',
          payUnit: 'day',
          headcount: 1,
          townshipCode: user?.townshipCode ?? undefined,
        }}
        onFinish={(v) => post.mutate(v)}
      >
        <Form.Item
          name="title"
          label="干什么活"
          rules={[{ required: true, whitespace: true, message: '请填写' }]}
        >
          <Input maxLength={100} placeholder="例如：帮忙收红枣两天" />
        </Form.Item>
        <Form.Item
          name="trade"
          label="工种"
          rules={[{ required: true, whitespace: true, message: '请填写工种' }]}
        >
          <AutoComplete
            aria-label="工种"
            options={(gigVocab?.trades ?? []).map((t) => ({ value: t }))}
            placeholder="选择或输入，如 搬运装卸"
            filterOption={(input, o) => String(o?.value ?? '').includes(input)}
          />
        </Form.Item>
        <div className="row-actions">
          <Form.Item name="date" label="哪一天" rules={[{ required: true, message: '请选择日期' }]}>
            <Input type="date" min={chinaToday()} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="startTime" label="开始" rules={[{ required: true, message: '请填写' }]}>
            <Input type="time" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="endTime" label="结束" rules={[{ required: true, message: '请填写' }]}>
            <Input type="time" style={{ width: 120 }} />
          </Form.Item>
        </div>
        <Form.Item name="townshipCode" label="在哪个乡镇" rules={[{ required: true, message: '请选择乡镇' }]}>
          <Select
            aria-label="在哪个乡镇"
            options={(vocab?.townships ?? []).map((t) => ({ value: t.code, label: t.name }))}
          />
        </Form.Item>
        <Form.Item name="address" label="具体地点（选填）">
          <Input maxLength={200} placeholder="例如：翟店镇北街村" />
        </Form.Item>
        <div className="row-actions">
          <Form.Item name="payYuan" label="工钱（元）" rules={[{ required: true, message: '请填写工钱' }]}>
            <InputNumber min={0} max={100000} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="payUnit" label="计价">
            <Select
              aria-label="计价"
              style={{ width: 120 }}
              options={[
                { value: 'day', label: '元/天' },
                { value: 'hour', label: '元/小时' },
                { value: 'piece', label: '元/件' },
              ]}
            />
          </Form.Item>
          <Form.Item name="headcount" label="要几个人" rules={[{ required: true, message: '请填写人数' }]}>
            <InputNumber min={1} max={500} style={{ width: 110 }} />
          </Form.Item>
        </div>
        <Form.Item name="description" label="说明（选填）">
          <Input.TextArea rows={3} maxLength={2000} placeholder="干什么、带什么工具、管不管饭" />
        </Form.Item>
        <div className="row-actions" style={{ alignItems: 'center' }}>
          <Form.Item name="ageMax" label="年龄上限（选填）">
            <InputNumber min={16} max={80} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="olderWorkersWelcome" valuePropName="checked" label=" ">
            <Checkbox>欢迎大龄劳动者</Checkbox>
          </Form.Item>
        </div>
        <div className="row-actions">
          <Form.Item name="contactName" label="联系人（选填）">
            <Input maxLength={50} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话（接单后才显示）">
            <Input maxLength={11} inputMode="tel" style={{ width: 200 }} />
          </Form.Item>
        </div>
        {staff && (
          <Form.Item name="onBehalfOf" label="代谁发布（选填）">
            <Input maxLength={100} placeholder="例如：翟店镇北街村王大爷" />
          </Form.Item>
        )}
        <Button type="primary" size="large" htmlType="submit" loading={post.isPending}>
          发布零工
        </Button>
      </Form>
    </div>
  );
}

function MyPostedGigs() {
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['gigs', 'mine', page],
    queryFn: () =>
      ok(api.GET('/api/v1/gigs/mine', { params: { query: { limit: 10, offset: (page - 1) * 10 } } })),
  });
  return (
    <QueryState query={list} isEmpty={(d) => d.total === 0} empty="还没有发布过零工">
      {(d) => (
        <>
          <ul className="gig-list" aria-label="我发布的零工">
            {d.items.map((g) => (
              <PostedGig key={g.id} g={g} />
            ))}
          </ul>
          {d.total > 10 && (
            <Pagination
              current={page}
              pageSize={10}
              total={d.total}
              onChange={setPage}
              showSizeChanger={false}
            />
          )}
        </>
      )}
    </QueryState>
  );
}

function PostedGig({ g }: { g: GigView }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState<'takers' | 'workers' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const live = g.status === 'open' || g.status === 'filled';
  const cancel = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/gigs/{id}/cancel', {
          params: { path: { id: g.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      setOpen(null);
      void message.success('已取消，接单的工人会收到通知');
      void client.invalidateQueries({ queryKey: ['gigs'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const toggle = (k: typeof open) => setOpen((o) => (o === k ? null : k));
  return (
    <li className="gig-card">
      <h2>
        <Link to={`/gigs/${g.id}`}>{g.title}</Link>
      </h2>
      <div className="job-meta">
        <span>{payText(g.payFen, g.payUnit)}</span>
        <span>
          {dayWord(g.date)} {g.startTime}–{g.endTime}
        </span>
        <span>{g.township}</span>
        <span>{placesText(g.accepted, g.headcount)}</span>
        <Tag color={STATUS_COLOR[g.status] ?? 'default'}>{g.statusName}</Tag>
      </div>
      {g.status === 'pending-review' && <ScreeningFlags flags={g.screeningFlags} tag={false} />}
      {g.reviewNote && <p className="muted">审核意见：{g.reviewNote}</p>}
      <div className="gig-actions">
        <Button aria-expanded={open === 'takers'} onClick={() => toggle('takers')}>
          接单的人（{g.accepted}）
        </Button>
        {live && (
          <Button aria-expanded={open === 'workers'} onClick={() => toggle('workers')}>
            附近可用工人
          </Button>
        )}
        {(live || g.status === 'pending-review') && (
          <Button danger aria-expanded={open === 'cancel'} onClick={() => toggle('cancel')}>
            取消零工
          </Button>
        )}
      </div>
      {open === 'cancel' && (
        <div className="panel" style={{ marginTop: 8 }}>
          <Input.TextArea
            aria-label="取消原因"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="例如：下雨，改期"
          />
          <Button
            danger
            type="primary"
            style={{ marginTop: 8 }}
            disabled={!reason.trim()}
            loading={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            确认取消这份零工
          </Button>
        </div>
      )}
      {open === 'takers' && <Takers gig={g} />}
      {open === 'workers' && <AvailableWorkers gig={g} />}
    </li>
  );
}

function Takers({ gig }: { gig: GigView }) {
  const takers = useQuery({
    queryKey: ['gigs', 'takers', gig.id],
    queryFn: () => ok(api.GET('/api/v1/gigs/{id}/acceptances', { params: { path: { id: gig.id } } })),
  });
  return (
    <QueryState query={takers} isEmpty={(d) => d.acceptances.length === 0} empty="还没有人接单">
      {(d) => (
        <ul className="gig-list" aria-label={`${gig.title}的接单人`} style={{ marginTop: 8 }}>
          {d.acceptances.map((a) => (
            <Taker key={a.id} gig={gig} a={a} />
          ))}
        </ul>
      )}
    </QueryState>
  );
}

function Taker({ gig, a }: { gig: GigView; a: AcceptanceView }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: gigVocab } = useGigVocabulary();
  const [wage, setWage] = useState<number | null>(gig.payFen / 100);
  const [panel, setPanel] = useState<'complete' | 'cancel' | 'dispute' | null>(null);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<DisputeKind>('no-show');
  const refresh = () => void client.invalidateQueries({ queryKey: ['gigs'] });
  const done = (words: string) => {
    setPanel(null);
    setText('');
    void message.success(words);
    refresh();
  };
  const fail = (err: unknown) => void message.error(errorText(err));
  const path = { params: { path: { id: a.id } } };
  const complete = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/gigs/acceptances/{id}/completion', {
          ...path,
          body: { wagePaidFen: Math.round((wage ?? 0) * 100) },
        }),
      ),
    onSuccess: () => done('已确认完工，工人会收到确认收钱的提醒'),
    onError: fail,
  });
  const noShow = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/gigs/acceptances/{id}/no-show', path)),
    onSuccess: () => done('已记为未到'),
    onError: fail,
  });
  const cancelOne = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/gigs/{id}/acceptances/{workerUserId}/cancel', {
          params: { path: { id: gig.id, workerUserId: a.workerUserId } },
          body: { reason: text.trim() },
        }),
      ),
    onSuccess: () => done('已取消这位工人'),
    onError: fail,
  });
  const rate = useMutation({
    mutationFn: (stars: number) =>
      ok(api.POST('/api/v1/gigs/acceptances/{id}/rating', { ...path, body: { stars } })),
    onSuccess: () => done('已评价'),
    onError: fail,
  });
  const dispute = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/gigs/acceptances/{id}/disputes', {
          ...path,
          body: { kind, description: text.trim() },
        }),
      ),
    onSuccess: () => done('已提交纠纷，县就业服务中心会处理'),
    onError: fail,
  });
  const holds = a.status === 'accepted';
  const finished = !!a.completedAt || a.noShow;
  return (
    <li className="panel" style={{ marginBottom: 8 }}>
      <b>{a.workerName || '工人'}</b> <Tag color={holds ? 'blue' : 'default'}>{a.statusName}</Tag>
      {a.noShow && <Tag color="red">未到</Tag>}
      <p className="muted" style={{ margin: '4px 0' }}>
        {a.checkedInAt ? `签到 ${clockText(a.checkedInAt)}` : '未签到'}
        {a.checkedOutAt ? ` · 签退 ${clockText(a.checkedOutAt)}` : ''}
        {a.completedAt ? ` · 已确认完工，付工钱 ${yuan(a.wagePaidFen)}` : ''}
        {a.wageReceivedAt ? ' · 工人已确认收到' : ''}
        {a.workerRating !== undefined ? ` · 工人给您 ${a.workerRating} 星` : ''}
      </p>
      {holds && (
        <div className="gig-actions">
          {!finished && (
            <Button type="primary" onClick={() => setPanel(panel === 'complete' ? null : 'complete')}>
              确认完工并已付工钱
            </Button>
          )}
          {!finished && !a.checkedInAt && (
            <Button loading={noShow.isPending} onClick={() => noShow.mutate()}>
              未到
            </Button>
          )}
          {!a.checkedInAt && !finished && (
            <Button onClick={() => setPanel(panel === 'cancel' ? null : 'cancel')}>取消此人</Button>
          )}
          <Button onClick={() => setPanel(panel === 'dispute' ? null : 'dispute')}>发起纠纷</Button>
        </div>
      )}
      {panel === 'complete' && (
        <div className="row-actions" style={{ marginTop: 8, alignItems: 'center' }}>
          <label>
            实付工钱（元）{' '}
            <InputNumber aria-label="实付工钱（元）" min={0} max={100000} value={wage} onChange={setWage} />
          </label>
          <Button
            type="primary"
            loading={complete.isPending}
            disabled={wage === null}
            onClick={() => complete.mutate()}
          >
            确认
          </Button>
        </div>
      )}
      {(panel === 'cancel' || panel === 'dispute') && (
        <div style={{ marginTop: 8 }}>
          {panel === 'dispute' && (
            <select
              className="native-select"
              aria-label="纠纷类型"
              value={kind}
              onChange={(e) => setKind(e.target.value as DisputeKind)}
              style={{ marginBottom: 8 }}
            >
              {Object.entries(gigVocab?.disputeKinds ?? {}).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
          <Input.TextArea
            aria-label={panel === 'cancel' ? '取消原因' : '纠纷说明'}
            rows={2}
            maxLength={panel === 'cancel' ? 500 : 1000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            type="primary"
            danger={panel === 'cancel'}
            style={{ marginTop: 8 }}
            disabled={!text.trim()}
            loading={cancelOne.isPending || dispute.isPending}
            onClick={() => (panel === 'cancel' ? cancelOne.mutate() : dispute.mutate())}
          >
            {panel === 'cancel' ? '确认取消此人' : '提交纠纷'}
          </Button>
        </div>
      )}
      {(a.completedAt || a.noShow || a.checkedOutAt) && a.posterRating === undefined && (
        <div style={{ marginTop: 8 }}>
          <span>给工人打分：</span>
          <StarPicker
            label={`给${a.workerName || '工人'}打分`}
            busy={rate.isPending}
            onPick={(s) => rate.mutate(s)}
          />
        </div>
      )}
      {a.posterRating !== undefined && <p className="muted">您的评价：{a.posterRating} 星</p>}
    </li>
  );
}

function AvailableWorkers({ gig }: { gig: GigView }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const workers = useQuery({
    queryKey: ['gigs', 'available-workers', gig.id],
    queryFn: () => ok(api.GET('/api/v1/gigs/{id}/available-workers', { params: { path: { id: gig.id } } })),
  });
  const invite = useMutation({
    mutationFn: (workerUserId: string) =>
      ok(
        api.POST('/api/v1/gigs/{id}/invitations', {
          params: { path: { id: gig.id } },
          body: { workerUserId },
        }),
      ),
    onSuccess: () => {
      void message.success('已发出邀请，工人接受后就算接单');
      void client.invalidateQueries({ queryKey: ['gigs', 'takers', gig.id] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <QueryState query={workers} isEmpty={(d) => d.items.length === 0} empty="附近暂时没有这天有空的工人">
      {(d) => (
        <ul className="gig-list" aria-label="附近可用工人" style={{ marginTop: 8 }}>
          {d.items.map((w) => (
            <li key={w.workerUserId} className="panel" style={{ marginBottom: 8 }}>
              <b>{w.name || '工人'}</b>
              <span className="muted">
                {' '}
                · 相距约 {w.distanceKm} 公里 · {w.trades.join('、')}
                {w.expectedPayFen != null && w.payUnit
                  ? ` · 期望 ${payText(w.expectedPayFen, w.payUnit)}`
                  : ''}
                {w.completedGigs > 0 ? ` · 完成 ${w.completedGigs} 次` : ''}
                {w.stars > 0 ? ` · ${w.stars.toFixed(1)} 星` : ''}
              </span>
              <div>
                <Button
                  style={{ marginTop: 6 }}
                  loading={invite.isPending && invite.variables === w.workerUserId}
                  onClick={() => invite.mutate(w.workerUserId)}
                >
                  邀请
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
