import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { QueryState } from '../../ui/states';
import { dateText, yuan } from '../../ui/format';
import { useTermOptions } from '../../ui/vocab';
import { failure } from './feedback';

type S = components['schemas'];
type Post = S['JobPostView'];
type Intern = S['InternView'];
type Outcome = S['EndInternDto']['outcome'];

interface DetailsForm {
  durationMonths?: number;
  stipendYuan?: number;
  places?: number;
  mentor?: string;
}

const internsKey = (postId: string) => ['employer', 'interns', postId];

/**
 * 见习 on an internship post (用工形式 见习): its details (duration 3–12 months, monthly stipend,
 * places, mentor) and its interns from acceptance to their outcome.
 */
export function InternshipPanel({ post }: { post: Post }) {
  const [form] = Form.useForm<DetailsForm>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const details = useQuery({
    queryKey: ['internship-details', post.id],
    queryFn: () =>
      ok(api.GET('/api/v1/internships/posts/{id}/details', { params: { path: { id: post.id } } })),
    retry: false,
  });
  const save = useMutation({
    mutationFn: (v: DetailsForm) =>
      ok(
        api.PUT('/api/v1/internships/posts/{id}/details', {
          params: { path: { id: post.id } },
          body: {
            durationMonths: v.durationMonths!,
            stipendFen: Math.round((v.stipendYuan ?? 0) * 100),
            places: v.places!,
            mentor: v.mentor?.trim() || undefined,
          },
        }),
      ),
    onSuccess: () => {
      void message.success('见习信息已保存');
      void client.invalidateQueries({ queryKey: ['internship-details', post.id] });
    },
    onError: (err) => failure(err, form),
  });
  const d = details.data;
  return (
    <section className="panel" aria-labelledby="internship-head">
      <h2 id="internship-head" style={{ fontSize: 20, margin: '0 0 8px' }}>
        见习信息
      </h2>
      {!details.isLoading && (
        <Form<DetailsForm>
          form={form}
          layout="vertical"
          initialValues={
            d
              ? {
                  durationMonths: d.durationMonths,
                  stipendYuan: d.stipendFen / 100,
                  places: d.places,
                  mentor: d.mentor ?? '',
                }
              : { durationMonths: 6, places: post.headcount }
          }
          onFinish={(v) => save.mutate(v)}
        >
          <Space wrap size={12}>
            <Form.Item
              name="durationMonths"
              label="见习期限（月）"
              rules={[{ required: true, type: 'number', min: 3, max: 12, message: '见习期限为 3–12 个月' }]}
            >
              <InputNumber min={3} max={12} precision={0} />
            </Form.Item>
            <Form.Item
              name="stipendYuan"
              label="每月见习生活补助（元）"
              rules={[{ required: true, type: 'number', min: 0, message: '请填写补助金额，不能小于 0' }]}
            >
              <InputNumber min={0} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="places"
              label="见习名额"
              rules={[{ required: true, type: 'number', min: 1, message: '至少 1 个名额' }]}
            >
              <InputNumber min={1} max={500} precision={0} />
            </Form.Item>
            <Form.Item name="mentor" label="带教老师" rules={[{ max: 100, message: '最多 100 个字' }]}>
              <Input placeholder="例如：王护士长" />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存见习信息
          </Button>
          {d && (
            <span className="muted" style={{ marginLeft: 12 }}>
              当前：{d.durationMonths} 个月，每月 {yuan(d.stipendFen)}，{d.places} 个名额
            </span>
          )}
        </Form>
      )}
      <Interns postId={post.id} />
    </section>
  );
}

/** 录取为见习生: an open application to the internship post becomes an intern. */
export function AcceptInternButton({
  applicationId,
  name,
  postId,
}: {
  applicationId: string;
  name: string;
  postId: string;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const accept = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/internships/interns', { body: { applicationId } })),
    onSuccess: () => {
      void message.success(`已录取 ${name} 为见习生`);
      void client.invalidateQueries({ queryKey: internsKey(postId) });
    },
    onError: (err) => failure(err),
  });
  return (
    <Button onClick={() => accept.mutate()} loading={accept.isPending} aria-label={`录取为见习生：${name}`}>
      录取为见习生
    </Button>
  );
}

