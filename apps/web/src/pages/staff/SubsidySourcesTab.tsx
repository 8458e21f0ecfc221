import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  type FormInstance,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState, type ReactNode } from 'react';
import { api, authHeader, download, ok } from '../../api/client';
import { ApiError, errorText, type ApiErrorBody } from '../../api/errors';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { dateText, yuan } from '../../ui/format';
import { QueryState } from '../../ui/states';
import {
  EnterpriseSelect,
  SeekerSelect,
  TownshipSelect,
  isoDate,
  toFen,
  useIdempotencyKey,
  usePageInRange,
  usePaging,
  useReader,
  useTerm,
  useTermSelect,
} from './parts';

type S = components['schemas'];
type Kind = 'certificates' | 'businesses' | 'insurance' | 'public-welfare';

const KINDS: { value: Kind; label: string }[] = [
  { value: 'certificates', label: '技能证书' },
  { value: 'businesses', label: '创业实体' },
  { value: 'insurance', label: '参保年度' },
  { value: 'public-welfare', label: '公益性岗位安置' },
];

/**
 * 补贴来源登记: the records besides hires that subsidies follow without anyone applying (免申即享)
 * — skill certificates (one by one or from the 职业资格证书登记表), startup businesses, employers'
 * unemployment-insurance years, public-welfare post assignments. Listed in the reader's scope;
 * staff record them.
 */
export default function SubsidySourcesTab() {
  const [kind, setKind] = useState<Kind>('certificates');
  return (
    <>
      <p className="muted" style={{ marginTop: 0 }}>
        登记后，平台自动测算并生成补贴申领（免申即享），结果在“补贴审核”中查看。
      </p>
      <Segmented<Kind>
        options={KINDS}
        value={kind}
        onChange={setKind}
        className="wrap-segmented"
        style={{ marginBottom: 12, maxWidth: '100%' }}
      />
      {kind === 'certificates' && <Certificates />}
      {kind === 'businesses' && <Businesses />}
      {kind === 'insurance' && <InsuranceYears />}
      {kind === 'public-welfare' && <PublicWelfare />}
    </>
  );
}

/** A list of one kind of record, paged by the API. */
function SourceList<T extends { id: string }>({
  queryKey,
  fetch,
  columns,
  empty,
}: {
  queryKey: string;
  fetch: (paging: { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>;
  columns: ColumnsType<T>;
  empty: string;
}) {
  const paging = usePaging(20);
  const query = useQuery({
    queryKey: ['staff', 'subsidy-sources', queryKey, paging.offset],
    queryFn: () => fetch({ limit: paging.limit, offset: paging.offset }),
  });
  usePageInRange(paging, query.data);
  return (
    <QueryState query={query} isEmpty={(d) => d.total === 0} empty={empty}>
      {(d) => (
        <Table<T>
          rowKey="id"
          dataSource={d.items}
          pagination={paging.pagination(d.total)}
          scroll={{ x: 'max-content' }}
          columns={columns}
        />
      )}
    </QueryState>
  );
}

/** A record's form in a drawer: the API's field errors land on their fields. */
function RecordDrawer<V extends object>({
  open,
  title,
  form,
  pending,
  onClose,
  onFinish,
  children,
}: {
  open: boolean;
  title: string;
  form: FormInstance<V>;
  pending: boolean;
  onClose: () => void;
  onFinish: (v: V) => void;
  children: ReactNode;
}) {
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      destroyOnHidden
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
      extra={
        <Button type="primary" loading={pending} onClick={() => form.submit()}>
          登记
        </Button>
      }
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        {children}
      </Form>
    </Drawer>
  );
}

/** After a record: its list and the claims queue show it. */
function useRecorded(what: string, key: string, onClose: () => void) {
  const { message } = App.useApp();
  const client = useQueryClient();
  return () => {
    void message.success(`已登记${what}，补贴将自动测算`);
    void client.invalidateQueries({ queryKey: ['staff', 'subsidy-sources', key] });
    void client.invalidateQueries({ queryKey: ['staff', 'claims'] });
    void client.invalidateQueries({ queryKey: ['staff', 'audit'] });
    onClose();
  };
}

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function RecordButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  const { isStaff } = useReader();
  if (!isStaff) return null;
  return (
    <Button type="primary" onClick={onClick}>
      {children}
    </Button>
  );
}

// ---- 技能证书 ----

