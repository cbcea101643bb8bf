import { LOSS_TYPES, REPORTER_KINDS } from '@contracts/claims';
import type { Claim, CoverageCheck, LossType } from '@contracts/claims';
import type { Policy } from '@contracts/policies';
import type { ProductDefinition } from '@contracts/products';
import { Alert, Box, Button, Grid, Group, Loader, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { StickyFormActions } from '@/components/StickyFormActions';
import { ApiError } from '@/lib/api-error';
import { focusFirstError, serverFieldErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { useCoverageCheck } from '../api/coverage-check';
import { useCreateClaim } from '../api/create-claim';
import { useTransitionClaim } from '../api/transition-claim';
import { LOSS_TYPE_LABELS, REPORTER_KIND_LABELS } from '../claim-labels';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';
import { buildClaimBody, coverageCheckBodyOf, emptyFnol, FNOL_FIELDS } from '../fnol-form';
import type { FnolValues } from '../fnol-form';
import { CoverageCheckList } from './CoverageCheckList';

const CHECK_DELAY_MS = 400;
const idOf = (field: string) => `fnol-${field.replace('.', '-')}`;
const todayIso = () => new Date().toISOString().slice(0, 10);

/** The product's claims catalog first (covered), then the other kinds of loss (recorded, but doubtful). */
function lossTypeOptions(definition: ProductDefinition | undefined) {
  const listed = definition?.claims?.lossTypes.map((l) => l.lossType) ?? [];
  const item = (value: LossType) => ({ value, label: LOSS_TYPE_LABELS[value] });
  if (!definition) return LOSS_TYPES.map(item);
  const others = LOSS_TYPES.filter((t) => !listed.includes(t));
  return [
    { group: 'In the product’s claims catalog', items: listed.map(item) },
    ...(others.length ? [{ group: 'Not in the catalog (recorded as doubtful)', items: others.map(item) }] : []),
  ];
}

interface CoverageCheckPanelProps {
  check: CoverageCheck | undefined;
  currency: string;
  isFetching: boolean;
  error: Error | null;
  ready: boolean;
}

function CoverageCheckPanel({ check, currency, isFetching, error, ready }: CoverageCheckPanelProps) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Coverage check" style={{ position: 'sticky', top: 'calc(var(--app-shell-header-offset, 56px) + 16px)' }}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Coverage check
        </Title>
        {isFetching && <Loader size="xs" aria-label="Checking" />}
      </Group>
      {!ready ? (
        <Text size="sm" c="dimmed">
          Checked as you type, once the loss date and the kind of loss are given.
        </Text>
      ) : error && !check ? (
        <Text size="sm" c="red">
          {error instanceof ApiError ? error.detail : 'The check could not be made.'}
        </Text>
      ) : check ? (
        <Stack gap="sm">
          {check.coverageDoubtful ? (
            <Alert color="orange" variant="light" p="xs" icon={<IconAlertTriangle size={18} />} title="Coverage doubtful">
              The claim can still be recorded: an adjuster looks at it first.
            </Alert>
          ) : (
            <Alert color="teal" variant="light" p="xs" icon={<IconCircleCheck size={18} />} title="Every check passed" />
          )}
          <CoverageCheckList checks={check.checks} />
          {check.coverages.length > 0 && (
            <Text size="xs" c="dimmed">
              Answering this loss: {check.coverages.map((c) => `${c.name} (sum insured ${formatMoney(c.sumInsured, currency)})`).join(', ')}.
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Checking…
        </Text>
      )}
    </Paper>
  );
}

interface FnolFormProps {
  policy: Policy;
  definition: ProductDefinition | undefined;
  onCancel: () => void;
  /** The claim recorded (and submitted when asked; `submitError` when recording worked but submitting did not). */
  onSaved: (claim: Claim, submitted: boolean, submitError?: unknown) => void;
}

/** The first notice of loss, short enough to take on the phone, with the coverage check beside it as it is typed. */
export function FnolForm({ policy, definition, onCancel, onSaved }: FnolFormProps) {
  const [initial] = useState(() => ({ ...emptyFnol(policy.id, todayIso()), reporter: { ...emptyFnol(policy.id, '').reporter, name: policy.customer.name } }));
  const [values, setValues] = useState<FnolValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const set = <K extends keyof FnolValues>(key: K, value: FnolValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const setReporter = (key: keyof FnolValues['reporter'], value: string) => setValues((prev) => ({ ...prev, reporter: { ...prev.reporter, [key]: value } }));

  const checkKey = JSON.stringify(coverageCheckBodyOf(values));
  const [checkedKey] = useDebouncedValue(checkKey, CHECK_DELAY_MS);
  const checkBody = useMemo(() => JSON.parse(checkedKey) as ReturnType<typeof coverageCheckBodyOf>, [checkedKey]);
  const check = useCoverageCheck(checkBody);
  // A loss date the server refuses (in the future) is said on the field itself.
  const checkDateError = check.error instanceof ApiError ? serverFieldErrors(check.error, ['lossDate']).byField.lossDate : undefined;

  const create = useCreateClaim();
  const submit = useTransitionClaim();
  const { release } = useUnsavedChanges(values !== initial && !create.isSuccess);

  const save = async (andSubmit: boolean) => {
    if (create.isPending || submitting) return;
    setFailure(null);
    const result = buildClaimBody(values);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError(result.errors, FNOL_FIELDS, (field) => document.getElementById(idOf(field)));
      return;
    }
    setErrors({});
    let claim: Claim;
    try {
      claim = await create.mutateAsync(result.body);
    } catch (error) {
      const { byField, unplaced } = serverFieldErrors(error, FNOL_FIELDS);
      setErrors(byField);
      focusFirstError(byField, FNOL_FIELDS, (field) => document.getElementById(idOf(field)));
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(claimProblem(error, policy.currency));
      return;
    }
    release(); // the page moves on to the recorded claim
    if (!andSubmit) return onSaved(claim, false);
    setSubmitting(true);
    try {
      onSaved(await submit.mutateAsync({ claim, action: 'submit' }), true);
    } catch (error) {
      onSaved(claim, false, error);
    }
  };

  const r = values.reporter;
  const checkPanel = <CoverageCheckPanel check={check.data} currency={policy.currency} isFetching={check.isFetching} error={check.error} ready={checkBody !== null} />;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
        <form
          noValidate
          aria-label="Report a claim"
          onSubmit={(event) => {
            event.preventDefault();
            void save(true);
          }}
        >
          <Stack gap="md">
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  The loss
                </Title>
                <Group grow align="flex-start">
                  <TextInput
                    id={idOf('lossDate')}
                    label="Loss date"
                    type="date"
                    required
                    max={todayIso()}
                    value={values.lossDate}
                    onChange={(e) => set('lossDate', e.currentTarget.value)}
                    error={errors.lossDate ?? checkDateError}
                  />
                  <TextInput
                    id={idOf('lossTime')}
                    label="Time (if known)"
                    type="time"
                    value={values.lossTime}
                    onChange={(e) => set('lossTime', e.currentTarget.value)}
                    error={errors.lossTime}
                  />
                </Group>
                <Select
                  id={idOf('lossType')}
                  label="Kind of loss"
                  placeholder="Choose"
                  required
                  searchable
                  data={lossTypeOptions(definition)}
                  value={values.lossType}
                  onChange={(v) => set('lossType', v as LossType | null)}
                  error={errors.lossType}
                  data-autofocus
                />
                <Textarea
                  id={idOf('description')}
                  label="What happened"
                  required
                  autosize
                  minRows={2}
                  maxRows={8}
                  maxLength={4000}
                  value={values.description}
                  onChange={(e) => set('description', e.currentTarget.value)}
                  error={errors.description}
                />
                <TextInput
                  id={idOf('location')}
                  label="Where"
                  required
                  maxLength={300}
                  value={values.location}
                  onChange={(e) => set('location', e.currentTarget.value)}
                  error={errors.location}
                />
                <NumberInput
                  id={idOf('claimedAmount')}
                  label={`Amount claimed (${policy.currency}, if known)`}
                  value={values.claimedAmount}
                  onChange={(v) => set('claimedAmount', v)}
                  min={0}
                  decimalScale={2}
                  fixedDecimalScale
                  thousandSeparator=","
                  error={errors.claimedAmount}
                  maw={280}
                />
              </Stack>
            </Paper>
            {/* On a phone the check comes right after the loss it checks. */}
            <Box hiddenFrom="md">{checkPanel}</Box>
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  Who reports it
                </Title>
                <Group grow align="flex-start">
                  <Select
                    id={idOf('reporter.kind')}
                    label="Reporter"
                    required
                    data={REPORTER_KINDS.map((k) => ({ value: k, label: REPORTER_KIND_LABELS[k] }))}
                    value={r.kind}
                    allowDeselect={false}
                    onChange={(v) => v && setReporter('kind', v)}
                    error={errors['reporter.kind']}
                  />
                  <TextInput
                    id={idOf('reporter.name')}
                    label="Name"
                    required
                    maxLength={200}
                    value={r.name}
                    onChange={(e) => setReporter('name', e.currentTarget.value)}
                    error={errors['reporter.name']}
                  />
                </Group>
                <Group grow align="flex-start">
                  <TextInput
                    id={idOf('reporter.phone')}
                    label="Phone"
                    type="tel"
                    maxLength={40}
                    value={r.phone}
                    onChange={(e) => setReporter('phone', e.currentTarget.value)}
                    error={errors['reporter.phone']}
                  />
                  <TextInput
                    id={idOf('reporter.email')}
                    label="or email"
                    type="email"
                    maxLength={254}
                    value={r.email}
                    onChange={(e) => setReporter('email', e.currentTarget.value)}
                    error={errors['reporter.email']}
                  />
                </Group>
                {r.kind !== 'policyholder' && (
                  <TextInput
                    id={idOf('reporter.relationship')}
                    label="Relationship to the policyholder"
                    placeholder="e.g. spouse, other driver"
                    maxLength={100}
                    value={r.relationship}
                    onChange={(e) => setReporter('relationship', e.currentTarget.value)}
                    error={errors['reporter.relationship']}
                  />
                )}
              </Stack>
            </Paper>
            <FailureAlert failure={failure} />
            <StickyFormActions>
              <Button variant="subtle" onClick={onCancel} visibleFrom="sm">
                Cancel
              </Button>
              <Button variant="default" onClick={() => void save(false)} loading={create.isPending && !submitting} disabled={submitting}>
                Save draft
              </Button>
              <Button type="submit" loading={submitting || create.isPending}>
                Save and submit
              </Button>
            </StickyFormActions>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5, lg: 4 }} visibleFrom="md">
        {checkPanel}
      </Grid.Col>
    </Grid>
  );
}
