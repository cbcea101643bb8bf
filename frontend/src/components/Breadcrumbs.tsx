import { Anchor, Breadcrumbs as MantineBreadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  /** Where it leads; the last crumb (this page) and a page the user may not open have none. */
  to?: string | null;
}

/** Where a record page sits: "Customers › Ada Lovelace › Application O-000123"; the last crumb is the page itself. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb">
      <MantineBreadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        {items.map((crumb, index) =>
          crumb.to && index < items.length - 1 ? (
            <Anchor key={index} component={Link} to={crumb.to} size="sm">
              {crumb.label}
            </Anchor>
          ) : (
            <Text key={index} size="sm" c="dimmed" aria-current={index === items.length - 1 ? 'page' : undefined}>
              {crumb.label}
            </Text>
          ),
        )}
      </MantineBreadcrumbs>
    </nav>
  );
}