function Certificates() {
  const term = useTerm();
  const [recording, setRecording] = useState(false);
  const [importing, setImporting] = useState(false);
  const { isStaff } = useReader();
  return (
    <>
      <div className="row-actions" style={{ marginBottom: 12 }}>
        <RecordButton onClick={() => setRecording(true)}>登记技能证书</RecordButton>
        {isStaff && <Button onClick={() => setImporting((v) => !v)}>导入证书登记表</Button>}
      </div>
      {importing && <CertificateImport />}
      <SourceList<S['SkillCertificateView']>
        queryKey="certificates"
        empty="还没有登记技能证书"
        fetch={(q) => ok(api.GET('/api/v1/skill-certificates', { params: { query: q } }))}
        columns={[
          { title: '姓名', dataIndex: 'personDisplayName' },
          { title: '工种', dataIndex: 'occupation' },
          { title: '等级', key: 'level', render: (_, c) => term('certificateLevels', c.level) },
          { title: '发证日期', key: 'issuedOn', render: (_, c) => dateText(c.issuedOn) },
          { title: '发证机构', dataIndex: 'issuingBody' },
          { title: '证书编号', key: 'no', render: (_, c) => c.certificateNo ?? '—' },
          { title: '乡镇', key: 'township', render: (_, c) => term('townships', c.townshipCode) },
        ]}
      />
      <CertificateForm open={recording} onClose={() => setRecording(false)} />
    </>
  );
}

type CertificateValues = Omit<S['RecordCertificateDto'], 'issuedOn'> & { issuedOn: Dayjs };

function CertificateForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CertificateValues>();
  const levels = useTermSelect<S['RecordCertificateDto']['level']>('certificateLevels');
  const idem = useIdempotencyKey();
  const done = useRecorded('技能证书', 'certificates', onClose);
  const save = useMutation({
    mutationFn: (v: CertificateValues) =>
      ok(
        api.POST('/api/v1/skill-certificates', {
          body: {
            personUserId: v.personUserId,
            level: v.level,
            occupation: v.occupation.trim(),
            certificateNo: v.certificateNo?.trim() || undefined,
            issuedOn: isoDate(v.issuedOn)!,
            issuingBody: v.issuingBody.trim(),
            insuredMonths: v.insuredMonths ?? undefined,
            receivingUnemploymentBenefit: !!v.receivingUnemploymentBenefit,
          },
          headers: idem.headers,
        }),
      ),
    onSuccess: () => {
      idem.renew();
      done();
    },
    onError: (err) => {
      idem.afterError(err);
      showApiError(err, form);
    },
  });
  return (
    <RecordDrawer
      open={open}
      title="登记技能证书"
      form={form}
      pending={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item name="personUserId" label="持证人" rules={[{ required: true, message: '请选择持证人' }]}>
        <SeekerSelect />
      </Form.Item>
      <Form.Item
        name="occupation"
        label="职业（工种）"
        rules={[{ required: true, whitespace: true, message: '请填写工种' }, { max: 100 }]}
      >
        <Input placeholder="例如：焊工" />
      </Form.Item>
      <Form.Item name="level" label="等级" rules={[{ required: true, message: '请选择等级' }]}>
        <Select options={levels} placeholder="选择证书等级" />
      </Form.Item>
      <Form.Item name="issuedOn" label="发证日期" rules={[{ required: true, message: '请选择发证日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item
        name="issuingBody"
        label="发证机构"
        rules={[{ required: true, whitespace: true, message: '请填写发证机构' }, { max: 200 }]}
      >
        <Input placeholder="例如：运城市职业技能鉴定中心" />
      </Form.Item>
      <Form.Item name="certificateNo" label="证书编号" rules={[{ max: 60 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="insuredMonths" label="失业保险参保月数" extra="企业职工参保满 12 个月可享技能提升补贴">
        <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="receivingUnemploymentBenefit" valuePropName="checked">
        <Checkbox>正在领取失业保险金</Checkbox>
      </Form.Item>
    </RecordDrawer>
  );
}

type CertificateImport = S['CertificateImportView'];

/** 职业资格证书登记表: all rows or none; the wrong cells listed by row and column. */
function CertificateImport() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const picker = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<CertificateImport | null>(null);
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (file: File) => {
    setSending(true);
    setResult(null);
    setProblems([]);
    setFailure(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await fetch('/api/v1/skill-certificates/import', {
        method: 'POST',
        headers: authHeader(),
        body: form,
        credentials: 'same-origin',
      });
      const body = (await res.json().catch(() => undefined)) as unknown;
      if (!res.ok) throw new ApiError(res.status, body as ApiErrorBody);
      const report = body as CertificateImport;
      setResult(report);
      void message.success(`已登记 ${report.recorded} 张证书`);
      void client.invalidateQueries({ queryKey: ['staff', 'subsidy-sources', 'certificates'] });
      void client.invalidateQueries({ queryKey: ['staff', 'claims'] });
    } catch (err) {
      const rows = err instanceof ApiError ? err.fields.filter((f) => f.field.startsWith('rows[')) : [];
      if (rows.length) setProblems(rows);
      else setFailure(errorText(err));
    } finally {
      setSending(false);
      if (picker.current) picker.current.value = '';
    }
  };

  return (
    <div className="panel" style={{ marginBottom: 16 }}>
      <p className="muted" style={{ marginTop: 0 }}>
        按《职业资格证书登记表》填写，每行一张证书，以身份证号找到已登记的求职者。有一行出错则整表不登记；同一张表重复上传不会重复登记。
      </p>
      <Space wrap>
        <Button
          onClick={() =>
            download('/api/v1/skill-certificates/import/template.csv', '职业资格证书登记表.csv').catch(
              (err: unknown) => void message.error(errorText(err)),
            )
          }
        >
          下载登记表（.csv 格式）
        </Button>
        <Button type="primary" loading={sending} onClick={() => picker.current?.click()}>
          选择登记表并上传
        </Button>
        <input
          ref={picker}
          type="file"
          accept=".xlsx,.csv"
          aria-label="选择证书登记表文件"
          style={{ display: 'none' }}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void send(f);
          }}
        />
      </Space>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} />}
      {result && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={`共 ${result.rows} 行：新登记 ${result.recorded} 张，${result.alreadyRecorded} 张此前已登记`}
        />
      )}
      {problems.length > 0 && (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title="以下单元格有误，整表未登记，请修改后重新上传"
          />
          <Table
            size="small"
            rowKey={(p) => p.field}
            style={{ marginTop: 8 }}
            pagination={problems.length > 20 ? { pageSize: 20 } : false}
            dataSource={problems.map((p) => {
              const m = /^rows\[(\d+)\]\.(.+)$/.exec(p.field);
              return { field: p.field, row: m?.[1] ?? '', column: m?.[2] ?? '', message: p.message };
            })}
            columns={[
              { title: '行', dataIndex: 'row' },
              { title: '列', dataIndex: 'column' },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </div>
  );
}

// ---- 创业实体 ----

function Businesses() {
  const term = useTerm();
  const [recording, setRecording] = useState(false);
  return (
    <>
      <div className="row-actions" style={{ marginBottom: 12 }}>
        <RecordButton onClick={() => setRecording(true)}>登记创业实体</RecordButton>
      </div>
      <SourceList<S['BusinessView']>
        queryKey="businesses"
        empty="还没有登记创业实体"
        fetch={(q) => ok(api.GET('/api/v1/startup-businesses', { params: { query: q } }))}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '创业者', dataIndex: 'founderDisplayName' },
          { title: '类型', key: 'kind', render: (_, b) => term('businessKinds', b.kind) },
          { title: '执照日期', key: 'licensedOn', render: (_, b) => dateText(b.licensedOn) },
          { title: '带动就业', key: 'employees', render: (_, b) => `${b.employees} 人` },
          {
            title: '纳税 / 社保',
            key: 'pays',
            render: (_, b) =>
              `${b.paysTax ? '纳税' : '未纳税'} / ${b.paysSocialInsurance ? '缴社保' : '未缴社保'}`,
          },
          { title: '乡镇', key: 'township', render: (_, b) => term('townships', b.townshipCode) },
        ]}
      />
      <BusinessForm open={recording} onClose={() => setRecording(false)} />
    </>
  );
}

type BusinessValues = Omit<S['RecordBusinessDto'], 'licensedOn'> & { licensedOn: Dayjs };

function BusinessForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<BusinessValues>();
  const kinds = useTermSelect<S['RecordBusinessDto']['kind']>('businessKinds');
  const idem = useIdempotencyKey();
  const done = useRecorded('创业实体', 'businesses', onClose);
  const save = useMutation({
    mutationFn: (v: BusinessValues) =>
      ok(
        api.POST('/api/v1/startup-businesses', {
          body: {
            founderUserId: v.founderUserId,
            name: v.name.trim(),
            creditCode: v.creditCode?.trim() || undefined,
            kind: v.kind,
            licensedOn: isoDate(v.licensedOn)!,
            firstBusiness: !!v.firstBusiness,
            employees: v.employees,
            paysTax: !!v.paysTax,
            paysSocialInsurance: !!v.paysSocialInsurance,
            townshipCode: v.townshipCode || undefined,
          },
          headers: idem.headers,
        }),
      ),
    onSuccess: () => {
      idem.renew();
      done();
    },
    onError: (err) => {
      idem.afterError(err);
      showApiError(err, form);
    },
  });
  return (
    <RecordDrawer
      open={open}
      title="登记创业实体"
      form={form}
      pending={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item name="founderUserId" label="创业者" rules={[{ required: true, message: '请选择创业者' }]}>
        <SeekerSelect />
      </Form.Item>
      <Form.Item
        name="name"
        label="名称"
        rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 200 }]}
      >
        <Input placeholder="营业执照上的名称" />
      </Form.Item>
      <Form.Item name="creditCode" label="统一社会信用代码">
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
        <Select options={kinds} placeholder="选择类型" />
      </Form.Item>
      <Form.Item name="licensedOn" label="营业执照日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item name="employees" label="带动就业人数" rules={[{ required: true, message: '请填写人数' }]}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="townshipCode" label="经营地乡镇" extra="不填则按创业者的乡镇">
        <TownshipSelect />
      </Form.Item>
      <Form.Item name="firstBusiness" valuePropName="checked">
        <Checkbox>首次创业</Checkbox>
      </Form.Item>
      <Form.Item name="paysTax" valuePropName="checked">
        <Checkbox>依法纳税</Checkbox>
      </Form.Item>
      <Form.Item name="paysSocialInsurance" valuePropName="checked">
        <Checkbox>缴纳社会保险</Checkbox>
      </Form.Item>
    </RecordDrawer>
  );
}

