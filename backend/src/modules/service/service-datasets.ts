// The cases and interactions datasets of the custom report builder (issue 18): in the reader's
// branches, as the case and interaction lists scope them. Contact details and notes are left out.
import { CASE_STATUSES, CASE_TYPES, CHANNELS, PRIORITIES } from '../../contracts/service';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { scoped } from '../../platform/scope';
import { businessDateSql, fullNameSql, type DatasetDefinition } from '../reports/report-datasets';

export function casesDataset(timeZone: string): DatasetDefinition {
  return {
    key: 'cases',
    title: 'Cases',
    permission: 'cases:read',
    base: (db: DbOrTrx, actor: Actor) =>
      scoped(
        db('service_cases as k').join('branches as b', 'b.id', 'k.branch_id').leftJoin('customers as c', 'c.id', 'k.customer_id').leftJoin('users as a', 'a.id', 'k.assignee_id'),
        actor,
        'k.branch_id',
      ),
    order: ['k.case_number'],
    fields: [
      { key: 'caseNumber', header: 'Case', type: 'string', sql: 'k.case_number' },
      { key: 'type', header: 'Type', type: 'string', sql: 'k.type', values: CASE_TYPES },
      { key: 'priority', header: 'Priority', type: 'string', sql: 'k.priority', values: PRIORITIES },
      { key: 'status', header: 'Status', type: 'string', sql: 'k.status', values: CASE_STATUSES },
      { key: 'subject', header: 'Subject', type: 'string', sql: 'k.subject' },
      { key: 'customerNumber', header: 'Customer', type: 'string', sql: 'c.customer_number' },
      { key: 'customerName', header: 'Customer name', type: 'string', sql: fullNameSql('c') },
      { key: 'branch', header: 'Branch', type: 'string', sql: 'b.name' },
      { key: 'assignee', header: 'Assignee', type: 'string', sql: 'a.name' },
      { key: 'openedOn', header: 'Opened on', type: 'date', sql: businessDateSql('k.created_at', timeZone) },
      { key: 'resolvedOn', header: 'Resolved on', type: 'date', sql: businessDateSql('k.resolved_at', timeZone) },
      { key: 'createdAt', header: 'Opened', type: 'datetime', sql: 'k.created_at' },
      { key: 'resolvedAt', header: 'Resolved', type: 'datetime', sql: 'k.resolved_at' },
    ],
  };
}

export function interactionsDataset(timeZone: string): DatasetDefinition {
  return {
    key: 'interactions',
    title: 'Interactions',
    permission: 'interactions:read',
    base: (db: DbOrTrx, actor: Actor) =>
      scoped(
        db('service_interactions as i').join('branches as b', 'b.id', 'i.branch_id').join('users as a', 'a.id', 'i.agent_id').leftJoin('customers as c', 'c.id', 'i.customer_id'),
        actor,
        'i.branch_id',
      ),
    order: ['i.occurred_at', 'i.id'],
    fields: [
      { key: 'channel', header: 'Channel', type: 'string', sql: 'i.channel', values: CHANNELS },
      { key: 'direction', header: 'Direction', type: 'string', sql: 'i.direction', values: ['inbound', 'outbound'] },
      { key: 'subject', header: 'Subject', type: 'string', sql: 'i.subject' },
      { key: 'outcome', header: 'Outcome', type: 'string', sql: 'i.outcome' },
      { key: 'durationSeconds', header: 'Duration (s)', type: 'integer', sql: 'i.duration_seconds' },
      { key: 'resolvedOnFirstContact', header: 'Resolved on first contact', type: 'boolean', sql: 'i.resolved_on_first_contact' },
      { key: 'agent', header: 'Agent', type: 'string', sql: 'a.name' },
      { key: 'branch', header: 'Branch', type: 'string', sql: 'b.name' },
      { key: 'customerNumber', header: 'Customer', type: 'string', sql: 'c.customer_number' },
      { key: 'customerName', header: 'Customer name', type: 'string', sql: fullNameSql('c') },
      { key: 'occurredOn', header: 'Date', type: 'date', sql: businessDateSql('i.occurred_at', timeZone) },
      { key: 'occurredAt', header: 'When', type: 'datetime', sql: 'i.occurred_at' },
    ],
  };
}
