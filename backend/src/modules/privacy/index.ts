// The privacy module (issue 22): data subject rights over what the schema inventory says is held. A
// customer's data export is a hidden report (`privacy.customer-data`, ZIP only) run by the reports
// module's export job: the same lease, 7-day file, requester-only download and audit as any export.
import { CUSTOMER_DATA_REPORT, CustomerDataParams, PRIVACY_AUDIT_ACTIONS, PRIVACY_ERROR_CODES, PRIVACY_PERMISSIONS } from '../../contracts/privacy';
import { defineModule } from '../../platform/module';
import { customerRecords } from './customer-records';
import { registerPrivacyRoutes } from './privacy.routes';

export const privacyModule = defineModule({
  name: 'privacy',
  permissions: PRIVACY_PERMISSIONS,
  auditActions: PRIVACY_AUDIT_ACTIONS,
  errorCodes: PRIVACY_ERROR_CODES,
  requires: ['reports', 'customerProfiles'],
  setup: ({ services }) => {
    services.reports.register({
      key: CUSTOMER_DATA_REPORT,
      title: 'A customer’s personal data',
      description: 'Everything held about one customer, a JSON file per area and a PDF summary (access and portability requests).',
      permission: 'privacy:export',
      hidden: true,
      formats: ['zip'],
      params: CustomerDataParams,
      personalData: true,
      columns: [
        { key: 'area', header: 'Area', type: 'string' },
        { key: 'table', header: 'Table', type: 'string' },
        { key: 'record', header: 'Record', type: 'string' },
      ],
      heading: async (db, actor, params) => {
        await services.customerProfiles.branchOf(db, actor, params.customerId);
        const header = (await services.customerProfiles.header(db, params.customerId))!;
        return { title: `Personal data of ${header.name} (${header.customerNumber})`, columns: [] };
      },
      rows: async function* (db, actor, params) {
        await services.customerProfiles.branchOf(db, actor, params.customerId);
        yield* customerRecords(db, services.fieldCrypto, params.customerId) as AsyncGenerator<Record<string, unknown>[]>;
      },
    });
    return {};
  },
  register: (ctx) => registerPrivacyRoutes(ctx),
});
