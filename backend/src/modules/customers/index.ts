// The customers module: the customer record, search, status, KYC, risk, duplicates and merge, and
// the 360° view other modules add to (through `customerExtensions`).
import { CUSTOMERS_AUDIT_ACTIONS, CUSTOMERS_ERROR_CODES, CUSTOMERS_PERMISSIONS } from '../../contracts/customers';
import { defineModule } from '../../platform/module';
import { CustomerExtensions } from './customer-extensions';
import { CustomerProfiles } from './customer-profiles';
import { registerCustomerRoutes } from './customers.routes';
import { numbersOf } from './customers.repository';
import { CustomersService } from './customers.service';
import { KycService } from './kyc.service';
import { MergeService } from './merge.service';
import { RiskService } from './risk.service';

export const EXPIRE_KYC_JOB = 'customers.expire-kyc';
export const RESCORE_AGE_BANDS_JOB = 'customers.rescore-age-bands';

export interface CustomersServices {
  /** Where other modules' customer extensions are installed (360° sections, risk factors, lifetime value, merge moves). */
  customerExtensions: CustomerExtensions;
  /** Rating inputs and branch of a customer, for modules that quote or sell to them; a prospect made active. */
  customerProfiles: CustomerProfiles;
}

export const customersModule = defineModule({
  name: 'customers',
  permissions: CUSTOMERS_PERMISSIONS,
  auditActions: CUSTOMERS_AUDIT_ACTIONS,
  errorCodes: CUSTOMERS_ERROR_CODES,
  requires: ['audit', 'agents', 'branches', 'approvalLimits'],
  provides: {
    customerExtensions: () => new CustomerExtensions(),
    customerProfiles: ({ clock, services }) => new CustomerProfiles(clock, services.audit),
  },
  setup: ({ db, clock, config, services }) => {
    const risk = new RiskService(clock, services.customerExtensions);
    const customers = new CustomersService(
      db,
      clock,
      services.audit,
      services.fieldCrypto,
      risk,
      services.customerExtensions,
      services.agents,
      services.branches,
      config.baseCurrency,
      services.reads,
    );
    const merge = new MergeService(db, clock, services.audit, customers, services.customerExtensions);
    const kyc = new KycService(db, clock, services.audit, services.fieldCrypto, customers, risk, services.approvalLimits, config.kycValidityMonths);
    services.audit.registerRecordNumbers('customer', numbersOf);
    return { risk, customers, merge, kyc };
  },
  jobs: ({ db }, { kyc, risk }) => [
    {
      name: EXPIRE_KYC_JOB,
      schedule: '15 1 * * *', // daily, 01:15 business time
      handler: async () => void (await kyc.expireLapsed()),
    },
    {
      name: RESCORE_AGE_BANDS_JOB,
      schedule: '30 1 * * *', // daily, 01:30 business time
      handler: async () => void (await risk.rescoreAgeBands(db)),
    },
  ],
  register: registerCustomerRoutes,
});
