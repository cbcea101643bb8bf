import type { PlaybookTemplate } from '@contracts/service';
import { UpdatePlaybookTemplateBody } from '@contracts/service';
import { Button, Checkbox, Grid, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { FailureAlert } from '@/components/FailureAlert';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { describeError } from '@/lib/api-error';
import { schemaFieldErrors } from '@/lib/form-schema';
import { notifySuccess } from '@/lib/notify';
import { usePlaybookTemplates, useUpdatePlaybookTemplate } from '../api/playbook-templates';

/** /playbook-templates — admins edit the onboarding playbook of each product category. */
export function PlaybookTemplatesPage() {
  const query = usePlaybookTemplates();
  return (
    <Stack>
      <PageHeader
        title="Onboarding playbooks"
        description="Milestones started when a policy of the category is issued (or by hand on a customer): each becomes a task due so many hours after the start, with an SLA clock."
      />
      {query.isPending ? (
        <LoadingState label="Loading the templates…" />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        query.data.items.map((t) => <TemplateEditor key={`${t.id}:${t.version}`} template={t} />)
      )}
    </Stack>
  );
}

/** "personal_accident" → "Personal accident". */
const categoryTitle = (category: string) => category.charAt(0).toUpperCase() + category.slice(1).replace(/_/g, ' ');

function TemplateEditor({ template }: { template: PlaybookTemplate }) {
  const [name, setName] = useState(template.name);
  const [active, setActive] = useState(template.active);
  const [milestones, setMilestones] = useState(template.milestones);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const mutation = useUpdatePlaybookTemplate();
  const change = (i: number, patch: Partial<PlaybookTemplate['milestones'][number]>) => setMilestones((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    const body = { name, active, milestones };
    const local = schemaFieldErrors(UpdatePlaybookTemplateBody, body);
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    mutation.mutate(
      { id: template.id, version: template.version, body },
      { onSuccess: () => notifySuccess('Playbook saved', name), onError: (error) => setFailure(describeError(error)) },
    );
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={save} aria-label={`Playbook ${template.productCategory}`} noValidate>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4">
            {categoryTitle(template.productCategory)}
          </Title>
          <Checkbox label="Starts automatically" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        </Group>
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        {milestones.map((m, i) => (
          <Grid key={i} align="flex-end" gap="xs" role="group" aria-label={`Milestone ${i + 1}`}>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <TextInput label="Milestone" value={m.title} onChange={(e) => change(i, { title: e.currentTarget.value })} error={errors[`milestones.${i}.title`]} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label="Key" value={m.key} onChange={(e) => change(i, { key: e.currentTarget.value })} error={errors[`milestones.${i}.key`]} />
            </Grid.Col>
            <Grid.Col span={{ base: 4, sm: 2 }}>
              <NumberInput
                label="Due in hours"
                value={m.dueInHours}
                min={1}
                onChange={(v) => change(i, { dueInHours: Number(v) || 0 })}
                error={errors[`milestones.${i}.dueInHours`]}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 2, sm: 2 }}>
              <Button
                variant="subtle"
                color="red"
                px={{ base: 0, sm: 'md' }}
                fullWidth
                aria-label={`Remove milestone ${i + 1}`}
                onClick={() => setMilestones((ms) => ms.filter((_, j) => j !== i))}
                disabled={milestones.length === 1}
              >
                <IconTrash size={16} />
                <Text span size="sm" ml={4} visibleFrom="sm">
                  Remove
                </Text>
              </Button>
            </Grid.Col>
          </Grid>
        ))}
        {errors.milestones && (
          <Text c="red" size="sm">
            {errors.milestones}
          </Text>
        )}
        <FailureAlert failure={failure} />
        <Group justify="space-between">
          <Button variant="light" onClick={() => setMilestones((ms) => [...ms, { key: `milestone_${ms.length + 1}`, title: 'New milestone', dueInHours: 24 }])}>
            Add a milestone
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
