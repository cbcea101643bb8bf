import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useAuth } from '@/lib/auth/auth-context';
import { useCategories, useProductOptions, useSearch } from '../api/knowledge';
import { Snippet } from '../components/ArticleHtml';
import { AUDIENCE_LABELS } from '../components/knowledge-labels';
import { articlePath, KNOWLEDGE_REVIEW_PATH, NEW_ARTICLE_PATH } from '../knowledge-paths';

/** /knowledge — search the published articles (typos tolerated, title above body), filtered by category, product and audience. */
export function KnowledgeBasePage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filter = { q: params.get('q') ?? '', categoryId: params.get('categoryId') ?? '', productId: params.get('productId') ?? '', audience: params.get('audience') ?? '' };
  const [q] = useDebouncedValue(filter.q, 250);
  const results = useSearch({ ...filter, q: q.slice(0, 200) });
  const categories = useCategories();
  const products = useProductOptions(can('products:read'));
  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack>
      <PageHeader
        title="Knowledge base"
        description="Articles for staff and customers, and the role manuals"
        actions={
          <>
            {can('knowledge:publish') && (
              <Button variant="default" component={Link} to={KNOWLEDGE_REVIEW_PATH}>
                Review
              </Button>
            )}
            {can('knowledge:write') && (
              <Button component={Link} to={NEW_ARTICLE_PATH}>
                New article
              </Button>
            )}
          </>
        }
      />
      <Group align="flex-end" gap="sm" role="search">
        <TextInput
          label="Search"
          placeholder="Words from the question…"
          leftSection={<IconSearch size={16} />}
          value={filter.q}
          maxLength={200}
          onChange={(e) => set('q', e.currentTarget.value)}
          style={{ flex: 1, minWidth: 240 }}
        />
        <Select
          label="Category"
          clearable
          data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={filter.categoryId || null}
          onChange={(v) => set('categoryId', v)}
          w={200}
        />
        {can('products:read') && (
          <Select label="Product" clearable searchable data={products.data ?? []} value={filter.productId || null} onChange={(v) => set('productId', v)} w={220} />
        )}
        <Select
          label="Audience"
          clearable
          data={[
            { value: 'staff', label: AUDIENCE_LABELS.staff },
            { value: 'customers', label: AUDIENCE_LABELS.customers },
          ]}
          value={filter.audience || null}
          onChange={(v) => set('audience', v)}
          w={170}
        />
      </Group>
      {results.isPending ? (
        <LoadingState label="Searching…" />
      ) : results.error ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : results.data.items.length === 0 ? (
        <EmptyState title="No articles found" description={filter.q ? 'Try other words, or fewer filters.' : 'No published articles yet.'} />
      ) : (
        <Stack gap="xs" role="list" aria-label="Articles">
          {results.data.items.map((hit) => (
            <Paper key={hit.id} withBorder p="sm" role="listitem" aria-label={hit.title}>
              <Stack gap={4}>
                <Group gap="xs">
                  <Anchor component={Link} to={articlePath(hit.id)} fw={600}>
                    {hit.title}
                  </Anchor>
                  <Badge variant="light" size="sm">
                    {hit.category.name}
                  </Badge>
                  <Badge variant="light" size="sm" color={hit.audience === 'customers' ? 'teal' : 'gray'}>
                    {AUDIENCE_LABELS[hit.audience]}
                  </Badge>
                  {hit.stale && (
                    <Badge size="sm" color="orange">
                      Stale
                    </Badge>
                  )}
                </Group>
                {hit.snippet && (
                  <Text size="sm" c="dimmed">
                    <Snippet html={hit.snippet} />
                  </Text>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
