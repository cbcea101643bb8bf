// Payout reconciliation (issue 20): bank statement uploads (CSV with a column mapping), their lines
// matched to payments, the worklist of what is not, and the report per statement. Imports only zod.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import type { PermissionGrants } from './grants';

export const STATEMENT_DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export const STATEMENT_LINE_STATUSES = ['unmatched', 'matched', 'explained'] as const;
export type StatementLineStatus = (typeof STATEMENT_LINE_STATUSES)[number];

const Column = z.string().trim().min(1, 'Name a column of the file').max(100);

/**
 * Which of the file's columns (by their header) hold each field. `amount` is the money that reached
 * the bank (signed, major units with a dot: `-12.50`); `fee` (optional) the processor's fee kept
 * from it, so the payments behind a line add up to amount + fee.
 */
export const StatementMapping = z.strictObject({
  date: Column,
  amount: Column,
  reference: Column,
  description: Column.optional(),
  fee: Column.optional(),
  dateFormat: z.enum(STATEMENT_DATE_FORMATS).default('YYYY-MM-DD'),
});
export type StatementMapping = z.infer<typeof StatementMapping>;

const Currency = z.string().regex(/^[A-Z]{3}$/, 'A three-letter currency code');

/** The form fields of an upload (multipart, the file in `file`): the currency and the mapping, flat. */
export const UploadStatementFields = z
  .strictObject({
    currency: Currency,
    dateColumn: Column,
    amountColumn: Column,
    referenceColumn: Column,
    descriptionColumn: Column.optional(),
    feeColumn: Column.optional(),
    dateFormat: z.enum(STATEMENT_DATE_FORMATS).default('YYYY-MM-DD'),
  })
  .meta({ id: 'UploadStatementFields' });
export type UploadStatementFields = z.infer<typeof UploadStatementFields>;

/** The preview's form fields: the mapping is optional (the preview suggests one from the header). */
export const PreviewStatementFields = UploadStatementFields.partial().meta({ id: 'PreviewStatementFields' });
export type PreviewStatementFields = z.infer<typeof PreviewStatementFields>;

/** A line of the file that cannot be read: its line number in the file (the header is line 1). */
export const StatementLineProblem = z.object({ line: z.number().int(), message: z.string() });
export type StatementLineProblem = z.infer<typeof StatementLineProblem>;

export const StatementPreview = z
  .object({
    /** The header's column names, in order. */
    columns: z.array(z.string()),
    /** The mapping used: the one given, else one guessed from the header's names (null when a required column could not be guessed). */
    mapping: StatementMapping.nullable(),
    rowCount: z.number().int(),
    /** The first rows as read with the mapping. */
    rows: z.array(
      z.object({
        line: z.number().int(),
        date: z.string().nullable(),
        amount: z.number().int().nullable(),
        fee: z.number().int().nullable(),
        reference: z.string(),
        description: z.string(),
      }),
    ),
    /** Lines that would refuse the upload (at most 100). */
    problems: z.array(StatementLineProblem),
    /** A statement with the same content was uploaded before. */
    duplicateOf: z.uuid().nullable(),
  })
  .meta({ id: 'StatementPreview' });
export type StatementPreview = z.infer<typeof StatementPreview>;

const Person = z.object({ id: z.uuid(), name: z.string() });

export const MatchedPayment = z.object({
  paymentId: z.uuid(),
  paymentNumber: z.string(),
  method: z.string(),
  amount: z.number().int(),
  receivedOn: z.iso.date(),
  /** Null when matched on upload (by reference, amount and date). */
  matchedBy: Person.nullable(),
});

export const StatementLine = z
  .object({
    id: z.uuid(),
    statementId: z.uuid(),
    line: z.number().int(),
    date: z.iso.date(),
    currency: z.string(),
    /** Money that reached the bank (signed minor units). */
    amount: z.number().int(),
    /** The processor's fee kept from it (minor units, ≥ 0). */
    fee: z.number().int(),
    reference: z.string(),
    description: z.string(),
    status: z.enum(STATEMENT_LINE_STATUSES),
    explanation: z.string().nullable(),
    payments: z.array(MatchedPayment),
    /** The fee's ledger entry (processor fees), once matched with a fee. */
    feeEntryId: z.uuid().nullable(),
    /** For an unmatched line: succeeded payments of its currency with its amount + fee received up to 10 days before it, not yet matched. */
    candidates: z.array(z.object({ paymentId: z.uuid(), paymentNumber: z.string(), method: z.string(), amount: z.number().int(), receivedOn: z.iso.date() })),
    version: z.number().int(),
  })
  .meta({ id: 'StatementLine' });
export type StatementLine = z.infer<typeof StatementLine>;

