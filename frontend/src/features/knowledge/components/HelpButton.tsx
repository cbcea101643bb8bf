import { helpLinkFor } from '@contracts/knowledge-help';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconHelp } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { articlePath } from '../knowledge-paths';

/** The header's help button: the role's manual at the section for the page on screen (contracts/knowledge-help.ts). */
export function HelpButton() {
  const { user, can } = useAuth();
  const { pathname } = useLocation();
  if (!user || !can('knowledge:read')) return null;
  const link = helpLinkFor(pathname, user.role) ?? helpLinkFor('/', user.role)!;
  return (
    <Tooltip label="Help for this page">
      <ActionIcon component={Link} to={articlePath(link.slug, link.section)} variant="subtle" size="lg" aria-label="Help for this page">
        <IconHelp size={20} />
      </ActionIcon>
    </Tooltip>
  );
}
