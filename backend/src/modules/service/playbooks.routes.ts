import { z } from 'zod';
import { Playbook, PlaybookListQuery, PlaybookTemplate, StartPlaybookBody, UpdatePlaybookTemplateBody } from '../../contracts/service';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { PlaybooksService } from './playbooks.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const TemplateList = z.object({ items: z.array(PlaybookTemplate) }).meta({ id: 'PlaybookTemplateList' });
const PlaybookList = z.object({ items: z.array(Playbook) }).meta({ id: 'PlaybookList' });

export function registerPlaybookRoutes({ api }: Pick<ModuleContext, 'api'>, playbooks: PlaybooksService) {
  api.route({
    method: 'get',
    path: '/service/playbook-templates',
    summary: 'Onboarding playbook templates, one per product category: milestones due so many hours after the start',
    tags: ['Service desk'],
    access: { permission: 'playbooks:read' },
    responses: { 200: { description: 'The templates', schema: TemplateList } },
    handler: async (_input, _req, res) => res.json({ items: await playbooks.templates() }),
  });

  api.route({
    method: 'put',
    path: '/service/playbook-templates/:id',
    summary: 'Replace a template’s name, milestones and whether it runs (admins); playbooks already started keep theirs',
    tags: ['Service desk'],
    access: { permission: 'playbooks:manage' },
    ifMatch: true,
    request: { params: Id, body: UpdatePlaybookTemplateBody },
    responses: { 200: { description: 'Updated', schema: PlaybookTemplate } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await playbooks.updateTemplate(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/customers/:id/playbooks',
    summary: 'Start an onboarding playbook on a customer by hand: each milestone becomes a task (yours) with an SLA clock',
    tags: ['Service desk'],
    access: { permission: 'tasks:write' },
    request: { params: Id, body: StartPlaybookBody },
    responses: {
      201: { description: 'Started', schema: Playbook },
      404: { description: 'The customer, template or policy does not exist or is outside your branches' },
      409: { description: 'PLAYBOOK_TEMPLATE_INACTIVE' },
    },
    handler: async ({ actor, params, body }, _req, res) => res.status(201).json(await playbooks.startByHand(actor, params.id, body)),
  });

  api.route({
    method: 'get',
    path: '/service/playbooks',
    summary: 'A customer’s or a policy’s onboarding playbooks with the progress of their milestones',
    tags: ['Service desk'],
    access: { permission: 'playbooks:read' },
    request: { query: PlaybookListQuery },
    responses: { 200: { description: 'The playbooks', schema: PlaybookList }, 404: { description: 'The customer is outside your branches' } },
    handler: async ({ actor, query }, _req, res) => res.json({ items: await playbooks.list(actor, query) }),
  });
}
