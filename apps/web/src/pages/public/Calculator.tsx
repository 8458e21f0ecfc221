import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  Tag,
} from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components, operations } from '../../api/schema';
import { Page } from '../../ui/Layout';
import { showApiError } from '../../ui/forms';
import { yuan } from '../../ui/format';
import { useTermName, useTermOptions } from '../../ui/vocab';

type Situation = Extract<
  operations['PolicyCalculatorController_evaluate']['requestBody']['content']['application/json'],
  { asOf?: string }
>;
type Decision = components['schemas']['EngineDecisionView'];
type Case = 'hire' | 'certificate' | 'business';
const PER: Record<Decision['per'], string> = { once: '一次性', month: '每月', year: '每年' };

interface Values {
  birthDate?: Dayjs;
  groups?: NonNullable<Situation['person']>['groups'];
  graduationDate?: Dayjs;
  graduationLevel?: 'university' | 'secondary-vocational';
  registeredUnemployedSince?: Dayjs;
  unemploymentInsuranceMonths?: number;
  employerSize?: 'large' | 'medium' | 'small' | 'micro';
  startDate?: Dayjs;
  contractEndDate?: Dayjs;
  location?: 'county' | 'province' | 'outside';
  postKind?: 'regular' | 'public-welfare' | 'public-welfare-community';
  socialInsuranceYuan?: number;
  agencyKind?: 'hr-firm' | 'training' | 'domestic-service' | 'broker';
  certificateLevel?: 'junior' | 'intermediate' | 'senior';
  certificateDate?: Dayjs;
  licensedOn?: Dayjs;
  businessKind?: 'micro-enterprise' | 'small-enterprise' | 'individual';
  employees?: number;
  paysTax?: boolean;
  paysSocialInsurance?: boolean;
}

const LOCATIONS = {
  county: { province: '山西省', city: '运城市', county: '稷山县' },
  province: { province: '山西省', city: '太原市' },
  outside: { province: '江苏省', city: '苏州市' },
};

const iso = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Builds the engine's situation from the form: only the sections the chosen case needs. */
export function situationOf(kind: Case, v: Values): Situation {
  const person: Situation['person'] = {
    birthDate: iso(v.birthDate),
    groups: v.groups?.length ? v.groups : undefined,
    graduation:
      v.graduationDate && v.graduationLevel
        ? { date: iso(v.graduationDate)!, level: v.graduationLevel, province: '山西省', fullTime: true }
        : undefined,
    registeredUnemployedSince: iso(v.registeredUnemployedSince),
    unemploymentInsuranceMonths: v.unemploymentInsuranceMonths ?? undefined,
  };
  if (kind === 'hire')
    return {
      person,
      employer: v.employerSize ? { size: v.employerSize } : undefined,
      hire: {
        startDate: iso(v.startDate)!,
        contractEndDate: iso(v.contractEndDate),
        jobLocation: LOCATIONS[v.location ?? 'county'],
        postKind: v.postKind ?? 'regular',
        employerSocialInsuranceMonthlyFen: v.socialInsuranceYuan
          ? Math.round(v.socialInsuranceYuan * 100)
          : undefined,
        referral: v.agencyKind ? { agencyKind: v.agencyKind, free: true } : undefined,
      },
    };
  if (kind === 'certificate')
    return { person, certificate: { level: v.certificateLevel ?? 'junior', date: iso(v.certificateDate)! } };
  return {
    asOf: iso(v.licensedOn?.add(1, 'year')),
    person,
    business: {
      licensedOn: iso(v.licensedOn)!,
      kind: v.businessKind,
      firstBusiness: true,
      employees: v.employees ?? 0,
      paysTax: v.paysTax ?? false,
      paysSocialInsurance: v.paysSocialInsurance ?? false,
    },
  };
}

