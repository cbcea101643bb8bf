import { Button, Kbd } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';

// Mantine's "mod" is Cmd on Apple keyboards and Ctrl elsewhere; say the key the user actually has.
const isApple = /Mac|iPhone|iPad/.test(navigator.userAgent);

export function SearchButton() {
  return (
    <Button
      variant="default"
      c="dimmed"
      fw={400}
      w={240}
      styles={{ label: { flex: 1 } }}
      leftSection={<IconSearch size={16} stroke={1.5} />}
      rightSection={<Kbd size="xs">{isApple ? '⌘ K' : 'Ctrl + K'}</Kbd>}
      aria-keyshortcuts={isApple ? 'Meta+K' : 'Control+K'}
      onClick={spotlight.open}
    >
      Search…
    </Button>
  );
}
