// Finance contract (issue 20): accounting periods and the monthly close, the trial balance at a date.
import { z } from 'zod';
import { AccountKind, SourceType } from './billing';
import { PageQuery } from './common';
import type { PermissionGrants } from './grants';

const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use the format YYYY-MM')
  .refine((m) => m >= '2000-01' && m <= '2999-12', 'Not a month the books can hold')
  .meta({ example: '2026-11', description: 'A month: YYYY-MM' });

export const PERIOD_STATUSES = ['open', 'closed'] as const;

const Person = z.object({ id: z.uuid(), name: z.string() });

export const AccountingPeriod = z
  .object({
    /** The calendar month in the company's time zone (YYYY-MM). */
    month: Month,
    from: z.iso.date(),
    to: z.iso.date(),
    status: z.enum(PERIOD_STATUSES),
    /** A month can be closed once it has ended, after every earlier month. */
    closable: z.boolean(),
    closedAt: z.union([z.iso.datetime(), z.null()]),
    closedBy: z.union([Person, z.null()]),
    history: z.array(
      z.object({
        event: z.enum(['closed', 'reopened']),
        reason: z.union([z.string(), z.null()]),
        by: Person,
        at: z.iso.datetime(),
      }),
    ),
    version: z.number().int(),
  })
  .meta({ id: 'AccountingPeriod' });
export type AccountingPeriod = z.infer<typeof AccountingPeriod>;

export const PeriodList = z
  .object({
    items: z.array(AccountingPeriod),
    firstOpenDate: z.iso.date(),
    /** The last day the earning job has earned premium for (a month closes once it is through the month's last day). */
    earnedThrough: z.iso.date().nullable(),
  })
  .meta({ id: 'AccountingPeriodList' });
export type PeriodList = z.infer<typeof PeriodList>;

export const PeriodParams = z.object({ month: Month });
export const ClosePeriodBody = z.strictObject({ note: z.string().trim().max(500).optional() }).meta({ id: 'ClosePeriodBody' });
export type ClosePeriodBody = z.infer<typeof ClosePeriodBody>;
export const ReopenPeriodBody = z.strictObject({ reason: z.string().trim().min(10, 'Say why (at least 10 characters)').max(500) }).meta({ id: 'ReopenPeriodBody' });
export type ReopenPeriodBody = z.infer<typeof ReopenPeriodBody>;

export const TrialBalanceQuery = z.strictObject({
  asOf: z.iso.date('Use the format YYYY-MM-DD').refine((d) => d >= '2000-01-01' && d <= '2999-12-31', 'Not a date the books can hold'),
});
export type TrialBalanceQuery = z.infer<typeof TrialBalanceQuery>;

export const TrialBalanceReport = z
  .object({
    asOf: z.iso.date(),
    balanced: z.boolean(),
    currencies: z.array(z.object({ currency: z.string(), debits: z.number().int(), credits: z.number().int(), balanced: z.boolean() })),
    /** One line per account kind and currency: debits, credits, and the balance on the account's normal side. */
    accounts: z.array(
      z.object({ kind: z.string(), description: z.string(), currency: z.string(), debits: z.number().int(), credits: z.number().int(), balance: z.number().int() }),
    ),
  })
  .meta({ id: 'TrialBalanceReport' });
export type TrialBalanceReport = z.infer<typeof TrialBalanceReport>;

const StatementLine = z.object({ kind: AccountKind, description: z.string(), currency: z.string(), amount: z.number().int() });

/** A month's figures from the ledger: what it earned and spent, and the balances at its end. */
export const FinancialStatement = z
  .object({
    month: Month,
    from: z.iso.date(),
    to: z.iso.date(),
    /** Income accounts' movement in the month (credits less debits). */
    income: z.array(StatementLine),
    /** Expense accounts' movement in the month (debits less credits). */
    expenses: z.array(StatementLine),
    /** Income less expenses, per currency. */
    result: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
    /** Assets and liabilities at the month's end, each on its normal side (receivables, the reserves, unapplied cash, refunds payable). */
    assets: z.array(StatementLine),
    liabilities: z.array(StatementLine),
    balanced: z.boolean(),
  })
  .meta({ id: 'FinancialStatement' });
export type FinancialStatement = z.infer<typeof FinancialStatement>;
export const StatementQuery = z.strictObject({ month: Month });

/**
 * The entries behind a figure: those posting to an account kind in a currency within the dates; for
 * the premium register, only a product's (its premium writings and earning entries, `productId`) and
 * only some source types (`sourceTypes=invoice,policy_transaction`: premium written, not earned).
 */
export const AccountEntriesQuery = PageQuery.extend({
  kind: AccountKind,
  currency: z.string().regex(/^[A-Z]{3}$/, 'A three-letter currency code'),
  from: z.iso.date('Use the format YYYY-MM-DD'),
  to: z.iso.date('Use the format YYYY-MM-DD'),
  productId: z.uuid('Not a valid id').optional(),
  sourceTypes: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(SourceType).min(1))
    .optional(),
}).refine((q) => q.from <= q.to && q.from >= '2000-01-01' && q.to <= '2999-12-31', { message: 'From must be on or before to', path: ['to'] });
export type AccountEntriesQuery = z.infer<typeof AccountEntriesQuery>;

// --- The premium register

