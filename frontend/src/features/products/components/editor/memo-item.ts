// The draft form re-renders on every keystroke, and a product has hundreds of inputs (a factor per
// state, forty cash values). Each list item and section is therefore memoized on its own values and
// errors: typing in one cell re-renders that row, not the page.
import { memo } from 'react';
import type { FunctionComponent } from 'react';
import type { DraftForm } from './types';

/** Equality for JSON-like data (form values, error messages, select options). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

export type ErrorSlice = Record<string, unknown>;

/** The form's errors at `path` and below it: what one item needs to compare to know it must re-render. */
export function errorsUnder(errors: ErrorSlice, ...paths: string[]): ErrorSlice {
  const slice: ErrorSlice = {};
  for (const [key, message] of Object.entries(errors)) {
    if (paths.some((path) => key === path || key.startsWith(`${path}.`))) slice[key] = message;
  }
  return slice;
}

/**
 * Memoizes an editor part on everything but the form object, which is new on every render. Its
 * functions read the form's current values and errors, so a part that did not re-render still
 * writes to the right place; the `errors` prop it gets makes it re-render when its messages change.
 */
export function memoItem<P extends { form: DraftForm }>(component: FunctionComponent<P>) {
  return memo(component, (previous, next) => (Object.keys(next) as (keyof P)[]).every((key) => key === 'form' || deepEqual(previous[key], next[key])));
}
