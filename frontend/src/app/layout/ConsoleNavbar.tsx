import { NavLink } from '@mantine/core';
import { Link, useMatch } from 'react-router';
import type { NavigationEntry } from '../navigation';

function NavigationLink({ entry, onNavigate }: { entry: NavigationEntry; onNavigate: () => void }) {
  // "/" is only active on the home page itself; other sections stay active on their sub-pages.
  const active = useMatch({ path: entry.to, end: entry.to === '/' }) !== null;
  return (
    <NavLink
      component={Link}
      to={entry.to}
      label={entry.label}
      leftSection={<entry.icon size={18} stroke={1.5} />}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
    />
  );
}

export function ConsoleNavbar({ entries, onNavigate }: { entries: NavigationEntry[]; onNavigate: () => void }) {
  return (
    <>
      {entries.map((entry) => (
        <NavigationLink key={entry.to} entry={entry} onNavigate={onNavigate} />
      ))}
    </>
  );
}
