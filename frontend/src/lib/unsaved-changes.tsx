import { Button, getDefaultZIndex, Group, Modal, Stack, Text } from '@mantine/core';
import { createContext, use, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ReactNode } from 'react';
import { useBlocker } from 'react-router';
import type { Location } from 'react-router';

type IsDirty = () => boolean;

interface GuardRegistry {
  register: (isDirty: IsDirty) => () => void;
}

const GuardContext = createContext<GuardRegistry | null>(null);

/**
 * Whether leaving `from` for `to` leaves the page's forms behind: a new path does (a menu link, a route
 * tab, the back button); a changed query or hash on the same page (filters, sorting) does not.
 */
export function leavesPage(from: Pick<Location, 'pathname'>, to: Pick<Location, 'pathname'>): boolean {
  return from.pathname !== to.pathname;
}

/**
 * Mounted once, inside the router (the console layout): the one router blocker and the one
 * beforeunload listener for every form that registers with useUnsavedChanges. React Router honours
 * only one blocker at a time, so forms must not call useBlocker themselves.
 */
export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const forms = useRef(new Set<IsDirty>());
  const anyDirty = useCallback(() => [...forms.current].some((isDirty) => isDirty()), []);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => leavesPage(currentLocation, nextLocation) && anyDirty());

  useEffect(() => {
    // Closing or reloading the tab: the browser asks with its own words; no custom text is possible.
    const warn = (event: BeforeUnloadEvent) => {
      if (anyDirty()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [anyDirty]);

  const registry = useMemo<GuardRegistry>(
    () => ({
      register: (isDirty) => {
        forms.current.add(isDirty);
        return () => void forms.current.delete(isDirty);
      },
    }),
    [],
  );

  const stay = () => blocker.reset?.();
  return (
    <GuardContext value={registry}>
      {children}
      {/* Above the page's own dialogs: a form in a modal is left with the back button too. */}
      <Modal opened={blocker.state === 'blocked'} onClose={stay} title="Discard unsaved changes?" centered zIndex={getDefaultZIndex('max')}>
        <Stack gap="lg">
          <Text size="sm">Your changes on this page are not saved. If you leave now, they are lost.</Text>
          <Group justify="flex-end" gap="sm">
            {/* Stay has the focus: Enter never throws work away by accident. */}
            <Button variant="default" onClick={stay} data-autofocus>
              Stay
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Discard
            </Button>
          </Group>
        </Stack>
      </Modal>
    </GuardContext>
  );
}

/**
 * Asks before unsaved changes are lost: leaving through a link, a tab, the back button, or closing the
 * tab. Pass whether the form holds changes not saved yet. Call `release()` just before a navigation
 * that follows a successful save or submit, when the form may still look changed.
 */
export function useUnsavedChanges(dirty: boolean): { release: () => void } {
  const registry = use(GuardContext);
  const dirtyRef = useRef(dirty);
  const released = useRef(false);
  // Read by the blocker during a navigation, so it must be current before any event handler runs.
  useLayoutEffect(() => {
    dirtyRef.current = dirty;
    released.current = false;
  }, [dirty]);
  useEffect(() => registry?.register(() => dirtyRef.current && !released.current), [registry]);
  const release = useCallback(() => {
    released.current = true;
  }, []);
  return { release };
}
