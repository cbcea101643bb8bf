import { type CSAT_REASON_CODES } from '@contracts/service';
import { Alert, Button, Center, Chip, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { LoadingState } from '@/components/LoadingState';
import { ApiError, describeError } from '@/lib/api-error';
import { useAnswerSurvey, usePublicSurvey } from '../api/public-survey';

const REASONS: Record<(typeof CSAT_REASON_CODES)[number], string> = {
  speed: 'Speed',
  knowledge: 'Knowledge',
  friendliness: 'Friendliness',
  outcome: 'Outcome',
  communication: 'Communication',
  other: 'Something else',
};

const GONE: Record<string, string> = {
  SURVEY_NOT_FOUND: 'This survey link is not valid.',
  SURVEY_EXPIRED: 'This survey link has expired.',
  SURVEY_ALREADY_ANSWERED: 'This survey has been answered already. Thank you!',
};

/** /survey/:token — the public survey page: no login, the question only. */
export function SurveyPage() {
  const { token = '' } = useParams();
  const survey = usePublicSurvey(token);
  const answer = useAnswerSurvey(token);
  const [score, setScore] = useState<number | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');

  let body: React.ReactNode;
  if (survey.isPending) body = <LoadingState label="Loading the survey…" />;
  else if (survey.error)
    body = <Alert color="gray">{survey.error instanceof ApiError && GONE[survey.error.code] ? GONE[survey.error.code] : describeError(survey.error).title}</Alert>;
  else if (answer.isSuccess) body = <Alert color="green">Thank you for your answer.</Alert>;
  else {
    const s = survey.data;
    const scale = Array.from({ length: s.max - s.min + 1 }, (_, i) => s.min + i);
    body = (
      <form
        aria-label="Survey"
        onSubmit={(e) => {
          e.preventDefault();
          if (score === null) return;
          answer.mutate({ score, reasonCodes: reasons as (typeof CSAT_REASON_CODES)[number][], ...(comment.trim() ? { comment } : {}) });
        }}
      >
        <Stack>
          <Text fw={600}>{s.question}</Text>
          <Group gap="xs" role="radiogroup" aria-label="Your answer">
            {scale.map((n) => (
              <Button key={n} role="radio" aria-checked={score === n} variant={score === n ? 'filled' : 'default'} onClick={() => setScore(n)}>
                {n}
              </Button>
            ))}
          </Group>
          <Text size="xs" c="dimmed">
            {s.kind === 'csat' ? '1: very unhappy · 5: very happy' : '0: not at all likely · 10: extremely likely'}
          </Text>
          {s.reasonCodes.length > 0 && (
            <Chip.Group multiple value={reasons} onChange={setReasons}>
              <Group gap="xs" aria-label="What mattered">
                {s.reasonCodes.map((r) => (
                  <Chip key={r} value={r}>
                    {REASONS[r]}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          )}
          <Textarea label="Anything to add? (optional)" value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} />
          {answer.error && <Alert color="red">{answer.error instanceof ApiError && GONE[answer.error.code] ? GONE[answer.error.code] : describeError(answer.error).title}</Alert>}
          <Button type="submit" disabled={score === null} loading={answer.isPending}>
            Send
          </Button>
        </Stack>
      </form>
    );
  }
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" maw={560} w="100%">
        <Stack>
          <Title order={1} size="h3">
            Your feedback
          </Title>
          {body}
        </Stack>
      </Paper>
    </Center>
  );
}
