import type { Role } from '@contracts/auth';
import type { Branch } from '@contracts/identity';
import { MultiSelect, Select } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { branchOptions } from '@/features/branches';
import { ROLE_OPTIONS } from '@/lib/auth/role-options';

interface UserAccessFieldsProps {
  branches: readonly Branch[];
  /** The role currently chosen in the form: only managers manage branches. */
  role: Role;
  /** Branch ids the record already holds, kept selectable even if since deactivated. */
  chosenBranchIds: readonly string[];
  roleInput: GetInputPropsReturnType;
  branchInput: GetInputPropsReturnType;
  managedBranchesInput: GetInputPropsReturnType;
}

/** Role and branches: what decides which records a user sees. Shared by the create and edit forms. */
export function UserAccessFields(props: UserAccessFieldsProps) {
  const { branches, role, chosenBranchIds, roleInput, branchInput, managedBranchesInput } = props;
  const options = branchOptions(branches, chosenBranchIds);
  const managedChosen = Array.isArray(managedBranchesInput.value) && managedBranchesInput.value.length > 0;
  return (
    <>
      <Select label="Role" data={ROLE_OPTIONS} allowDeselect={false} {...roleInput} />
      <Select label="Branch" placeholder="Choose a branch" data={options} allowDeselect={false} searchable required {...branchInput} />
      {role === 'manager' && (
        <MultiSelect
          label="Managed branches"
          description="Besides their own branch, a manager sees the users and audit trail of these branches."
          // The placeholder stays visible next to chosen values, so it only appears when there are none.
          placeholder={managedChosen ? undefined : 'None'}
          data={options}
          searchable
          clearable
          {...managedBranchesInput}
        />
      )}
    </>
  );
}