// ---- 参保年度 ----

function InsuranceYears() {
  const term = useTerm();
  const [recording, setRecording] = useState(false);
  return (
    <>
      <div className="row-actions" style={{ marginBottom: 12 }}>
        <RecordButton onClick={() => setRecording(true)}>登记参保年度</RecordButton>
      </div>
      <SourceList<S['InsuranceYearView']>
        queryKey="insurance"
        empty="还没有登记参保年度"
        fetch={(q) => ok(api.GET('/api/v1/insurance-years', { params: { query: q } }))}
        columns={[
          { title: '单位', dataIndex: 'employerName' },
          { title: '年度', key: 'year', render: (_, y) => `${y.year} 年` },
          { title: '参保职工', key: 'staff', render: (_, y) => `${y.insuredStaff} 人` },
          { title: '裁员', key: 'laidOff', render: (_, y) => `${y.laidOff} 人` },
          { title: '缴纳失业保险费', key: 'premiums', render: (_, y) => yuan(y.premiumsFen) },
          { title: '企业规模', key: 'size', render: (_, y) => term('employerSizes', y.employerSize) },
        ]}
      />
      <InsuranceYearForm open={recording} onClose={() => setRecording(false)} />
    </>
  );
}

type InsuranceValues = Omit<S['RecordInsuranceYearDto'], 'premiumsFen'> & { premiumsYuan: number };

function InsuranceYearForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<InsuranceValues>();
  const sizes = useTermSelect<NonNullable<S['RecordInsuranceYearDto']['employerSize']>>('employerSizes');
  const idem = useIdempotencyKey();
  const done = useRecorded('参保年度', 'insurance', onClose);
  const save = useMutation({
    mutationFn: (v: InsuranceValues) =>
      ok(
        api.POST('/api/v1/insurance-years', {
          body: {
            employerOrganisationId: v.employerOrganisationId,
            year: v.year,
            insuredStaff: v.insuredStaff,
            laidOff: v.laidOff,
            premiumsFen: toFen(v.premiumsYuan)!,
            employerSize: v.employerSize || undefined,
          },
          headers: idem.headers,
        }),
      ),
    onSuccess: () => {
      idem.renew();
      done();
    },
    onError: (err) => {
      idem.afterError(err);
      if (err instanceof ApiError) {
        // The form asks for 元; the API names premiumsFen.
        const fen = err.fields.find((f) => f.field === 'premiumsFen');
        if (fen) form.setFields([{ name: 'premiumsYuan', errors: [fen.message] }]);
      }
      showApiError(err, form);
    },
  });
  return (
    <RecordDrawer
      open={open}
      title="登记参保年度"
      form={form}
      pending={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item
        name="employerOrganisationId"
        label="单位"
        rules={[{ required: true, message: '请选择单位' }]}
      >
        <EnterpriseSelect />
      </Form.Item>
      <Form.Item
        name="year"
        label="参保年度"
        initialValue={dayjs().year() - 1}
        rules={[{ required: true, message: '请填写年度' }]}
      >
        <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="insuredStaff" label="参保职工人数" rules={[{ required: true, message: '请填写人数' }]}>
        <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="laidOff"
        label="当年裁员人数"
        initialValue={0}
        rules={[{ required: true, message: '请填写人数' }]}
      >
        <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="premiumsYuan"
        label="实际缴纳失业保险费（元）"
        rules={[{ required: true, message: '请填写金额' }]}
      >
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="employerSize" label="企业规模" extra="不填则按企业档案">
        <Select options={sizes} allowClear placeholder="选择企业规模" />
      </Form.Item>
    </RecordDrawer>
  );
}

