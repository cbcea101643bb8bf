// Finance's reports in the report registry (issue 20: "each exports to CSV and Excel through the
// report export jobs"): the trial balance at a date, a month's statement and the premium register,
// row for row what the finance API and console show. Company-wide figures, like the API's; none
// names a person.
import type { z } from 'zod';
import { PremiumRegisterQuery, StatementQuery, TrialBalanceQuery } from '../../contracts/finance';
import type { ReportDefinition, ReportRow } from '../reports/report-registry';
import type { PeriodsService } from './periods.service';
import type { PremiumRegisterService } from './premium-register.service';

/** One batch: these reports are a few hundred rows at most (accounts × currencies, products × months). */
async function* once(rows: () => Promise<ReportRow[]>): AsyncGenerator<ReportRow[]> {
  const all = await rows();
  if (all.length) yield all;
}

export function trialBalanceReport(periods: PeriodsService): ReportDefinition<z.infer<typeof TrialBalanceQuery>> {
  return {
    key: 'finance.trial-balance',
    title: 'Trial balance',
    description: 'Each ledger account’s debits, credits and balance from the entries dated on or before a day, company-wide.',
    permission: 'finance:read',
    params: TrialBalanceQuery,
    columns: [
      { key: 'account', header: 'Account', type: 'string' },
      { key: 'description', header: 'Description', type: 'string' },
      { key: 'currency', header: 'Currency', type: 'string' },
      { key: 'debits', header: 'Debits', type: 'money' },
      { key: 'credits', header: 'Credits', type: 'money' },
      { key: 'balance', header: 'Balance', type: 'money' },
    ],
    personalData: false,
    rows: (_db, _actor, { asOf }) =>
      once(async () =>
        (await periods.trialBalance(asOf)).accounts.map((a) => ({
          account: a.kind,
          description: a.description,
          currency: a.currency,
          debits: a.debits,
          credits: a.credits,
          balance: a.balance,
        })),
      ),
  };
}

const STATEMENT_SECTIONS = { income: 'Income', expenses: 'Expenses', result: 'Result', assets: 'Assets', liabilities: 'Liabilities' } as const;

export function statementReport(periods: PeriodsService): ReportDefinition<z.infer<typeof StatementQuery>> {
  return {
    key: 'finance.statement',
    title: 'Monthly statement',
    description: 'A month’s income and expenses with its result, and the assets and liabilities at its end, from the ledger (company-wide).',
    permission: 'finance:read',
    params: StatementQuery,
    columns: [
      { key: 'section', header: 'Section', type: 'string' },
      { key: 'account', header: 'Account', type: 'string' },
      { key: 'description', header: 'Description', type: 'string' },
      { key: 'currency', header: 'Currency', type: 'string' },
      { key: 'amount', header: 'Amount', type: 'money' },
    ],
    personalData: false,
    rows: (_db, _actor, { month }) =>
      once(async () => {
        const s = await periods.statement(month);
        const lines = (section: keyof typeof STATEMENT_SECTIONS, list: typeof s.income) =>
          list.map((l) => ({ section: STATEMENT_SECTIONS[section], account: l.kind, description: l.description, currency: l.currency, amount: l.amount }));
        return [
          ...lines('income', s.income),
          ...lines('expenses', s.expenses),
          ...s.result.map((r) => ({ section: STATEMENT_SECTIONS.result, account: null, description: 'Income less expenses', currency: r.currency, amount: r.amount })),
          ...lines('assets', s.assets),
          ...lines('liabilities', s.liabilities),
        ];
      }),
  };
}

export function premiumRegisterReport(register: PremiumRegisterService): ReportDefinition<z.infer<typeof PremiumRegisterQuery>> {
  return {
    key: 'finance.premium-register',
    title: 'Premium register',
    description: 'Premium written, earned and unearned at the month’s end, per product, currency and month (at most 36 months).',
    permission: 'finance:read',
    params: PremiumRegisterQuery,
    columns: [
      { key: 'month', header: 'Month', type: 'string' },
      { key: 'productCode', header: 'Product', type: 'string' },
      { key: 'productName', header: 'Product name', type: 'string' },
      { key: 'currency', header: 'Currency', type: 'string' },
      { key: 'written', header: 'Written', type: 'money' },
      { key: 'earned', header: 'Earned', type: 'money' },
      { key: 'unearned', header: 'Unearned at month end', type: 'money' },
    ],
    personalData: false,
    rows: (_db, _actor, params) =>
      once(async () =>
        (await register.register(params)).rows.map((r) => ({
          month: r.month,
          productCode: r.product.code,
          productName: r.product.name,
          currency: r.currency,
          written: r.written,
          earned: r.earned,
          unearned: r.unearned,
        })),
      ),
  };
}
