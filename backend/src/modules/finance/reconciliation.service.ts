// Payout reconciliation. A finance user uploads a bank statement (CSV, a column mapping); each line
// is the money a payout brought to the bank (and the fee the processor kept). Lines are matched to
// billing's payments by reference, amount and date on upload; the rest wait in the worklist, where a
// finance user matches one to a payment, splits it over several, or explains it. A matched line's fee
// posts as an expense through the ledger. The monthly close refuses while lines dated in the month
// are open above a threshold.
import crypto from 'node:crypto';
import type { Page } from '../../contracts/common';
import type {
  BankStatement,
  ExplainLineBody,
  MatchLineBody,
  PreviewStatementFields,
  ReconciliationErrorCode,
  ReconciliationReport,
  StatementLine,
  StatementMapping,
  StatementPreview,
  UploadStatementFields,
  WorklistQuery,
} from '../../contracts/reconciliation';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { AppError, BadRequestError, ConflictError, NotFoundError, PreconditionFailedError } from '../../platform/errors';
import type { UploadedFile } from '../../platform/http';
import type { AuditService } from '../audit/audit.service';
import type { BillingHooks, ReconcilablePayment } from '../billing/billing-policies';
import type { GatewayEvent } from '../billing/payment-gateway';
import type { PayoutImporter } from '../billing/payment-webhooks.service';
import * as repo from './reconciliation.repository';
import { guessMapping, mappingProblems, readLines, readStatementFile } from './statement-csv';

/** A payout reaches the bank up to this many days after the payment it pays out. */
export const MATCH_WINDOW_DAYS = 10;
const PREVIEW_ROWS = 20;
const PROBLEMS_SHOWN = 100;
const CANDIDATES_SHOWN = 5;

const conflict = (code: ReconciliationErrorCode, detail: string, extras?: Record<string, unknown>) => new ConflictError(code, detail, extras);

class UnprocessableError extends AppError {
  constructor(code: ReconciliationErrorCode, detail: string, extras: Record<string, unknown>) {
    super(422, code, 'Unprocessable file', detail, extras);
  }
}

const mappingOf = (f: UploadStatementFields): StatementMapping => ({
  date: f.dateColumn,
  amount: f.amountColumn,
  reference: f.referenceColumn,
  ...(f.descriptionColumn ? { description: f.descriptionColumn } : {}),
  ...(f.feeColumn ? { fee: f.feeColumn } : {}),
  dateFormat: f.dateFormat,
});

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Does the payment stand for the line: its reference, the line's gross amount, received up to MATCH_WINDOW_DAYS before the line's date? */
const fits = (line: { date: string; reference: string; gross: number }, p: ReconcilablePayment) =>
  [p.number, p.gatewayReference, p.reference].includes(line.reference) &&
  p.amount === line.gross &&
  p.receivedOn <= line.date &&
  line.date <= addDays(p.receivedOn, MATCH_WINDOW_DAYS);