export const BankStatement = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    currency: z.string(),
    sha256: z.string(),
    /** `upload`: a CSV a finance user uploaded; `payout`: a gateway payout (payout.paid) from the webhook inbox; `payout_failure`: the money of a failed payout taken back out. */
    source: z.enum(['upload', 'payout', 'payout_failure']),
    /** The gateway's payout id (payout statements). */
    payoutReference: z.string().nullable(),
    /** The column mapping of an upload (null for a payout). */
    mapping: StatementMapping.nullable(),
    lineCount: z.number().int(),
    from: z.iso.date(),
    to: z.iso.date(),
    /** Who uploaded it (null: a payout from the gateway's webhook). */
    uploadedBy: Person.nullable(),
    uploadedAt: z.iso.datetime(),
    /** Lines per status. */
    counts: z.object({ unmatched: z.number().int(), matched: z.number().int(), explained: z.number().int() }),
  })
  .meta({ id: 'BankStatement' });
export type BankStatement = z.infer<typeof BankStatement>;
export const BankStatementList = pageOf(BankStatement).meta({ id: 'BankStatementList' });

const Figure = z.object({ count: z.number().int(), amount: z.number().int() });

/** A statement's reconciliation: what matched (gross, fees, net), what is explained, what is open. */
export const ReconciliationReport = z
  .object({
    statement: BankStatement,
    /** Net: the money of the lines in the bank. */
    total: Figure,
    /** The matched lines: their payments (gross), the fees kept, the net that reached the bank. */
    matched: z.object({ count: z.number().int(), gross: z.number().int(), fees: z.number().int(), net: z.number().int(), payments: z.number().int() }),
    explained: Figure,
    unmatched: Figure,
    lines: z.array(StatementLine),
  })
  .meta({ id: 'ReconciliationReport' });
export type ReconciliationReport = z.infer<typeof ReconciliationReport>;

export const WorklistQuery = PageQuery.extend({
  status: z.enum(STATEMENT_LINE_STATUSES).default('unmatched'),
  statementId: z.uuid('Not a valid id').optional(),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;
export const WorklistPage = pageOf(StatementLine).meta({ id: 'ReconciliationWorklist' });

/** Match a line to one payment, or split it over several: Σ payments = the line's amount + fee. */
export const MatchLineBody = z
  .strictObject({
    paymentIds: z
      .array(z.uuid('Not a valid id'))
      .min(1, 'Name at least one payment')
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'Each payment once'),
  })
  .meta({ id: 'MatchStatementLineBody' });
export type MatchLineBody = z.infer<typeof MatchLineBody>;

export const ExplainLineBody = z.strictObject({ reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500) }).meta({ id: 'ExplainStatementLineBody' });
export type ExplainLineBody = z.infer<typeof ExplainLineBody>;

export const StatementParams = z.object({ id: z.uuid('Not a valid id') });

export const RECONCILIATION_PERMISSIONS = {
  /** Upload bank statements, work the reconciliation worklist, read the reports (company-wide: every branch's payments). */
  'finance:reconcile': ['finance', 'finance_manager'],
} as const satisfies PermissionGrants;

export const RECONCILIATION_AUDIT_ACTIONS = ['statement.upload', 'statement.payout_import', 'statement.payout_failed', 'statement_line.match', 'statement_line.explain'] as const;

export const RECONCILIATION_ERROR_CODES = [
  /** The file's header lacks a mapped column, or the mapping names one twice (400 with `columns`). */
  'STATEMENT_COLUMNS_INVALID',
  /** A line cannot be read (422 with `lines`: line number and message); nothing from the file is stored. */
  'STATEMENT_LINE_INVALID',
  /** The same file (SHA-256 of its bytes) was uploaded before (409 with `statementId`). */
  'STATEMENT_DUPLICATE',
  /** The file is not a well-formed CSV with a header and 1 to 20,000 lines. */
  'STATEMENT_UNREADABLE',
  /** The line is matched or explained already (409 with `currentStatus`). */
  'STATEMENT_LINE_NOT_OPEN',
  /** Σ the payments ≠ the line's amount + fee (409 with `expected`, `actual`). */
  'RECONCILIATION_AMOUNT_MISMATCH',
  /** A payment is not a succeeded payment in the line's currency, or is matched to another line already (409 with `paymentId`). */
  'RECONCILIATION_PAYMENT_NOT_MATCHABLE',
  /** The month has unexplained reconciliation lines above the threshold (409 with `items`, `threshold`). */
  'PERIOD_RECONCILIATION_OPEN',
] as const;
export type ReconciliationErrorCode = (typeof RECONCILIATION_ERROR_CODES)[number];
