// Grace, lapse and reinstatement worklists, the managers' lapse reviews and a policy's notices.
import { z } from 'zod';
import { pageOf } from '../../contracts/common';
import { LapseReviewDecisionBody, PolicyNotice, PolicyStanding, StandingWorklistItem, StandingWorklistQuery } from '../../contracts/policies';
import type { ModuleContext } from '../../platform/module';
import type { PolicyStandingService } from './policy-standing.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const StandingWorklistPage = pageOf(StandingWorklistItem).meta({ id: 'StandingWorklistPage' });
const PolicyNoticeList = z.object({ items: z.array(PolicyNotice) }).meta({ id: 'PolicyNoticeList' });

export function registerPolicyStandingRoutes({ api }: Pick<ModuleContext, 'api'>, standing: PolicyStandingService) {
  // Before /policies/:id, which would take "standing" for an id.
  api.route({
    method: 'get',
    path: '/policies/standing',
    summary:
      'Worklists: policies in grace (lapsing first), lapsed policies still within their reinstatement window (latest lapse first), or grace periods waiting on a manager’s lapse decision',
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { query: StandingWorklistQuery },
    responses: { 200: { description: 'A page of the worklist', schema: StandingWorklistPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await standing.worklist(actor, query)),
  });

  api.route({
    method: 'post',
    path: '/policies/:id/lapse-review',
    summary: 'Decide a grace period the lapse job may not end on its own (a pending change, an open claim): lapse the policy now, or extend its grace',
    tags: ['Policies'],
    access: { permission: 'policies:lapse-review' },
    ifMatch: true,
    request: { params: Id, body: LapseReviewDecisionBody },
    responses: {
      200: { description: 'Decided: where the policy stands now', schema: PolicyStanding },
      409: { description: 'LAPSE_REVIEW_DECIDED: no pending review (decided already, or the policy is not in grace)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => res.json(await standing.decideReview(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/policies/:id/notices',
    summary: "A policy's notices (grace started, lapse warning, lapsed, reinstated), newest first",
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id },
    responses: { 200: { description: 'The notices', schema: PolicyNoticeList } },
    handler: async ({ actor, params }, _req, res) => res.json(await standing.notices(actor, params.id)),
  });
}
