import type { FieldError } from '@contracts/common';
import { ApiError } from './api-error';

export interface ServerFieldErrors {
  /** Messages keyed by form field, ready for `form.setErrors`. */
  byField: Record<string, string>;
  /** Errors about fields this form does not show; the caller reports them another way. */
  unplaced: FieldError[];
}

/** Splits the problem's `errors[]` into the ones the form can show next to its fields, and the rest. */
export function serverFieldErrors(error: unknown, fields: readonly string[]): ServerFieldErrors {
  const result: ServerFieldErrors = { byField: {}, unplaced: [] };
  if (!(error instanceof ApiError)) return result;
  for (const fieldError of error.errors) {
    if (fields.includes(fieldError.path)) result.byField[fieldError.path] ??= fieldError.message;
    else result.unplaced.push(fieldError);
  }
  return result;
}