// ---- 公益性岗位安置 ----

function PublicWelfare() {
  const term = useTerm();
  const [recording, setRecording] = useState(false);
  const { isStaff, isAdmin } = useReader();
  return (
    <>
      <div className="row-actions" style={{ marginBottom: 12 }}>
        {(isStaff || isAdmin) && (
          <Button type="primary" onClick={() => setRecording(true)}>
            登记公益性岗位安置
          </Button>
        )}
      </div>
      <SourceList<S['PlacementView']>
        queryKey="public-welfare"
        empty="还没有登记公益性岗位安置"
        fetch={(q) => ok(api.GET('/api/v1/public-welfare-assignments', { params: { query: q } }))}
        columns={[
          { title: '安置人员', dataIndex: 'seekerDisplayName' },
          { title: '开发单位', dataIndex: 'employerName' },
          { title: '岗位类别', key: 'kind', render: (_, p) => term('postKinds', p.postKind) },
          { title: '乡镇', key: 'township', render: (_, p) => term('townships', p.jobLocation.townshipCode) },
          { title: '上岗日期', key: 'start', render: (_, p) => dateText(p.startDate) },
          {
            title: '状态',
            key: 'status',
            render: (_, p) =>
              p.endedOn ? <Tag>已结束 {dateText(p.endedOn)}</Tag> : <Tag color="green">在岗</Tag>,
          },
        ]}
      />
      <PublicWelfareForm open={recording} onClose={() => setRecording(false)} />
    </>
  );
}

type WelfareValues = Omit<S['RecordPublicWelfareAssignmentDto'], 'startDate' | 'contractEndDate'> & {
  startDate: Dayjs;
  contractEndDate?: Dayjs;
};

function PublicWelfareForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<WelfareValues>();
  const idem = useIdempotencyKey();
  const done = useRecorded('公益性岗位安置', 'public-welfare', onClose);
  const save = useMutation({
    mutationFn: (v: WelfareValues) =>
      ok(
        api.POST('/api/v1/public-welfare-assignments', {
          body: {
            employerOrganisationId: v.employerOrganisationId,
            seekerUserId: v.seekerUserId,
            startDate: isoDate(v.startDate)!,
            contractEndDate: isoDate(v.contractEndDate),
            townshipCode: v.townshipCode,
            postKind: v.postKind ?? 'public-welfare',
            formerStateEnterpriseOlderWorker: !!v.formerStateEnterpriseOlderWorker,
          },
          headers: idem.headers,
        }),
      ),
    onSuccess: () => {
      idem.renew();
      done();
    },
    onError: (err) => {
      idem.afterError(err);
      showApiError(err, form);
    },
  });
  return (
    <RecordDrawer
      open={open}
      title="登记公益性岗位安置"
      form={form}
      pending={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item
        name="seekerUserId"
        label="安置人员（就业困难人员）"
        rules={[{ required: true, message: '请选择安置人员' }]}
      >
        <SeekerSelect />
      </Form.Item>
      <Form.Item
        name="employerOrganisationId"
        label="岗位开发单位"
        rules={[{ required: true, message: '请选择单位' }]}
      >
        <EnterpriseSelect />
      </Form.Item>
      <Form.Item name="postKind" label="岗位类别" initialValue="public-welfare">
        <Select
          options={[
            { value: 'public-welfare', label: '政府开发的公益性岗位' },
            { value: 'public-welfare-community', label: '社区开发的公益性岗位' },
          ]}
        />
      </Form.Item>
      <Form.Item name="townshipCode" label="岗位所在乡镇" rules={[{ required: true, message: '请选择乡镇' }]}>
        <TownshipSelect />
      </Form.Item>
      <Form.Item name="startDate" label="上岗日期" rules={[{ required: true, message: '请选择上岗日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="contractEndDate" label="协议截止日期">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="formerStateEnterpriseOlderWorker" valuePropName="checked">
        <Checkbox>原国有企业大龄就业困难人员</Checkbox>
      </Form.Item>
    </RecordDrawer>
  );
}
