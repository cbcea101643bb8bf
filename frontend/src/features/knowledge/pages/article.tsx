import type { KnowledgeArticle } from '@contracts/knowledge';
import { Alert, Badge, Button, Group, List, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { ModalFormActions } from '@/components/ModalFormActions';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { recordView, useArticle, useArticleStep, useConfirmReview, useFeedback, type ArticleStep } from '../api/knowledge';
import { ArticleHtml } from '../components/ArticleHtml';
import { AUDIENCE_LABELS, STATE_LABELS } from '../components/knowledge-labels';
import { editArticlePath, KNOWLEDGE_PATH } from '../knowledge-paths';

/** /knowledge/articles/:ref — an article (by id or slug) at the section in the address's #hash. */
export function ArticlePage() {
  const { ref = '' } = useParams();
  const query = useArticle(ref);
  if (query.isPending) return <LoadingState label="Loading the article…" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <ArticleView article={query.data} />;
}

function ArticleView({ article }: { article: KnowledgeArticle }) {
  const { can, user } = useAuth();
  const { hash } = useLocation();
  const counted = useRef<string | null>(null);
  const feedback = useFeedback();
  const step = useArticleStep();
  const confirm = useConfirmReview();
  const [asking, setAsking] = useState<null | 'return' | 'confirm'>(null);
  const [note, setNote] = useState('');
  const [reviewBy, setReviewBy] = useState<string | null>(null);
  const shown = article.published ?? article.pending;

  useEffect(() => {
    if (counted.current === article.id) return;
    counted.current = article.id;
    void recordView(article.id).catch(() => undefined);
  }, [article.id]);
  useEffect(() => {
    if (!hash) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [hash, shown?.html]);

  const run = async (s: ArticleStep, done: string, withNote?: string) => {
    try {
      await step.mutateAsync({ id: article.id, version: article.version, step: s, note: withNote });
      notifySuccess(done, article.title);
      setAsking(null);
      setNote('');
    } catch (error) {
      notifyProblem(error, done);
    }
  };
  const submitAsked = () => {
    if (asking === 'return') void run('return', 'Returned to the author', note);
    else if (reviewBy)
      confirm.mutate(
        { id: article.id, version: article.version, body: { reviewBy: String(reviewBy).slice(0, 10), ...(note.trim() ? { note } : {}) } },
        {
          onSuccess: () => {
            notifySuccess('Review confirmed', article.title);
            setAsking(null);
          },
          onError: (e) => notifyProblem(e, 'Confirming the review'),
        },
      );
  };
  const pendingInReview = article.pending?.state === 'in_review';
  const pendingDraft = article.pending?.state === 'draft';
  const ownRevision = article.pending?.author.id === user?.id;

  return (
    <Stack>
      <PageHeader
        breadcrumbs={[{ label: 'Knowledge base', to: KNOWLEDGE_PATH }, { label: article.title }]}
        title={article.title}
        description={
          <Group gap="xs">
            <Badge variant="light">{article.category.name}</Badge>
            <Badge variant="light" color={article.audience === 'customers' ? 'teal' : 'gray'}>
              {AUDIENCE_LABELS[article.audience]}
            </Badge>
            {article.status !== 'published' && <Badge color="gray">{article.status === 'draft' ? 'Not published yet' : 'Archived'}</Badge>}
            {article.stale && <Badge color="orange">Stale: review was due {article.reviewBy}</Badge>}
            {article.products.map((p) => (
              <Badge key={p.id} variant="outline">
                {p.name}
              </Badge>
            ))}
            {article.tags.map((t) => (
              <Badge key={t} variant="dot" color="gray">
                {t}
              </Badge>
            ))}
          </Group>
        }
        actions={
          <>
            {can('knowledge:write') && article.status !== 'archived' && !pendingInReview && (
              <Button variant="default" component={Link} to={editArticlePath(article.id)}>
                Edit
              </Button>
            )}
            {can('knowledge:write') && pendingDraft && (
              <Button loading={step.isPending} onClick={() => void run('submit', 'Submitted for review')}>
                Submit for review
              </Button>
            )}
          </>
        }
      />
      {article.pending && (
        <Alert color={pendingInReview ? 'blue' : 'gray'} title={`Revision ${article.pending.revision}: ${STATE_LABELS[article.pending.state]}`}>
          <Stack gap="xs">
            <Text size="sm">
              By {article.pending.author.name}, {formatDateTime(article.pending.updatedAt)}
              {article.published ? ` — revision ${article.published.revision} stays live until this one is published.` : ''}
              {article.pending.reviewNote ? ` Reviewer’s note: ${article.pending.reviewNote}` : ''}
            </Text>
            {pendingInReview && can('knowledge:publish') && (
              <Group gap="xs">
                <Button size="xs" loading={step.isPending} disabled={ownRevision} onClick={() => void run('publish', 'Published')}>
                  Publish
                </Button>
                <Button size="xs" variant="default" onClick={() => setAsking('return')}>
                  Return to author
                </Button>
                {ownRevision && (
                  <Text size="xs" c="dimmed">
                    You wrote this revision: another reviewer publishes it.
                  </Text>
                )}
              </Group>
            )}
            {article.published && article.pending.html !== article.published.html && (
              <Paper withBorder p="sm">
                <Text size="xs" c="dimmed" mb={4}>
                  The pending revision
                </Text>
                <ArticleHtml html={article.pending.html} label="Pending revision" />
              </Paper>
            )}
          </Stack>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 4 }} spacing="md">
        <Paper withBorder p="md" style={{ gridColumn: 'span 3' }}>
          {shown ? <ArticleHtml html={shown.html} label="Article" /> : <Text c="dimmed">No content.</Text>}
        </Paper>
        <Stack gap="sm">
          <Paper withBorder p="sm" aria-label="Was this helpful?">
            <Text size="sm" fw={600} mb={4}>
              Was this helpful?
            </Text>
            <Group gap="xs">
              {([true, false] as const).map((helpful) => (
                <Button
                  key={String(helpful)}
                  size="xs"
                  variant={article.myFeedback?.helpful === helpful ? 'filled' : 'default'}
                  disabled={article.status !== 'published'}
                  loading={feedback.isPending}
                  onClick={() => feedback.mutate({ id: article.id, body: { helpful } }, { onError: (e) => notifyProblem(e, 'Your feedback') })}
                >
                  {helpful ? 'Helpful' : 'Not helpful'}
                </Button>
              ))}
            </Group>
          </Paper>
          <Paper withBorder p="sm" aria-label="Figures">
            <Text size="sm" fw={600} mb={4}>
              Figures
            </Text>
            <List size="sm" listStyleType="none" spacing={2}>
              <List.Item>Views: {article.figures.views}</List.Item>
              <List.Item>Linked to cases: {article.figures.caseLinks}</List.Item>
              <List.Item>Sent to customers: {article.figures.sends}</List.Item>
              <List.Item>
                Helpful: {article.figures.helpful} · Not helpful: {article.figures.notHelpful}
              </List.Item>
              <List.Item>Deflections: {article.figures.deflections}</List.Item>
            </List>
          </Paper>
          <Paper withBorder p="sm">
            <Text size="sm" fw={600} mb={4}>
              Review
            </Text>
            <Text size="sm">
              {article.published ? `Written by ${article.published.author.name}` : ''}
              {article.published?.reviewer ? `, published by ${article.published.reviewer.name}` : ''}
            </Text>
            <Text size="sm">Review by: {article.reviewBy ?? '—'}</Text>
            {can('knowledge:publish') && (
              <Group gap="xs" mt="xs">
                {article.status === 'published' && (
                  <Button size="xs" variant="light" onClick={() => setAsking('confirm')}>
                    Confirm still right
                  </Button>
                )}
                {article.status !== 'archived' ? (
                  <Button size="xs" variant="subtle" color="red" loading={step.isPending} onClick={() => void run('archive', 'Archived')}>
                    Archive
                  </Button>
                ) : (
                  <Button size="xs" variant="subtle" loading={step.isPending} onClick={() => void run('restore', 'Restored')}>
                    Restore
                  </Button>
                )}
              </Group>
            )}
          </Paper>
          <Paper withBorder p="sm" aria-label="History">
            <Text size="sm" fw={600} mb={4}>
              History
            </Text>
            <List size="xs" listStyleType="none" spacing={2}>
              {article.history.slice(0, 12).map((h, i) => (
                <List.Item key={i}>
                  {formatDateTime(h.at)} · r{h.revision} {h.event.replace('_', ' ')} by {h.by?.name ?? 'Policydesk'}
                  {h.note ? ` — ${h.note}` : ''}
                </List.Item>
              ))}
            </List>
          </Paper>
        </Stack>
      </SimpleGrid>
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking === 'return' ? 'Return to the author' : 'Confirm the article is still right'} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submitAsked();
          }}
        >
          <Stack>
            {asking === 'confirm' && <TextInput type="date" label="Next review by" value={reviewBy ?? ''} onChange={(e) => setReviewBy(e.currentTarget.value || null)} required />}
            <Textarea label={asking === 'return' ? 'What to change' : 'Note'} value={note} onChange={(e) => setNote(e.currentTarget.value)} required={asking === 'return'} />
            <ModalFormActions onCancel={() => setAsking(null)} submitLabel={asking === 'return' ? 'Return' : 'Confirm'} loading={step.isPending || confirm.isPending} />
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
