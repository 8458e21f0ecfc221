import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { ID_NUMBER_PATTERN, showApiError } from '../../ui/forms';
import type { Availability, CertificateLevel, Education, GraduationLevel, PersonGroup } from './dict';
import { isoDate, toFen, TownshipSelect, useIdempotencyKey, useReader, useTermSelect } from './parts';

type Body = components['schemas']['RegisterSeekerByStaffDto'];

/** The form's values: the DTO's fields, with dates as pickers, money in 元 and a graduation switch. */
type Values = Omit<
  Body,
  'availableFrom' | 'registeredUnemployedSince' | 'graduation' | 'certificates' | 'wageExpectationFen'
> & {
  availableFrom?: Dayjs;
  registeredUnemployedSince?: Dayjs;
  wageExpectationFen?: number;
  hasGraduation?: boolean;
  graduation?: { date?: Dayjs; level?: GraduationLevel; province?: string; fullTime?: boolean };
  certificates?: { name: string; level?: CertificateLevel; date?: Dayjs }[];
};

function bodyOf(v: Values): Body {
  const g = v.graduation;
  return {
    login: v.login.trim(),
    password: v.password,
    displayName: v.displayName.trim(),
    mobile: v.mobile.trim(),
    idNumber: v.idNumber?.trim() || undefined,
    townshipCode: v.townshipCode,
    desiredOccupations: v.desiredOccupations?.length ? v.desiredOccupations : undefined,
    skills: v.skills?.length ? v.skills : undefined,
    certificates: v.certificates?.length
      ? v.certificates.map((c) => ({
          name: c.name.trim(),
          level: c.level ?? null,
          date: isoDate(c.date) ?? null,
        }))
      : undefined,
    education: v.education ?? undefined,
    wageExpectationFen: toFen(v.wageExpectationFen),
    availability: v.availability,
    availableFrom: v.availability === 'immediately' ? undefined : isoDate(v.availableFrom),
    graduation:
      v.hasGraduation && g?.date && g.level && g.province
        ? { date: isoDate(g.date)!, level: g.level, province: g.province.trim(), fullTime: !!g.fullTime }
        : undefined,
    registeredUnemployedSince: isoDate(v.registeredUnemployedSince),
    householdCode: v.householdCode?.trim() || undefined,
    unemploymentInsuranceMonths: v.unemploymentInsuranceMonths ?? undefined,
    groups: v.groups?.length ? v.groups : undefined,
  };
}

