import type { FormInstance } from 'antd';
import { message } from 'antd';
import { ApiError } from '../../api/errors';
import { showApiError } from '../../ui/forms';

/**
 * Codes these pages meet that the shared table (api/errors.ts) does not name yet; every other
 * error goes to showApiError (field messages next to their fields, the rest at the top).
 */
const EXTRA_CODE_TEXT: Record<string, string> = {
  'application.invalid-transition': '该应聘记录当前不能进行此操作，请刷新后重试',
  'application.duplicate': '该求职者已在应聘这个岗位',
  'application.post-not-open': '该岗位已停止招聘或已过报名截止日期',
  'import.not-finished': '导入尚未完成，请稍后再下载结果',
};

export function failure(err: unknown, form?: FormInstance): void {
  if (err instanceof ApiError && !err.fields.length && EXTRA_CODE_TEXT[err.code]) {
    void message.error(EXTRA_CODE_TEXT[err.code]);
    return;
  }
  showApiError(err, form);
}

/** Drops blank strings and trims the rest: the API keeps a field it is not sent. */
export function cleanText(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}
