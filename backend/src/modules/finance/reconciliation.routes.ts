import { z } from 'zod';
import { PageQuery } from '../../contracts/common';
import {
  BankStatementList,
  ExplainLineBody,
  MatchLineBody,
  PreviewStatementFields,
  ReconciliationReport,
  StatementLine,
  StatementParams,
  StatementPreview,
  UploadStatementFields,
  WorklistPage,
  WorklistQuery,
} from '../../contracts/reconciliation';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { ReconciliationService } from './reconciliation.service';

/** A statement file: 5 MB holds well over the 20,000 lines a statement may have. */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;
const tags = ['Finance'];
const access = { permission: 'finance:reconcile' } as const;
const LineParams = z.object({ id: z.uuid('Not a valid id') });

export function registerReconciliationRoutes({ api }: Pick<ModuleContext, 'api'>, reconciliation: ReconciliationService) {
  api.route({
    method: 'post',
    path: '/finance/statements/preview',
    summary: 'Read a bank statement CSV without storing it: its columns, a mapping (given or guessed), the first rows and every line that cannot be read',
    tags,
    access,
    upload: { field: 'file', maxBytes: MAX_STATEMENT_BYTES },
    request: { body: PreviewStatementFields },
    responses: { 200: { description: 'The preview', schema: StatementPreview }, 400: { description: 'STATEMENT_UNREADABLE, STATEMENT_COLUMNS_INVALID (with the columns)' } },
    handler: async ({ file, body }, _req, res) => res.json(await reconciliation.preview(file, body)),
  });

  api.route({
    method: 'post',
    path: '/finance/statements',
    summary: 'Upload a bank statement CSV with its column mapping: stored once, matched to payments by reference, amount and date (fees posted)',
    tags,
    access,
    upload: { field: 'file', maxBytes: MAX_STATEMENT_BYTES },
    request: { body: UploadStatementFields },
    responses: {
      201: { description: 'Stored and matched: the reconciliation report', schema: ReconciliationReport },
      400: { description: 'STATEMENT_UNREADABLE, STATEMENT_COLUMNS_INVALID (with the columns)' },
      409: { description: 'STATEMENT_DUPLICATE (with statementId): the same file was uploaded before; nothing changed' },
      422: { description: 'STATEMENT_LINE_INVALID (with lines: line number and message): nothing from the file was stored' },
    },
    handler: async ({ actor, file, body }, _req, res) => {
      const report = await reconciliation.upload(actor, file, body);
      res.status(201).location(`/api/finance/statements/${report.statement.id}/report`).json(report);
    },
  });

  api.route({
    method: 'get',
    path: '/finance/statements',
    summary: 'The uploaded bank statements, newest first, with their lines per status',
    tags,
    access,
    request: { query: PageQuery },
    responses: { 200: { description: 'One page', schema: BankStatementList } },
    handler: async ({ query }, _req, res) => res.json(await reconciliation.statements(query)),
  });

  api.route({
    method: 'get',
    path: '/finance/statements/:id/report',
    summary: 'A statement’s reconciliation: matched (gross, fees, net), explained and unmatched lines, and every line with its payments',
    tags,
    access,
    request: { params: StatementParams },
    responses: { 200: { description: 'The report', schema: ReconciliationReport } },
    handler: async ({ params }, _req, res) => res.json(await reconciliation.report(params.id)),
  });

  api.route({
    method: 'get',
    path: '/finance/reconciliation/lines',
    summary: 'The reconciliation worklist: statement lines of a status (default unmatched), oldest first; an unmatched line with candidate payments',
    tags,
    access,
    request: { query: WorklistQuery },
    responses: { 200: { description: 'One page', schema: WorklistPage } },
    handler: async ({ query }, _req, res) => res.json(await reconciliation.worklist(query)),
  });

  api.route({
    method: 'get',
    path: '/finance/reconciliation/lines/:id',
    summary: 'A statement line with its payments and candidates (ETag = its version)',
    tags,
    access,
    request: { params: LineParams },
    responses: { 200: { description: 'The line', schema: StatementLine } },
    handler: async ({ params }, _req, res) => sendVersioned(res, await reconciliation.line(params.id)),
  });

  api.route({
    method: 'post',
    path: '/finance/reconciliation/lines/:id/match',
    summary: 'Match an open line to a payment, or split it over several: the payments add up to its amount + fee; the fee posts as an expense (If-Match)',
    tags,
    access,
    ifMatch: true,
    request: { params: LineParams, body: MatchLineBody },
    responses: {
      200: { description: 'Matched', schema: StatementLine },
      409: { description: 'STATEMENT_LINE_NOT_OPEN, RECONCILIATION_AMOUNT_MISMATCH (expected, actual), RECONCILIATION_PAYMENT_NOT_MATCHABLE (paymentId)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await reconciliation.match(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/finance/reconciliation/lines/:id/explain',
    summary: 'Explain an open line with a reason: it leaves the worklist (If-Match)',
    tags,
    access,
    ifMatch: true,
    request: { params: LineParams, body: ExplainLineBody },
    responses: { 200: { description: 'Explained', schema: StatementLine }, 409: { description: 'STATEMENT_LINE_NOT_OPEN' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await reconciliation.explain(actor, params.id, ifMatch, body)),
  });
}