export class ReconciliationService implements PayoutImporter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly billing: BillingHooks,
    private readonly closeThreshold: number,
  ) {}

  /** The latest date a statement line may carry: a month after the business date (value dates and
   * bank cut-offs run ahead of the company's calendar; a year typo does not). */
  private latestLineDate(): string {
    return addDays(this.clock.businessDate(), 31);
  }

  /** Reads the file with the mapping given (or one guessed from its header): the first rows and every line's problem. Nothing is stored. */
  async preview(file: UploadedFile, fields: PreviewStatementFields): Promise<StatementPreview> {
    const read = readStatementFile(file.bytes.toString('utf8'));
    if (!read.ok) throw new BadRequestError('STATEMENT_UNREADABLE', read.problem);
    const given = fields.dateColumn && fields.amountColumn && fields.referenceColumn;
    const mapping = given
      ? mappingOf({ ...fields, currency: fields.currency ?? 'XXX', dateFormat: fields.dateFormat ?? 'YYYY-MM-DD' } as UploadStatementFields)
      : guessMapping(read.columns);
    if (given) this.assertColumns(read.columns, mapping!);
    const duplicate = await repo.findStatement(this.db, { sha256: sha256(file.bytes) });
    if (!mapping) return { columns: read.columns, mapping: null, rowCount: read.records.length, rows: [], problems: [], duplicateOf: duplicate?.id ?? null };
    const { problems, partial } = readLines(read.columns, read.records, mapping, this.latestLineDate());
    return {
      columns: read.columns,
      mapping,
      rowCount: read.records.length,
      rows: partial.slice(0, PREVIEW_ROWS).map((r) => ({
        line: r.line,
        date: r.date ?? null,
        amount: r.amount ?? null,
        fee: r.fee ?? null,
        reference: r.reference ?? '',
        description: r.description ?? '',
      })),
      problems: problems.slice(0, PROBLEMS_SHOWN),
      duplicateOf: duplicate?.id ?? null,
    };
  }

  private assertColumns(columns: string[], mapping: StatementMapping): void {
    const problems = mappingProblems(columns, mapping);
    if (problems.length)
      throw new BadRequestError('STATEMENT_COLUMNS_INVALID', `The mapping does not fit the file's columns: ${problems.join(' ')}`, {
        columns,
        errors: problems.map((message) => ({ path: 'mapping', message })),
      });
  }

  /**
   * Stores a statement once (the same bytes again → 409 STATEMENT_DUPLICATE) with every line, or
   * nothing when a line cannot be read (422 STATEMENT_LINE_INVALID with each line's number); then
   * matches what it can by reference, amount and date, posting the fees kept. Audited.
   */
  async upload(actor: Actor, file: UploadedFile, fields: UploadStatementFields): Promise<ReconciliationReport> {
    const hash = sha256(file.bytes);
    const duplicate = await repo.findStatement(this.db, { sha256: hash });
    if (duplicate) throw this.duplicate(duplicate.id);
    const read = readStatementFile(file.bytes.toString('utf8'));
    if (!read.ok) throw new BadRequestError('STATEMENT_UNREADABLE', read.problem);
    const mapping = mappingOf(fields);
    this.assertColumns(read.columns, mapping);
    const { lines, problems } = readLines(read.columns, read.records, mapping, this.latestLineDate());
    if (problems.length)
      throw new UnprocessableError(
        'STATEMENT_LINE_INVALID',
        `${problems.length} line${problems.length === 1 ? '' : 's'} of the file cannot be read (first: line ${problems[0]!.line}: ${problems[0]!.message}); nothing was stored.`,
        { lines: problems.slice(0, PROBLEMS_SHOWN), lineCount: problems.length },
      );
    const statementId = await withTransaction(this.db, async (trx) => {
      const now = this.clock.now();
      const dates = lines.map((l) => l.date).sort();
      const id = await repo.insertStatementIfNew(trx, {
        filename: file.originalName.slice(0, 255) || 'statement.csv',
        currency: fields.currency,
        sha256: hash,
        mapping,
        line_count: lines.length,
        date_from: dates[0]!,
        date_to: dates[dates.length - 1]!,
        uploaded_by: actor.userId,
        uploaded_at: now,
      });
      if (!id) throw this.duplicate((await repo.findStatement(trx, { sha256: hash }))?.id ?? null);
      const stored = await repo.insertLines(
        trx,
        lines.map((l) => ({
          statement_id: id,
          line_no: l.line,
          value_date: l.date,
          currency: fields.currency,
          amount: l.amount,
          fee: l.fee,
          reference: l.reference,
          description: l.description,
          created_at: now,
        })),
      );
      const matched = await this.autoMatch(trx, actor, fields.currency, stored);
      await this.audit.record(trx, {
        actor,
        action: 'statement.upload',
        entity: { type: 'bank_statement', id },
        after: { filename: file.originalName, currency: fields.currency, sha256: hash, lines: lines.length },
        metadata: { mapping, matched },
      });
      return id;
    });
    return this.report(statementId);
  }

  /**
   * A gateway payout from billing's webhook inbox, in the inbox's transaction (the signature was
   * checked and the event stored once by its id before this runs). `payout.paid`: the payout becomes a
   * statement of source `payout`, one line per balance transaction (its net as the amount, the fee
   * kept, the charge as the reference, dated the arrival day), matched like an upload's lines (fees
   * post as an expense); the same payout by another event stores nothing. `payout.failed`: nothing
   * reached the bank — recorded; if the payout was imported as paid, its money goes back out as a
   * statement of source `payout_failure` (one line of −amount) that waits in the worklist.
   */
  async importPayout(trx: Trx, inbox: { id: string; provider: string }, event: GatewayEvent): Promise<{ outcome: 'applied' | 'ignored' | 'recorded'; detail: string | null }> {
    const payout = event.payout;
    if (!payout) throw new Error(`${event.type} ${event.id} without its payout`);
    const payoutId = event.gatewayReference;
    const now = this.clock.now();
    const store = async (source: 'payout' | 'payout_failure', lines: Omit<Parameters<typeof repo.insertLines>[1][number], 'statement_id' | 'created_at' | 'currency'>[]) => {
      const dates = lines.map((l) => l.value_date).sort();
      const id = await repo.insertStatementIfNew(trx, {
        filename: `${source === 'payout' ? 'Payout' : 'Failed payout'} ${payoutId}`.slice(0, 255),
        currency: event.currency,
        sha256: sha256(Buffer.from(`${inbox.provider}:${source}:${payoutId}`)),
        mapping: null,
        line_count: lines.length,
        date_from: dates[0]!,
        date_to: dates[dates.length - 1]!,
        uploaded_by: null,
        uploaded_at: now,
        source,
        payout_reference: payoutId,
        webhook_event_id: inbox.id,
      });
      if (!id) return null;
      const stored = await repo.insertLines(
        trx,
        lines.map((l) => ({ ...l, statement_id: id, currency: event.currency, created_at: now })),
      );
      return { id, stored };
    };

    if (event.type === 'payout.paid') {
      const imported = await store(
        'payout',
        payout.balanceTransactions.map((t, i) => ({
          line_no: i + 1,
          value_date: payout.arrivalDate,
          amount: t.net,
          fee: t.fee,
          reference: t.source ?? t.id,
          description: `${t.type} ${t.id}`.slice(0, 500),
        })),
      );
      if (!imported) return { outcome: 'ignored', detail: `Payout ${payoutId} was imported before (another event)` };
      const matched = await this.autoMatch(trx, null, event.currency, imported.stored);
      await this.audit.record(trx, {
        action: 'statement.payout_import',
        entity: { type: 'bank_statement', id: imported.id },
        after: { payout: payoutId, currency: event.currency, amount: event.amount, arrivalDate: payout.arrivalDate, lines: imported.stored.length },
        metadata: { eventId: event.id, provider: inbox.provider, matched },
      });
      return { outcome: 'applied', detail: `Payout ${payoutId}: ${imported.stored.length} lines, ${matched} matched` };
    }

    // payout.failed
    const why = [payout.failureCode, payout.failureMessage].filter(Boolean).join(': ') || 'no reason given';
    const paid = await repo.findStatement(trx, { payoutReference: payoutId, source: 'payout' });
    if (!paid || event.amount === 0) {
      await this.audit.record(trx, {
        action: 'statement.payout_failed',
        entity: { type: 'payout', id: payoutId },
        metadata: { eventId: event.id, provider: inbox.provider, amount: event.amount, currency: event.currency, reason: why, imported: false },
      });
      return { outcome: 'recorded', detail: `Payout ${payoutId} failed (${why}): nothing reached the bank` };
    }
    const returned = await store('payout_failure', [
      { line_no: 1, value_date: this.clock.businessDate(), amount: -event.amount, fee: 0, reference: payoutId, description: `Payout failed: ${why}`.slice(0, 500) },
    ]);
    if (!returned) return { outcome: 'ignored', detail: `Payout ${payoutId}'s failure was recorded before (another event)` };
    await this.audit.record(trx, {
      action: 'statement.payout_failed',
      entity: { type: 'bank_statement', id: returned.id },
      after: { payout: payoutId, currency: event.currency, amount: -event.amount, reason: why },
      metadata: { eventId: event.id, provider: inbox.provider, paidStatementId: paid.id, imported: true },
    });
    return { outcome: 'applied', detail: `Payout ${payoutId} failed (${why}): its ${event.amount} taken back out, to explain` };
  }

  private duplicate(statementId: string | null) {
    return conflict('STATEMENT_DUPLICATE', 'This file was uploaded before: nothing was changed.', { statementId });
  }

  /** Matches each line whose reference, gross amount and date fit exactly one payment not matched yet. Returns how many. */
  private async autoMatch(trx: Trx, actor: Actor | null, currency: string, stored: repo.LineRow[]): Promise<number> {
    const open = stored.filter((l) => l.reference !== '' && Number(l.amount) + Number(l.fee) > 0);
    if (!open.length) return 0;
    const payments = await this.billing.paymentsByReferences(trx, currency, [...new Set(open.map((l) => l.reference))]);
    const taken = await repo.matchedPaymentIds(
      trx,
      payments.map((p) => p.id),
    );
    const now = this.clock.now();
    let count = 0;
    for (const line of open) {
      const gross = Number(line.amount) + Number(line.fee);
      const fitting = payments.filter((p) => !taken.has(p.id) && fits({ date: line.value_date, reference: line.reference, gross }, p));
      if (fitting.length !== 1) continue;
      const payment = fitting[0]!;
      taken.add(payment.id);
      await this.resolveMatched(trx, actor, line, [payment], null, now);
      count += 1;
    }
    return count;
  }

  /** Posts the line's fee (if any), marks it matched and records its payments, in the caller's transaction. */
  private async resolveMatched(trx: Trx, actor: Actor | null, line: repo.LineRow, payments: ReconcilablePayment[], by: string | null, now: Date): Promise<repo.LineRow> {
    const fee = Number(line.fee);
    const feeEntryId =
      fee > 0
        ? await this.billing.processorFeeKept(trx, actor, {
            lineId: line.id,
            method: payments[0]!.method,
            currency: line.currency.trim(),
            amount: fee,
            date: line.value_date,
            description: `Processor fee kept from payout ${line.reference || `line ${line.line_no}`} (${payments.map((p) => p.number).join(', ')})`,
          })
        : null;
    const resolved = await repo.resolveLine(trx, line.id, line.version, { status: 'matched', fee_entry_id: feeEntryId, resolved_by: by, at: now });
    if (!resolved) throw new PreconditionFailedError(line.version + 1);
    try {
      await repo.insertMatches(
        trx,
        payments.map((p) => ({ line_id: line.id, payment_id: p.id, amount: p.amount, matched_by: by, created_at: now })),
      );
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict('RECONCILIATION_PAYMENT_NOT_MATCHABLE', 'A payment was matched to another line meanwhile.');
      throw err;
    }
    return resolved;
  }

  /** Matches an open line to one payment or splits it over several (Σ amounts = the line's amount + fee); If-Match on the line. */
  async match(actor: Actor, lineId: string, version: number, body: MatchLineBody): Promise<StatementLine> {
    await withTransaction(this.db, async (trx) => {
      const line = await this.openLine(trx, lineId, version);
      const gross = Number(line.amount) + Number(line.fee);
      if (gross <= 0)
        throw conflict('RECONCILIATION_AMOUNT_MISMATCH', 'The line is money out of the bank: explain it, it stands for no payment received.', { expected: gross, actual: null });
      const payments = await this.billing.paymentsByIds(trx, body.paymentIds);
      const byId = new Map(payments.map((p) => [p.id, p]));
      const taken = await repo.matchedPaymentIds(trx, body.paymentIds);
      for (const id of body.paymentIds) {
        const p = byId.get(id);
        const why = !p
          ? 'There is no such payment.'
          : p.status !== 'succeeded'
            ? `${p.number} is ${p.status}: only a succeeded payment is matched.`
            : p.currency !== line.currency.trim()
              ? `${p.number} is in ${p.currency}, the line in ${line.currency.trim()}.`
              : taken.has(id)
                ? `${p.number} is matched to another line already.`
                : null;
        if (why) throw conflict('RECONCILIATION_PAYMENT_NOT_MATCHABLE', why, { paymentId: id });
      }
      const chosen = body.paymentIds.map((id) => byId.get(id)!);
      const actual = chosen.reduce((s, p) => s + p.amount, 0);
      if (actual !== gross)
        throw conflict('RECONCILIATION_AMOUNT_MISMATCH', `The payments add up to ${actual}, the line to ${gross} (its amount ${line.amount} and fee ${line.fee}, minor units).`, {
          expected: gross,
          actual,
        });
      const now = this.clock.now();
      const after = await this.resolveMatched(trx, actor, line, chosen, actor.userId, now);
      await this.audit.record(trx, {
        actor,
        action: 'statement_line.match',
        entity: { type: 'bank_statement_line', id: line.id },
        before: { status: 'unmatched', version: line.version },
        after: { status: 'matched', version: after.version, payments: chosen.map((p) => ({ id: p.id, number: p.number, amount: p.amount })), feeEntryId: after.fee_entry_id },
        metadata: { statementId: line.statement_id, split: chosen.length > 1 },
      });
    });
    return this.line(lineId);
  }

  /** Explains an open line (a reason: a transfer between own accounts, bank charges…): it leaves the worklist. If-Match on the line. */
  async explain(actor: Actor, lineId: string, version: number, body: ExplainLineBody): Promise<StatementLine> {
    await withTransaction(this.db, async (trx) => {
      const line = await this.openLine(trx, lineId, version);
      const after = await repo.resolveLine(trx, line.id, line.version, { status: 'explained', explanation: body.reason, resolved_by: actor.userId, at: this.clock.now() });
      if (!after) throw new PreconditionFailedError(line.version + 1);
      await this.audit.record(trx, {
        actor,
        action: 'statement_line.explain',
        entity: { type: 'bank_statement_line', id: line.id },
        before: { status: 'unmatched', version: line.version },
        after: { status: 'explained', version: after.version, explanation: body.reason },
        metadata: { statementId: line.statement_id },
      });
    });
    return this.line(lineId);
  }

  private async openLine(trx: Trx, lineId: string, version: number): Promise<repo.LineRow> {
    const line = await repo.lockLine(trx, lineId);
    if (!line) throw new NotFoundError('statement line');
    if (line.status !== 'unmatched') throw conflict('STATEMENT_LINE_NOT_OPEN', `The line is ${line.status} already.`, { currentStatus: line.status });
    if (line.version !== version) throw new PreconditionFailedError(line.version);
    return line;
  }

  async line(lineId: string): Promise<StatementLine> {
    const row = await repo.findLine(this.db, lineId);
    if (!row) throw new NotFoundError('statement line');
    return (await this.toLines([row], true))[0]!;
  }

  /** The worklist: lines of a status (default unmatched), oldest first; an unmatched line with its candidate payments. */
  async worklist(query: WorklistQuery): Promise<Page<StatementLine>> {
    const { status, statementId, ...page } = query;
    const result = await repo.linePage(this.db, { status, ...(statementId ? { statementId } : {}) }, page);
    return { items: await this.toLines(result.items, true), nextCursor: result.nextCursor };
  }

  async statements(page: { limit: number; cursor?: string }): Promise<Page<BankStatement>> {
    const result = await repo.statementPage(this.db, page);
    return { items: result.items.map(toStatement), nextCursor: result.nextCursor };
  }

  /** A statement's reconciliation: totals of matched (gross, fees, net), explained and unmatched lines, and every line. */
  async report(statementId: string): Promise<ReconciliationReport> {
    const statement = await repo.findStatement(this.db, { id: statementId });
    if (!statement) throw new NotFoundError('bank statement');
    const lines = await this.toLines(await repo.linesOf(this.db, statementId), false);
    const sum = (list: StatementLine[], f: (l: StatementLine) => number) => list.reduce((s, l) => s + f(l), 0);
    const of = (status: StatementLine['status']) => lines.filter((l) => l.status === status);
    const matched = of('matched');
    return {
      statement: toStatement(statement),
      total: { count: lines.length, amount: sum(lines, (l) => l.amount) },
      matched: {
        count: matched.length,
        gross: sum(matched, (l) => l.amount + l.fee),
        fees: sum(matched, (l) => l.fee),
        net: sum(matched, (l) => l.amount),
        payments: sum(matched, (l) => l.payments.length),
      },
      explained: { count: of('explained').length, amount: sum(of('explained'), (l) => l.amount) },
      unmatched: { count: of('unmatched').length, amount: sum(of('unmatched'), (l) => l.amount) },
      lines,
    };
  }

  /** The close's check: unmatched lines dated within the dates above the configured threshold. */
  async openItems(db: DbOrTrx, from: string, to: string): Promise<{ count: number; ids: string[]; threshold: number }> {
    return { ...(await repo.openLinesAbove(db, from, to, this.closeThreshold)), threshold: this.closeThreshold };
  }

  /** The months (YYYY-MM) that cannot close for open reconciliation lines. */
  monthsWithOpenItems(db: DbOrTrx): Promise<Set<string>> {
    return repo.monthsWithOpenLines(db, this.closeThreshold);
  }

  private async toLines(rows: repo.LineRow[], withCandidates: boolean): Promise<StatementLine[]> {
    const matches = await repo.matchesOf(
      this.db,
      rows.map((r) => r.id),
    );
    const payments = new Map((await this.billing.paymentsByIds(this.db, [...new Set(matches.map((m) => m.payment_id))])).map((p) => [p.id, p]));
    const out: StatementLine[] = [];
    for (const r of rows) {
      const gross = Number(r.amount) + Number(r.fee);
      let candidates: StatementLine['candidates'] = [];
      if (withCandidates && r.status === 'unmatched' && gross > 0) {
        const found = await this.billing.paymentsOfAmount(this.db, {
          currency: r.currency.trim(),
          amount: gross,
          from: addDays(r.value_date, -MATCH_WINDOW_DAYS),
          to: r.value_date,
          limit: CANDIDATES_SHOWN * 4,
        });
        const taken = await repo.matchedPaymentIds(
          this.db,
          found.map((p) => p.id),
        );
        candidates = found
          .filter((p) => !taken.has(p.id))
          .slice(0, CANDIDATES_SHOWN)
          .map((p) => ({ paymentId: p.id, paymentNumber: p.number, method: p.method, amount: p.amount, receivedOn: p.receivedOn }));
      }
      out.push({
        id: r.id,
        statementId: r.statement_id,
        line: r.line_no,
        date: r.value_date,
        currency: r.currency.trim(),
        amount: Number(r.amount),
        fee: Number(r.fee),
        reference: r.reference,
        description: r.description,
        status: r.status,
        explanation: r.explanation,
        payments: matches
          .filter((m) => m.line_id === r.id)
          .map((m) => {
            const p = payments.get(m.payment_id)!;
            return {
              paymentId: m.payment_id,
              paymentNumber: p.number,
              method: p.method,
              amount: Number(m.amount),
              receivedOn: p.receivedOn,
              matchedBy: m.matched_by ? { id: m.matched_by, name: m.matched_by_name ?? '' } : null,
            };
          }),
        feeEntryId: r.fee_entry_id,
        candidates,
        version: r.version,
      });
    }
    return out;
  }
}

const toStatement = (r: repo.StatementRow): BankStatement => ({
  id: r.id,
  filename: r.filename,
  currency: r.currency.trim(),
  sha256: r.sha256,
  source: r.source,
  payoutReference: r.payout_reference,
  mapping: r.mapping,
  lineCount: r.line_count,
  from: r.date_from,
  to: r.date_to,
  uploadedBy: r.uploaded_by ? { id: r.uploaded_by, name: r.uploaded_by_name ?? '' } : null,
  uploadedAt: r.uploaded_at.toISOString(),
  counts: { unmatched: r.unmatched, matched: r.matched, explained: r.explained },
});
