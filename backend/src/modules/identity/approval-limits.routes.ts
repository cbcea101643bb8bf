// Approval limits: the whole table, read and replaced as one set (its ETag is the set's revision).
import { ApprovalLimitSet, ReplaceApprovalLimitsBody } from '../../contracts/identity';
import { setEtag } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';

export function registerApprovalLimitRoutes({ api, services }: ModuleContext<'approvalLimits'>) {
  const limits = services.approvalLimits;

  api.route({
    method: 'get',
    path: '/approval-limits',
    summary: 'The approval limits of every role (ETag = revision)',
    tags: ['Approval limits'],
    access: { permission: 'approval-limits:read' },
    responses: { 200: { description: 'All limits', schema: ApprovalLimitSet } },
    handler: async (_input, _req, res) => {
      const set = await limits.get();
      setEtag(res, set.revision);
      res.json(set);
    },
  });

  api.route({
    method: 'put',
    path: '/approval-limits',
    summary: 'Replace the approval limits (audited)',
    tags: ['Approval limits'],
    access: { permission: 'approval-limits:manage' },
    ifMatch: true,
    request: { body: ReplaceApprovalLimitsBody },
    responses: { 200: { description: 'The new limits', schema: ApprovalLimitSet } },
    handler: async ({ actor, body, ifMatch }, _req, res) => {
      const set = await limits.replace(actor, ifMatch, body.items);
      setEtag(res, set.revision);
      res.json(set);
    },
  });
}
