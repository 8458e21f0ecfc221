import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { QueryState } from '../../ui/states';
import { useTermOptions } from '../../ui/vocab';

type Profile = components['schemas']['SeekerProfileView'];
type Body = components['schemas']['PutMySeekerProfileDto'];

interface Values extends Omit<
  Body,
  'availableFrom' | 'registeredUnemployedSince' | 'wageExpectationFen' | 'graduation'
> {
  availableFrom?: Dayjs | null;
  registeredUnemployedSince?: Dayjs | null;
  wageYuan?: number | null;
  graduationDate?: Dayjs | null;
  graduationLevel?: 'university' | 'secondary-vocational';
  graduationProvince?: string;
  graduationFullTime?: boolean;
}

const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function valuesOf(p: Profile): Values {
  return {
    desiredOccupations: p.desiredOccupations,
    skills: p.skills,
    education: p.education,
    townshipCode: p.townshipCode,
    wageYuan: p.wageExpectationFen === null ? null : p.wageExpectationFen / 100,
    availability: p.availability,
    availableFrom: day(p.availableFrom),
    registeredUnemployedSince: day(p.registeredUnemployedSince),
    householdCode: p.householdCode,
    unemploymentInsuranceMonths: p.unemploymentInsuranceMonths,
    groups: p.groups,
    graduationDate: day(p.graduation?.date),
    graduationLevel: p.graduation?.level,
    graduationProvince: p.graduation?.province,
    graduationFullTime: p.graduation?.fullTime ?? true,
    certificates: p.certificates.map((c) => ({ name: c.name, level: c.level ?? null, date: c.date ?? null })),
  };
}

function bodyOf(v: Values): Body {
  return {
    certificates: (v.certificates ?? []).filter((c) => c?.name?.trim()),
    desiredOccupations: v.desiredOccupations ?? [],
    skills: v.skills ?? [],
    education: v.education ?? null,
    townshipCode: v.townshipCode,
    wageExpectationFen: v.wageYuan === null || v.wageYuan === undefined ? null : Math.round(v.wageYuan * 100),
    availability: v.availability,
    availableFrom: v.availability === 'later' ? iso(v.availableFrom) : null,
    registeredUnemployedSince: iso(v.registeredUnemployedSince),
    householdCode: v.householdCode?.trim() || null,
    unemploymentInsuranceMonths: v.unemploymentInsuranceMonths ?? null,
    groups: v.groups ?? [],
    graduation:
      v.graduationDate && v.graduationLevel
        ? {
            date: iso(v.graduationDate)!,
            level: v.graduationLevel,
            province: v.graduationProvince || '山西省',
            fullTime: v.graduationFullTime ?? true,
          }
        : null,
  };
}

