import { PAYMENT_FREQUENCIES, RISK_INPUTS } from '@contracts/products';
import type { QuoteComparison, RiskInput } from '@contracts/products';
import { ActionIcon, Badge, Group, List, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatMoney, installmentWording } from '@/lib/money';
import type { BasketItem } from '../comparison-basket';
import { EXAM_LABELS, FREQUENCY_LABELS, RISK_INPUT_SHORT_LABELS, riskValueLabel } from '../quote-labels';
import { formatSum } from '../quote-money';
import classes from './QuoteComparisonTable.module.css';
import { termWording } from '@/lib/term-wording';

interface QuoteComparisonTableProps {
  comparison: QuoteComparison;
  /** The option sets compared, in the order of `comparison.options`. */
  items: BasketItem[];
  onRemove: (item: BasketItem) => void;
}

function DiffersBadge() {
  return (
    <Badge size="xs" color="yellow" variant="filled" c="dark">
      Differs
    </Badge>
  );
}

function Row({ label, differs = false, children }: { label: ReactNode; differs?: boolean; children: ReactNode[] }) {
  return (
    <Table.Tr className={differs ? classes.differs : undefined} data-differs={differs || undefined}>
      <Table.Th scope="row" className={classes.label}>
        <Stack gap={2} align="flex-start">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          {differs && <DiffersBadge />}
        </Stack>
      </Table.Th>
      {children.map((cell, index) => (
        <Table.Td key={index} className={classes.cell}>
          {cell}
        </Table.Td>
      ))}
    </Table.Tr>
  );
}

function Section({ title, span }: { title: string; span: number }) {
  return (
    <Table.Tr className={classes.section}>
      <Table.Th colSpan={span} scope="colgroup">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          {title}
        </Text>
      </Table.Th>
    </Table.Tr>
  );
}

const none = (
  <Text size="sm" c="dimmed">
    None
  </Text>
);

/**
 * The options side by side: what was chosen, whether it can be offered, the premium at every payment
 * frequency and what the application needs. Rows that differ between the options are highlighted.
 */
