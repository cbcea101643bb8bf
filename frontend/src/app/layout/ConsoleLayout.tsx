import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet } from 'react-router';
import { ConsoleSpotlight } from '@/features/search';
import { useAuth } from '@/lib/auth/auth-context';
import { UnsavedChangesGuard } from '@/lib/unsaved-changes';
import { spotlightSources } from '../features';
import { mayOpen } from '@/lib/feature';
import { navigation } from '../navigation';
import { ConsoleHeader } from './ConsoleHeader';
import { ConsoleNavbar } from './ConsoleNavbar';
import classes from './ConsoleLayout.module.css';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** The logged-in console: header, navigation the user is allowed to see, the page, and the spotlight; forms with unsaved changes ask before they are left. */
export function ConsoleLayout() {
  const { can } = useAuth();
  const [navbarOpened, navbar] = useDisclosure(false);
  const entries = navigation.filter((entry) => mayOpen(entry, can));

  return (
    <UnsavedChangesGuard>
      <SkipLink />
      <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }} padding="lg">
        <AppShell.Header>
          <ConsoleHeader navbarOpened={navbarOpened} onToggleNavbar={navbar.toggle} />
        </AppShell.Header>
        {/* Scrolls when the entries of a role are taller than the window. */}
        <AppShell.Navbar p="xs" aria-label="Main navigation" style={{ overflowY: 'auto' }}>
          <ConsoleNavbar entries={entries} onNavigate={navbar.close} />
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.main}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <ConsoleSpotlight pages={entries} sources={spotlightSources} />
    </UnsavedChangesGuard>
  );
}
