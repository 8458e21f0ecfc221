import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import type { PostKind } from './dict';
import {
  AgencySelect,
  EnterpriseSelect,
  isoDate,
  SeekerSelect,
  toFen,
  TownshipSelect,
  useIdempotencyKey,
  useTerm,
  useTermSelect,
} from './parts';

type Body = components['schemas']['RecordPlacementDto'];

type Values = Omit<Body, 'startDate' | 'contractEndDate' | 'employerSocialInsuranceMonthlyFen'> & {
  startDate: Dayjs;
  contractEndDate?: Dayjs;
  /** 元 per month in the form; fen for the API. */
  employerSocialInsuranceMonthlyFen?: number;
  /** Not sent: where the work is, when no post gives the place. */
  placeMode: 'county' | 'outside';
};

function bodyOf(v: Values): Body {
  const fromPost = !!v.jobPostId;
  const county = !fromPost && v.placeMode === 'county';
  const outside = !fromPost && v.placeMode === 'outside';
  return {
    employerOrganisationId: v.employerOrganisationId,
    seekerUserId: v.seekerUserId,
    jobPostId: v.jobPostId || undefined,
    startDate: isoDate(v.startDate)!,
    contractEndDate: isoDate(v.contractEndDate),
    townshipCode: county ? v.townshipCode : undefined,
    outsideProvince: outside ? v.outsideProvince?.trim() : undefined,
    outsideCity: outside ? v.outsideCity?.trim() || undefined : undefined,
    outsideCounty: outside ? v.outsideCounty?.trim() || undefined : undefined,
    postKind: v.postKind ?? 'regular',
    employerSocialInsuranceMonthlyFen: toFen(v.employerSocialInsuranceMonthlyFen),
    referringAgencyId: v.referringAgencyId || undefined,
    referralFree: v.referringAgencyId ? !!v.referralFree : false,
    organisedExportTripId: v.organisedExportTripId?.trim() || undefined,
  };
}

/** 就业登记 (POST /api/v1/placements): a hire made outside an application (fairs, agencies, walk-ins). */
export function PlacementForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const term = useTerm();
  const [form] = Form.useForm<Values>();
  const employerId = Form.useWatch('employerOrganisationId', form);
  const jobPostId = Form.useWatch('jobPostId', form);
  const placeMode = Form.useWatch('placeMode', form);
  const agencyId = Form.useWatch('referringAgencyId', form);
  const postKindOptions = useTermSelect<PostKind>('postKinds');
  const idem = useIdempotencyKey();

  const posts = useQuery({
    queryKey: ['staff', 'job-post-options', employerId],
    queryFn: () =>
      ok(api.GET('/api/v1/job-posts', { params: { query: { employerId: employerId!, limit: 100 } } })),
    enabled: !!employerId,
  });

  const record = useMutation({
    mutationFn: (body: Body) => ok(api.POST('/api/v1/placements', { body, headers: idem.headers })),
    onSuccess: (p) => {
      void message.success(`已登记「${p.seekerDisplayName}」在「${p.employerName}」就业，补贴将自动测算`);
      void client.invalidateQueries({ queryKey: ['staff', 'placements'] });
      void client.invalidateQueries({ queryKey: ['staff', 'audit'] });
      idem.renew();
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      idem.afterError(err);
      showApiError(err, form);
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="就业登记"
      size={720}
      footer={
        <div className="row-actions" style={{ justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={record.isPending} onClick={() => form.submit()}>
            提交登记
          </Button>
        </div>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ postKind: 'regular', placeMode: 'county', referralFree: false }}
        onFinish={(v) => record.mutate(bodyOf(v))}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="seekerUserId"
              label="求职者"
              rules={[{ required: true, message: '请选择求职者' }]}
            >
              <SeekerSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="employerOrganisationId"
              label="用人单位"
              rules={[{ required: true, message: '请选择用人单位' }]}
            >
              <EnterpriseSelect onChange={() => form.setFieldValue('jobPostId', undefined)} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="jobPostId" label="招聘岗位" extra="选填；选择岗位后，工作地点以岗位为准">
              <Select
                allowClear
                disabled={!employerId}
                placeholder={employerId ? '选择该单位的岗位' : '请先选择用人单位'}
                loading={posts.isFetching}
                options={(posts.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.title}（${p.placeText}，${term('jobPostStatuses', p.status)}）`,
                }))}
                notFoundContent={posts.isError ? '加载失败，请重试' : '该单位暂无岗位'}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="startDate"
              label="入职日期"
              rules={[{ required: true, message: '请选择入职日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contractEndDate"
              label="劳动合同截止日期"
              extra="不填表示无固定期限合同"
              dependencies={['startDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value?: Dayjs) => {
                    const start = getFieldValue('startDate') as Dayjs | undefined;
                    return !value || !start || value.isAfter(start)
                      ? Promise.resolve()
                      : Promise.reject(new Error('合同截止日期应晚于入职日期'));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {!jobPostId && (
            <>
              <Col xs={24}>
                <Form.Item name="placeMode" label="工作地点">
                  <Radio.Group
                    options={[
                      { value: 'county', label: '县内' },
                      { value: 'outside', label: '县外（劳务输出）' },
                    ]}
                  />
                </Form.Item>
              </Col>
              {placeMode === 'outside' ? (
                <>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="outsideProvince"
                      label="省份"
                      rules={[
                        { required: true, whitespace: true, message: '请填写省份' },
                        { min: 2, max: 50, message: '2–50 个字' },
                      ]}
                    >
                      <Input placeholder="例如：江苏省" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="outsideCity"
                      label="城市"
                      rules={[{ min: 2, max: 50, message: '2–50 个字' }]}
                    >
                      <Input placeholder="例如：苏州市" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="outsideCounty"
                      label="区县"
                      rules={[{ min: 2, max: 50, message: '2–50 个字' }]}
                    >
                      <Input placeholder="例如：昆山市" />
                    </Form.Item>
                  </Col>
                </>
              ) : (
                <Col xs={24} md={12}>
                  <Form.Item
                    name="townshipCode"
                    label="工作所在乡镇"
                    rules={[{ required: true, message: '请选择乡镇' }]}
                  >
                    <TownshipSelect />
                  </Form.Item>
                </Col>
              )}
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="postKind"
              label="岗位类别"
              rules={[{ required: true, message: '请选择岗位类别' }]}
            >
              <Select options={postKindOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="employerSocialInsuranceMonthlyFen"
              label="单位每月缴纳社保（元）"
              extra="用于测算社保补贴，选填"
            >
              <InputNumber min={0} max={1_000_000} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="referringAgencyId" label="推荐就业的服务机构" extra="选填">
              <AgencySelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="referralFree" label="免费职业介绍" valuePropName="checked">
              <Checkbox disabled={!agencyId}>该机构为本人免费介绍</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="organisedExportTripId"
              label="有组织劳务输出批次"
              extra="选填，属于组织劳务输出时填写批次编号"
              rules={[{ max: 100, message: '最多 100 个字' }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