export function QuoteComparisonTable({ comparison, items, onRemove }: QuoteComparisonTableProps) {
  const { options } = comparison;
  const differences = new Set(comparison.differences);
  const currencyOf = (index: number) => items[index]?.currency ?? '';
  const coverageCodes = [...new Set(options.flatMap((o) => o.coverages.map((c) => c.code)))];
  const coverageName = (code: string) => items.find((i) => i.coverageNames[code])?.coverageNames[code] ?? code;
  const coverageDiffers = (code: string) => [...differences].some((d) => d === `coverages.${code}` || d.startsWith(`coverages.${code}.`));
  const risks = RISK_INPUTS.filter((input): input is RiskInput => items.some((i) => i.risk[input] !== undefined));
  const frequencies = PAYMENT_FREQUENCIES.filter((f) => options.some((o) => o.premiumByFrequency[f]));
  const lowest = (frequency: (typeof frequencies)[number]) => {
    const premiums = options.map((o) => o.premiumByFrequency[frequency]?.annualPremium).filter((p): p is number => p !== undefined);
    return premiums.length > 1 ? Math.min(...premiums) : undefined;
  };
  const span = options.length + 1;

  return (
    <Table.ScrollContainer minWidth={170 + options.length * 180} type="native">
      <Table withColumnBorders verticalSpacing="xs" className={classes.table} aria-label="Quote comparison">
        <Table.Thead>
          <Table.Tr>
            <Table.Th className={classes.label} />
            {options.map((option, index) => (
              <Table.Th key={items[index]?.id ?? index} scope="col" className={classes.cell}>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                      Option {index + 1}
                    </Text>
                    <Text size="sm" fw={700}>
                      {option.productName}
                    </Text>
                  </Stack>
                  {items[index] && (
                    <Tooltip label="Remove from the comparison">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={`Remove option ${index + 1} (${option.productName}) from the comparison`}
                        onClick={() => onRemove(items[index]!)}
                      >
                        <IconX size={14} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Section title="What is quoted" span={span} />
          <Row label="Product" differs={differences.has('product')}>
            {options.map((o) => (
              <Text key={o.productId} size="sm">
                {o.productName}{' '}
                <Text span size="xs" c="dimmed">
                  v{o.productVersionNumber}
                </Text>
              </Text>
            ))}
          </Row>
          <Row label="Term" differs={differences.has('termYears')}>
            {options.map((o, index) => {
              const label = items[index]?.termLabel;
              return (
                <Stack key={index} gap={0}>
                  <Text size="sm">{termWording(o)}</Text>
                  {label && label !== 'Term' && (
                    <Text size="xs" c="dimmed">
                      {label.toLowerCase()}
                    </Text>
                  )}
                </Stack>
              );
            })}
          </Row>
          {coverageCodes.map((code) => (
            <Row key={code} label={coverageName(code)} differs={coverageDiffers(code)}>
              {options.map((o, index) => {
                const choice = o.coverages.find((c) => c.code === code);
                if (!choice) {
                  const offered = items[index]?.coverageNames[code] !== undefined;
                  return (
                    <Text key={index} size="sm" c="dimmed">
                      {offered ? 'Not included' : 'Not offered by this product'}
                    </Text>
                  );
                }
                // The same code may name another coverage in another product (auto and home liability).
                const ownName = items[index]?.coverageNames[code];
                return (
                  <Stack key={index} gap={0}>
                    {ownName && ownName !== coverageName(code) && (
                      <Text size="xs" c="dimmed">
                        {ownName}
                      </Text>
                    )}
                    <Text size="sm">{choice.sumInsured > 0 ? formatSum(choice.sumInsured, currencyOf(index)) : 'Included'}</Text>
                    {choice.deductible !== undefined && (
                      <Text size="xs" c="dimmed">
                        deductible {formatSum(choice.deductible, currencyOf(index))}
                      </Text>
                    )}
                  </Stack>
                );
              })}
            </Row>
          ))}
          {risks.map((input) => (
            <Row key={input} label={RISK_INPUT_SHORT_LABELS[input]} differs={differences.has(`risk.${input}`)}>
              {items.map((item) => (
                <Text key={item.id} size="sm">
                  {item.risk[input] !== undefined ? riskValueLabel(input, item.risk[input]!) : '—'}
                </Text>
              ))}
            </Row>
          ))}
          <Row label="Eligibility">
            {options.map((o, index) =>
              o.eligibility.eligible ? (
                <Badge key={index} color="teal" variant="light">
                  Eligible
                </Badge>
              ) : (
                <Stack key={index} gap={4}>
                  <Badge color="red" variant="light">
                    Not eligible
                  </Badge>
                  <List size="xs" spacing={2}>
                    {o.eligibility.reasons.map((r) => (
                      <List.Item key={r.code}>{r.message}</List.Item>
                    ))}
                  </List>
                </Stack>
              ),
            )}
          </Row>
          <Section title={frequencies.every((f) => f === 'single') ? 'Single premium for the trip' : 'Premium, by how the customer pays'} span={span} />
          {frequencies.map((frequency) => (
            <Row key={frequency} label={FREQUENCY_LABELS[frequency]}>
              {options.map((o, index) => {
                const premium = o.premiumByFrequency[frequency];
                if (!premium) {
                  return (
                    <Text key={index} size="sm" c="dimmed">
                      {o.eligibility.eligible ? 'Not offered' : '—'}
                    </Text>
                  );
                }
                const best = premium.annualPremium === lowest(frequency);
                return (
                  <Stack key={index} gap={0}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="md" fw={700} className={classes.number}>
                        {formatMoney(premium.annualPremium, currencyOf(index))}
                      </Text>
                      {best && (
                        <Badge size="xs" color="teal" variant="light">
                          Lowest
                        </Badge>
                      )}
                    </Group>
                    {premium.installments > 1 && (
                      <Text size="xs" c="dimmed" className={classes.number}>
                        {installmentWording(frequency, premium.installmentAmount)}
                      </Text>
                    )}
                  </Stack>
                );
              })}
            </Row>
          ))}
          <Section title="The application will need" span={span} />
          <Row label="Medical exams">
            {options.map((o, index) =>
              o.requirements.medicalExams.length ? (
                <List key={index} size="xs" spacing={2}>
                  {o.requirements.medicalExams.map((e) => (
                    <List.Item key={e.exam}>{EXAM_LABELS[e.exam]}</List.Item>
                  ))}
                </List>
              ) : (
                <span key={index}>{none}</span>
              ),
            )}
          </Row>
          <Row label="Underwriter referral">
            {options.map((o, index) =>
              o.requirements.referrals.length ? (
                <List key={index} size="xs" spacing={2}>
                  {o.requirements.referrals.map((r) => (
                    <List.Item key={r.code}>{r.message}</List.Item>
                  ))}
                </List>
              ) : (
                <Text key={index} size="sm" c="dimmed">
                  Not needed
                </Text>
              ),
            )}
          </Row>
          <Row label="Documents">
            {options.map((o, index) =>
              o.requirements.documents.length ? (
                <List key={index} size="xs" spacing={2}>
                  {o.requirements.documents.map((d) => (
                    <List.Item key={d.code}>{d.name}</List.Item>
                  ))}
                </List>
              ) : (
                <span key={index}>{none}</span>
              ),
            )}
          </Row>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
