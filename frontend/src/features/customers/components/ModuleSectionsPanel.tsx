import type { CustomerOverview } from '@contracts/customers';
import { Anchor, Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { useSectionItemView } from '../overview-sections';
import { Panel } from '@/components/Panel';

type Section = CustomerOverview['sections'][string];

const ITEMS_SHOWN = 5;
// Fields that name an item, best first; sections come from modules this screen does not know.
const NAME_FIELDS = ['label', 'title', 'name', 'number', 'reference', 'summary', 'subject', 'description'];
// Record ids mean nothing to a person: the generic text leaves them out.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function itemText(item: Record<string, unknown>): string {
  const named = NAME_FIELDS.map((field) => item[field]).find((value) => typeof value === 'string' && value !== '');
  if (typeof named === 'string') return named;
  const values = Object.values(item).filter((value) => ['string', 'number', 'boolean'].includes(typeof value) && !(typeof value === 'string' && UUID.test(value)));
  return values.slice(0, 3).map(String).join(' · ') || 'Record';
}

function SectionItem({ sectionKey, item }: { sectionKey: string; item: Record<string, unknown> }) {
  const { can } = useAuth();
  const view = useSectionItemView()(sectionKey, item);
  if (!view) return <List.Item>{itemText(item)}</List.Item>;
  return (
    <List.Item>
      <Group gap={6} wrap="wrap">
        {view.to && can(view.permission) ? (
          <Anchor component={Link} to={view.to} size="sm" ff="monospace" fw={600}>
            {view.label}
          </Anchor>
        ) : (
          <Text span size="sm" ff="monospace" fw={600}>
            {view.label}
          </Text>
        )}
        {view.status && (
          <Badge size="xs" variant="light" color={view.status.color}>
            {view.status.label}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {view.detail}
      </Text>
    </List.Item>
  );
}

function SectionSummary({ sectionKey, section }: { sectionKey: string; section: Section }) {
  const hidden = section.count - Math.min(section.items.length, ITEMS_SHOWN);
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text fw={500} size="sm">
          {section.title}
        </Text>
        <Badge variant="light" color="gray" size="sm">
          {section.count}
        </Badge>
      </Group>
      {section.count === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <List size="sm" spacing={6} listStyleType="none" aria-label={section.title}>
          {section.items.slice(0, ITEMS_SHOWN).map((item, index) => (
            <SectionItem key={index} sectionKey={sectionKey} item={item} />
          ))}
          {hidden > 0 && (
            <Text size="sm" c="dimmed">
              and {hidden} more
            </Text>
          )}
        </List>
      )}
    </Stack>
  );
}

/** What other modules (policies, claims, billing…) contribute to the customer's 360° view. */
export function ModuleSectionsPanel({ sections }: { sections: CustomerOverview['sections'] }) {
  const entries = Object.entries(sections);
  return (
    <Panel title="Policies, claims and other records">
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing to show yet: applications, policies, billing, claims and service requests will appear here as those parts of Policydesk are added.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
          {entries.map(([key, section]) => (
            <SectionSummary key={key} sectionKey={key} section={section} />
          ))}
        </SimpleGrid>
      )}
    </Panel>
  );
}
