import { PremiumRegister, PremiumRegisterQuery } from '../../contracts/finance';
import type { ModuleContext } from '../../platform/module';
import type { PremiumRegisterService } from './premium-register.service';

export function registerPremiumRegisterRoutes({ api }: Pick<ModuleContext, 'api'>, register: PremiumRegisterService) {
  api.route({
    method: 'get',
    path: '/finance/premium-register',
    summary: 'The premium register: premium written, earned and unearned (the reserve at the month’s end) per product, currency and month, company-wide',
    tags: ['Finance'],
    access: { permission: 'finance:read' },
    request: { query: PremiumRegisterQuery },
    responses: { 200: { description: 'The register, with the entries behind each figure', schema: PremiumRegister } },
    handler: async ({ query }, _req, res) => res.json(await register.register(query)),
  });
}
