import type { FormInstance } from 'antd';
import { message } from 'antd';
import { ApiError, errorText, fieldText } from '../api/errors';

/** The shape of an 18-digit resident ID number (the server checks the rest: area, birth date, check digit). */
export const ID_NUMBER_PATTERN = /^\d{17}[\dXx]$/;

/**
 * Shows an API error where it belongs: each named field's message next to that field (when the
 * form has it), the rest as one message at the top of the page.
 */
export function showApiError(err: unknown, form?: FormInstance): void {
  if (err instanceof ApiError && err.fields.length && form) {
    const known = new Set(
      Object.keys(form.getFieldsValue(true) as object).concat(
        form.getFieldsError().map((f) => f.name.join('.')),
      ),
    );
    const placed = err.fields.filter((f) => known.has(f.field.split(/[.[]/)[0]!));
    form.setFields(
      placed.map((f) => ({
        name: f.field
          .replace(/\[(\d+)\]/g, '.$1')
          .split('.')
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        errors: [fieldText(f.message)],
      })),
    );
    if (placed.length === err.fields.length) return;
  }
  void message.error(errorText(err));
}
