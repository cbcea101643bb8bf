import { CreateUserBody } from '@contracts/identity';
import type { UpdateUserBody, User } from '@contracts/identity';
import { z } from 'zod';

/** The edit form validates with the API's own field rules; `active` is the form's on/off switch. */
export const EditUserFormValues = CreateUserBody.pick({
  name: true,
  role: true,
  branchId: true,
  managedBranchIds: true,
}).extend({ active: z.boolean() });
export type EditUserFormValues = z.infer<typeof EditUserFormValues>;

export function editUserInitialValues(user: User): EditUserFormValues {
  const { name, role, branchId, managedBranchIds, active } = user;
  return { name, role, branchId, managedBranchIds, active };
}

const sameIds = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * Only what the form changed, so the audit trail records real changes. Managed branches are sent for
 * managers only: for any other role the API clears them itself.
 */
export function userChanges(user: User, values: EditUserFormValues): UpdateUserBody {
  const changes: UpdateUserBody = {};
  const name = values.name.trim();
  if (name !== user.name) changes.name = name;
  if (values.role !== user.role) changes.role = values.role;
  if (values.branchId !== user.branchId) changes.branchId = values.branchId;
  const managed = values.managedBranchIds ?? [];
  if (values.role === 'manager' && !sameIds(managed, user.managedBranchIds)) changes.managedBranchIds = managed;
  if (values.active !== user.active) changes.active = values.active;
  return changes;
}
