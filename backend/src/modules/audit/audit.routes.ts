import { AuditPage, AuditQuery, AuditFilter } from '../../contracts/identity';
import type { ModuleContext } from '../../platform/module';
import { AUDIT_EXPORT_MAX } from './audit.service';
import { toCsv } from '../../platform/csv';

export function registerAuditRoutes({ api, db, services }: ModuleContext<'audit'>) {
  api.route({
    method: 'get',
    path: '/audit',
    summary: 'The audit trail, newest first (admins: all; managers: their branches)',
    tags: ['Audit'],
    access: { permission: 'audit:read' },
    request: { query: AuditQuery },
    responses: { 200: { description: 'A page of audit entries', schema: AuditPage } },
    handler: async ({ actor, query }, _req, res) => {
      const { limit, cursor, ...filter } = query;
      res.json(await services.audit.list(db, actor, filter, { limit, cursor }));
    },
  });

  api.route({
    method: 'get',
    path: '/audit/export',
    summary: `The audit trail as CSV (same filters, newest first, at most ${AUDIT_EXPORT_MAX} rows)`,
    tags: ['Audit'],
    access: { permission: 'audit:read' },
    request: { query: AuditFilter },
    responses: { 200: { description: 'CSV file', contentType: 'text/csv' } },
    handler: async ({ actor, query }, _req, res) => {
      const rows = await services.audit.exportRows(db, actor, query);
      await services.audit.record(db, { actor, action: 'audit.export', branchId: actor.branchId, metadata: { filter: query, rows: rows.length } });
      res
        .type('text/csv; charset=utf-8')
        .attachment(`policydesk-audit-${new Date().toISOString().slice(0, 10)}.csv`)
        .send(
          toCsv(
            ['occurredAt', 'actorName', 'actorRole', 'actorUserId', 'action', 'outcome', 'entityType', 'entityId', 'branchId', 'changes', 'metadata', 'requestId', 'ip'],
            rows.map((r) => [
              r.occurredAt,
              r.actorName,
              r.actorRole,
              r.actorUserId,
              r.action,
              r.outcome,
              r.entityType,
              r.entityId,
              r.branchId,
              r.changes && JSON.stringify(r.changes),
              r.metadata && JSON.stringify(r.metadata),
              r.requestId,
              r.ip,
            ]),
          ),
        );
    },
  });
}
