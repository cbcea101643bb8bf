import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api-error';
import { focusFirstError, serverFieldErrors } from '../form-errors';

const validation = (errors: { path: string; message: string }[]) => new ApiError({ status: 400, code: 'VALIDATION_FAILED', title: 'Invalid', detail: 'd', errors });

describe('serverFieldErrors', () => {
  const fields = ['name', 'email', 'address.city', 'managedBranchIds'] as const;

  it('places each error on the field of the same path', () => {
    const result = serverFieldErrors(
      validation([
        { path: 'email', message: 'Enter a valid email address' },
        { path: 'address.city', message: 'Required' },
      ]),
      fields,
    );
    expect(result).toEqual({ byField: { email: 'Enter a valid email address', 'address.city': 'Required' }, unplaced: [] });
  });

  it('places an error about an item of a list on the list field (managedBranchIds.1 → managedBranchIds)', () => {
    expect(serverFieldErrors(validation([{ path: 'managedBranchIds.1', message: 'Not a branch' }]), fields).byField).toEqual({ managedBranchIds: 'Not a branch' });
  });

  it('does not place a path that only starts with the same letters as a field (names ≠ name)', () => {
    const result = serverFieldErrors(
      validation([
        { path: 'names', message: 'x' },
        { path: 'address', message: 'y' },
      ]),
      fields,
    );
    expect(result.byField).toEqual({});
    expect(result.unplaced).toEqual([
      { path: 'names', message: 'x' },
      { path: 'address', message: 'y' },
    ]);
  });

  it('keeps the first message when the server names one field twice', () => {
    const result = serverFieldErrors(
      validation([
        { path: 'name', message: 'first' },
        { path: 'name', message: 'second' },
      ]),
      fields,
    );
    expect(result.byField).toEqual({ name: 'first' });
    expect(result.unplaced).toEqual([]);
  });

  it('returns the errors about fields the form does not show, for the caller to report another way', () => {
    const result = serverFieldErrors(
      validation([
        { path: 'confirmNotDuplicate', message: 'x' },
        { path: '', message: 'whole body' },
      ]),
      fields,
    );
    expect(result.unplaced.map((e) => e.path)).toEqual(['confirmNotDuplicate', '']);
  });

  it('finds nothing to place in an error that is not an API error, or one without field errors', () => {
    expect(serverFieldErrors(new Error('offline'), fields)).toEqual({ byField: {}, unplaced: [] });
    expect(serverFieldErrors(new ApiError({ status: 409, code: 'X', title: 't', detail: 'd' }), fields)).toEqual({ byField: {}, unplaced: [] });
  });
});

describe('focusFirstError', () => {
  const nodes = () => {
    const focused: string[] = [];
    const inputNode = vi.fn((path: string) => ({ focus: () => focused.push(path) }) as unknown as HTMLElement);
    return { focused, inputNode };
  };

  it('focuses the first field in screen order that has an error, not the first error reported', () => {
    const { focused, inputNode } = nodes();
    focusFirstError({ email: 'bad', name: 'Required' }, ['name', 'email'], inputNode);
    expect(focused).toEqual(['name']);
  });

  it('skips fields whose error is empty and focuses nothing when no field has one', () => {
    const { focused, inputNode } = nodes();
    focusFirstError({ name: '', email: null, phone: undefined }, ['name', 'email', 'phone'], inputNode);
    expect(focused).toEqual([]);
    expect(inputNode).not.toHaveBeenCalled();
  });

  it('does nothing when the field with the error is not on screen', () => {
    expect(() => focusFirstError({ name: 'Required' }, ['name'], () => null)).not.toThrow();
  });
});
