import { ROLE_LABELS } from '@contracts/auth';
import { Anchor, Divider, SimpleGrid, Stack, Text } from '@mantine/core';
import { DEMO_PASSWORD, demoLogins } from '../demo-logins';

/** Local mode only: the seeded accounts, each one click (or Enter) away from filling the form. */
export function DemoLogins({ onPick }: { onPick: (email: string, password: string) => void }) {
  return (
    <Stack component="section" gap={6} aria-labelledby="demo-logins-title">
      <Divider
        labelPosition="center"
        label={
          <Text id="demo-logins-title" size="xs" fw={600} c="dimmed">
            Demo logins (local mode)
          </Text>
        }
      />
      <Text size="xs" c="dimmed" ta="center">
        All use <code>{DEMO_PASSWORD}</code>. Choose one to fill the form.
      </Text>
      <SimpleGrid cols={2} spacing={4} verticalSpacing={2}>
        {demoLogins.map(({ email, role }) => (
          <Anchor
            key={email}
            component="button"
            type="button"
            size="xs"
            ta="left"
            title={ROLE_LABELS[role]}
            aria-label={`${email}, ${ROLE_LABELS[role]}`}
            onClick={() => onPick(email, DEMO_PASSWORD)}
          >
            {email}
          </Anchor>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
