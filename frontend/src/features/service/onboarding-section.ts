import { OnboardingSectionItem } from '@contracts/service';
import type { CustomerOverviewSection } from '@/features/customers';
import { policyPath } from '@/features/policies';
import { formatDate } from '@/lib/format-date';
import { progressWording } from './playbook-progress';

/** The customer's onboarding playbooks in the 360° view: each one's progress, linking to its policy (where the milestones are). */
export const onboardingOverviewSection: CustomerOverviewSection = {
  key: 'onboarding',
  itemView: (item) => {
    const p = OnboardingSectionItem.safeParse(item);
    if (!p.success) return null;
    const { name, progress, policyId, startedAt } = p.data;
    const done = progress.total > 0 && progress.done === progress.total;
    return {
      label: name,
      // A playbook started by hand on the customer has no policy: it reads as text.
      to: policyId ? policyPath(policyId) : null,
      permission: 'policies:read',
      status: done ? { label: 'Done', color: 'green' } : progress.breached ? { label: 'Overdue', color: 'red' } : { label: 'On track', color: 'blue' },
      detail: `${progressWording(progress)} · started ${formatDate(startedAt)}`,
    };
  },
};
