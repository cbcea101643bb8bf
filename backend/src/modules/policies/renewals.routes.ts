import { z } from 'zod';
import { pageOf } from '../../contracts/common';
import { DeclineRenewalBody, PolicyTransaction, RenewalItem, RenewalListQuery, RenewalRate, RenewalRateQuery } from '../../contracts/policies';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { RenewalsService } from './renewals.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const RenewalPage = pageOf(RenewalItem).meta({ id: 'RenewalPage' });

/** Registered before the policy routes: `/policies/renewals` is not a policy id. */
export function registerRenewalRoutes({ api }: ModuleContext<'customerProfiles'>, renewals: RenewalsService) {
  api.route({
    method: 'get',
    path: '/policies/renewals',
    summary: 'Renewals due within `dueWithin` days (default 60), soonest first: offered, accepted or declined, with the old and new premium',
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { query: RenewalListQuery },
    responses: { 200: { description: 'A page of renewals', schema: RenewalPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await renewals.worklist(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/policies/renewal-rate',
    summary: 'The renewal rate per month of the renewal date (renewed ÷ due), for the KPI',
    tags: ['Policies'],
    access: { permission: 'policies:renewal-rate' },
    request: { query: RenewalRateQuery },
    responses: { 200: { description: 'Month by month', schema: RenewalRate } },
    handler: async ({ actor, query }, _req, res) => res.json(await renewals.rate(actor, query)),
  });

  api.route({
    method: 'post',
    path: '/policy-transactions/:id/decline-renewal',
    summary: 'Record that a policy is not renewed (the customer’s or the insurer’s reason code); it expires after its end date',
    tags: ['Policies'],
    access: { permission: 'policies:service' },
    ifMatch: true,
    request: { params: Id, body: DeclineRenewalBody },
    responses: {
      200: { description: 'Declined (the renewal is discarded with its reason)', schema: PolicyTransaction },
      409: { description: 'POLICY_TRANSACTION_NOT_RENEWAL, POLICY_TRANSACTION_NOT_OPEN' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await renewals.decline(actor, params.id, ifMatch, body)),
  });
}
