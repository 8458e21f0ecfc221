/** Approving, rejecting and paying subsidy claims: the calls and their dialogs. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { yuan } from '../../ui/format';
import { ReasonModal, toFen, useIdempotencyKey } from './parts';

type Claim = components['schemas']['SubsidyClaimView'];
type Approve = components['schemas']['ApproveClaimDto'];

function useAfterDecision() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['staff', 'claims'] });
    void client.invalidateQueries({ queryKey: ['staff', 'claim'] });
    void client.invalidateQueries({ queryKey: ['staff', 'audit'] });
  };
}

/** 审核通过: the amount may be lowered (with a reason), never raised above the entitlement. */
export function ApproveModal({ claim, onClose }: { claim: Claim | null; onClose: () => void }) {
  const { message } = App.useApp();
  const after = useAfterDecision();
  const [form] = Form.useForm<{ amountFen?: number; reason?: string }>();
  const amount = Form.useWatch('amountFen', form);
  const cap = claim?.amountFen ?? null;
  const fixed = claim?.source.kind === 'adjustment';
  const lowered = cap !== null && amount !== undefined && amount !== null && toFen(amount)! < cap;

  const approve = useMutation({
    mutationFn: (body: Approve) =>
      ok(api.POST('/api/v1/subsidy-claims/{id}/approve', { params: { path: { id: claim!.id } }, body })),
    onSuccess: (c) => {
      void message.success(
        `已审核通过：${c.beneficiary.name} ${c.measureName}，核定 ${yuan(c.approvedAmountFen)}`,
      );
      after();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <Modal
      open={!!claim}
      title={`审核通过：${claim?.measureName ?? ''}`}
      okText="审核通过"
      cancelText="取消"
      confirmLoading={approve.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {claim && (
        <p>
          享受对象：{claim.beneficiary.name || '—'}；应发金额：
          {cap === null ? '政策未定，需填写核定金额' : yuan(cap)}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ amountFen: cap === null ? undefined : cap / 100 }}
        onFinish={(v) => {
          const fen = toFen(v.amountFen);
          approve.mutate({
            amountFen: fixed || fen === cap ? undefined : fen,
            reason: v.reason?.trim() || undefined,
          });
        }}
      >
        <Form.Item
          name="amountFen"
          label="核定金额（元）"
          extra={
            fixed
              ? '补差调整按测算金额审核，不能修改'
              : cap !== null
                ? `最多 ${yuan(cap)}；调低金额须填写原因`
                : undefined
          }
          rules={[
            { required: true, message: '请填写核定金额' },
            {
              validator: (_, v?: number) =>
                v === undefined || v === null || cap === null || toFen(v)! <= cap
                  ? Promise.resolve()
                  : Promise.reject(new Error(`不能超过应发金额 ${yuan(cap)}`)),
            },
          ]}
        >
          <InputNumber min={0} precision={2} disabled={fixed} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="审核意见"
          rules={[
            { required: lowered, whitespace: true, message: '调低金额时请填写原因' },
            { min: 2, max: 500, message: '审核意见为 2–500 个字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={lowered ? '例如：按实际缴费月数核定' : '选填'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 审核不通过, with the reason the beneficiary will read. */
export function RejectModal({ claim, onClose }: { claim: Claim | null; onClose: () => void }) {
  const { message } = App.useApp();
  const after = useAfterDecision();
  const reject = useMutation({
    mutationFn: (reason: string) =>
      ok(
        api.POST('/api/v1/subsidy-claims/{id}/reject', {
          params: { path: { id: claim!.id } },
          body: { reason },
        }),
      ),
    onSuccess: (c) => {
      void message.success(`已审核不通过：${c.beneficiary.name} ${c.measureName}`);
      after();
      onClose();
    },
  });
  return (
    <ReasonModal
      open={!!claim}
      title={`审核不通过：${claim?.measureName ?? ''}`}
      label="不通过原因"
      placeholder="例如：劳动合同未满一年"
      okText="审核不通过"
      intro={claim ? <p>享受对象：{claim.beneficiary.name || '—'}。原因会通知到本人或单位。</p> : null}
      onCancel={onClose}
      onSubmit={(reason) => reject.mutateAsync(reason)}
    />
  );
}

/** 生成发放批次: marks the chosen approved claims paid under one batch reference. */
export function PayModal({
  claims,
  open,
  onClose,
  onPaid,
}: {
  claims: Claim[];
  open: boolean;
  onClose: () => void;
  onPaid: () => void;
}) {
  const { message } = App.useApp();
  const after = useAfterDecision();
  const [form] = Form.useForm<{ reference: string }>();
  const idem = useIdempotencyKey();
  const total = claims.reduce((s, c) => s + (c.approvedAmountFen ?? 0), 0);
  const pay = useMutation({
    mutationFn: (reference: string) =>
      ok(
        api.POST('/api/v1/subsidy-claims/payments', {
          body: { claimIds: claims.map((c) => c.id), reference },
          headers: idem.headers,
        }),
      ),
    onSuccess: (b) => {
      void message.success(`批次「${b.reference}」已发放 ${b.claims.length} 笔，共 ${yuan(b.totalFen)}`);
      idem.renew();
      after();
      onPaid();
    },
    onError: (err) => {
      idem.afterError(err);
      showApiError(err, form);
    },
  });
  return (
    <Modal
      open={open}
      title="生成发放批次"
      okText="确认发放"
      cancelText="取消"
      confirmLoading={pay.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`已选 ${claims.length} 笔审核通过的申领，合计 ${yuan(total)}`}
        description="确认后这些申领将标记为已发放，请在银行代发完成后再操作。"
      />
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => pay.mutate(v.reference.trim())}>
        <Form.Item
          name="reference"
          label="发放批次号"
          extra="例如银行代发批次号，只能包含文字、数字和 _ . : / -"
          rules={[
            { required: true, whitespace: true, message: '请填写发放批次号' },
            { max: 100, message: '最多 100 个字符' },
            { pattern: /^[\p{L}\p{N}_.:/-]+$/u, message: '只能包含文字、数字和 _ . : / -' },
          ]}
        >
          <Input placeholder="例如：2023年11月第1批" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
