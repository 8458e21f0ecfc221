import { App, Button, Checkbox, Form, InputNumber, Select, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { QueryState } from '../../ui/states';
import { useVocabularies } from '../../ui/vocab';
import { useGigVocabulary } from '../public/gig-format';

type Availability = components['schemas']['AvailabilityView'];
type PayUnit = components['schemas']['AvailabilityDto']['payUnit'];

interface AvailabilityForm {
  trades: string[];
  weekdays: number[];
  townshipCodes: string[];
  homeTownship?: string;
  expectedPayYuan?: number | null;
  payUnit?: PayUnit;
  active: boolean;
}

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** 我的接活意向 (GET/PUT /api/v1/gigs/availability/me): what the worker does, on which days, where. */
export default function SeekerAvailability() {
  const mine = useQuery({
    queryKey: ['seeker', 'gigs', 'availability'],
    // None yet answers 404: the form then starts empty.
    queryFn: async () => {
      try {
        return await ok(api.GET('/api/v1/gigs/availability/me'));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
  return <QueryState query={mine}>{(a) => <AvailabilityEditor a={a} />}</QueryState>;
}

function AvailabilityEditor({ a }: { a: Availability | null }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<AvailabilityForm>();
  const { data: vocab } = useVocabularies();
  const { data: gigVocab } = useGigVocabulary();
  useEffect(() => {
    form.setFieldsValue({
      trades: a?.trades ?? [],
      weekdays: a?.weekdays ?? [1, 2, 3, 4, 5, 6, 7],
      townshipCodes: a?.townshipCodes ?? [],
      homeTownship: a?.homeTownship,
      expectedPayYuan: a?.expectedPayFen != null ? a.expectedPayFen / 100 : null,
      payUnit: a?.payUnit ?? 'day',
      active: a?.active ?? true,
    });
  }, [a, form]);
  const save = useMutation({
    mutationFn: (v: AvailabilityForm) =>
      ok(
        api.PUT('/api/v1/gigs/availability/me', {
          body: {
            trades: v.trades,
            weekdays: [...v.weekdays].sort(),
            townshipCodes: v.townshipCodes,
            homeTownship: v.homeTownship!,
            expectedPayFen: v.expectedPayYuan != null ? Math.round(v.expectedPayYuan * 100) : undefined,
            payUnit: v.payUnit,
            active: v.active,
          },
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData(['seeker', 'gigs', 'availability'], saved);
      void client.invalidateQueries({ queryKey: ['seeker', 'gigs', 'near'] });
      void message.success('接活意向已保存');
    },
    onError: (err) => showApiError(err, form),
  });
  const townships = (vocab?.townships ?? []).map((t) => ({ value: t.code, label: t.name }));
  return (
    <div className="panel">
      <Form<AvailabilityForm>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="trades" label="会干的活" rules={[{ required: true, message: '请至少选一种' }]}>
          <Select
            mode="tags"
            aria-label="会干的活"
            placeholder="选择或输入，如 搬运装卸"
            options={(gigVocab?.trades ?? []).map((t) => ({ value: t, label: t }))}
            maxCount={10}
          />
        </Form.Item>
        <Form.Item name="weekdays" label="哪几天有空" rules={[{ required: true, message: '请至少选一天' }]}>
          <Checkbox.Group options={WEEKDAYS.map((w, i) => ({ value: i + 1, label: w }))} />
        </Form.Item>
        <Form.Item
          name="homeTownship"
          label="家住哪个乡镇"
          rules={[{ required: true, message: '请选择乡镇' }]}
        >
          <Select aria-label="家住哪个乡镇" options={townships} />
        </Form.Item>
        <Form.Item
          name="townshipCodes"
          label="能去哪些乡镇干活"
          rules={[{ required: true, message: '请至少选一个' }]}
        >
          <Checkbox.Group options={townships} />
        </Form.Item>
        <Form.Item label="期望工钱（选填）" style={{ marginBottom: 0 }}>
          <div className="row-actions">
            <Form.Item name="expectedPayYuan" noStyle>
              <InputNumber
                aria-label="期望工钱（元）"
                min={0}
                max={100000}
                style={{ width: 140 }}
                suffix="元"
              />
            </Form.Item>
            <Form.Item name="payUnit" noStyle>
              <Select
                aria-label="计价方式"
                style={{ width: 120 }}
                options={[
                  { value: 'day', label: '每天' },
                  { value: 'hour', label: '每小时' },
                  { value: 'piece', label: '每件' },
                ]}
              />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="active" label="现在想接活" valuePropName="checked" style={{ marginTop: 16 }}>
          <Switch checkedChildren="想接活" unCheckedChildren="暂不接活" />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" loading={save.isPending}>
          保存接活意向
        </Button>
      </Form>
    </div>
  );
}
