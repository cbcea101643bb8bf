import type { CaseKnowledge, KnowledgeSearchHit } from '@contracts/knowledge';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { useCaseKnowledge, useLinkArticle, useSendArticle } from '../api/knowledge';
import { articlePath } from '../knowledge-paths';
import { AUDIENCE_LABELS } from './knowledge-labels';
import { Snippet } from './ArticleHtml';

/** What sending needs of an article: a suggestion and a linked article both have it. */
interface ArticleRef {
  id: string;
  title: string;
}

function SendButton({ article, sent, onSend }: { article: ArticleRef; sent: boolean; onSend: (article: ArticleRef) => void }) {
  return (
    <Button size="compact-xs" variant="default" onClick={() => onSend(article)} disabled={sent} aria-label={`Send ${article.title} to the customer`}>
      {sent ? 'Sent' : 'Send to customer'}
    </Button>
  );
}

/** The case view's knowledge panel: articles suggested from the case's subject and products, those linked and those sent. */
export function CaseKnowledgePanel({ caseId, caseNumber, hasCustomer }: { caseId: string; caseNumber: string; hasCustomer: boolean }) {
  const { can } = useAuth();
  const knowledge = useCaseKnowledge(caseId);
  const link = useLinkArticle();
  const send = useSendArticle();
  const [sending, setSending] = useState<ArticleRef | null>(null);
  const mayUse = can('knowledge:use');

  const onLink = async (hit: { id: string; title: string }) => {
    try {
      await link.mutateAsync({ caseId, articleId: hit.id });
      notifySuccess('Article linked', `${hit.title} → ${caseNumber}`);
    } catch (error) {
      notifyProblem(error, 'Linking the article');
    }
  };
  const onSend = async () => {
    if (!sending) return;
    try {
      const sent = await send.mutateAsync({ caseId, articleId: sending.id });
      notifySuccess('Article sent', `${sending.title} → ${sent.recipient} (${sent.channel})`);
      setSending(null);
    } catch (error) {
      notifyProblem(error, 'Sending the article');
    }
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label="Knowledge">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Knowledge
        </Title>
        {knowledge.isPending ? (
          <LoadingState label="Finding articles…" />
        ) : knowledge.error ? (
          <ErrorState error={knowledge.error} onRetry={() => void knowledge.refetch()} />
        ) : (
          <KnowledgeLists data={knowledge.data} mayUse={mayUse} hasCustomer={hasCustomer} onLink={onLink} onSend={setSending} linking={link.isPending} />
        )}
      </Stack>
      <ConfirmDialog
        opened={sending !== null}
        title="Send the article to the customer"
        confirmLabel="Send"
        loading={send.isPending}
        onConfirm={() => void onSend()}
        onClose={() => setSending(null)}
      >
        {`"${sending?.title ?? ''}" goes to the customer of ${caseNumber} on their preferred channel.`}
      </ConfirmDialog>
    </Paper>
  );
}

function KnowledgeLists({
  data,
  mayUse,
  hasCustomer,
  onLink,
  onSend,
  linking,
}: {
  data: CaseKnowledge;
  mayUse: boolean;
  hasCustomer: boolean;
  onLink: (hit: KnowledgeSearchHit) => void;
  onSend: (article: ArticleRef) => void;
  linking: boolean;
}) {
  const sentIds = new Set(data.sent.map((s) => s.article.id));
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        Suggested from “{data.basis.text}”{data.basis.products.length ? ` and ${data.basis.products.map((p) => p.name).join(', ')}` : ''}
      </Text>
      {data.suggestions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No article matches this case.{' '}
          <Anchor component={Link} to="/knowledge" size="sm">
            Search the knowledge base
          </Anchor>
        </Text>
      ) : (
        <Stack gap={6} role="list" aria-label="Suggested articles">
          {data.suggestions.map((hit) => (
            <Paper key={hit.id} p="xs" bg="var(--mantine-color-gray-light)" role="listitem" aria-label={hit.title}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} miw={0}>
                  <Group gap={6}>
                    <Anchor component={Link} to={articlePath(hit.id)} fw={600} size="sm">
                      {hit.title}
                    </Anchor>
                    <Badge size="xs" variant="light" color={hit.audience === 'customers' ? 'teal' : 'gray'}>
                      {AUDIENCE_LABELS[hit.audience]}
                    </Badge>
                    {hit.stale && (
                      <Badge size="xs" color="orange">
                        Stale
                      </Badge>
                    )}
                  </Group>
                  {hit.snippet && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      <Snippet html={hit.snippet} />
                    </Text>
                  )}
                </Stack>
                {mayUse && (
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="light" onClick={() => onLink(hit)} loading={linking} aria-label={`Link ${hit.title} to the case`}>
                      Link to case
                    </Button>
                    {hit.audience === 'customers' && hasCustomer && <SendButton article={hit} sent={sentIds.has(hit.id)} onSend={onSend} />}
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {data.linked.length > 0 && (
        <Stack gap={2} aria-label="Linked articles">
          <Text size="sm" fw={600}>
            Used on this case
          </Text>
          {data.linked.map((l) => (
            <Group key={l.article.id} gap="xs" wrap="nowrap" justify="space-between">
              <Anchor component={Link} to={articlePath(l.article.id)} size="sm">
                {l.article.title}
              </Anchor>
              <Group gap="xs" wrap="nowrap">
                <Text size="xs" c="dimmed">
                  {l.by.name}, {formatDateTime(l.at)}
                </Text>
                {mayUse && l.article.audience === 'customers' && hasCustomer && <SendButton article={l.article} sent={sentIds.has(l.article.id)} onSend={onSend} />}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {data.sent.length > 0 && (
        <Stack gap={2} aria-label="Articles sent to the customer">
          <Text size="sm" fw={600}>
            Sent to the customer
          </Text>
          {data.sent.map((s) => (
            <Text key={`${s.article.id}-${s.at}`} size="sm">
              {s.article.title} — {s.by.name}, {formatDateTime(s.at)}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
