import { ActionIcon, Button, Kbd } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';

// Mantine's "mod" is Cmd on Apple keyboards and Ctrl elsewhere; say the key the user actually has.
const isApple = /Mac|iPhone|iPad/.test(navigator.userAgent);

export function SearchButton() {
  const shortcut = isApple ? 'Meta+K' : 'Control+K';
  return (
    <>
      <Button
        variant="default"
        c="dimmed"
        fw={400}
        w={240}
        visibleFrom="sm"
        styles={{ label: { flex: 1 } }}
        leftSection={<IconSearch size={16} stroke={1.5} />}
        rightSection={<Kbd size="xs">{isApple ? '⌘ K' : 'Ctrl + K'}</Kbd>}
        aria-keyshortcuts={shortcut}
        onClick={spotlight.open}
      >
        Search…
      </Button>
      {/* A phone has no room for the wide field (nor a keyboard shortcut): the icon alone. */}
      <ActionIcon variant="default" size="lg" hiddenFrom="sm" aria-label="Search" aria-keyshortcuts={shortcut} onClick={spotlight.open}>
        <IconSearch size={18} stroke={1.5} />
      </ActionIcon>
    </>
  );
}
