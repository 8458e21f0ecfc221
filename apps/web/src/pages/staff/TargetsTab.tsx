import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, download, ok } from '../../api/client';
import { ApiError, errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { QueryState } from '../../ui/states';
import { useTermOptions } from '../../ui/vocab';
import { TargetsDashboard, dayText, monthText, type RecordsAsk } from '../public/targets-parts';
import { clean, isoDate } from './parts';

type S = components['schemas'];
type Record_ = S['TargetRecordView'];
type Family = S['ZeroEmploymentFamilyView'];
type Person = S['DifficultPersonView'];
type Station = S['StationView'];

/**
 * 目标任务: the plan's targets with the records behind each figure, the 零就业家庭 and 就业困难人员
 * lists to follow up, the 就业服务站 and the monthly report (.xlsx, printable A4).
 */
export default function TargetsTab() {
  const [year, setYear] = useState<number | undefined>();
  const [ask, setAsk] = useState<RecordsAsk | null>(null);
  return (
    <>
      <MonthlyReport />
      <section aria-labelledby="targets-title" style={{ marginBottom: 16 }}>
        <h2 id="targets-title" style={{ fontSize: 18, marginTop: 0 }}>
          目标任务进展
        </h2>
        <p className="muted" style={{ marginTop: 0 }}>
          点击带下划线的数字，查看计入这个数字的记录。
        </p>
        <TargetsDashboard year={year} onYear={setYear} onRecords={setAsk} />
      </section>
      <ZeroEmploymentFamilies />
      <DifficultPersons />
      <Stations />
      <RecordsDrawer ask={ask} onClose={() => setAsk(null)} />
    </>
  );
}

/** The records a figure adds up (GET /api/v1/targets/:id/records), narrowed to a month or township. */
function RecordsDrawer({ ask, onClose }: { ask: RecordsAsk | null; onClose: () => void }) {
  const query = useQuery({
    queryKey: ['targets', 'records', ask?.target.id, ask?.year, ask?.asOf, ask?.month, ask?.townshipCode],
    enabled: !!ask,
    queryFn: () =>
      ok(
        api.GET('/api/v1/targets/{targetId}/records', {
          params: {
            path: { targetId: ask!.target.id },
            query: clean({
              year: ask!.year,
              asOf: ask!.asOf,
              month: ask!.month,
              townshipCode: ask!.townshipCode,
            }),
          },
        }),
      ),
  });
  const scope = ask
    ? [ask.month ? monthText(ask.month, true) : `${ask.year}年全年`, ask.townshipName]
        .filter(Boolean)
        .join(' · ')
    : '';
  const unit = ask?.target.unit ?? '';
  return (
    <Drawer
      open={!!ask}
      onClose={onClose}
      title={ask ? `${ask.target.name}：记录` : ''}
      size={720}
      styles={{ wrapper: { maxWidth: '100vw' } }}
      destroyOnHidden
    >
      {ask && (
        <>
          <p style={{ marginTop: 0 }}>
            {scope}，统计截至{dayText(ask.asOf)}
          </p>
          <QueryState query={query}>
            {(d) => (
              <>
                <p>
                  合计 <b>{d.total}</b> {unit}，共 {d.items.length} 条记录
                </p>
                <Table<Record_>
                  rowKey="id"
                  size="small"
                  pagination={d.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                  scroll={{ x: 'max-content' }}
                  dataSource={d.items}
                  locale={{ emptyText: '没有计入的记录' }}
                  columns={[
                    { title: '日期', dataIndex: 'on' },
                    { title: '乡镇', dataIndex: 'township', render: (v: string | null) => v ?? '—' },
                    { title: '记录', dataIndex: 'label' },
                    ...(d.items.some((i) => i.personName)
                      ? [{ title: '人员', dataIndex: 'personName', render: (v: string | null) => v ?? '—' }]
                      : []),
                    ...(d.items.some((i) => i.counts !== 1)
                      ? [{ title: `计入（${unit}）`, dataIndex: 'counts' }]
                      : []),
                    {
                      title: '办理',
                      key: 'link',
                      render: (_: unknown, r: Record_) =>
                        r.link ? (
                          <Link
                            to={r.link}
                            onClick={onClose}
                            style={{ display: 'inline-block', minHeight: 32 }}
                          >
                            去办理页
                          </Link>
                        ) : (
                          '—'
                        ),
                    },
                  ]}
                />
              </>
            )}
          </QueryState>
        </>
      )}
    </Drawer>
  );
}

/** 月度报告: a month (the previous one first), the .xlsx workbook and the printable A4 page. */
function MonthlyReport() {
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [busy, setBusy] = useState<'xlsx' | 'html' | null>(null);
  const m = month.format('YYYY-MM');
  const sheet = async () => {
    setBusy('xlsx');
    try {
      await download(`/api/v1/targets/monthly-report.xlsx?month=${m}`, `稷山县就业工作月报-${m}.xlsx`);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  const printable = async () => {
    // Opened at the click (a window opened after the download would be blocked as a popup).
    const w = window.open('', '_blank');
    if (w) w.document.title = '正在生成打印版…';
    setBusy('html');
    try {
      const html = await ok(
        api.GET('/api/v1/targets/monthly-report.html', {
          params: { query: { month: m } },
          parseAs: 'text',
        }),
      );
      const url = URL.createObjectURL(new Blob([withPrintHint(html)], { type: 'text/html;charset=utf-8' }));
      setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
      if (w) w.location.replace(url);
      else window.location.assign(url);
    } catch (err) {
      w?.close();
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="panel" aria-labelledby="report-title">
      <h2 id="report-title" style={{ fontSize: 18, marginTop: 0 }}>
        月度报告
      </h2>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <DatePicker
          picker="month"
          aria-label="报告月份"
          value={month}
          allowClear={false}
          format="YYYY年M月"
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => d && setMonth(d)}
          style={{ width: 160 }}
        />
        <Button onClick={sheet} loading={busy === 'xlsx'}>
          下载统计表（.xlsx）
        </Button>
        <Button type="primary" onClick={printable} loading={busy === 'html'}>
          打印版（A4）
        </Button>
      </div>
      <p className="muted" style={{ marginBottom: 0 }}>
        {monthText(m, true)}
        的目标任务完成情况、补贴申报发放和招聘会。打印版在新窗口打开，请在该窗口用浏览器菜单里的“打印”，纸张选
        A4。
      </p>
    </section>
  );
}

/** A line above the report telling how to print it (not printed itself). */
function withPrintHint(html: string): string {
  const hint =
    '<style>@media print{.print-hint{display:none}}</style>' +
    '<p class="print-hint" style="font-family:sans-serif;font-size:16px;background:#fffbe6;border:1px solid #ffe58f;padding:8px 12px;margin:8px 0 16px">' +
    '打印：请用浏览器菜单中的“打印”（电脑上也可按 Ctrl+P），纸张选择 A4，方向纵向。</p>';
  return /<body[^>]*>/i.test(html) ? html.replace(/<body[^>]*>/i, (b) => b + hint) : hint + html;
}

/** 零就业家庭: those with nobody employed first (the list the plan says must be empty). */
function ZeroEmploymentFamilies() {
  const query = useQuery({
    queryKey: ['targets', 'zero-employment-families'],
    queryFn: () => ok(api.GET('/api/v1/targets/zero-employment-families')),
  });
  return (
    <section className="panel" aria-labelledby="families-title">
      <h2 id="families-title" style={{ fontSize: 18, marginTop: 0 }}>
        零就业家庭
      </h2>
      <QueryState query={query} isEmpty={(d) => d.families === 0} empty="还没有登记零就业家庭">
        {(d) => {
          const left = d.families - d.employed;
          return (
            <>
              <p style={{ marginTop: 0 }}>
                登记 <b>{d.families}</b> 户，已有成员就业 <b>{d.employed}</b> 户，无人就业{' '}
                <b style={{ color: left ? '#c41d1f' : undefined }}>{left}</b> 户（截至{dayText(d.asOf)}）
              </p>
              {left > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={`还有 ${left} 户无人就业：请帮扶责任人逐户落实，确保至少一人就业`}
                />
              ) : (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="零就业家庭均已至少一人就业"
                />
              )}
              <Table<Family>
                rowKey="householdKey"
                size="middle"
                scroll={{ x: 'max-content' }}
                pagination={d.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                dataSource={d.items}
                onRow={(f) => ({ style: f.employed ? undefined : { background: '#fff1f0' } })}
                columns={[
                  {
                    title: '就业情况',
                    key: 'employed',
                    render: (_: unknown, f) =>
                      f.employed ? <Tag color="green">已有人就业</Tag> : <Tag color="red">无人就业</Tag>,
                  },
                  {
                    title: '户号',
                    key: 'code',
                    render: (_: unknown, f) => f.householdCode ?? <span className="muted">未登记户号</span>,
                  },
                  { title: '乡镇', dataIndex: 'township' },
                  {
                    title: '家庭成员',
                    key: 'members',
                    render: (_: unknown, f) =>
                      f.members.map((p, i) => (
                        <span key={p.userId}>
                          {i > 0 && '、'}
                          {p.name}
                          {p.employed && <b style={{ color: '#135200' }}>（已就业）</b>}
                        </span>
                      )),
                  },
                  {
                    title: '帮扶责任人',
                    dataIndex: 'helperName',
                    render: (v: string | null) => v ?? <span style={{ color: '#c41d1f' }}>未指定</span>,
                  },
                ]}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** 就业困难人员: placed, under one-to-one assistance, seeking; those without contact for 30 days marked. */
function DifficultPersons() {
  const query = useQuery({
    queryKey: ['targets', 'difficult-persons'],
    queryFn: () => ok(api.GET('/api/v1/targets/difficult-persons')),
  });
  return (
    <section className="panel" aria-labelledby="difficult-title">
      <h2 id="difficult-title" style={{ fontSize: 18, marginTop: 0 }}>
        就业困难人员
      </h2>
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} empty="还没有登记就业困难人员">
        {(d) => (
          <>
            <div className="job-meta" style={{ color: '#1f2329', marginBottom: 12 }}>
              <span>
                已就业 <b>{d.placed}</b> 人
              </span>
              <span>
                一对一帮扶中 <b>{d.assisted}</b> 人
              </span>
              <span>
                求职中 <b>{d.seeking}</b> 人
              </span>
              <span style={{ color: d.noRecentContact ? '#c41d1f' : undefined }}>
                30天未联系 <b>{d.noRecentContact}</b> 人
              </span>
            </div>
            <Table<Person>
              rowKey="userId"
              size="middle"
              scroll={{ x: 'max-content' }}
              pagination={d.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              dataSource={d.items}
              onRow={(p) => ({ style: p.noRecentContact ? { background: '#fff1f0' } : undefined })}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '乡镇', dataIndex: 'township' },
                {
                  title: '状态',
                  key: 'state',
                  render: (_: unknown, p) => (
                    <Tag color={p.state === 'placed' ? 'green' : p.state === 'assisted' ? 'blue' : undefined}>
                      {p.stateName}
                    </Tag>
                  ),
                },
                { title: '帮扶责任人', dataIndex: 'helperName', render: (v: string | null) => v ?? '—' },
                {
                  title: '最近联系',
                  key: 'contact',
                  render: (_: unknown, p) => (
                    <>
                      {p.lastContactOn ?? '从未联系'}
                      {p.noRecentContact && (
                        <Tag color="red" style={{ marginInlineStart: 8 }}>
                          30天未联系
                        </Tag>
                      )}
                    </>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

/** 就业服务站: each township's and community's station with its trained staff. */
function Stations() {
  const query = useQuery({
    queryKey: ['targets', 'service-stations'],
    queryFn: () => ok(api.GET('/api/v1/service-stations')),
  });
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  return (
    <section className="panel" aria-labelledby="stations-title">
      <div className="page-head">
        <h2 id="stations-title" style={{ fontSize: 18, margin: 0 }}>
          就业服务站
        </h2>
        <Button type="primary" onClick={() => setEditing('new')}>
          新增服务站
        </Button>
      </div>
      <p className="muted">每个乡镇建一个乡镇就业服务站，每站配备经培训的工作人员3名。</p>
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} empty="还没有登记就业服务站">
        {(d) => (
          <Table<Station>
            rowKey="id"
            size="middle"
            scroll={{ x: 'max-content' }}
            pagination={false}
            dataSource={d.items}
            aria-label="就业服务站"
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '类型', dataIndex: 'kindName' },
              { title: '乡镇', dataIndex: 'township' },
              { title: '地址', dataIndex: 'address' },
              { title: '经培训人员', dataIndex: 'trainedStaff', render: (n: number) => `${n} 名` },
              { title: '设立日期', dataIndex: 'openedOn' },
              { title: '联系电话', dataIndex: 'contact', render: (v: string | null) => v ?? '—' },
              {
                title: '状态',
                key: 'state',
                render: (_: unknown, s) =>
                  s.closedOn ? <Tag>{s.closedOn} 撤站</Tag> : <Tag color="green">运行中</Tag>,
              },
              {
                title: '操作',
                key: 'edit',
                render: (_: unknown, s) => (
                  <Button size="small" aria-label={`修改：${s.name}`} onClick={() => setEditing(s)}>
                    修改
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {editing && (
        <StationForm station={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}

interface StationValues {
  name?: string;
  kind?: Station['kind'];
  townshipCode?: string;
  address?: string;
  trainedStaff?: number | null;
  openedOn?: Dayjs | null;
  contact?: string;
  closedOn?: Dayjs | null;
}

const STATION_CODE_FIELD: Record<string, { field: keyof StationValues; text: string }> = {
  'station-exists': { field: 'townshipCode', text: '这个乡镇已有乡镇就业服务站，请修改原有的站' },
  'station-name-taken': { field: 'name', text: '已有同名的就业服务站' },
};

/** The API's answer on the form: the conflicts and the date order next to their fields, the rest by showApiError. */
function stationError(err: unknown, form: FormInstance<StationValues>): void {
  if (err instanceof ApiError) {
    const known = STATION_CODE_FIELD[err.code];
    if (known) return form.setFields([{ name: known.field, errors: [known.text] }]);
    const dates = err.fields.filter((f) => /before openedOn|after closedOn/.test(f.message));
    if (dates.length && dates.length === err.fields.length)
      return form.setFields(
        dates.map((f) => ({
          name: (f.field === 'closedOn' ? 'closedOn' : 'openedOn') as keyof StationValues,
          errors: [f.field === 'closedOn' ? '撤站日期不能早于设立日期' : '设立日期不能晚于撤站日期'],
        })),
      );
  }
  showApiError(err, form);
}

function StationForm({ station, onClose }: { station: Station | null; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const townships = useTermOptions('townships');
  const [form] = Form.useForm<StationValues>();
  const save = useMutation({
    mutationFn: (v: StationValues) =>
      station
        ? ok(
            api.PATCH('/api/v1/service-stations/{id}', {
              params: { path: { id: station.id } },
              body: {
                name: v.name?.trim(),
                address: v.address?.trim(),
                trainedStaff: v.trainedStaff ?? undefined,
                openedOn: isoDate(v.openedOn),
                contact: v.contact?.trim() || undefined,
                closedOn: isoDate(v.closedOn),
              },
            }),
          )
        : ok(
            api.POST('/api/v1/service-stations', {
              body: {
                name: v.name!.trim(),
                kind: v.kind!,
                townshipCode: v.townshipCode!,
                address: v.address!.trim(),
                trainedStaff: v.trainedStaff!,
                openedOn: isoDate(v.openedOn)!,
                contact: v.contact?.trim() || undefined,
              },
            }),
          ),
    onSuccess: (s) => {
      void message.success(station ? `已保存「${s.name}」` : `已新增「${s.name}」`);
      void client.invalidateQueries({ queryKey: ['targets'] });
      onClose();
    },
    onError: (err) => stationError(err, form),
  });
  return (
    <Modal
      open
      title={station ? `修改：${station.name}` : '新增就业服务站'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: save.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<StationValues>
        form={form}
        layout="vertical"
        initialValues={
          station
            ? {
                name: station.name,
                address: station.address,
                trainedStaff: station.trainedStaff,
                openedOn: dayjs(station.openedOn),
                contact: station.contact ?? undefined,
                closedOn: station.closedOn ? dayjs(station.closedOn) : null,
              }
            : { kind: 'township', trainedStaff: 3 }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {station ? (
          <p>
            {station.kindName} · {station.township}
          </p>
        ) : (
          <>
            <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
              <Radio.Group
                options={[
                  { value: 'township', label: '乡镇就业服务站' },
                  { value: 'community', label: '社区就业服务站' },
                ]}
              />
            </Form.Item>
            <Form.Item name="townshipCode" label="乡镇" rules={[{ required: true, message: '请选择乡镇' }]}>
              <Select aria-label="乡镇" placeholder="选择乡镇" options={townships} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { max: 100, message: '名称最多 100 个字' },
          ]}
        >
          <Input maxLength={100} placeholder="例如：西社镇就业服务站" />
        </Form.Item>
        <Form.Item
          name="address"
          label="地址"
          rules={[
            { required: true, whitespace: true, message: '请填写地址' },
            { max: 200, message: '地址最多 200 个字' },
          ]}
        >
          <Input maxLength={200} placeholder="例如：西社镇政府便民服务中心一楼" />
        </Form.Item>
        <Form.Item
          name="trainedStaff"
          label="经培训的工作人员（名）"
          rules={[{ required: true, message: '请填写人数' }]}
          extra="每站应配备经培训的工作人员3名"
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="openedOn" label="设立日期" rules={[{ required: true, message: '请选择设立日期' }]}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="contact" label="联系电话（可不填）" rules={[{ max: 100, message: '最多 100 个字' }]}>
          <Input maxLength={100} placeholder="例如：0359-5551234" />
        </Form.Item>
        {station && (
          <Form.Item name="closedOn" label="撤站日期（撤站时填写）">
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
