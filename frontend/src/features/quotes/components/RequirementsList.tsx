import type { QuoteRequirements } from '@contracts/products';
import { Badge, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileText, IconStethoscope, IconUserQuestion } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EXAM_LABELS } from '../quote-labels';

function Section({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <ThemeIcon size="sm" variant="light" color="gray" aria-hidden>
          {icon}
        </ThemeIcon>
        <Text size="sm" fw={600}>
          {title}
        </Text>
      </Group>
      {children}
    </Stack>
  );
}

/** What the application will need: medical exams (and the rule asking for each), referral reasons, documents. */
export function RequirementsList({ requirements }: { requirements: QuoteRequirements }) {
  const { medicalExams, referrals, documents } = requirements;
  return (
    <Stack gap="sm">
      <Section icon={<IconStethoscope size={14} />} title="Medical exams">
        {medicalExams.length === 0 ? (
          <Text size="sm" c="dimmed" pl={28}>
            None
          </Text>
        ) : (
          <List size="sm" spacing={2} pl={28} listStyleType="none">
            {medicalExams.map((exam) => (
              <List.Item key={exam.exam}>
                {EXAM_LABELS[exam.exam]}{' '}
                <Text span size="xs" c="dimmed">
                  — {exam.description}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section icon={<IconUserQuestion size={14} />} title="Underwriter referral">
        {referrals.length === 0 ? (
          <Text size="sm" c="dimmed" pl={28}>
            Not needed
          </Text>
        ) : (
          <List size="sm" spacing={2} pl={28} listStyleType="none">
            {referrals.map((referral) => (
              <List.Item key={referral.code}>
                <Badge color="orange" variant="light" size="xs" mr={6}>
                  Referred
                </Badge>
                {referral.message}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section icon={<IconFileText size={14} />} title="Documents">
        {documents.length === 0 ? (
          <Text size="sm" c="dimmed" pl={28}>
            None
          </Text>
        ) : (
          <List size="sm" spacing={2} pl={28}>
            {documents.map((document) => (
              <List.Item key={document.code}>{document.name}</List.Item>
            ))}
          </List>
        )}
      </Section>
    </Stack>
  );
}
