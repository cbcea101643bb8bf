import type { CustomerOverview } from '@contracts/customers';
import { Table, Text } from '@mantine/core';
import { Panel } from '@/components/Panel';
import { RiskBadge } from './RiskBadge';

/** Each factor's points, adding up to the score, so the agent can explain it to the customer. */
export function RiskFactorsPanel({ risk }: { risk: CustomerOverview['risk'] }) {
  return (
    <Panel title="Risk score" aside={<RiskBadge score={risk.score} level={risk.level} />}>
      <Table verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Factor</Table.Th>
            <Table.Th>Based on</Table.Th>
            <Table.Th ta="right" w={80}>
              Points
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {risk.factors.map((factor) => (
            <Table.Tr key={factor.code}>
              <Table.Td>{factor.label}</Table.Td>
              <Table.Td c="dimmed">{factor.value}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {factor.points > 0 ? `+${factor.points}` : factor.points}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={2}>Score (out of 100)</Table.Th>
            <Table.Th ta="right" ff="monospace">
              {risk.score}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Formula {risk.formulaVersion}
      </Text>
    </Panel>
  );
}
