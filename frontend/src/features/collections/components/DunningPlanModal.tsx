import { DUNNING_MAX_STEPS, PutDunningPlanBody, type DunningAction, type DunningPlan, type DunningStep } from '@contracts/collections';
import { ActionIcon, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { ApiError, describeError } from '@/lib/api-error';
import { schemaFieldErrors } from '@/lib/form-schema';
import { notifySuccess } from '@/lib/notify';
import { useSaveDunningPlan } from '../api/collections';
import { ACTION_LABELS, CHANNEL_LABELS } from '../dunning-labels';

/** A step as the form holds it: every field a string (a number field may be empty while typing). */
interface StepDraft {
  key: string;
  days: number | string;
  action: DunningAction;
  channel: string;
  template: string;
}

const DEFAULT_TEMPLATES: Record<DunningAction, string> = { reminder: 'dunning-reminder', call_task: '', final_notice: 'dunning-final-notice' };
const isMessage = (action: DunningAction) => action !== 'call_task';

const draftOf = (s: DunningStep): StepDraft => ({ key: s.key, days: s.days, action: s.action, channel: s.channel ?? 'preferred', template: s.template ?? '' });

/** The body the form would send: a call task carries no channel or template. */
function bodyOf(steps: readonly StepDraft[]) {
  return {
    steps: steps.map((s) => ({
      key: s.key.trim(),
      days: typeof s.days === 'number' ? s.days : Number.NaN,
      action: s.action,
      ...(isMessage(s.action) ? { channel: s.channel, ...(s.template.trim() ? { template: s.template.trim() } : {}) } : {}),
    })),
  };
}

/** The template after the action changes: the new action's default, unless the step names one of its own. */
export function templateFor(step: Pick<StepDraft, 'action' | 'template'>, action: DunningAction): string {
  return !step.template || step.template === DEFAULT_TEMPLATES[step.action] ? DEFAULT_TEMPLATES[action] : step.template;
}

/** A fresh key for a new step: `step-N` not yet taken. */
function freshKey(steps: readonly StepDraft[]): string {
  for (let n = steps.length + 1; ; n++) if (!steps.some((s) => s.key === `step-${n}`)) return `step-${n}`;
}

function PlanForm({ plan, onDone }: { plan: DunningPlan; onDone: () => void }) {
  const [steps, setSteps] = useState<StepDraft[]>(() => plan.steps.map(draftOf));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const save = useSaveDunningPlan();
  const set = (i: number, patch: Partial<StepDraft>) => setSteps((list) => list.map((s, n) => (n === i ? { ...s, ...patch } : s)));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const body = bodyOf(steps);
    // The API's own schema first (every field at once); the plan's rules (order, keys once, the final notice last) are the server's.
    const local = schemaFieldErrors(PutDunningPlanBody, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    save.mutate(
      { plan, body: PutDunningPlanBody.parse(body) },
      {
        onSuccess: (saved) => {
          notifySuccess('Dunning plan saved', `${saved.product.name}: ${saved.steps.length} ${saved.steps.length === 1 ? 'step' : 'steps'}.`);
          onDone();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.errors.length) setErrors(Object.fromEntries(error.errors.map((e) => [e.path, e.message])));
          if (error instanceof ApiError && error.status === 412)
            setFailure({ title: 'Changed by someone else', detail: 'Another finance manager saved this plan meanwhile. Close and open it again to see their steps.' });
          else if (!(error instanceof ApiError) || !error.errors.length) setFailure(describeError(error));
        },
      },
    );
  };

  const err = (i: number, field: string) => errors[`steps.${i}.${field}`];
  return (
    <form onSubmit={submit} noValidate aria-label="Dunning plan">
      <Stack gap="sm">
        <Text size="sm">
          Each step runs once per overdue invoice, on its day after the due date, and the plan stops the moment the invoice is paid. A final notice comes last, before the grace
          period ends.
        </Text>
        {errors.steps && (
          <Text size="sm" c="red">
            {errors.steps}
          </Text>
        )}
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={6} aria-label="Steps">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Channel</Table.Th>
                <Table.Th>Template</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {steps.map((s, i) => (
                <Table.Tr key={i} style={{ verticalAlign: 'top' }}>
                  <Table.Td w={110}>
                    <NumberInput
                      aria-label={`Day of step ${i + 1}`}
                      min={1}
                      max={365}
                      allowDecimal={false}
                      value={s.days}
                      onChange={(v) => set(i, { days: v })}
                      error={err(i, 'days')}
                    />
                  </Table.Td>
                  <Table.Td w={160}>
                    <Select
                      aria-label={`Action of step ${i + 1}`}
                      allowDeselect={false}
                      data={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))}
                      value={s.action}
                      onChange={(v) => v && set(i, { action: v as DunningAction, template: templateFor(s, v as DunningAction) })}
                      error={err(i, 'action')}
                    />
                  </Table.Td>
                  <Table.Td w={170}>
                    {isMessage(s.action) ? (
                      <Select
                        aria-label={`Channel of step ${i + 1}`}
                        allowDeselect={false}
                        data={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
                        value={s.channel}
                        onChange={(v) => v && set(i, { channel: v })}
                        error={err(i, 'channel')}
                      />
                    ) : (
                      <Text size="sm" c="dimmed" pt={6}>
                        A task for the branch
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {isMessage(s.action) && (
                      <TextInput
                        aria-label={`Template of step ${i + 1}`}
                        value={s.template}
                        onChange={(e) => set(i, { template: e.currentTarget.value })}
                        error={err(i, 'template')}
                      />
                    )}
                  </Table.Td>
                  <Table.Td w={150}>
                    <TextInput aria-label={`Key of step ${i + 1}`} value={s.key} onChange={(e) => set(i, { key: e.currentTarget.value })} error={err(i, 'key')} />
                  </Table.Td>
                  <Table.Td w={44}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove step ${i + 1}`}
                      onClick={() => {
                        setSteps((list) => list.filter((_, n) => n !== i));
                        // Errors are by position (steps.N): after a removal they would sit on the wrong rows.
                        setErrors({});
                      }}
                      mt={4}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={steps.length >= DUNNING_MAX_STEPS}
            onClick={() => {
              const last = steps.at(-1);
              const days = typeof last?.days === 'number' ? last.days + 5 : 3;
              setSteps((list) => [...list, { key: freshKey(list), days, action: 'reminder', channel: 'preferred', template: DEFAULT_TEMPLATES.reminder }]);
            }}
          >
            Add a step
          </Button>
        </Group>
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Save the plan" onCancel={onDone} loading={save.isPending} />
      </Stack>
    </form>
  );
}

/** Edits a product version's dunning steps (finance managers; If-Match on the plan's version). */
export function DunningPlanModal({ plan, onClose }: { plan: DunningPlan | null; onClose: () => void }) {
  return (
    <Modal opened={plan !== null} onClose={onClose} title={plan ? `Dunning plan: ${plan.product.name}` : 'Dunning plan'} size={1000}>
      {plan && <PlanForm plan={plan} onDone={onClose} />}
    </Modal>
  );
}
