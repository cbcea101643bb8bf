import { LedgerPage } from '../../contracts/billing';
import {
  AccountEntriesQuery,
  AccountingPeriod,
  ClosePeriodBody,
  FinancialStatement,
  PeriodList,
  PeriodParams,
  ReopenPeriodBody,
  StatementQuery,
  TrialBalanceQuery,
  TrialBalanceReport,
} from '../../contracts/finance';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { PeriodsService } from './periods.service';

export function registerPeriodRoutes({ api }: Pick<ModuleContext, 'api'>, periods: PeriodsService) {
  api.route({
    method: 'get',
    path: '/finance/periods',
    summary: 'The accounting periods (months) from the ledger’s first entry, newest first: open or closed, whether each can be closed now, their history',
    tags: ['Finance'],
    access: { permission: 'finance:read' },
    responses: { 200: { description: 'The months, and the first date the books accept postings on', schema: PeriodList } },
    handler: async (_input, _req, res) => res.json(await periods.list()),
  });

  api.route({
    method: 'post',
    path: '/finance/periods/:month/close',
    summary: 'Close a month: nothing is posted dated in it afterwards (finance managers; If-Match on the period)',
    tags: ['Finance'],
    access: { permission: 'finance:close' },
    ifMatch: true,
    request: { params: PeriodParams, body: ClosePeriodBody },
    responses: {
      200: { description: 'Closed', schema: AccountingPeriod },
      409: {
        description:
          'PERIOD_INVALID_TRANSITION (closed already), PERIOD_NOT_CLOSABLE (not ended, or an earlier month is open), PERIOD_EARNING_BEHIND (premium not yet earned through its last day), PERIOD_UNBALANCED',
      },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await periods.close(actor, params.month, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/finance/periods/:month/reopen',
    summary: 'Reopen the latest closed month, with a reason: another finance manager than the one who closed it (If-Match)',
    tags: ['Finance'],
    access: { permission: 'finance:close' },
    ifMatch: true,
    request: { params: PeriodParams, body: ReopenPeriodBody },
    responses: {
      200: { description: 'Reopened', schema: AccountingPeriod },
      409: { description: 'PERIOD_INVALID_TRANSITION (open), PERIOD_LATER_CLOSED, PERIOD_SAME_PERSON (whoever closed it)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await periods.reopen(actor, params.month, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/finance/trial-balance',
    summary: 'The trial balance on a date: each account’s debits, credits and balance from the entries dated on or before it, company-wide',
    tags: ['Finance'],
    access: { permission: 'finance:read' },
    request: { query: TrialBalanceQuery },
    responses: { 200: { description: 'The trial balance', schema: TrialBalanceReport } },
    handler: async ({ query }, _req, res) => res.json(await periods.trialBalance(query.asOf)),
  });

  api.route({
    method: 'get',
    path: '/finance/statement',
    summary: 'A month’s figures from the ledger: income and expenses in the month, result, assets and liabilities at its end (company-wide)',
    tags: ['Finance'],
    access: { permission: 'finance:read' },
    request: { query: StatementQuery },
    responses: { 200: { description: 'The statement', schema: FinancialStatement } },
    handler: async ({ query }, _req, res) => res.json(await periods.statement(query.month)),
  });

  api.route({
    method: 'get',
    path: '/finance/entries',
    summary: 'The journal entries behind a figure: those posting to an account kind in a currency, dated within the dates, newest first',
    tags: ['Finance'],
    access: { permission: 'finance:read' },
    request: { query: AccountEntriesQuery },
    responses: { 200: { description: 'One page of entries', schema: LedgerPage } },
    handler: async ({ query }, _req, res) => res.json(await periods.accountEntries(query)),
  });
}