function Interns({ postId }: { postId: string }) {
  const interns = useQuery({
    queryKey: internsKey(postId),
    queryFn: () =>
      ok(api.GET('/api/v1/internships/interns', { params: { query: { jobPostId: postId, limit: 100 } } })),
  });
  const [acting, setActing] = useState<{ intern: Intern; step: 'start' | 'end' } | null>(null);
  return (
    <>
      <h3 style={{ fontSize: 18, marginTop: 16 }}>见习生</h3>
      <QueryState
        query={interns}
        isEmpty={(d) => d.items.length === 0}
        empty="还没有录取见习生（在下方应聘记录中录取）"
      >
        {(d) => (
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {d.items.map((i) => (
              <Card key={i.id} size="small" title={i.seekerDisplayName} extra={<Tag>{i.statusName}</Tag>}>
                <div className="job-meta">
                  {i.startDate && <span>开始 {dateText(i.startDate)}</span>}
                  {i.endDate && <span>结束 {dateText(i.endDate)}</span>}
                  {i.outcomeName && <span>去向：{i.outcomeName}</span>}
                  {i.outcomeNote && <span>{i.outcomeNote}</span>}
                </div>
                {i.status !== 'ended' && (
                  <div className="row-actions" style={{ marginTop: 8 }}>
                    {i.status === 'accepted' ? (
                      <Button type="primary" onClick={() => setActing({ intern: i, step: 'start' })}>
                        登记开始见习
                      </Button>
                    ) : (
                      <Button type="primary" onClick={() => setActing({ intern: i, step: 'end' })}>
                        登记见习结束
                      </Button>
                    )}
                  </div>
                )}
              </Card>
            ))}
          </Space>
        )}
      </QueryState>
      {acting && <InternStepModal postId={postId} {...acting} onClose={() => setActing(null)} />}
    </>
  );
}

function InternStepModal({
  postId,
  intern,
  step,
  onClose,
}: {
  postId: string;
  intern: Intern;
  step: 'start' | 'end';
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ date?: Dayjs; outcome?: Outcome; note?: string }>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const outcomes = useTermOptions('internOutcomes');
  const act = useMutation({
    mutationFn: (v: { date?: Dayjs; outcome?: Outcome; note?: string }) => {
      const date = v.date!.format('YYYY-MM-DD');
      return step === 'start'
        ? ok(
            api.POST('/api/v1/internships/interns/{id}/start', {
              params: { path: { id: intern.id } },
              body: { startDate: date },
            }),
          )
        : ok(
            api.POST('/api/v1/internships/interns/{id}/end', {
              params: { path: { id: intern.id } },
              body: { endDate: date, outcome: v.outcome!, note: v.note?.trim() || undefined },
            }),
          );
    },
    onSuccess: () => {
      void message.success(step === 'start' ? '已登记开始见习' : '已登记见习结束');
      void client.invalidateQueries({ queryKey: internsKey(postId) });
      onClose();
    },
    onError: (err) => failure(err, form),
  });
  return (
    <Modal
      open
      title={`${step === 'start' ? '开始见习' : '见习结束'}：${intern.seekerDisplayName}`}
      okText="确定"
      cancelText="取消"
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
        <Form.Item
          name="date"
          label={step === 'start' ? '开始日期' : '结束日期'}
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {step === 'end' && (
          <>
            <Form.Item name="outcome" label="见习去向" rules={[{ required: true, message: '请选择去向' }]}>
              <Select options={outcomes} placeholder="请选择" />
            </Form.Item>
            <Form.Item name="note" label="备注" rules={[{ max: 500, message: '最多 500 个字' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
