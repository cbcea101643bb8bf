// The customers dataset of the custom report builder (issue 18): customers in the reader's branches
// (merged records left out, as the lists leave them out), the national id only as its masked copy —
// the API never shows it whole outside its audited endpoint, so neither does a report.
import { CUSTOMER_STATUSES, KYC_STATUSES } from '../../contracts/customers';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { scoped } from '../../platform/scope';
import { businessDateSql, fullNameSql, type DatasetDefinition } from '../reports/report-datasets';

export function customersDataset(timeZone: string): DatasetDefinition {
  return {
    key: 'customers',
    title: 'Customers',
    permission: 'customers:read',
    base: (db: DbOrTrx, actor: Actor) =>
      scoped(
        db('customers as c').join('branches as b', 'b.id', 'c.branch_id').leftJoin('users as ag', 'ag.id', 'c.assigned_agent_id').whereNot('c.status', 'merged'),
        actor,
        'c.branch_id',
      ),
    order: ['c.customer_number'],
    fields: [
      { key: 'customerNumber', header: 'Customer', type: 'string', sql: 'c.customer_number' },
      { key: 'name', header: 'Name', type: 'string', sql: fullNameSql('c') },
      { key: 'firstName', header: 'First name', type: 'string', sql: 'c.first_name' },
      { key: 'lastName', header: 'Last name', type: 'string', sql: 'c.last_name' },
      { key: 'dateOfBirth', header: 'Date of birth', type: 'date', sql: 'c.date_of_birth' },
      { key: 'gender', header: 'Gender', type: 'string', sql: 'c.gender', values: ['female', 'male', 'non_binary', 'unspecified'] },
      { key: 'email', header: 'Email', type: 'string', sql: 'c.email::text' },
      { key: 'phone', header: 'Phone', type: 'string', sql: 'c.phone' },
      { key: 'nationalId', header: 'National id (masked)', type: 'string', sql: 'c.national_id_masked', masked: true },
      { key: 'city', header: 'City', type: 'string', sql: 'c.city' },
      { key: 'region', header: 'Region', type: 'string', sql: 'c.region' },
      { key: 'postalCode', header: 'Postal code', type: 'string', sql: 'c.postal_code' },
      { key: 'country', header: 'Country', type: 'string', sql: 'c.country::text' },
      { key: 'occupation', header: 'Occupation', type: 'string', sql: 'c.occupation' },
      { key: 'occupationClass', header: 'Occupation class', type: 'integer', sql: 'c.occupation_class::integer' },
      { key: 'smoker', header: 'Smoker', type: 'boolean', sql: 'c.smoker' },
      { key: 'preferredChannel', header: 'Preferred channel', type: 'string', sql: 'c.preferred_channel', values: ['phone', 'email', 'sms', 'mail'] },
      { key: 'marketingConsent', header: 'Marketing consent', type: 'boolean', sql: 'c.consent_marketing' },
      { key: 'status', header: 'Status', type: 'string', sql: 'c.status', values: CUSTOMER_STATUSES },
      { key: 'kycStatus', header: 'KYC', type: 'string', sql: 'c.kyc_status', values: KYC_STATUSES },
      { key: 'riskScore', header: 'Risk score', type: 'integer', sql: 'c.risk_score::integer' },
      { key: 'riskLevel', header: 'Risk level', type: 'string', sql: 'c.risk_level', values: ['low', 'medium', 'high'] },
      { key: 'branch', header: 'Branch', type: 'string', sql: 'b.name' },
      { key: 'assignedAgent', header: 'Assigned agent', type: 'string', sql: 'ag.name' },
      { key: 'createdOn', header: 'Created on', type: 'date', sql: businessDateSql('c.created_at', timeZone) },
      { key: 'createdAt', header: 'Created', type: 'datetime', sql: 'c.created_at' },
    ],
  };
}