/** 政策计算器: a form that builds a situation, and every decision with its amount and reasons. */
export default function Calculator() {
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<Case>('hire');
  const groups = useTermOptions('personGroups');
  const sizes = useTermOptions('employerSizes');
  const postKinds = useTermOptions('postKinds');
  const agencyKinds = useTermOptions('agencyKinds');
  const levels = useTermOptions('certificateLevels');
  const businessKinds = useTermOptions('businessKinds');
  const graduationLevels = useTermOptions('graduationLevels');
  const term = useTermName();
  const evaluate = useMutation({
    mutationFn: (v: Values) => ok(api.POST('/api/v1/subsidies/evaluate', { body: situationOf(kind, v) })),
    onError: (err) => showApiError(err, form),
  });
  const result = evaluate.data && !Array.isArray(evaluate.data) ? evaluate.data : undefined;
  const eligible = result?.decisions.filter((d) => d.eligible) ?? [];
  const refused = result?.decisions.filter((d) => !d.eligible) ?? [];
  const date = (name: keyof Values, label: string, required = false) => (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, message: `请选择${label}` }] : []}
    >
      <DatePicker style={{ width: '100%' }} placeholder="选择日期" aria-label={label} />
    </Form.Item>
  );

  return (
    <Page title="政策计算器">
      <p className="muted">
        按照《稷山县2023年就业创业工作实施方案》，填写情况后即可看到能享受哪些补贴、金额多少、依据哪一条。结果仅供参考，以审核为准。
      </p>
      <div className="panel">
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => evaluate.mutate(v)}
          initialValues={{ location: 'county', postKind: 'regular' }}
        >
          <Form.Item label="想了解哪种情况">
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as Case)}
              optionType="button"
              buttonStyle="solid"
            >
              <Radio.Button value="hire">就业（单位招用）</Radio.Button>
              <Radio.Button value="certificate">取得技能证书</Radio.Button>
              <Radio.Button value="business">自主创业</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <h2 style={{ fontSize: 18 }}>本人情况</h2>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              {date('birthDate', '出生日期', true)}
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="registeredUnemployedSince" label="失业登记日期（如有）">
                <DatePicker style={{ width: '100%' }} placeholder="选择日期" aria-label="失业登记日期" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="groups" label="人员类别（可多选）">
            <Checkbox.Group options={groups} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              {date('graduationDate', '毕业日期（如是毕业生）')}
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="graduationLevel" label="毕业院校类型">
                <Select allowClear placeholder="请选择" options={graduationLevels} />
              </Form.Item>
            </Col>
          </Row>
          {kind !== 'business' && (
            <Form.Item name="unemploymentInsuranceMonths" label="失业保险累计缴费月数（如有）">
              <InputNumber min={0} max={600} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {kind === 'hire' && (
            <>
              <h2 style={{ fontSize: 18 }}>就业情况</h2>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  {date('startDate', '入职日期', true)}
                </Col>
                <Col xs={24} sm={12}>
                  {date('contractEndDate', '劳动合同到期日')}
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="employerSize" label="单位规模">
                    <Select allowClear placeholder="请选择" options={sizes} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="location" label="工作地点">
                    <Select
                      options={[
                        { value: 'county', label: '稷山县内' },
                        { value: 'province', label: '山西省内其他县市' },
                        { value: 'outside', label: '山西省外' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="postKind" label="岗位类型">
                    <Select options={postKinds} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="socialInsuranceYuan" label="单位每月缴纳社保（元）">
                    <InputNumber min={0} max={100000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="agencyKind" label="经哪类机构介绍就业（如有）">
                    <Select allowClear placeholder="没有" options={agencyKinds} />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
          {kind === 'certificate' && (
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="certificateLevel"
                  label="证书等级"
                  rules={[{ required: true, message: '请选择证书等级' }]}
                >
                  <Select options={levels} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                {date('certificateDate', '发证日期', true)}
              </Col>
            </Row>
          )}
          {kind === 'business' && (
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                {date('licensedOn', '营业执照登记日期', true)}
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="businessKind" label="经营主体类型">
                  <Select allowClear placeholder="请选择" options={businessKinds} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="employees" label="带动就业人数">
                  <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="paysTax" label="正常纳税" valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="paysSocialInsurance" label="缴纳社保" valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Button type="primary" htmlType="submit" size="large" loading={evaluate.isPending}>
            计算可享受的政策
          </Button>
        </Form>
      </div>
      {result && (
        <section aria-label="计算结果">
          <h2 style={{ fontSize: 20 }}>可以享受（{eligible.length} 项）</h2>
          {eligible.length === 0 && (
            <Alert
              type="info"
              showIcon
              title="按所填情况，暂无可享受的补贴。下面列出了每项政策未满足的条件。"
            />
          )}
          {eligible.map((d) => (
            <DecisionCard key={d.measure} d={d} who={term('beneficiaryKinds', d.beneficiary)} />
          ))}
          <h2 style={{ fontSize: 20, marginTop: 24 }}>暂不符合（{refused.length} 项）</h2>
          {refused.map((d) => (
            <DecisionCard key={d.measure} d={d} who={term('beneficiaryKinds', d.beneficiary)} />
          ))}
        </section>
      )}
    </Page>
  );
}

function DecisionCard({ d, who }: { d: Decision; who: string }) {
  return (
    <article className="job-card" aria-label={d.name}>
      <h3 style={{ fontSize: 18, margin: 0 }}>
        {d.name} <span className="muted">（第{d.clause}条）</span>{' '}
        {d.eligible ? <Tag color="green">可享受</Tag> : <Tag color="default">不符合</Tag>}
      </h3>
      {d.eligible && (
        <p style={{ margin: '4px 0' }}>
          <span className="wage">
            {d.amountFen === null ? '金额待定' : `${PER[d.per]} ${yuan(d.amountFen)}`}
            {d.maxPeriods && d.per !== 'once'
              ? `，最长 ${d.maxPeriods} ${d.per === 'month' ? '个月' : '年'}`
              : ''}
          </span>
          {who && <span className="muted">　发给：{who}</span>}
          {d.advance && <span className="muted">　（现可先领一部分）</span>}
        </p>
      )}
      <ul className="reasons">
        {d.reasons.map((r) => (
          <li key={r.code} style={{ color: r.ok ? '#1f7a3a' : '#a61d24' }}>
            {r.ok ? '✓ ' : '✗ '}
            {r.text}
          </li>
        ))}
      </ul>
    </article>
  );
}
