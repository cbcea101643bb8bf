import type { DeclarationQuestion, ProductDefinition } from '@contracts/products';
import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { Panel } from '@/components/Panel';
import { ANSWER_TYPE_LABELS, QUESTION_CATEGORY_LABELS } from '../product-labels';

const CATEGORIES = Object.keys(QUESTION_CATEGORY_LABELS) as DeclarationQuestion['category'][];

/** The questions the applicant answers on the application, by topic. */
export function DeclarationPanel({ definition }: { definition: ProductDefinition }) {
  const questions = definition.declarationQuestions;
  return (
    <Panel title="Declaration questions">
      {questions.length === 0 ? (
        <Text size="sm" c="dimmed">
          The application asks no declaration questions.
        </Text>
      ) : (
        <Stack gap="md">
          {CATEGORIES.map((category) => {
            const inCategory = questions.filter((question) => question.category === category);
            if (inCategory.length === 0) return null;
            return (
              <section key={category} aria-label={QUESTION_CATEGORY_LABELS[category]}>
                <Title order={3} size="h6" tt="uppercase" c="dimmed" fw={600} mb={6}>
                  {QUESTION_CATEGORY_LABELS[category]}
                </Title>
                <List size="sm" spacing={6} type="ordered">
                  {inCategory.map((question) => (
                    <List.Item key={question.code}>
                      <Group gap={6} wrap="wrap" align="baseline">
                        <Text span size="sm">
                          {question.text}
                        </Text>
                        <Badge variant="default" size="xs" tt="none">
                          {ANSWER_TYPE_LABELS[question.answerType]}
                          {question.detailsOnYes ? ', explain a yes' : ''}
                        </Badge>
                      </Group>
                    </List.Item>
                  ))}
                </List>
              </section>
            );
          })}
        </Stack>
      )}
    </Panel>
  );
}
