import { Anchor, Select, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { claimPath } from '@/features/claims/claim-labels';
import { FnolForm } from '@/features/claims/components/FnolForm';
import { policyPath, usePolicies, usePolicy } from '@/features/policies';
import { productVersionQueryOptions } from '@/features/quotes';
import { notifyProblem, notifySuccess } from '@/lib/notify';

/** The customer's policies to report a loss on (a customer page's "Report a claim"). */
function PolicyChoice({ customerId, value, onChange }: { customerId: string; value: string | null; onChange: (id: string | null) => void }) {
  const policies = usePolicies({ customerId });
  const items = policies.data?.pages.flatMap((p) => p.items) ?? [];
  if (policies.error) return <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />;
  if (policies.isPending) return <LoadingState label="Loading the customer’s policies…" />;
  if (items.length === 0) return <EmptyState title="No policy to claim on" description="This customer holds no policy in your branches." />;
  return (
    <Select
      label="Policy"
      placeholder="Choose the policy the loss is claimed on"
      required
      maw={520}
      data={items.map((p) => ({ value: p.id, label: `${p.policyNumber} — ${p.product.name} (${p.status.replace(/_/g, ' ')})` }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      data-autofocus
    />
  );
}

/** The notice itself, once the policy is known. */
function NoticeForPolicy({ policyId }: { policyId: string }) {
  const navigate = useNavigate();
  const policy = usePolicy(policyId);
  const versionId = policy.data?.product.versionId ?? '';
  const version = useQuery({ ...productVersionQueryOptions(versionId), enabled: versionId !== '' });
  if (policy.error) return <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />;
  if (policy.isPending) return <LoadingState label="Loading the policy…" />;
  const p = policy.data;
  return (
    <Stack gap="md">
      <Text size="sm">
        On policy{' '}
        <Anchor component={Link} to={policyPath(p.id)} ff="monospace" size="sm">
          {p.policyNumber}
        </Anchor>{' '}
        of {p.customer.name} ({p.product.name}).
      </Text>
      <FnolForm
        key={p.id}
        policy={p}
        definition={version.data?.definition}
        onCancel={() => navigate(policyPath(p.id))}
        onSaved={(claim, submitted, submitError) => {
          if (submitError) notifyProblem(submitError, `${claim.claimNumber} is saved as a draft, but was not submitted`);
          else
            notifySuccess(`Claim ${claim.claimNumber} ${submitted ? 'submitted' : 'saved as a draft'}`, submitted ? 'It goes to an adjuster.' : 'Submit it from the claim’s page.');
          navigate(claimPath(claim.id));
        }}
      />
    </Stack>
  );
}

/** /claims/new?policyId=… (from a policy) or ?customerId=… (from a customer: the policy is chosen first). */
export function NewClaimPage() {
  const [params] = useSearchParams();
  const customerId = params.get('customerId');
  const [chosen, setChosen] = useState<string | null>(params.get('policyId'));
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/claims" size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Claims
      </Anchor>
      <PageHeader title="Report a claim" description="The first notice of loss: what happened, when and where, and who reports it. Coverage is checked as you type." />
      {!params.get('policyId') && customerId && <PolicyChoice customerId={customerId} value={chosen} onChange={setChosen} />}
      {chosen ? (
        <NoticeForPolicy policyId={chosen} />
      ) : (
        !customerId && <EmptyState title="Open the policy first" description="A claim is reported from the policy’s page, or from the customer’s page." />
      )}
    </Stack>
  );
}
