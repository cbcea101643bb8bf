import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { formatDateTime } from '@/lib/format-date';
import { useArticles } from '../api/knowledge';
import { AUDIENCE_LABELS } from '../components/knowledge-labels';
import { articlePath, KNOWLEDGE_PATH } from '../knowledge-paths';

/** /knowledge/review — revisions waiting for a reviewer, and published articles past their review-by date. */
export function KnowledgeReviewPage() {
  return (
    <Stack>
      <PageHeader
        breadcrumbs={[{ label: 'Knowledge base', to: KNOWLEDGE_PATH }, { label: 'Review' }]}
        title="Knowledge review"
        description="Publish or return submitted revisions; confirm or update stale articles"
      />
      <ReviewList title="Waiting for review" filter={{ inReview: 'true' }} empty="No revision waits for review." />
      <ReviewList title="Stale articles" filter={{ stale: 'true' }} empty="Every published article is within its review-by date." />
    </Stack>
  );
}

function ReviewList({ title, filter, empty }: { title: string; filter: Record<string, string>; empty: string }) {
  const list = useArticles(filter);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      <Paper withBorder>
        {list.isPending ? (
          <LoadingState />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="Nothing here" description={empty} />
        ) : (
          <Table aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Article</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>Audience</Table.Th>
                <Table.Th>Review by</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={articlePath(a.id)}>
                      {a.title}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      r{a.latestRevision}
                    </Text>
                  </Table.Td>
                  <Table.Td>{a.category.name}</Table.Td>
                  <Table.Td>{AUDIENCE_LABELS[a.audience]}</Table.Td>
                  <Table.Td>{a.stale ? <Badge color="orange">{a.reviewBy}</Badge> : (a.reviewBy ?? '—')}</Table.Td>
                  <Table.Td>{formatDateTime(a.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
