import type { KycVerification } from '@contracts/customers';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCurrentUser } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { DOCUMENT_TYPE_LABELS, VERIFICATION_RESULT_LABELS } from '../customer-labels';

const RESULT_COLORS: Record<KycVerification['result'], string> = { pending: 'yellow', verified: 'teal', rejected: 'red' };

interface KycVerificationsTableProps {
  verifications: KycVerification[];
  /** Present for users who may verify or reject (customers:kyc-verify). */
  onVerify?: (verification: KycVerification) => void;
  onReject?: (verification: KycVerification) => void;
}

function Decision({ verification }: { verification: KycVerification }) {
  if (verification.result === 'pending') return null;
  return (
    <Text size="xs" c="dimmed">
      {verification.checkedByName ?? 'Someone'}
      {verification.checkedAt && `, ${formatDateTime(verification.checkedAt)}`}
      {verification.resultReason && ` — ${verification.resultReason}`}
    </Text>
  );
}

/** Newest first. Pending documents can be decided on by anyone with the right except whoever recorded them (four eyes). */
export function KycVerificationsTable({ verifications, onVerify, onReject }: KycVerificationsTableProps) {
  const me = useCurrentUser();
  const decides = onVerify !== undefined && onReject !== undefined;
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Document</Table.Th>
            <Table.Th w={130}>Number</Table.Th>
            <Table.Th w={110}>Expires</Table.Th>
            <Table.Th w={150}>Recorded</Table.Th>
            <Table.Th>Result</Table.Th>
            {decides && <Table.Th w={170}>Decide</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {verifications.map((verification) => (
            <Table.Tr key={verification.id}>
              <Table.Td>
                <Text size="sm">{DOCUMENT_TYPE_LABELS[verification.documentType]}</Text>
                <Text size="xs" c="dimmed">
                  Issued in {verification.issuingCountry}
                  {verification.notes && ` · ${verification.notes}`}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {verification.documentNumberMasked}
              </Table.Td>
              <Table.Td>{verification.expiryDate ? formatDate(verification.expiryDate) : '—'}</Table.Td>
              <Table.Td>{formatDateTime(verification.createdAt)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Badge variant="light" color={RESULT_COLORS[verification.result]} size="sm">
                    {VERIFICATION_RESULT_LABELS[verification.result]}
                  </Badge>
                  <Decision verification={verification} />
                </Stack>
              </Table.Td>
              {decides && (
                <Table.Td>
                  {verification.result === 'pending' &&
                    (verification.createdBy === me.id ? (
                      <Text size="xs" c="dimmed">
                        You recorded it: someone else checks it.
                      </Text>
                    ) : (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="compact-sm" color="teal" variant="light" onClick={() => onVerify(verification)}>
                          Verify
                        </Button>
                        <Button size="compact-sm" color="red" variant="light" onClick={() => onReject(verification)}>
                          Reject
                        </Button>
                      </Group>
                    ))}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
