import { Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** The buttons of a long form, kept in view at the bottom of the window so saving never needs a scroll. */
export function StickyFormActions({ children }: { children: ReactNode }) {
  return (
    <Group
      justify="flex-end"
      gap="sm"
      py="sm"
      style={{
        position: 'sticky',
        bottom: 0,
        // Above inputs that stack their own parts (a SegmentedControl's labels sit at z-index 2).
        zIndex: 3,
        background: 'var(--mantine-color-body)',
        borderTop: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {children}
    </Group>
  );
}
