import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { normaliseText, textProblem, textProblemMessage } from '../validation/text';
import { DomainError, FieldProblem } from './domain-error';

/** Flattens class-validator's tree into `a.b[0].c` paths with their first message each. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const path = joinPath(parent, e.property);
    if (e.constraints) {
      const messages = Object.values(e.constraints);
      out.push({ field: path, message: messages.join('; ') });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

function joinPath(parent: string, key: string): string {
  if (!parent) return key;
  return /^\d+$/.test(key) ? `${parent}[${key}]` : `${parent}.${key}`;
}

/** Passwords are taken exactly as typed (a leading space may be part of one); they are still checked for control characters. */
const RAW_FIELD = /password/i;

/**
 * Every string of a request's body, query or route parameters, checked and normalised once, for
 * every route present and future: control characters (NUL among them) are refused naming the
 * field; other strings are NFC-normalised and trimmed (white space and invisible characters at
 * either end). A string left blank is refused in a body or a route parameter, and dropped from a
 * query (a search form sends its empty boxes as `?q=`), so a required field cannot be satisfied by
 * "   " and an optional one is either given or absent.
 */
export function normaliseRequestInput(
  value: unknown,
  where: ArgumentMetadata['type'],
  problems: FieldProblem[],
  path = '',
): unknown {
  if (typeof value === 'string') return normaliseString(value, where, problems, path, false);
  if (Array.isArray(value)) {
    const items = value.map((v, i) => normaliseRequestInput(v, where, problems, `${path}[${i}]`));
    return items.filter((v) => v !== undefined);
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const out = value as Record<string, unknown>;
  for (const key of Object.keys(out)) {
    const field = joinPath(path, key);
    const keyProblem = textProblem(key);
    if (keyProblem) {
      problems.push({
        field: field.replace(/[^\p{L}\p{N}._[\]-]/gu, '?'),
        message: 'field names must be plain text',
      });
      continue;
    }
    const v = out[key];
    if (typeof v === 'string') {
      const next = normaliseString(v, where, problems, field, RAW_FIELD.test(key));
      if (next === undefined) delete out[key];
      else out[key] = next;
    } else {
      out[key] = normaliseRequestInput(v, where, problems, field);
    }
  }
  return out;
}

function normaliseString(
  s: string,
  where: ArgumentMetadata['type'],
  problems: FieldProblem[],
  field: string,
  raw: boolean,
): string | undefined {
  const problem = textProblem(s);
  if (problem) {
    problems.push({ field: field || 'value', message: `${field || 'value'} ${textProblemMessage(problem)}` });
    return s;
  }
  const text = normaliseText(s);
  // A password is kept exactly as typed, but one of nothing but spaces is no password.
  if (raw) {
    if (text.length === 0)
      problems.push({ field: field || 'value', message: `${field || 'value'} must not be blank` });
    return s;
  }
  if (text.length === 0) {
    if (where === 'query') return undefined;
    problems.push({ field: field || 'value', message: `${field || 'value'} must not be blank` });
  }
  return text;
}

/**
 * The global pipe: the text rules above first, then class-validator. Nothing is stripped silently —
 * unknown fields are refused (forbidNonWhitelisted), so a mass-assignment attempt (`role`, `id`) is
 * a 400 naming the field, not a quiet success.
 */
class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const problems: FieldProblem[] = [];
    const prefix = typeof metadata.data === 'string' ? metadata.data : '';
    const normalised = normaliseRequestInput(value, metadata.type, problems, prefix);
    let result: unknown;
    try {
      result = await super.transform(normalised, metadata);
    } catch (err) {
      // One answer naming every bad field: the text problems and class-validator's together.
      if (problems.length === 0 || !(err instanceof DomainError) || !err.fields) throw err;
      const textFields = new Set(problems.map((p) => p.field));
      throw validationFailed([...problems, ...err.fields.filter((f) => !textFields.has(f.field))]);
    }
    if (problems.length > 0) throw validationFailed(problems);
    return result;
  }
}

function validationFailed(fields: FieldProblem[]): DomainError {
  return new DomainError(
    'validation-failed',
    fields.map((f) => (f.message.startsWith(f.field) ? f.message : `${f.field}: ${f.message}`)).join('; '),
    400,
    fields,
  );
}

export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ') || 'Invalid input';
      return new DomainError('validation-failed', message, 400, fields);
    },
  });
}
