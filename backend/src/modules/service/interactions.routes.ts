import { z } from 'zod';
import { pageOf } from '../../contracts/common';
import { CreateInteractionBody, Interaction, InteractionListQuery, TimelineItem, TimelineQuery } from '../../contracts/service';
import type { ModuleContext } from '../../platform/module';
import type { InteractionsService } from './interactions.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const InteractionPage = pageOf(Interaction).meta({ id: 'InteractionPage' });
const TimelinePage = pageOf(TimelineItem).meta({ id: 'TimelinePage' });

export function registerInteractionRoutes({ api }: Pick<ModuleContext, 'api'>, interactions: InteractionsService) {
  api.route({
    method: 'post',
    path: '/interactions',
    summary: 'Log a contact (call, email, chat, SMS, letter, visit) with a customer or an unknown contact; you are its agent',
    tags: ['Service desk'],
    access: { permission: 'interactions:create' },
    request: { body: CreateInteractionBody },
    responses: {
      201: { description: 'Logged', schema: Interaction },
      400: { description: 'INTERACTION_IN_FUTURE, or invalid fields' },
      404: { description: 'The customer does not exist or is outside your branches' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const interaction = await interactions.create(actor, body);
      res.status(201).location(`/api/interactions/${interaction.id}`).json(interaction);
    },
  });

  api.route({
    method: 'get',
    path: '/interactions',
    summary: "A customer's interactions, newest first",
    tags: ['Service desk'],
    access: { permission: 'interactions:read' },
    request: { query: InteractionListQuery },
    responses: { 200: { description: 'A page of interactions', schema: InteractionPage }, 404: { description: 'The customer does not exist or is outside your branches' } },
    handler: async ({ actor, query }, _req, res) => res.json(await interactions.forCustomer(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/interactions/:id',
    summary: 'One interaction',
    tags: ['Service desk'],
    access: { permission: 'interactions:read' },
    request: { params: Id },
    responses: { 200: { description: 'The interaction', schema: Interaction } },
    handler: async ({ actor, params }, _req, res) => res.json(await interactions.get(actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/customers/:id/timeline',
    summary:
      "The customer's timeline: interactions, tasks, cases, the status changes of the customer's applications, policies and claims (in your branches) and the messages sent to the customer, newest first (`kind` filters: interaction, task, case, order, policy, claim, message, or several comma-separated)",
    tags: ['Service desk'],
    access: { permission: 'interactions:read' },
    request: { params: Id, query: TimelineQuery },
    responses: { 200: { description: 'A page of the timeline', schema: TimelinePage }, 404: { description: 'The customer does not exist or is outside your branches' } },
    handler: async ({ actor, params, query }, _req, res) => res.json(await interactions.timeline(actor, params.id, query)),
  });
}
