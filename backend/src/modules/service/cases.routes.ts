import { z } from 'zod';
import { pageOf } from '../../contracts/common';
import {
  CASE_ACTIONS,
  Case,
  CaseListQuery,
  CaseReplyBody,
  CaseSummary,
  CaseTransitionBody,
  ComplaintReport,
  ComplaintReportQuery,
  CreateCaseBody,
  EscalateCaseBody,
  Interaction,
  MergeCaseBody,
  Task,
  UpdateCaseBody,
  type CaseAction,
} from '../../contracts/service';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { CasesService } from './cases.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const CasePage = pageOf(CaseSummary).meta({ id: 'CasePage' });
const CaseInteractions = z.object({ items: z.array(Interaction) }).meta({ id: 'CaseInteractions' });
const CaseTasks = z.object({ items: z.array(Task) }).meta({ id: 'CaseTasks' });

const ACTION_SUMMARIES: Record<CaseAction, string> = {
  open: 'Open a new case, or take a pending one back up (the resolution clock resumes)',
  pend: 'Set a case pending: waiting on the customer or a third party (the resolution clock pauses)',
  resolve: 'Resolve a case with its resolution (every clock stops)',
  close: 'Close a resolved case',
  reopen: 'Reopen a resolved or closed case within 14 days of its resolution (the resolution clock resumes with the time used)',
};

export function registerCaseRoutes({ api }: Pick<ModuleContext, 'api'>, cases: CasesService) {
  api.route({
    method: 'post',
    path: '/cases',
    summary: 'Open a case (in the customer’s branch, else yours) with its resolution clock started',
    tags: ['Service desk'],
    access: { permission: 'cases:write' },
    request: { body: CreateCaseBody },
    responses: {
      201: { description: 'Created', schema: Case },
      400: { description: 'TASK_ASSIGNEE_INVALID: the assignee is not an active agent of the branch' },
      404: { description: 'The customer does not exist or is outside your branches' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const created = await cases.create(actor, body);
      res.location(`/api/cases/${created.id}`);
      sendVersioned(res, created, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/cases',
    summary: 'Cases in your branches, newest first (filters: status, customer, assignee)',
    tags: ['Service desk'],
    access: { permission: 'cases:read' },
    request: { query: CaseListQuery },
    responses: { 200: { description: 'A page of cases', schema: CasePage } },
    handler: async ({ actor, query }, _req, res) => res.json(await cases.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/service/complaints/report',
    summary: 'Complaints opened in a period (your branches): acknowledgement and final response met in time, late, overdue or open',
    tags: ['Service desk'],
    access: { permission: 'cases:read' },
    request: { query: ComplaintReportQuery },
    responses: { 200: { description: 'The report', schema: ComplaintReport } },
    handler: async ({ actor, query }, _req, res) => res.json(await cases.complaintReport(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/cases/:id',
    summary: 'A case with its status history and SLA clocks',
    tags: ['Service desk'],
    access: { permission: 'cases:read' },
    request: { params: Id },
    responses: { 200: { description: 'The case', schema: Case } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await cases.get(actor, params.id)),
  });

  api.route({
    method: 'patch',
    path: '/cases/:id',
    summary: 'Change the priority (the resolution clock takes the new target and keeps the time used) or the assignee',
    tags: ['Service desk'],
    access: { permission: 'cases:write' },
    ifMatch: true,
    request: { params: Id, body: UpdateCaseBody },
    responses: {
      200: { description: 'Changed', schema: Case },
      400: { description: 'TASK_ASSIGNEE_INVALID' },
      409: { description: 'CASE_TRANSITION_NOT_ALLOWED: the case is closed' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await cases.update(actor, params.id, ifMatch, body)),
  });

  for (const action of CASE_ACTIONS) {
    api.route({
      method: 'post',
      path: `/cases/:id/${action}`,
      summary: ACTION_SUMMARIES[action],
      tags: ['Service desk'],
      access: { permission: 'cases:write' },
      ifMatch: true,
      request: { params: Id, body: CaseTransitionBody },
      responses: {
        200: { description: 'Done', schema: Case },
        400: { description: 'CASE_RESOLUTION_REQUIRED: resolving needs a resolution' },
        409: { description: `CASE_TRANSITION_NOT_ALLOWED${action === 'reopen' ? ', CASE_REOPEN_WINDOW_PASSED' : ''}` },
      },
      handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await cases.transition(actor, params.id, ifMatch, action, body)),
    });
  }

  api.route({
    method: 'post',
    path: '/cases/:id/escalate',
    summary:
      'Escalate a case by hand with a reason: up one level (agent → senior agent → manager) or to the level named; may reassign and raise the priority; notifies with a task',
    tags: ['Service desk'],
    access: { permission: 'cases:write' },
    ifMatch: true,
    request: { params: Id, body: EscalateCaseBody },
    responses: {
      200: { description: 'Escalated', schema: Case },
      400: { description: 'TASK_ASSIGNEE_INVALID' },
      409: { description: 'CASE_ESCALATION_NOT_ALLOWED: resolved or closed, or not a higher level' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await cases.escalate(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/cases/:id/reply',
    summary: 'Log an answer to the customer about the case (an outbound interaction): the first response, the acknowledgement of a complaint and a pending next response are met',
    tags: ['Service desk'],
    access: { permission: 'cases:write' },
    ifMatch: true,
    request: { params: Id, body: CaseReplyBody },
    responses: {
      200: { description: 'Logged', schema: Case },
      409: { description: 'CASE_TRANSITION_NOT_ALLOWED: closed, or no customer to reply to' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await cases.reply(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/cases/:id/merge',
    summary: 'Merge this case into another open case of the same branch and customer: this one closes, its interactions and tasks count as the other’s, both keep their histories',
    tags: ['Service desk'],
    access: { permission: 'cases:write' },
    ifMatch: true,
    request: { params: Id, body: MergeCaseBody },
    responses: {
      200: { description: 'Merged: the surviving case', schema: Case },
      404: { description: 'Either case is outside your branches' },
      409: { description: 'CASE_MERGE_NOT_ALLOWED: itself, not open, another branch or customer' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await cases.merge(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/cases/:id/interactions',
    summary: 'Interactions about the case and the cases merged into it, newest first',
    tags: ['Service desk'],
    access: { permission: 'cases:read' },
    request: { params: Id },
    responses: { 200: { description: 'The interactions', schema: CaseInteractions } },
    handler: async ({ actor, params }, _req, res) => res.json({ items: await cases.interactionsOf(actor, params.id) }),
  });

  api.route({
    method: 'get',
    path: '/cases/:id/tasks',
    summary: 'Tasks linked to the case and the cases merged into it, by due time',
    tags: ['Service desk'],
    access: { permission: 'cases:read' },
    request: { params: Id },
    responses: { 200: { description: 'The tasks', schema: CaseTasks } },
    handler: async ({ actor, params }, _req, res) => res.json({ items: await cases.tasksOf(actor, params.id) }),
  });
}
