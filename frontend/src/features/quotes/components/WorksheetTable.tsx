import type { ProductDefinition, Quote } from '@contracts/products';
import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/money';
import { decimalToPercent, isZero, minorToMajorParts, parseDecimal } from '../exact-amount';
import type { ExactDecimal } from '../exact-amount';
import { factorRowLabel } from '../quote-labels';
import { formatSum } from '../quote-money';
import { addsUpTo, worksheetView } from '../worksheet';
import type { WorksheetStep } from '../worksheet';
import classes from './WorksheetTable.module.css';

/** An exact amount in major units: the cents as usual, any fraction of a cent smaller beside them. */
function Amount({ value, strong = false }: { value: ExactDecimal; strong?: boolean }) {
  const { negative, main, fraction } = minorToMajorParts(value);
  const zero = isZero(value);
  return (
    <Text span size="sm" fw={strong ? 700 : undefined} c={zero && !strong ? 'dimmed' : undefined} className={classes.number}>
      {negative ? '−' : ''}
      {main}
      {fraction && (
        <Text span size="xs" c="dimmed" title="Fractions of a cent are kept until the final rounding">
          {fraction}
        </Text>
      )}
    </Text>
  );
}

interface StepText {
  label: string;
  /** A few words on what the step is, under its label. */
  note?: string;
  row: ReactNode;
  value: ReactNode;
}

function describeStep(step: WorksheetStep, def: ProductDefinition | undefined, currency: string): StepText {
  switch (step.kind) {
    case 'base': {
      const coverage = def?.coverages.find((c) => c.code === step.coverage);
      const note = coverage?.rateBasis === 'flat' ? 'flat rate' : 'rate per 1,000 insured × thousands';
      return { label: 'Base premium', note, row: '', value: step.value ?? '' };
    }
    case 'factor': {
      const input = def?.factorTables.find((t) => t.code === step.table)?.input;
      return { label: step.label, row: step.row ? factorRowLabel(input, step.row, currency) : '', value: step.value ? `× ${step.value}` : '' };
    }
    case 'frequency_loading':
      return { label: step.label, note: 'loading for paying in installments', row: '', value: step.value ? `+ ${decimalToPercent(step.value)} %` : '' };
    case 'tax':
      return { label: step.label, row: '', value: step.value ? `${decimalToPercent(step.value)} %` : '' };
    case 'minimum_premium':
      return { label: step.label, note: 'top-up to the product minimum', row: '', value: '' };
    case 'underwriting_rating':
      return { label: step.label, note: 'extra premium set by the underwriter', row: '', value: step.value ? `+ ${decimalToPercent(step.value)} %` : '' };
    case 'rounding':
      return { label: 'Rounding', note: 'to the cent, half-even, once', row: '', value: '' };
    default:
      return { label: step.label, row: '', value: '' };
  }
}

interface WorksheetTableProps {
  price: NonNullable<Quote['price']>;
  /** The version that priced it: names coverages and factor tables. */
  definition: ProductDefinition | undefined;
  coverages: Quote['coverages'];
}

/**
 * How the premium was worked out, step by step: each coverage's base and factors (with the table row
 * they came from), then the loadings, fee, tax and rounding on the whole; the running total ends on
 * the annual premium.
 */
export function WorksheetTable({ price, definition, coverages }: WorksheetTableProps) {
  const view = worksheetView(price.worksheet);
  const { currency } = price;
  const coverageTitle = (code: string | undefined) => {
    if (!code) return 'On the whole premium';
    const name = definition?.coverages.find((c) => c.code === code)?.name ?? code;
    const choice = coverages.find((c) => c.code === code);
    if (!choice) return name;
    const sum = choice.sumInsured > 0 ? ` · sum insured ${formatSum(choice.sumInsured, currency)}` : '';
    const deductible = choice.deductible !== undefined ? ` · deductible ${formatSum(choice.deductible, currency)}` : '';
    return `${name}${sum}${deductible}`;
  };

  return (
    // Nothing in it takes the focus, so the container does: keyboard users scroll it sideways with the arrows.
    <Table.ScrollContainer minWidth={680} type="native" tabIndex={0} role="group" aria-label="Rating worksheet">
      <Table verticalSpacing={6} className={classes.table} aria-label="Rating worksheet">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Step</Table.Th>
            <Table.Th w="22%">Table row</Table.Th>
            <Table.Th w="13%">Factor or rate</Table.Th>
            <Table.Th w="14%" ta="right">
              Amount ({currency})
            </Table.Th>
            <Table.Th w="15%" ta="right">
              Running total
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.groups.map((group, groupIndex) => (
            <GroupRows key={`${group.coverage ?? 'premium'}-${groupIndex}`} title={coverageTitle(group.coverage)}>
              {group.rows.map(({ step, amount, runningTotal }, index) => {
                const text = describeStep(step, definition, currency);
                return (
                  <Table.Tr key={index}>
                    <Table.Td pl="lg">
                      <Text size="sm">{text.label}</Text>
                      {text.note && (
                        <Text size="xs" c="dimmed">
                          {text.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{text.row}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" className={classes.number}>
                        {text.value}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Amount value={amount} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Amount value={runningTotal} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </GroupRows>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr className={classes.total}>
            <Table.Th colSpan={3}>
              <Text fw={700}>{definition?.trip ? 'Single premium' : 'Annual premium'}</Text>
              {!addsUpTo(view, price.annualPremium) && (
                <Text size="xs" c="red">
                  The steps do not add up to the premium; report this quote.
                </Text>
              )}
            </Table.Th>
            <Table.Td ta="right">
              <Amount value={parseDecimal(String(price.annualPremium))} strong />
            </Table.Td>
            <Table.Td ta="right">
              <Text span size="sm" fw={700} className={classes.number}>
                {formatMoney(price.annualPremium, currency)}
              </Text>
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function GroupRows({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Table.Tr className={classes.group}>
        <Table.Th colSpan={5} scope="colgroup">
          <Text size="sm" fw={600}>
            {title}
          </Text>
        </Table.Th>
      </Table.Tr>
      {children}
    </>
  );
}
