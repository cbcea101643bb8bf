import type { Order } from '@contracts/orders';
import type { DeclarationQuestion } from '@contracts/products';
import { Badge, DataList, Group, Stack, Table, Text } from '@mantine/core';
import { Fact } from '@/components/Fact';
import { GENDER_LABELS } from '@/features/customers';
import { Panel } from '@/components/Panel';
import { formatDate } from '@/lib/format-date';
import { BENEFICIARY_RELATIONSHIP_LABELS, DECLARATION_CATEGORY_LABELS, formatShare, INSURED_RELATIONSHIP_LABELS, paymentMethodText, TIER_LABELS } from '../order-labels';
import { tripWithDestination } from '@/lib/term-wording';

function answerText(question: DeclarationQuestion | undefined, answer: Order['declarations'][string] | undefined): { text: string; disclosed: boolean } {
  if (!answer) return { text: 'Not answered', disclosed: false };
  if (typeof answer.answer === 'boolean') return { text: answer.answer ? 'Yes' : 'No', disclosed: answer.answer };
  if (question?.answerType === 'number' || typeof answer.answer === 'number') return { text: String(answer.answer), disclosed: false };
  return { text: answer.answer, disclosed: false };
}

export function BeneficiariesTable({ beneficiaries }: { beneficiaries: Order['beneficiaries'] }) {
  if (beneficiaries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None named
      </Text>
    );
  }
  return (
    // Nothing in it takes the focus, so the container does: keyboard users scroll it sideways with the arrows.
    <Table.ScrollContainer minWidth={480} type="native" tabIndex={0} role="group" aria-label="Beneficiaries">
      <Table verticalSpacing={6} aria-label="Beneficiaries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Relationship</Table.Th>
            <Table.Th>Born</Table.Th>
            <Table.Th>Tier</Table.Th>
            <Table.Th ta="right">Share</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...beneficiaries]
            .sort((a, b) => (a.tier === b.tier ? 0 : a.tier === 'primary' ? -1 : 1))
            .map((b, index) => (
              <Table.Tr key={`${b.name}-${index}`}>
                <Table.Td>{b.name}</Table.Td>
                <Table.Td>{BENEFICIARY_RELATIONSHIP_LABELS[b.relationship]}</Table.Td>
                <Table.Td>{b.dateOfBirth ? formatDate(b.dateOfBirth) : '—'}</Table.Td>
                <Table.Td>{TIER_LABELS[b.tier]}</Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatShare(b.share)}
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The declaration answers as asked; every "yes" stands out, with its details. */
export function DeclarationAnswers({ order, questions }: { order: Order; questions: DeclarationQuestion[] | undefined }) {
  const codes = questions?.map((q) => q.code) ?? Object.keys(order.declarations);
  if (codes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No declaration questions for this product.
      </Text>
    );
  }
  const disclosures = codes.filter((code) => order.declarations[code]?.answer === true).length;
  const categories = questions ? [...new Set(questions.map((q) => q.category))] : [null];
  return (
    <Stack gap="sm">
      <Text size="sm" c={disclosures ? 'orange.8' : 'dimmed'} fw={disclosures ? 600 : undefined}>
        {disclosures === 0 ? 'No "yes" answers.' : `${disclosures} "yes" ${disclosures === 1 ? 'answer' : 'answers'} to read.`}
      </Text>
      {categories.map((category) => (
        <Stack key={category ?? 'all'} gap={4}>
          {category && (
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {DECLARATION_CATEGORY_LABELS[category]}
            </Text>
          )}
          {(questions ? questions.filter((q) => q.category === category).map((q) => q.code) : codes).map((code) => {
            const question = questions?.find((q) => q.code === code);
            const answer = order.declarations[code];
            const { text, disclosed } = answerText(question, answer);
            return (
              <Group key={code} justify="space-between" wrap="nowrap" align="flex-start" gap="md" py={4} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
                <Stack gap={2} style={{ flex: 1 }}>
                  <Text size="sm">{question?.text ?? code}</Text>
                  {answer?.details && (
                    <Text size="sm" c="orange.9" style={{ whiteSpace: 'pre-line' }}>
                      {answer.details}
                    </Text>
                  )}
                </Stack>
                {disclosed ? (
                  <Badge color="orange" variant="filled">
                    Yes
                  </Badge>
                ) : (
                  <Text size="sm" fw={600} c={answer ? undefined : 'red'} style={{ whiteSpace: 'nowrap' }}>
                    {text}
                  </Text>
                )}
              </Group>
            );
          })}
        </Stack>
      ))}
    </Stack>
  );
}

/** The application as submitted, for reading (the underwriter, or once it can no longer change). */
export function ApplicationSummary({ order, questions }: { order: Order; questions: DeclarationQuestion[] | undefined }) {
  const insured = order.insured;
  return (
    <Stack gap="md">
      <Panel title="Insured person and payment">
        <DataList labelWidth={150} size="sm">
          <Fact label="Insured person">
            {insured ? (
              <>
                {insured.firstName} {insured.lastName}, born {formatDate(insured.dateOfBirth)}, {GENDER_LABELS[insured.gender].toLowerCase()} —{' '}
                {INSURED_RELATIONSHIP_LABELS[insured.relationship].toLowerCase()} of the policyholder
              </>
            ) : (
              `The policyholder, ${order.customer.name}`
            )}
          </Fact>
          <Fact label="Payment method">{order.paymentMethod ? `${paymentMethodText(order.paymentMethod)} · ${order.paymentMethod.holderName}` : 'Not given yet'}</Fact>
          {order.trip ? (
            <Fact label="Trip">{tripWithDestination(order.trip)}</Fact>
          ) : (
            <Fact label="Requested start">{order.requestedStartDate ? formatDate(order.requestedStartDate) : 'On approval'}</Fact>
          )}
        </DataList>
      </Panel>
      <Panel title="Beneficiaries">
        <BeneficiariesTable beneficiaries={order.beneficiaries} />
      </Panel>
      <Panel title="Declarations">
        <DeclarationAnswers order={order} questions={questions} />
      </Panel>
    </Stack>
  );
}
