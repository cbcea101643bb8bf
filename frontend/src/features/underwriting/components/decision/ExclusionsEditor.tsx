import { ActionIcon, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';

const MAX_EXCLUSIONS = 10;

/** Exclusions as a short list: type one, Add, remove with ×. */
export function ExclusionsEditor({ value, onChange }: { value: string[]; onChange: (next: string[]) => void }) {
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const add = () => {
    if (trimmed.length < 3 || value.length >= MAX_EXCLUSIONS || value.includes(trimmed)) return;
    onChange([...value, trimmed]);
    setText('');
  };
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label="Exclusions"
          description="What the policy will not cover, one at a time"
          placeholder="e.g. Death from motor racing"
          value={text}
          maxLength={300}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          error={text.length > 0 && trimmed.length < 3 ? 'At least 3 characters' : undefined}
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          leftSection={<IconPlus size={14} />}
          onClick={add}
          disabled={trimmed.length < 3 || value.length >= MAX_EXCLUSIONS}
          mb={text.length > 0 && trimmed.length < 3 ? 22 : 0}
        >
          Add
        </Button>
      </Group>
      {value.length > 0 && (
        <List size="sm" spacing={2} aria-label="Exclusions">
          {value.map((exclusion) => (
            <List.Item key={exclusion}>
              <Group gap={4} wrap="nowrap">
                <Text size="sm">{exclusion}</Text>
                <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Remove exclusion ${exclusion}`} onClick={() => onChange(value.filter((e) => e !== exclusion))}>
                  <IconX size={12} />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