export const PremiumRegisterQuery = z
  .strictObject({ from: Month, to: Month })
  .refine((q) => q.from <= q.to, { message: 'From must be on or before to', path: ['to'] })
  .refine((q) => Number(q.to.slice(0, 4)) * 12 + Number(q.to.slice(5)) - (Number(q.from.slice(0, 4)) * 12 + Number(q.from.slice(5))) < 36, {
    message: 'At most 36 months at a time',
    path: ['to'],
  });
export type PremiumRegisterQuery = z.infer<typeof PremiumRegisterQuery>;

const RegisterFigures = {
  /** Premium written in the month: billed to the unearned premium reserve, less premium returned from it. */
  written: z.number().int(),
  /** Premium earned in the month: moved from the reserve to premium income by the earning job. */
  earned: z.number().int(),
  /** The reserve at the month's end: everything written through then less everything earned. */
  unearned: z.number().int(),
};

export const PremiumRegister = z
  .object({
    from: Month,
    to: Month,
    /** One row per product, currency and month with any figure; oldest month first, then by product. */
    rows: z.array(
      z.object({
        month: Month,
        product: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
        currency: z.string(),
        ...RegisterFigures,
        /** The entries behind the figures (GET, finance:read): premium written, premium earned. */
        entries: z.object({ written: z.string(), earned: z.string() }),
      }),
    ),
    /** Per month and currency, every product together. */
    totals: z.array(z.object({ month: Month, currency: z.string(), ...RegisterFigures })),
  })
  .meta({ id: 'PremiumRegister' });
export type PremiumRegister = z.infer<typeof PremiumRegister>;

// --- The chart-of-accounts mapping and journal exports

export const GlMapping = z
  .object({
    /** The set's revision: its If-Match for the next replace. */
    revision: z.number().int(),
    items: z.array(z.object({ kind: AccountKind, description: z.string(), glCode: z.union([z.string(), z.null()]), glName: z.union([z.string(), z.null()]) })),
  })
  .meta({ id: 'GlMapping' });
export type GlMapping = z.infer<typeof GlMapping>;

export const ReplaceGlMappingBody = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          kind: AccountKind,
          glCode: z
            .string()
            .trim()
            .min(1, 'Required')
            .max(40)
            .regex(/^[\w.:-]+$/, 'Letters, digits, dots, colons and dashes'),
          glName: z.string().trim().min(1, 'Required').max(120),
        }),
      )
      .max(50)
      .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, 'Each account appears once'),
  })
  .meta({ id: 'ReplaceGlMappingBody' });
export type ReplaceGlMappingBody = z.infer<typeof ReplaceGlMappingBody>;

export const EXPORT_FORMATS = ['quickbooks', 'netsuite', 'generic'] as const;
export const CreateJournalExportBody = z.strictObject({ format: z.enum(EXPORT_FORMATS) }).meta({ id: 'CreateJournalExportBody' });
export type CreateJournalExportBody = z.infer<typeof CreateJournalExportBody>;

export const JournalExportBatch = z
  .object({
    id: z.uuid(),
    month: Month,
    format: z.enum(EXPORT_FORMATS),
    filename: z.string(),
    lineCount: z.number().int(),
    entryCount: z.number().int(),
    sha256: z.string(),
    /** Per currency, the batch's debits and credits: the month's movements in the ledger. */
    totals: z.array(z.object({ currency: z.string(), debits: z.number().int(), credits: z.number().int() })),
    createdBy: Person,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'JournalExportBatch' });
export type JournalExportBatch = z.infer<typeof JournalExportBatch>;
export const JournalExportList = z.object({ items: z.array(JournalExportBatch) }).meta({ id: 'JournalExportList' });
export const ExportParams = z.object({ id: z.uuid('Not a valid id') });

// --- What the finance module declares.
export const FINANCE_PERMISSIONS = {
  /** The periods and the financial reports (company-wide figures). */
  'finance:read': ['finance', 'finance_manager', 'manager'],
  /** Close a month, and reopen one (a second finance manager, with a reason). */
  'finance:close': ['finance_manager'],
  /** Export a closed month's journal to the accounting system (the mapping itself is a finance manager's, with finance:close). */
  'finance:export': ['finance', 'finance_manager'],
} as const satisfies PermissionGrants;

export const FINANCE_AUDIT_ACTIONS = ['period.close', 'period.reopen', 'gl_mapping.replace', 'journal.export'] as const;
export type FinanceAuditAction = (typeof FINANCE_AUDIT_ACTIONS)[number];

export const FINANCE_ERROR_CODES = [
  /** The month has not ended yet, or an earlier month is still open. */
  'PERIOD_NOT_CLOSABLE',
  /** Closing a closed month, or reopening an open one (409 with currentStatus). */
  'PERIOD_INVALID_TRANSITION',
  /** The ledger does not balance: nothing is closed. */
  'PERIOD_UNBALANCED',
  /** The earning job has not earned premium through the month's last day yet (409 with earnedThrough). */
  'PERIOD_EARNING_BEHIND',
  /** Whoever closed the month cannot reopen it (four-eyes). */
  'PERIOD_SAME_PERSON',
  /** A later month is closed: reopen that one first. */
  'PERIOD_LATER_CLOSED',
  /** Only a closed month's journal is exported. */
  'EXPORT_PERIOD_OPEN',
  /** An account with postings in the month has no general-ledger code (409 with the kinds). */
  'EXPORT_UNMAPPED_ACCOUNTS',
] as const;
export type FinanceErrorCode = (typeof FINANCE_ERROR_CODES)[number];
