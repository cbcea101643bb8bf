import type { ReconciliationReport, StatementLine, StatementMapping, StatementPreview } from '@contracts/reconciliation';
import { STATEMENT_DATE_FORMATS } from '@contracts/reconciliation';
import { Alert, Badge, Button, Checkbox, FileInput, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useRef, useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { FailureAlert } from '@/components/FailureAlert';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { describeError } from '@/lib/api-error';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { usePreviewStatement, useResolveLine, useStatements, useUploadStatement, useWorklist } from '../api/reconciliation';

type Failure = { title: string; detail?: string } | null;
const FIELDS = [
  { key: 'date', label: 'Date column', required: true },
  { key: 'amount', label: 'Amount column', required: true },
  { key: 'reference', label: 'Reference column', required: true },
  { key: 'description', label: 'Description column', required: false },
  { key: 'fee', label: 'Fee column', required: false },
] as const;

const emptyMapping = (): Partial<StatementMapping> => ({ dateFormat: 'YYYY-MM-DD' });
const complete = (m: Partial<StatementMapping>): m is StatementMapping => Boolean(m.date && m.amount && m.reference && m.dateFormat);

/** Choose a file, map its columns (guessed from the header), preview it, upload it. */
function UploadPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [currency, setCurrency] = useState('USD');
  const [mapping, setMapping] = useState<Partial<StatementMapping>>(emptyMapping());
  const [preview, setPreview] = useState<StatementPreview | null>(null);
  const [failure, setFailure] = useState<Failure>(null);
  const [result, setResult] = useState<ReconciliationReport | null>(null);
  const previewing = usePreviewStatement();
  const uploading = useUploadStatement();
  const sent = useRef(false);

  const runPreview = (f: File, m: StatementMapping | null) => {
    setFailure(null);
    void previewing.mutateAsync({ file: f, mapping: m }).then(
      (p) => {
        setPreview(p);
        if (p.mapping) setMapping(p.mapping);
      },
      (error: unknown) => setFailure(describeError(error)),
    );
  };
  const choose = (f: File | null) => {
    setFile(f);
    setPreview(null);
    setResult(null);
    setMapping(emptyMapping());
    if (f) runPreview(f, null);
  };
  const upload = () => {
    if (!file || !complete(mapping) || sent.current) return;
    sent.current = true;
    setFailure(null);
    void uploading.mutateAsync({ file, currency, mapping }).then(
      (report) => {
        sent.current = false;
        setResult(report);
        setPreview(null);
        setFile(null);
        notifySuccess('Statement uploaded', `${report.matched.count} matched, ${report.unmatched.count} to reconcile.`);
      },
      (error: unknown) => {
        sent.current = false;
        setFailure(describeError(error));
      },
    );
  };
  const problems = preview?.problems ?? [];
  return (
    <Stack gap="sm">
      <Group align="end">
        <FileInput
          label="Statement file (CSV)"
          placeholder="Choose a CSV file"
          accept=".csv,text/csv"
          value={file}
          onChange={choose}
          w={320}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the file' }}
        />
        <TextInput label="Currency" value={currency} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} maxLength={3} w={100} />
      </Group>
      {previewing.isPending && <LoadingState label="Reading the file…" />}
      {preview && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {FIELDS.map((f) => (
              <Select
                key={f.key}
                label={f.label}
                required={f.required}
                clearable={!f.required}
                clearButtonProps={{ 'aria-label': `Clear the ${f.label.toLowerCase()}` }}
                data={preview.columns}
                value={mapping[f.key] ?? null}
                onChange={(v) => setMapping((m) => ({ ...m, [f.key]: v ?? undefined }))}
              />
            ))}
            <Select
              label="Date format"
              data={[...STATEMENT_DATE_FORMATS]}
              value={mapping.dateFormat ?? 'YYYY-MM-DD'}
              onChange={(v) => setMapping((m) => ({ ...m, dateFormat: (v ?? 'YYYY-MM-DD') as StatementMapping['dateFormat'] }))}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Group>
            <Button variant="default" disabled={!file || !complete(mapping)} loading={previewing.isPending} onClick={() => file && complete(mapping) && runPreview(file, mapping)}>
              Preview with this mapping
            </Button>
          </Group>
          {preview.duplicateOf && (
            <Alert color="orange" variant="light" title="Uploaded before">
              This file was uploaded before; uploading it again changes nothing.
            </Alert>
          )}
          {problems.length > 0 && (
            <Alert color="red" variant="light" title={`${problems.length} line${problems.length === 1 ? '' : 's'} cannot be read`} role="alert">
              <Stack gap={2}>
                {problems.slice(0, 10).map((p) => (
                  <Text key={p.line} size="sm">
                    Line {p.line}: {p.message}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {preview.rowCount} line{preview.rowCount === 1 ? '' : 's'}; the first {preview.rows.length} as read:
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={4} aria-label="Statement preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Reference</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th ta="right">Fee</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{r.date ?? '—'}</Table.Td>
                    <Table.Td>{r.reference}</Table.Td>
                    <Table.Td>{r.description}</Table.Td>
                    <Table.Td ta="right">{r.amount === null ? '—' : formatMoney(r.amount, currency)}</Table.Td>
                    <Table.Td ta="right">{r.fee ? formatMoney(r.fee, currency) : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group>
            <Button onClick={upload} loading={uploading.isPending} disabled={!complete(mapping) || problems.length > 0 || !/^[A-Z]{3}$/.test(currency)}>
              Upload the statement
            </Button>
          </Group>
        </>
      )}
      <FailureAlert failure={failure} />
      {result && (
        <Alert color="teal" variant="light" title={`${result.statement.filename}: ${result.statement.lineCount} lines`} role="status">
          {result.matched.count} matched ({formatMoney(result.matched.gross, result.statement.currency)} in payments, {formatMoney(result.matched.fees, result.statement.currency)}{' '}
          in fees); {result.unmatched.count} to reconcile.
        </Alert>
      )}
    </Stack>
  );
}

/** Match a line to the candidate payments it stands for (several: a split; they must add up to its amount + fee). */
function MatchDialog({ line, onClose }: { line: StatementLine; onClose: () => void }) {
  const resolve = useResolveLine();
  const [chosen, setChosen] = useState<string[]>([]);
  const [failure, setFailure] = useState<Failure>(null);
  const gross = line.amount + line.fee;
  const sum = line.candidates.filter((c) => chosen.includes(c.paymentId)).reduce((s, c) => s + c.amount, 0);
  const match = () => {
    setFailure(null);
    void resolve.mutateAsync({ line, action: 'match', body: { paymentIds: chosen } }).then(
      () => {
        notifySuccess(`Line ${line.line} matched`, `${chosen.length} payment${chosen.length === 1 ? '' : 's'}.`);
        onClose();
      },
      (error: unknown) => setFailure(describeError(error)),
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Match line ${line.line}`}>
      <Stack gap="sm">
        <Text size="sm">
          {line.reference || 'No reference'} · {formatDate(line.date)} · {formatMoney(line.amount, line.currency)}
          {line.fee > 0 && ` + fee ${formatMoney(line.fee, line.currency)}`}
        </Text>
        {line.candidates.length === 0 ? (
          <Text size="sm" c="dimmed">
            No payment of {formatMoney(gross, line.currency)} was received in the ten days before; explain the line instead.
          </Text>
        ) : (
          <Checkbox.Group label="Payments" value={chosen} onChange={setChosen}>
            <Stack gap={4} mt={4}>
              {line.candidates.map((c) => (
                <Checkbox key={c.paymentId} value={c.paymentId} label={`${c.paymentNumber} — ${formatMoney(c.amount, line.currency)}, received ${formatDate(c.receivedOn)}`} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Text size="sm" c={sum === gross ? 'teal' : 'dimmed'}>
          Chosen {formatMoney(sum, line.currency)} of {formatMoney(gross, line.currency)}
        </Text>
        <FailureAlert failure={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={match} loading={resolve.isPending} disabled={chosen.length === 0 || sum !== gross}>
            Match
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ExplainDialog({ line, onClose }: { line: StatementLine; onClose: () => void }) {
  const resolve = useResolveLine();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure>(null);
  const explain = () => {
    setFailure(null);
    void resolve.mutateAsync({ line, action: 'explain', body: { reason: reason.trim() } }).then(
      () => {
        notifySuccess(`Line ${line.line} explained`, 'It left the worklist.');
        onClose();
      },
      (error: unknown) => setFailure(describeError(error)),
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Explain line ${line.line}`}>
      <Stack gap="sm">
        <Text size="sm">
          {line.reference || 'No reference'} · {formatDate(line.date)} · {formatMoney(line.amount, line.currency)}
        </Text>
        <Textarea label="Why" required autosize minRows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <FailureAlert failure={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={explain} loading={resolve.isPending} disabled={reason.trim().length < 3}>
            Explain the line
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function WorklistPanel() {
  const query = useWorklist();
  const [target, setTarget] = useState<{ line: StatementLine; action: 'match' | 'explain' } | null>(null);
  if (query.isPending) return <LoadingState label="Loading the lines to reconcile…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const lines = query.data.pages.flatMap((p) => p.items);
  if (lines.length === 0) return <EmptyState title="Nothing to reconcile" description="Every statement line is matched to payments or explained." />;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" aria-label="Lines to reconcile">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Candidates</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{formatDate(l.date)}</Table.Td>
                <Table.Td>{l.reference || '—'}</Table.Td>
                <Table.Td>{l.description}</Table.Td>
                <Table.Td ta="right">
                  {formatMoney(l.amount, l.currency)}
                  {l.fee > 0 && (
                    <Text size="xs" c="dimmed">
                      fee {formatMoney(l.fee, l.currency)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{l.candidates.length > 0 ? <Badge variant="light">{l.candidates.length}</Badge> : '—'}</Table.Td>
                <Table.Td ta="right">
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" onClick={() => setTarget({ line: l, action: 'match' })} disabled={l.amount + l.fee <= 0}>
                      Match…
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setTarget({ line: l, action: 'explain' })}>
                      Explain…
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.hasNextPage && (
        <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          Load more
        </Button>
      )}
      {target?.action === 'match' && <MatchDialog line={target.line} onClose={() => setTarget(null)} />}
      {target?.action === 'explain' && <ExplainDialog line={target.line} onClose={() => setTarget(null)} />}
    </Stack>
  );
}

function StatementsPanel() {
  const query = useStatements();
  if (query.isPending) return <LoadingState label="Loading the statements…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyState title="No statements yet" description="Upload a bank statement above." />;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" aria-label="Bank statements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Dates</Table.Th>
            <Table.Th>Uploaded</Table.Th>
            <Table.Th ta="right">Matched</Table.Th>
            <Table.Th ta="right">Explained</Table.Th>
            <Table.Th ta="right">To reconcile</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                {s.filename}{' '}
                <Text span size="xs" c="dimmed">
                  {s.currency}
                </Text>
              </Table.Td>
              <Table.Td>
                {formatDate(s.from)} – {formatDate(s.to)}
              </Table.Td>
              <Table.Td>
                {formatDateTime(s.uploadedAt)} {s.uploadedBy ? `by ${s.uploadedBy.name}` : 'from the gateway'}
              </Table.Td>
              <Table.Td ta="right">{s.counts.matched}</Table.Td>
              <Table.Td ta="right">{s.counts.explained}</Table.Td>
              <Table.Td ta="right">{s.counts.unmatched}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /finance/reconciliation — bank statements matched to payments; the lines left to match, split or explain (finance roles). */
export function ReconciliationPage() {
  return (
    <Stack gap="lg">
      <PageHeader
        title="Reconciliation"
        description="Upload the bank's statement: lines are matched to payments by reference, amount and date; match, split or explain the rest before the month closes."
      />
      <Paper withBorder p="md" component="section" aria-labelledby="upload-title">
        <Title order={2} size="h4" id="upload-title" mb="sm">
          Upload a statement
        </Title>
        <UploadPanel />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="worklist-title">
        <Title order={2} size="h4" id="worklist-title" mb="sm">
          To reconcile
        </Title>
        <WorklistPanel />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="statements-title">
        <Title order={2} size="h4" id="statements-title" mb="sm">
          Statements
        </Title>
        <StatementsPanel />
      </Paper>
    </Stack>
  );
}
