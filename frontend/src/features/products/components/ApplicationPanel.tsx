import type { ProductDefinition } from '@contracts/products';
import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Panel } from '@/components/Panel';
import { describeConditions } from '../product-format';
import { EXAM_LABELS } from '../product-labels';

function Subheading({ children }: { children: ReactNode }) {
  return (
    <Title order={3} size="h6" tt="uppercase" c="dimmed" fw={600} mb={6}>
      {children}
    </Title>
  );
}

function None({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** What an application needs: documents, medical evidence and the cases an underwriter decides. */
export function ApplicationPanel({ definition }: { definition: ProductDefinition }) {
  const { requiredDocuments, medicalExamRules, referralRules } = definition;
  return (
    <Panel title="What an application needs">
      <Stack gap="lg">
        <section aria-label="Documents">
          <Subheading>Documents</Subheading>
          {requiredDocuments.length === 0 ? (
            <None>No documents.</None>
          ) : (
            <List size="sm" spacing={4}>
              {requiredDocuments.map((document) => {
                const when = describeConditions(document.when, definition);
                return (
                  <List.Item key={document.code}>
                    {document.name}
                    {when && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        — only when {when}
                      </Text>
                    )}
                  </List.Item>
                );
              })}
            </List>
          )}
        </section>
        <section aria-label="Medical exams">
          <Subheading>Medical exams</Subheading>
          {medicalExamRules.length === 0 ? (
            <None>No medical exams.</None>
          ) : (
            <Stack gap={6}>
              {medicalExamRules.map((rule) => (
                <Group key={rule.code} gap={6} wrap="wrap" align="center">
                  <Text size="sm" fw={500}>
                    {describeConditions(rule.when, definition) ?? 'Everyone'}
                  </Text>
                  <IconArrowRight size={14} aria-label="needs" />
                  {rule.exams.map((exam) => (
                    <Badge key={exam} variant="light" color="grape" size="sm" tt="none">
                      {EXAM_LABELS[exam]}
                    </Badge>
                  ))}
                </Group>
              ))}
            </Stack>
          )}
        </section>
        <section aria-label="Referred to an underwriter">
          <Subheading>Referred to an underwriter</Subheading>
          {referralRules.length === 0 ? (
            <None>No referral rules.</None>
          ) : (
            <Stack gap={6}>
              {referralRules.map((rule) => (
                <div key={rule.code}>
                  <Text size="sm" fw={500}>
                    {describeConditions(rule.when, definition) ?? 'Every application'}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {rule.message}
                  </Text>
                </div>
              ))}
            </Stack>
          )}
        </section>
      </Stack>
    </Panel>
  );
}
