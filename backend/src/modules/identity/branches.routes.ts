// Branches: list, open, read, rename or (de)activate, and who may be assigned customers in one.
import { AssignableAgentList, Branch, BranchList, CreateBranchBody, IdParam, UpdateBranchBody } from '../../contracts/identity';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import { assertInScope } from '../../platform/scope';
import type { BranchesService } from './branches.service';

export function registerBranchRoutes({ api, db, services }: ModuleContext<'agents'>, branches: BranchesService) {
  api.route({
    method: 'get',
    path: '/branches',
    summary: 'All branches',
    tags: ['Branches'],
    access: { permission: 'branches:read' },
    responses: { 200: { description: 'Branches by name', schema: BranchList } },
    handler: async (_input, _req, res) => res.json({ items: await branches.list() }),
  });

  api.route({
    method: 'post',
    path: '/branches',
    summary: 'Open a branch',
    tags: ['Branches'],
    access: { permission: 'branches:manage' },
    request: { body: CreateBranchBody },
    responses: { 201: { description: 'Created', schema: Branch }, 409: { description: 'BRANCH_EXISTS' } },
    handler: async ({ actor, body }, _req, res) => {
      const branch = await branches.create(actor, body);
      sendVersioned(res.location(`/api/branches/${branch.id}`), branch, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/branches/:id',
    summary: 'One branch',
    tags: ['Branches'],
    access: { permission: 'branches:read' },
    request: { params: IdParam },
    responses: { 200: { description: 'The branch', schema: Branch } },
    handler: async ({ params }, _req, res) => sendVersioned(res, await branches.get(params.id)),
  });

  api.route({
    method: 'get',
    path: '/branches/:id/agents',
    summary: 'Who may be assigned customers in this branch (active agents, senior agents, managers)',
    tags: ['Branches'],
    access: { permission: 'branches:read' },
    request: { params: IdParam },
    responses: { 200: { description: 'Assignable people, by name', schema: AssignableAgentList } },
    handler: async ({ actor, params }, _req, res) => {
      assertInScope(actor, params.id, 'branch');
      res.json({ items: await services.agents.list(db, params.id) });
    },
  });

  api.route({
    method: 'patch',
    path: '/branches/:id',
    summary: 'Rename or (de)activate a branch',
    tags: ['Branches'],
    access: { permission: 'branches:manage' },
    ifMatch: true,
    request: { params: IdParam, body: UpdateBranchBody },
    responses: { 200: { description: 'Updated', schema: Branch }, 409: { description: 'BRANCH_IN_USE' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await branches.update(actor, params.id, ifMatch, body)),
  });
}
