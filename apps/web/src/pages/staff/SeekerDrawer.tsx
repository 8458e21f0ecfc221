import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { dateText, dateTimeText, yuan } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { ReasonModal, useReader, useStaffUsers, useTerm } from './parts';

type Seeker = components['schemas']['SeekerProfileView'];
/**
 * A seeker's certificates as the API really answers them ({name, level, date}). The generated
 * schema names two different classes `CertificateView` and types these as the skill-certificate
 * record; the request DTO has the true shape.
 */
type SeekerCertificate = components['schemas']['CertificateDto'];

/** One seeker: profile facts, 一对一帮扶 notes, and the audited reveal of the ID number. */
export function SeekerDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const query = useQuery({
    queryKey: ['staff', 'seeker', id],
    queryFn: () => ok(api.GET('/api/v1/seekers/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
  return (
    <Drawer open={!!id} onClose={onClose} title="求职者详情" size={640} destroyOnHidden>
      <QueryState query={query}>
        {(s) => (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Profile seeker={s} />
            <Notes seekerId={s.id} />
          </Space>
        )}
      </QueryState>
    </Drawer>
  );
}

function Profile({ seeker: s }: { seeker: Seeker }) {
  const term = useTerm();
  const { users } = useStaffUsers();
  const certificates = s.certificates as unknown as SeekerCertificate[];
  const helper = s.assistedBy
    ? (users.find((u) => u.id === s.assistedBy)?.displayName ?? '已指定')
    : '未指定';
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      items={[
        { key: 'name', label: '姓名', children: s.person.displayName },
        { key: 'login', label: '登录账号', children: s.person.login },
        { key: 'mobile', label: '手机号码', children: s.person.mobile ?? '—' },
        { key: 'id', label: '身份证号码', children: <IdNumber seeker={s} /> },
        { key: 'township', label: '户籍/居住乡镇', children: term('townships', s.townshipCode) },
        { key: 'household', label: '户号', children: s.householdCode ?? '—' },
        { key: 'education', label: '文化程度', children: term('educationLevels', s.education) },
        { key: 'want', label: '求职意向', children: s.desiredOccupations.join('、') || '—' },
        { key: 'skills', label: '技能', children: s.skills.join('、') || '—' },
        {
          key: 'certs',
          label: '职业技能证书',
          children: certificates.length
            ? certificates.map((c, i) => (
                <div key={i}>
                  {c.name}
                  {c.level ? `（${term('certificateLevels', c.level)}）` : ''}
                  {c.date ? ` ${dateText(c.date)}` : ''}
                </div>
              ))
            : '—',
        },
        { key: 'wage', label: '期望月薪', children: yuan(s.wageExpectationFen) },
        {
          key: 'avail',
          label: '到岗时间',
          children: `${term('availabilities', s.availability)}${s.availableFrom ? `（${dateText(s.availableFrom)} 起）` : ''}`,
        },
        {
          key: 'groups',
          label: '人员类别',
          children: s.groups.length ? (
            <Space wrap size={4}>
              {s.groups.map((g) => (
                <Tag key={g}>{term('personGroups', g)}</Tag>
              ))}
            </Space>
          ) : (
            '—'
          ),
        },
        { key: 'unemployed', label: '失业登记日期', children: dateText(s.registeredUnemployedSince) },
        {
          key: 'uim',
          label: '失业保险缴费月数',
          children: s.unemploymentInsuranceMonths === null ? '—' : `${s.unemploymentInsuranceMonths} 个月`,
        },
        {
          key: 'grad',
          label: '毕业信息',
          children: s.graduation
            ? `${dateText(s.graduation.date)} ${s.graduation.province} ${term('graduationLevels', s.graduation.level)}${s.graduation.fullTime ? '（全日制）' : ''}`
            : '—',
        },
        {
          key: 'consent',
          label: '允许单位查找',
          children: s.searchableByEmployers ? '是' : '否',
        },
        { key: 'helper', label: '帮扶责任人', children: helper },
        { key: 'created', label: '登记时间', children: dateTimeText(s.createdAt) },
        { key: 'updated', label: '更新时间', children: dateTimeText(s.updatedAt) },
      ]}
    />
  );
}

/** The masked number, and for staff a button that asks why, reveals it once and is audited. */
function IdNumber({ seeker }: { seeker: Seeker }) {
  const { isStaff } = useReader();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const reveal = useMutation({
    mutationFn: (reason: string) =>
      ok(
        api.POST('/api/v1/users/{id}/reveal-id-number', {
          params: { path: { id: seeker.id } },
          body: { reason },
        }),
      ),
    // The plain number is kept nowhere once the dialog closes.
    gcTime: 0,
    onSuccess: () => {
      setAsking(false);
      void client.invalidateQueries({ queryKey: ['staff', 'audit'] });
    },
  });
  if (!seeker.person.idNumber) return <>未登记</>;
  return (
    <Space wrap>
      <span>{seeker.person.idNumber}</span>
      {isStaff && (
        <Button onClick={() => setAsking(true)} aria-label={`查看${seeker.person.displayName}的完整身份证号`}>
          查看完整号码
        </Button>
      )}
      <ReasonModal
        open={asking}
        title="查看完整身份证号"
        label="查看原因"
        min={4}
        placeholder="例如：核对补贴申请材料"
        okText="查看"
        intro={
          <Alert
            type="warning"
            showIcon
            title="每次查看都会连同原因记入审计日志。"
            style={{ marginBottom: 12 }}
          />
        }
        onCancel={() => setAsking(false)}
        onSubmit={(reason) => reveal.mutateAsync(reason)}
      />
      <Modal
        open={!!reveal.data}
        title={`${seeker.person.displayName}的身份证号`}
        footer={
          <Button type="primary" onClick={() => reveal.reset()}>
            关闭
          </Button>
        }
        onCancel={() => reveal.reset()}
        destroyOnHidden
      >
        <Typography.Paragraph style={{ fontSize: 22, letterSpacing: 1 }} aria-live="polite">
          {reveal.data?.idNumber}
        </Typography.Paragraph>
        <p className="muted">号码只显示这一次，关闭后不再保留；如需再次查看请重新填写原因。</p>
      </Modal>
    </Space>
  );
}

function Notes({ seekerId }: { seekerId: string }) {
  const { isStaff } = useReader();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const key = ['staff', 'seeker-notes', seekerId];
  const notes = useQuery({
    queryKey: key,
    queryFn: () =>
      ok(api.GET('/api/v1/seekers/{id}/assistance-notes', { params: { path: { id: seekerId } } })),
  });
  const add = useMutation({
    mutationFn: (note: string) =>
      ok(
        api.POST('/api/v1/seekers/{id}/assistance-notes', {
          params: { path: { id: seekerId } },
          body: { note },
        }),
      ),
    onSuccess: () => {
      void message.success('帮扶记录已保存');
      form.resetFields();
      void client.invalidateQueries({ queryKey: key });
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <section aria-labelledby="notes-title">
      <h3 id="notes-title" style={{ fontSize: 18, margin: '0 0 12px' }}>
        帮扶记录
      </h3>
      {isStaff && (
        <Form form={form} layout="vertical" onFinish={({ note }) => add.mutate(note.trim())}>
          <Form.Item
            name="note"
            label="新增帮扶记录"
            rules={[
              { required: true, whitespace: true, message: '请填写帮扶内容' },
              { max: 2000, message: '最多 2000 个字' },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={2000}
              showCount
              placeholder="例如：推荐至晋南机械电焊岗位，约定下周二面试"
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              保存记录
            </Button>
          </Form.Item>
        </Form>
      )}
      <QueryState query={notes} isEmpty={(d) => d.length === 0} empty="还没有帮扶记录">
        {(d) => (
          <Timeline
            items={d.map((n) => ({
              key: n.id,
              content: (
                <div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{n.note}</div>
                  <div className="muted" style={{ fontSize: 14 }}>
                    {n.authorName} · {dateTimeText(n.createdAt)}
                  </div>
                </div>
              ),
            }))}
          />
        )}
      </QueryState>
    </section>
  );
}
