import { ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoDate } from '../validation/calendar-date';

/** A real calendar day written `YYYY-MM-DD` (not 2023-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isIsoDate(v),
        defaultMessage: (args) => `${args?.property} must be a real date written YYYY-MM-DD`,
      },
    },
    options,
  );
}
