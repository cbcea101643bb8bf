// The screen pop's API: an agent's availability per queue, the calls ringing for them (a list and a
// server-sent-event stream, authenticated like every other call: the Bearer token), and taking one.
import { z } from 'zod';
import { AgentAvailability, RingingCall, RingingCallList, UpdateAgentAvailabilityBody } from '../../contracts/voice';
import type { ModuleContext } from '../../platform/module';
import type { ScreenPopHub } from './screen-pop.hub';
import type { ScreenPop } from './screen-pop.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });

export function registerScreenPopRoutes({ api }: Pick<ModuleContext, 'api'>, pop: ScreenPop, hub: ScreenPopHub) {
  api.route({
    method: 'get',
    path: '/agent-availability',
    summary: 'The queues you take calls in',
    tags: ['Voice'],
    access: { permission: 'calls:answer' },
    responses: { 200: { description: 'Your queues, with since when', schema: AgentAvailability } },
    handler: async ({ actor }, _req, res) => res.json(await pop.availability(actor)),
  });

  api.route({
    method: 'put',
    path: '/agent-availability',
    summary: 'Say which queues you take calls in (none: unavailable); audited',
    description: 'Calls routed to one of these queues — and urgent calls, whenever you are available in any — ring in your console until someone takes them.',
    tags: ['Voice'],
    access: { permission: 'calls:answer' },
    request: { body: UpdateAgentAvailabilityBody },
    responses: { 200: { description: 'Your queues now', schema: AgentAvailability } },
    handler: async ({ actor, body }, _req, res) => res.json(await pop.setAvailability(actor, body.queues)),
  });

  api.route({
    method: 'get',
    path: '/ringing-calls',
    summary: 'The calls ringing for you now (your queues, your branches), oldest first, with the caller’s card',
    tags: ['Voice'],
    access: { permission: 'calls:answer' },
    responses: { 200: { description: 'The ringing calls', schema: RingingCallList } },
    handler: async ({ actor }, _req, res) => res.json({ items: await pop.ringingFor(actor) }),
  });

  api.route({
    method: 'get',
    path: '/ringing-calls/stream',
    summary: 'The screen pop as server-sent events: `ready` (what rings now), `ringing` (a new call for you), `gone` (taken or missed)',
    description:
      'Each event’s data is a ScreenPopEvent (JSON). Every API instance hears every change (PostgreSQL LISTEN/NOTIFY), so the stream may be opened on any. ' +
      'Availability is read when a call starts ringing; after changing yours, open the stream again for a fresh `ready` list. A comment line every 25 seconds keeps proxies from closing it.',
    tags: ['Voice'],
    access: { permission: 'calls:answer' },
    responses: { 200: { description: 'An endless text/event-stream of ScreenPopEvent', contentType: 'text/event-stream' } },
    handler: async ({ actor }, _req, res) => hub.open(actor, res),
  });

  api.route({
    method: 'post',
    path: '/ringing-calls/:id/take',
    summary: 'Take a ringing call: the first agent gets it (and its case); it disappears for everyone else',
    tags: ['Voice'],
    access: { permission: 'calls:answer' },
    request: { params: Id },
    responses: {
      200: { description: 'The call, taken by you', schema: RingingCall },
      404: { description: 'No such call in your branches' },
      409: { description: 'CALL_ALREADY_TAKEN: another agent was first; CALL_NO_LONGER_RINGING: its ring time passed (a missed call)' },
    },
    handler: async ({ actor, params }, _req, res) => res.json(await pop.take(actor, params.id)),
  });
}
