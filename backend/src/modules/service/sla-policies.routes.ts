import { z } from 'zod';
import { EscalationRule, SlaPolicy, UpdateEscalationRuleBody, UpdateSlaPolicyBody } from '../../contracts/service';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { SlaPoliciesService } from './sla-policies.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const SlaPolicyList = z.object({ items: z.array(SlaPolicy) }).meta({ id: 'SlaPolicyList' });
const EscalationRuleList = z.object({ items: z.array(EscalationRule) }).meta({ id: 'EscalationRuleList' });

export function registerSlaPolicyRoutes({ api }: Pick<ModuleContext, 'api'>, policies: SlaPoliciesService) {
  api.route({
    method: 'get',
    path: '/service/sla-policies',
    summary: 'SLA targets per case type and priority, in business minutes (null: no SLA), with the warning share',
    tags: ['Service desk'],
    access: { permission: 'service-sla:read' },
    responses: { 200: { description: 'The policies', schema: SlaPolicyList } },
    handler: async (_input, _req, res) => res.json({ items: await policies.list() }),
  });

  api.route({
    method: 'put',
    path: '/service/sla-policies/:id',
    summary: 'Replace the targets of one case type and priority (admins); clocks already running keep theirs until the case’s priority changes',
    tags: ['Service desk'],
    access: { permission: 'service-sla:manage' },
    ifMatch: true,
    request: { params: Id, body: UpdateSlaPolicyBody },
    responses: { 200: { description: 'Updated', schema: SlaPolicy } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await policies.update(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/service/escalation-rules',
    summary: 'What a warning, a breach, a complaint or a customer’s third contact about a case does',
    tags: ['Service desk'],
    access: { permission: 'service-sla:read' },
    responses: { 200: { description: 'The rules', schema: EscalationRuleList } },
    handler: async (_input, _req, res) => res.json({ items: await policies.rules() }),
  });

  api.route({
    method: 'put',
    path: '/service/escalation-rules/:id',
    summary: 'Change what an escalation rule does, or switch it off (admins)',
    tags: ['Service desk'],
    access: { permission: 'service-sla:manage' },
    ifMatch: true,
    request: { params: Id, body: UpdateEscalationRuleBody },
    responses: { 200: { description: 'Updated', schema: EscalationRule } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await policies.updateRule(actor, params.id, ifMatch, body)),
  });
}
