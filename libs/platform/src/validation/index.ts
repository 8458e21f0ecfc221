/** Pure validators (no framework imports): resident ID, credit code, phones. */
export {
  PROVINCE_CODES,
  validateResidentId,
  isValidResidentId,
  residentIdCheckChar,
  maskResidentId,
} from './resident-id';
export type { ResidentIdResult, ResidentIdReason } from './resident-id';
export {
  CREDIT_CODE_CHARSET,
  validateCreditCode,
  isValidCreditCode,
  creditCodeCheckChar,
  creditCodeReasonText,
  CREDIT_CODE_AUTHORITIES,
  CREDIT_CODE_CATEGORIES,
} from './credit-code';
export type { CreditCodeResult, CreditCodeReason } from './credit-code';
export { validateMobile, validateLandline, maskMobile } from './phone';
export { isIsoDate, isRealDate, isLeapYear, daysInMonth, todayInChina } from './calendar-date';
export { textProblem, textProblemMessage, normaliseText, isBlankText } from './text';
export type { TextProblem } from './text';
