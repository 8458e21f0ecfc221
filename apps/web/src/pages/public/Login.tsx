import { Alert, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { homeOf, useSession, type User } from '../../auth/session';
import { Page } from '../../ui/Layout';
import { SectionNav } from '../../ui/SectionNav';
import { showApiError } from '../../ui/forms';
import { useTermOptions, useVocabularies } from '../../ui/vocab';

type Kind = 'seeker' | 'employer' | 'agency';

/** Where to go after signing in: the page that sent the person here, if it is one of ours. */
function useAfterSignIn() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  return (user: User) => {
    const next = params.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(user.role), {
      replace: true,
    });
  };
}

/** 登录 for every role, and registration for seekers, employers and agencies. */
export default function Login() {
  const { status, user, expired } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'login';
  if (status === 'signed-in' && user && !params.get('next'))
    return <Navigate to={homeOf(user.role)} replace />;
  return (
    <Page title="登录 / 注册">
      <div className="panel" style={{ maxWidth: 560 }}>
        {expired && (
          <Alert type="info" showIcon title="登录已过期，请重新登录。" style={{ marginBottom: 16 }} />
        )}
        <SectionNav
          label="登录或注册"
          activeKey={tab}
          onChange={(k) => setParams((p) => (p.set('tab', k), p), { replace: true })}
          items={[
            { key: 'login', label: '登录', children: <LoginForm /> },
            { key: 'seeker', label: '求职者注册', children: <RegisterForm kind="seeker" /> },
            { key: 'employer', label: '单位注册', children: <RegisterForm kind="employer" /> },
            { key: 'agency', label: '机构注册', children: <RegisterForm kind="agency" /> },
          ]}
        />
      </div>
    </Page>
  );
}

function LoginForm() {
  const { signIn } = useSession();
  const after = useAfterSignIn();
  const [form] = Form.useForm<{ login: string; password: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={async (v) => {
        setBusy(true);
        try {
          after(await signIn(v.login, v.password));
        } catch (err) {
          showApiError(err, form);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form.Item name="login" label="账号" rules={[{ required: true, message: '请输入账号' }]}>
        <Input autoComplete="username" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        登录
      </Button>
    </Form>
  );
}

type RegisterBody = components['schemas']['RegisterSeekerDto'] &
  Partial<components['schemas']['RegisterEmployerDto']> &
  Partial<components['schemas']['RegisterAgencyDto']>;

function RegisterForm({ kind }: { kind: Kind }) {
  const { adopt } = useSession();
  const after = useAfterSignIn();
  const [form] = Form.useForm<RegisterBody>();
  const [busy, setBusy] = useState(false);
  const { data: vocab } = useVocabularies();
  const agencyKinds = useTermOptions('agencyKinds');
  const submit = async (v: RegisterBody) => {
    setBusy(true);
    try {
      const common = { login: v.login, password: v.password, displayName: v.displayName, mobile: v.mobile };
      const session =
        kind === 'seeker'
          ? await ok(
              api.POST('/api/v1/auth/web/register/seeker', {
                body: {
                  ...common,
                  idNumber: v.idNumber || undefined,
                  townshipCode: v.townshipCode || undefined,
                },
              }),
            )
          : kind === 'employer'
            ? await ok(
                api.POST('/api/v1/auth/web/register/employer', {
                  body: { ...common, enterpriseName: v.enterpriseName!, creditCode: v.creditCode! },
                }),
              )
            : await ok(
                api.POST('/api/v1/auth/web/register/agency', {
                  body: {
                    ...common,
                    agencyName: v.agencyName!,
                    creditCode: v.creditCode!,
                    agencyKind: v.agencyKind!,
                  },
                }),
              );
      after(adopt(session));
    } catch (err) {
      showApiError(err, form);
    } finally {
      setBusy(false);
    }
  };
  const required = (what: string) => [{ required: true, message: `请填写${what}` }];
  return (
    <Form form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
      {kind === 'employer' && (
        <>
          <Form.Item name="enterpriseName" label="单位名称" rules={required('单位名称')}>
            <Input />
          </Form.Item>
          <Form.Item name="creditCode" label="统一社会信用代码" rules={required('统一社会信用代码')}>
            <Input maxLength={18} />
          </Form.Item>
        </>
      )}
      {kind === 'agency' && (
        <>
          <Form.Item name="agencyName" label="机构名称" rules={required('机构名称')}>
            <Input />
          </Form.Item>
          <Form.Item name="creditCode" label="统一社会信用代码" rules={required('统一社会信用代码')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item
            name="agencyKind"
            label="机构类型"
            rules={[{ required: true, message: '请选择机构类型' }]}
          >
            <Select options={agencyKinds} placeholder="请选择" />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="displayName"
        label={kind === 'seeker' ? '姓名' : '联系人姓名'}
        rules={required('姓名')}
      >
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="mobile" label="手机号码" rules={required('手机号码')}>
        <Input inputMode="tel" autoComplete="tel" maxLength={11} />
      </Form.Item>
      {kind === 'seeker' && (
        <>
          <Form.Item name="idNumber" label="身份证号码" extra="用于核对补贴资格，加密保存，不对外显示">
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="townshipCode" label="所在乡镇">
            <Select
              allowClear
              placeholder="请选择"
              options={(vocab?.townships ?? []).map((t) => ({ value: t.code, label: t.name }))}
            />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="login"
        label="设置账号"
        rules={required('账号')}
        extra="字母、数字或“.”“_”，登录时使用"
      >
        <Input autoComplete="username" />
      </Form.Item>
      <Form.Item
        name="password"
        label="设置密码"
        rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        注册并登录
      </Button>
    </Form>
  );
}