/** 求职登记: what the seeker wants, and the facts that decide entitlements; the consent switch. */
export default function SeekerProfile() {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const townships = useTermOptions('townships');
  const education = useTermOptions('educationLevels');
  const availabilities = useTermOptions('availabilities');
  const groups = useTermOptions('personGroups');
  const levels = useTermOptions('certificateLevels');
  const graduationLevels = useTermOptions('graduationLevels');
  const profile = useQuery({
    queryKey: ['seeker', 'profile'],
    queryFn: async () => {
      try {
        return await ok(api.GET('/api/v1/seekers/me'));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
  useEffect(() => {
    if (profile.data) form.setFieldsValue(valuesOf(profile.data));
  }, [profile.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) => ok(api.PUT('/api/v1/seekers/me', { body: bodyOf(v) })),
    onSuccess: (p) => {
      client.setQueryData(['seeker', 'profile'], p);
      void client.invalidateQueries({ queryKey: ['seeker', 'matches'] });
      void message.success('求职登记已保存');
    },
    onError: (err) => showApiError(err, form),
  });
  const consent = useMutation({
    mutationFn: (on: boolean) =>
      ok(api.PATCH('/api/v1/seekers/me/consent', { body: { searchableByEmployers: on } })),
    onSuccess: (p) => {
      client.setQueryData(['seeker', 'profile'], p);
      void message.success(
        p.searchableByEmployers ? '已公开求职意向，单位可以找到您' : '已关闭，单位将看不到您的求职意向',
      );
    },
    onError: (err) => showApiError(err),
  });
  const availability = Form.useWatch('availability', form);

  return (
    <QueryState query={profile}>
      {(p) => (
        <div className="panel">
          {!p && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="请先填写求职登记，平台会据此为您推荐岗位、核对补贴。"
            />
          )}
          {p && (
            <div
              style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}
            >
              <Switch
                checked={p.searchableByEmployers}
                loading={consent.isPending}
                onChange={(on) => consent.mutate(on)}
                aria-label="允许用人单位查找我的求职意向"
              />
              <span>允许用人单位查找我的求职意向（不显示姓名、身份证号和电话）</span>
            </div>
          )}
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => save.mutate(v)}
            initialValues={{ availability: 'immediately', graduationFullTime: true }}
          >
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="desiredOccupations"
                  label="想做的工作（工种）"
                  rules={[{ required: true, message: '请至少填写一个工种' }]}
                >
                  <Select
                    mode="tags"
                    placeholder="输入后按回车，如 焊工"
                    tokenSeparators={[',', '，', ' ']}
                    aria-label="想做的工作"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="skills" label="技能特长">
                  <Select
                    mode="tags"
                    placeholder="输入后按回车，如 氩弧焊"
                    tokenSeparators={[',', '，', ' ']}
                    aria-label="技能特长"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="townshipCode"
                  label="居住乡镇"
                  rules={[{ required: true, message: '请选择乡镇' }]}
                >
                  <Select options={townships} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="education" label="文化程度">
                  <Select allowClear options={education} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="wageYuan" label="期望月薪（元）">
                  <InputNumber min={0} max={1000000} step={500} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="availability"
                  label="到岗时间"
                  rules={[{ required: true, message: '请选择到岗时间' }]}
                >
                  <Select options={availabilities} />
                </Form.Item>
              </Col>
              {availability === 'later' && (
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="availableFrom"
                    label="可到岗日期"
                    rules={[{ required: true, message: '请选择日期' }]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
            </Row>
            <Form.List name="certificates">
              {(fields, { add, remove }) => (
                <Form.Item label="职业技能证书">
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} style={{ marginBottom: 8 }}>
                      <Col flex="auto">
                        <Form.Item
                          name={[f.name, 'name']}
                          noStyle
                          rules={[{ required: true, message: '请填写证书名称' }]}
                        >
                          <Input placeholder="证书名称，如 焊工" aria-label="证书名称" />
                        </Form.Item>
                      </Col>
                      <Col flex="120px">
                        <Form.Item name={[f.name, 'level']} noStyle>
                          <Select
                            allowClear
                            placeholder="等级"
                            options={levels}
                            aria-label="证书等级"
                            style={{ width: '100%' }}
                          />
                        </Form.Item>
                      </Col>
                      <Col>
                        <Button onClick={() => remove(f.name)}>删除</Button>
                      </Col>
                    </Row>
                  ))}
                  <Button onClick={() => add({ name: '' })}>添加证书</Button>
                </Form.Item>
              )}
            </Form.List>
            <h2 style={{ fontSize: 18 }}>享受政策需要的信息</h2>
            <Form.Item name="groups" label="人员类别（可多选）">
              <Checkbox.Group options={groups} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="registeredUnemployedSince" label="失业登记日期">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="unemploymentInsuranceMonths" label="失业保险累计缴费月数">
                  <InputNumber min={0} max={600} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="householdCode"
                  label="户号"
                  extra="同一家庭成员填写相同户号，用于零就业家庭帮扶"
                  rules={[{ max: 40, message: '最多 40 个字' }]}
                >
                  <Input placeholder="选填，如户口簿上的户号" allowClear />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="graduationDate" label="毕业日期（毕业生填写）">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="graduationLevel" label="毕业院校类型">
                  <Select allowClear placeholder="请选择" options={graduationLevels} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="graduationProvince"
                  label="院校所在省份"
                  extra="留学回国的毕业生请填“境外”"
                  rules={[{ max: 20, message: '最多 20 个字' }]}
                >
                  <Input placeholder="例如：山西省" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
              保存求职登记
            </Button>
          </Form>
        </div>
      )}
    </QueryState>
  );
}
