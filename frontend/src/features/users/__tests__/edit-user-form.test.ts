import type { User } from '@contracts/identity';
import { describe, expect, it } from 'vitest';
import { editUserInitialValues, EditUserFormValues, userChanges } from '../edit-user-form';

const NORTH = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const SOUTH = '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c';
const EAST = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';

const manager: User = {
  id: '9d7f1e2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a',
  email: 'mia@example.com',
  name: 'Mia Manager',
  role: 'manager',
  branchId: NORTH,
  managedBranchIds: [NORTH, SOUTH],
  active: true,
  mustChangePassword: false,
  lockedUntil: null,
  lastLoginAt: null,
  mfaEnabled: false,
  version: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the edit user form', () => {
  it('starts from the user’s name, role, branches and whether they are active', () => {
    expect(editUserInitialValues(manager)).toEqual({ name: 'Mia Manager', role: 'manager', branchId: NORTH, managedBranchIds: [NORTH, SOUTH], active: true });
  });

  it('sends nothing for the form as loaded, and nothing for the same managed branches in another order', () => {
    expect(userChanges(manager, editUserInitialValues(manager))).toEqual({});
    expect(userChanges(manager, { ...editUserInitialValues(manager), managedBranchIds: [SOUTH, NORTH] })).toEqual({});
  });

  it('compares the name without the spaces around it, and sends it trimmed', () => {
    expect(userChanges(manager, { ...editUserInitialValues(manager), name: ' Mia Manager ' })).toEqual({});
    expect(userChanges(manager, { ...editUserInitialValues(manager), name: ' Mia Boss ' })).toEqual({ name: 'Mia Boss' });
  });

  it('sends changed managed branches for a manager', () => {
    expect(userChanges(manager, { ...editUserInitialValues(manager), managedBranchIds: [NORTH, EAST] })).toEqual({ managedBranchIds: [NORTH, EAST] });
    expect(userChanges(manager, { ...editUserInitialValues(manager), managedBranchIds: undefined })).toEqual({ managedBranchIds: [] });
  });

  it('never sends managed branches for another role: the API clears them itself', () => {
    expect(userChanges(manager, { ...editUserInitialValues(manager), role: 'agent', managedBranchIds: [EAST] })).toEqual({ role: 'agent' });
  });

  it('sends the branch and the active switch when they change', () => {
    expect(userChanges(manager, { ...editUserInitialValues(manager), branchId: SOUTH, active: false })).toEqual({ branchId: SOUTH, active: false });
  });

  it('validates with the API’s field rules', () => {
    expect(EditUserFormValues.safeParse(editUserInitialValues(manager)).success).toBe(true);
    const bad = EditUserFormValues.safeParse({ ...editUserInitialValues(manager), name: ' M ', branchId: '' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', 'Use at least 2 characters'],
      ['branchId', 'Choose a branch'],
    ]);
  });
});
