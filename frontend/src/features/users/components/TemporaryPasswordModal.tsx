import type { UserWithTemporaryPassword } from '@contracts/identity';
import { ActionIcon, Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconShieldLock } from '@tabler/icons-react';
import type { z } from 'zod';

interface TemporaryPasswordModalProps {
  /** What the server answered; kept after closing so the content survives the closing animation. */
  issued: z.infer<typeof UserWithTemporaryPassword> | null;
  opened: boolean;
  title: string;
  onClose: () => void;
}

/**
 * The only time anyone sees a temporary password. It closes only through its button, so a stray
 * click or Escape cannot lose it before it has been handed over.
 */
export function TemporaryPasswordModal({ issued, opened, title, onClose }: TemporaryPasswordModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeOnClickOutside={false} closeOnEscape={false} withCloseButton={false}>
      {issued && (
        <Stack gap="md">
          <Text size="sm">
            The one-time password for <strong>{issued.user.name}</strong> ({issued.user.email}):
          </Text>
          <TextInput
            label="Temporary password"
            value={issued.temporaryPassword}
            readOnly
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            size="md"
            onFocus={(event) => event.currentTarget.select()}
            rightSection={
              <CopyButton value={issued.temporaryPassword}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                    <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy the temporary password">
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            }
          />
          <Alert variant="light" color="yellow" icon={<IconShieldLock />} title="Hand it over securely">
            Give it to {issued.user.name} in person or by phone — never by email or chat. It is shown only this once; they have to choose their own password when they first log in.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
