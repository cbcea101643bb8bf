import { AppShell, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet } from 'react-router';
import { ConsoleSpotlight } from '@/features/search';
import { useAuth } from '@/lib/auth/auth-context';
import { UnsavedChangesGuard } from '@/lib/unsaved-changes';
import { spotlightSources } from '../features';
import { navigation } from '../navigation';
import { ConsoleHeader } from './ConsoleHeader';
import { ConsoleNavbar } from './ConsoleNavbar';
import classes from './ConsoleLayout.module.css';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** The logged-in console: header, navigation the user is allowed to see, the page, and the spotlight; forms with unsaved changes ask before they are left. */
export function ConsoleLayout() {
  const { can } = useAuth();
  const [navbarOpened, navbar] = useDisclosure(false);
  const entries = navigation.filter((entry) => !entry.permission || can(entry.permission));

  return (
    <UnsavedChangesGuard>
      <SkipLink />
      <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }} padding="lg">
        <AppShell.Header>
          <ConsoleHeader navbarOpened={navbarOpened} onToggleNavbar={navbar.toggle} />
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Main navigation">
          {/* An admin's menu is taller than a laptop screen: it scrolls on its own. */}
          <AppShell.Section grow component={ScrollArea}>
            <ConsoleNavbar entries={entries} onNavigate={navbar.close} />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.main}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <ConsoleSpotlight pages={entries} sources={spotlightSources} />
    </UnsavedChangesGuard>
  );
}
