import { z } from 'zod';
import { pageOf } from '../../contracts/common';
import { CreateInteractionBody, Interaction, InteractionListQuery, LinkInteractionCustomerBody, TimelineItem, TimelineQuery } from '../../contracts/service';
import { sendVersioned } from '../../platform/http';
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
      res.location(`/api/interactions/${interaction.id}`);
      sendVersioned(res, interaction, 201);
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
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await interactions.get(actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/interactions/:id/customer',
    summary: "Link an unknown contact's interaction to the customer it turned out to be (once; it moves to the customer's branch)",
    tags: ['Service desk'],
    access: { permission: 'interactions:create' },
    ifMatch: true,
    request: { params: Id, body: LinkInteractionCustomerBody },
    responses: {
      200: { description: 'Linked', schema: Interaction },
      404: { description: 'The interaction or the customer does not exist or is outside your branches' },
      409: { description: 'INTERACTION_ALREADY_LINKED: it has a customer' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await interactions.linkCustomer(actor, params.id, ifMatch, body)),
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