/** 代为求职登记 (POST /api/v1/seekers): the seeker's account and profile in one form. */
export function SeekerRegister({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { ownTownship } = useReader();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const availability = Form.useWatch('availability', form);
  const hasGraduation = Form.useWatch('hasGraduation', form);
  const educationOptions = useTermSelect<Education>('educationLevels');
  const availabilityOptions = useTermSelect<Availability>('availabilities');
  const graduationOptions = useTermSelect<GraduationLevel>('graduationLevels');
  const groupOptions = useTermSelect<PersonGroup>('personGroups');
  const levelOptions = useTermSelect<CertificateLevel>('certificateLevels');
  const idem = useIdempotencyKey();

  const register = useMutation({
    mutationFn: (body: Body) => ok(api.POST('/api/v1/seekers', { body, headers: idem.headers })),
    onSuccess: (s) => {
      void message.success(`已为「${s.person.displayName}」完成求职登记，请将账号和初始密码告知本人`);
      void client.invalidateQueries({ queryKey: ['staff', 'seekers'] });
      void client.invalidateQueries({ queryKey: ['staff', 'seeker-options'] });
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
      title="代为求职登记"
      size={720}
      footer={
        <div className="row-actions" style={{ justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={register.isPending} onClick={() => form.submit()}>
            提交登记
          </Button>
        </div>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          townshipCode: ownTownship ?? undefined,
          availability: 'immediately',
          hasGraduation: false,
        }}
        onFinish={(v) => register.mutate(bodyOf(v))}
        scrollToFirstError
      >
        <Divider titlePlacement="start">账号信息</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayName"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请填写姓名' },
                { max: 50, message: '姓名最多 50 个字' },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="mobile"
              label="手机号码"
              rules={[
                { required: true, message: '请填写手机号码' },
                { pattern: /^1[3-9]\d{9}$/, message: '请填写 11 位手机号码' },
              ]}
            >
              <Input inputMode="tel" autoComplete="off" maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="login"
              label="登录账号"
              extra="3–64 位字母、数字或 _ . @ -，例如姓名拼音"
              rules={[
                { required: true, message: '请填写登录账号' },
                { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: '账号为 3–64 位字母、数字或 _ . @ -' },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="password"
              label="初始密码"
              extra="交给本人，首次登录后请其修改"
              rules={[
                { required: true, message: '请设置初始密码' },
                { min: 8, max: 128, message: '密码长度为 8–128 位' },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="idNumber"
              label="身份证号码"
              extra="选填；加密保存，页面只显示部分号码"
              rules={[{ pattern: ID_NUMBER_PATTERN, message: '请填写 18 位身份证号码' }]}
            >
              <Input autoComplete="off" maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="townshipCode"
              label="户籍/居住乡镇"
              rules={[{ required: true, message: '请选择乡镇' }]}
            >
              <TownshipSelect disabled={!!ownTownship} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">求职意向</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="desiredOccupations" label="求职意向（工种）" extra="可填多个，输入后按回车">
              <Select
                mode="tags"
                placeholder="例如：焊工、电工"
                maxCount={10}
                tokenSeparators={['、', ',', '，']}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="skills" label="技能" extra="可填多个，输入后按回车">
              <Select
                mode="tags"
                placeholder="例如：氩弧焊"
                maxCount={30}
                tokenSeparators={['、', ',', '，']}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="education" label="文化程度">
              <Select allowClear placeholder="请选择" options={educationOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="wageExpectationFen" label="期望月薪（元）">
              <InputNumber
                min={0}
                max={1_000_000}
                precision={0}
                style={{ width: '100%' }}
                placeholder="例如：4500"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="availability"
              label="到岗时间"
              rules={[{ required: true, message: '请选择到岗时间' }]}
            >
              <Select options={availabilityOptions} />
            </Form.Item>
          </Col>
          {availability && availability !== 'immediately' && (
            <Col xs={24} md={12}>
              <Form.Item
                name="availableFrom"
                label="可到岗日期"
                rules={[{ required: availability === 'later', message: '请选择可到岗日期' }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>

        <Divider titlePlacement="start">职业技能证书</Divider>
        <Form.List name="certificates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={12} key={f.key} align="bottom">
                  <Col xs={24} md={9}>
                    <Form.Item
                      name={[f.name, 'name']}
                      label={`证书 ${i + 1} 名称`}
                      rules={[{ required: true, whitespace: true, message: '请填写证书名称' }]}
                    >
                      <Input placeholder="例如：焊工证" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[f.name, 'level']} label="等级">
                      <Select allowClear placeholder="请选择" options={levelOptions} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[f.name, 'date']} label="发证日期">
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={3}>
                    <Form.Item>
                      <Button danger onClick={() => remove(f.name)} aria-label={`删除证书 ${i + 1}`}>
                        删除
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button onClick={() => add({})} disabled={fields.length >= 20}>
                添加证书
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">就业援助信息</Divider>
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item name="groups" label="人员类别" extra="决定可享受的就业补贴">
              <Checkbox.Group options={groupOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="registeredUnemployedSince" label="失业登记日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unemploymentInsuranceMonths" label="失业保险缴费月数">
              <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="householdCode"
              label="户号"
              extra="同一家庭成员填写相同户号，用于零就业家庭帮扶"
              rules={[{ max: 40, message: '户号最多 40 个字' }]}
            >
              <Input autoComplete="off" placeholder="选填，如户口簿上的户号" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="hasGraduation" label="是否填写毕业信息" valuePropName="checked">
              <Switch checkedChildren="填写" unCheckedChildren="不填" />
            </Form.Item>
          </Col>
          {hasGraduation && (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['graduation', 'date']}
                  label="毕业时间"
                  rules={[{ required: true, message: '请选择毕业时间' }]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['graduation', 'level']}
                  label="毕业院校类别"
                  rules={[{ required: true, message: '请选择院校类别' }]}
                >
                  <Select options={graduationOptions} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['graduation', 'province']}
                  label="院校所在省份"
                  extra="留学回国的毕业生填“境外”"
                  rules={[
                    { required: true, whitespace: true, message: '请填写院校所在省份' },
                    { max: 20, message: '最多 20 个字' },
                  ]}
                >
                  <Input placeholder="例如：山西" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['graduation', 'fullTime']}
                  label="全日制"
                  valuePropName="checked"
                  initialValue
                >
                  <Switch checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Form>
    </Drawer>
  );
}
