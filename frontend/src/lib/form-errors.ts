import type { FieldError } from '@contracts/common';
import { ApiError } from './api-error';

export interface ServerFieldErrors {
  /** Messages keyed by form field, ready for `form.setErrors`. */
  byField: Record<string, string>;
  /** Errors about fields this form does not show; the caller reports them another way. */
  unplaced: FieldError[];
}

/** The form field an error belongs to: its own path, or the list it is an item of (`managedBranchIds.1`). */
function fieldOf(path: string, fields: readonly string[]): string | undefined {
  return fields.includes(path) ? path : fields.find((field) => path.startsWith(`${field}.`));
}

/** Splits the problem's `errors[]` into the ones the form can show next to its fields, and the rest. */
export function serverFieldErrors(error: unknown, fields: readonly string[]): ServerFieldErrors {
  const result: ServerFieldErrors = { byField: {}, unplaced: [] };
  if (!(error instanceof ApiError)) return result;
  for (const fieldError of error.errors) {
    const field = fieldOf(fieldError.path, fields);
    if (field !== undefined) result.byField[field] ??= fieldError.message;
    else result.unplaced.push(fieldError);
  }
  return result;
}

/**
 * Moves the keyboard to the first of `fields` (in screen order) that has an error: on a long form the
 * field to fix may be out of view.
 */
export function focusFirstError(errors: Record<string, unknown>, fields: readonly string[], inputNode: (path: string) => HTMLElement | null): void {
  const first = fields.find((field) => errors[field]);
  if (first !== undefined) inputNode(first)?.focus();
}
