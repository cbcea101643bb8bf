import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { EditorSectionId } from '../../draft-errors';

interface EditorSectionProps {
  id: EditorSectionId;
  title: string;
  description?: ReactNode;
  /** Problems listed in the summary that are in this section. */
  problems: number;
  children: ReactNode;
}

/** One titled part of the draft editor; "Jump to" links and the problem list scroll to it by id. */
export function EditorSection({ id, title, description, problems, children }: EditorSectionProps) {
  const titleId = `${id}-title`;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      id={id}
      aria-labelledby={titleId}
      // Clear of the console's sticky header when scrolled to.
      style={{ scrollMarginTop: 72 }}
    >
      <Stack gap="sm">
        <div>
          <Group gap="xs">
            <Title id={titleId} order={2} size="h4">
              {title}
            </Title>
            {problems > 0 && (
              <Badge color="red" variant="light" size="sm">
                {problems} {problems === 1 ? 'problem' : 'problems'}
              </Badge>
            )}
          </Group>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

/** A message about a whole list or table (no single input to put it under). */
export function ListError({ path, error }: { path: string; error: ReactNode }) {
  if (!error) return null;
  return (
    // Focusable so the problem list can move the keyboard here.
    <Text size="sm" c="red" data-path={path} tabIndex={-1} id={`error-${path}`}>
      {error}
    </Text>
  );
}

interface EditorListProps {
  /** The list's form path (its whole-list error and the add button act on it). */
  path: string;
  error?: ReactNode;
  /** Shown when the list is empty. */
  emptyText?: ReactNode;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}

/** A list of items in the draft editor: the list's own error, the items, and an add button. */
export function EditorList({ path, error, emptyText, addLabel, onAdd, children }: EditorListProps) {
  const empty = Array.isArray(children) && children.length === 0;
  return (
    <Stack gap="sm">
      <ListError path={path} error={error} />
      {empty && emptyText && (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      )}
      {children}
      <Group>
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={onAdd}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}
