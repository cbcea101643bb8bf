import { CreateArticleBody, UpdateArticleBody, type KnowledgeArticle } from '@contracts/knowledge';
import { Button, Grid, Group, MultiSelect, Paper, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { ApiError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { previewMarkdown, useArticle, useCategories, useCreateArticle, useProductOptions, useUpdateArticle } from '../api/knowledge';
import { ArticleHtml } from '../components/ArticleHtml';
import { AUDIENCE_LABELS } from '../components/knowledge-labels';
import { articlePath, KNOWLEDGE_PATH } from '../knowledge-paths';

/** /knowledge/new — a new article. */
export function NewArticlePage() {
  return <ArticleEditor />;
}

/** /knowledge/articles/:id/edit — the newest revision of an article. */
export function EditArticlePage() {
  const { id = '' } = useParams();
  const query = useArticle(id);
  if (query.isPending) return <LoadingState label="Loading the article…" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <ArticleEditor article={query.data} />;
}

type Errors = Record<string, string>;

function ArticleEditor({ article }: { article?: KnowledgeArticle }) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const categories = useCategories();
  const products = useProductOptions(can('products:read'));
  const create = useCreateArticle();
  const update = useUpdateArticle();
  const source = article?.pending ?? article?.published;
  const [slug, setSlug] = useState(article?.slug ?? '');
  const [title, setTitle] = useState(source?.title ?? '');
  const [body, setBody] = useState(source?.body ?? '');
  const [categoryId, setCategoryId] = useState<string | null>(source?.categoryId ?? null);
  const [audience, setAudience] = useState<string>(source?.audience ?? 'staff');
  const [tags, setTags] = useState<string[]>(source?.tags ?? []);
  const [productIds, setProductIds] = useState<string[]>(source?.productIds ?? []);
  const [reviewBy, setReviewBy] = useState(source?.reviewBy ?? '');
  const [changeNote, setChangeNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [debouncedBody] = useDebouncedValue(body, 400);
  const preview = useQuery({ queryKey: ['knowledge', 'preview', debouncedBody], queryFn: ({ signal }) => previewMarkdown(debouncedBody, signal) });

  const save = async () => {
    const fields = {
      title,
      body,
      categoryId: categoryId ?? '',
      audience,
      tags,
      productIds,
      ...(reviewBy ? { reviewBy } : {}),
      ...(changeNote.trim() ? { changeNote } : {}),
    };
    const parsed = article ? UpdateArticleBody.safeParse(fields) : CreateArticleBody.safeParse({ slug, ...fields });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    setErrors({});
    try {
      const saved = article
        ? await update.mutateAsync({ id: article.id, version: article.version, body: parsed.data as UpdateArticleBody })
        : await create.mutateAsync(parsed.data as CreateArticleBody);
      notifySuccess('Draft saved', saved.title);
      void navigate(articlePath(saved.id));
    } catch (error) {
      if (error instanceof ApiError && error.errors?.length) setErrors(Object.fromEntries(error.errors.map((e) => [e.path.replace(/^body\./, ''), e.message])));
      notifyProblem(error, 'Saving the article');
    }
  };

  return (
    <Stack>
      <PageHeader
        breadcrumbs={[
          { label: 'Knowledge base', to: KNOWLEDGE_PATH },
          ...(article ? [{ label: article.title, to: articlePath(article.id) }] : []),
          { label: article ? 'Edit' : 'New article' },
        ]}
        title={article ? `Edit: ${article.title}` : 'New article'}
        description={
          article?.published
            ? 'You are editing a new revision: the published one stays live until a reviewer publishes this one.'
            : 'Saved as a draft; submit it for review from the article.'
        }
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              {!article && (
                <TextInput
                  label="Slug"
                  description="Its address: lower-case letters, digits, dashes"
                  value={slug}
                  onChange={(e) => setSlug(e.currentTarget.value)}
                  error={errors.slug}
                  required
                />
              )}
              <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} required />
              <Group grow>
                <Select
                  label="Category"
                  data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                  value={categoryId}
                  onChange={setCategoryId}
                  error={errors.categoryId}
                  required
                />
                <Select
                  label="Audience"
                  data={[
                    { value: 'staff', label: AUDIENCE_LABELS.staff },
                    { value: 'customers', label: AUDIENCE_LABELS.customers },
                  ]}
                  value={audience}
                  onChange={(v) => setAudience(v ?? 'staff')}
                  allowDeselect={false}
                  required
                />
              </Group>
              <Group grow>
                {can('products:read') && <MultiSelect label="Products" data={products.data ?? []} value={productIds} onChange={setProductIds} searchable clearable />}
                <TagsInput label="Tags" value={tags} onChange={setTags} error={errors.tags} />
              </Group>
              <TextInput
                type="date"
                label="Review by"
                description="Default: a year after publishing"
                value={reviewBy}
                onChange={(e) => setReviewBy(e.currentTarget.value)}
                error={errors.reviewBy}
              />
              <Textarea
                label="Body (Markdown)"
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                autosize
                minRows={14}
                maxRows={30}
                error={errors.body}
                styles={{ input: { fontFamily: 'monospace' } }}
              />
              <TextInput label="What changed" value={changeNote} onChange={(e) => setChangeNote(e.currentTarget.value)} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => void navigate(article ? articlePath(article.id) : KNOWLEDGE_PATH)}>
                  Cancel
                </Button>
                <Button type="submit" loading={create.isPending || update.isPending}>
                  Save draft
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Paper withBorder p="md" aria-label="Preview" mih={300}>
              <Text size="xs" c="dimmed" mb="xs">
                Preview (as readers will see it)
              </Text>
              {preview.data ? <ArticleHtml html={preview.data.html} label="Preview of the article" /> : <LoadingState label="Rendering…" />}
            </Paper>
          </Grid.Col>
        </Grid>
      </form>
    </Stack>
  );
}
