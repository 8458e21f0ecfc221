import { ValidateBy, ValidationOptions } from 'class-validator';
import {
  creditCodeReasonText,
  validateCreditCode,
  validateMobile,
  validateResidentId,
} from '@app/platform/validation';

// Messages never echo the value: personal data stays out of error bodies and logs.

export function IsResidentIdNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isResidentIdNumber',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && validateResidentId(v.trim()).ok,
        defaultMessage: (args) =>
          `${args?.property} must be a valid 18-character resident ID number (GB 11643)`,
      },
    },
    options,
  );
}

export function IsMobileNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMobileNumber',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && validateMobile(v),
        defaultMessage: (args) => `${args?.property} must be an 11-digit mainland mobile number`,
      },
    },
    options,
  );
}

export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCreditCode',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && validateCreditCode(v).ok,
        defaultMessage: (args) => {
          const r = typeof args?.value === 'string' ? validateCreditCode(args.value) : null;
          const why = r && !r.ok ? `: it ${creditCodeReasonText(r.reason)}` : '';
          return `${args?.property} must be a valid unified social credit code (GB 32100)${why}`;
        },
      },
    },
    options,
  );
}
