// Where every table goes the day one PostgreSQL is not enough and the database is distributed with
// Citus (docs/scaling.md): hash-distributed by customer and co-located with `customers`, a reference
// table copied to every node, or local to the coordinator. A customer's policies, bills, claims and
// cases then live on one node, so the 360 view, a payment and a claim stay single-node transactions.
// `distribution-plan.api.test.ts` reads the migrated schema and fails when a table is not classified
// here, or when a distributed table lacks its distribution column, so the schema cannot drift away
// from the plan.

/** Hash-distributed by customer (`create_distributed_table(table, column, colocate_with => 'customers')`). */
export interface Distributed {
  kind: 'distributed';
  /** The customer's id in this table: `id` for customers, `customer_id` elsewhere. */
  column: string;
  /**
   * The column allows NULL today (rows about no customer: a company journal entry, a call from an
   * unknown number, an internal task). Citus refuses NULL in a distribution column: before
   * distributing, those rows get the house customer (docs/scaling.md) and the column becomes NOT NULL.
   */
  nullable?: true;
}

/**
 * A customer's data that does not carry the customer's id yet: it reaches it through `via` → `parent`.
 * Before distributing, a migration adds `customer_id` (backfilled from the parent, then NOT NULL) and
 * the table becomes `distributed`. This list only shrinks: a new customer-owned table is created with
 * its `customer_id` (the test refuses a new entry).
 */
export interface CustomerChild {
  kind: 'customer-child';
  parent: string;
  via: string;
}

/** Small, read everywhere, joined with distributed tables: a full copy on every node (`create_reference_table`). */
export interface Reference {
  kind: 'reference';
}

/** Not about one customer, not joined on a customer's node: stays on the coordinator. */
export interface Local {
  kind: 'local';
}

export type Placement = Distributed | CustomerChild | Reference | Local;

const byCustomer: Distributed = { kind: 'distributed', column: 'customer_id' };
const byCustomerOrHouse: Distributed = { kind: 'distributed', column: 'customer_id', nullable: true };
const reference: Reference = { kind: 'reference' };
const local: Local = { kind: 'local' };
const child = (parent: string, via: string): CustomerChild => ({ kind: 'customer-child', parent, via });

export const DISTRIBUTION_PLAN: Record<string, Placement> = {
  // --- Distributed by customer, the column is there.
  customers: { kind: 'distributed', column: 'id' },
  portal_accounts: byCustomer,
  knowledge_article_sends: byCustomer,
  portal_registrations: byCustomerOrHouse, // an attempt for a policy that does not exist has no customer (the answer never says)
  knowledge_feedback: byCustomerOrHouse, // staff feedback is no customer's
  customer_name_index: byCustomer,
  customer_risk_scores: byCustomer,
  customer_status_history: byCustomer,
  kyc_verifications: byCustomer,
  quotes: byCustomerOrHouse, // a quote for a prospect not yet saved as a customer has none
  orders: byCustomer,
  policies: byCustomer,
  policy_notices: byCustomer,
  billing_policies: byCustomer,
  invoices: byCustomer,
  payments: byCustomer,
  refunds: byCustomer,
  write_offs: byCustomer,
  journal_entries: byCustomerOrHouse, // company entries (payout fees, earned premium) have none
  claims: byCustomer,
  collections_promises: byCustomer,
  service_cases: byCustomerOrHouse,
  service_interactions: byCustomerOrHouse,
  service_surveys: byCustomerOrHouse,
  service_tasks: byCustomerOrHouse,
  service_playbooks: byCustomer,
  notification_outbox: byCustomerOrHouse,
  voice_calls: byCustomerOrHouse, // a caller not identified
  voice_ringing_calls: byCustomerOrHouse,

  // --- A customer's data reached through its parent: customer_id to add before distributing.
  order_status_history: child('orders', 'order_id'),
  order_document_waivers: child('orders', 'order_id'),
  order_exams: child('orders', 'order_id'),
  order_exam_events: child('order_exams', 'exam_id'),
  policy_status_history: child('policies', 'policy_id'),
  policy_versions: child('policies', 'policy_id'),
  policy_transactions: child('policies', 'policy_id'),
  policy_transaction_status_history: child('policy_transactions', 'transaction_id'),
  policy_lapses: child('policies', 'policy_id'),
  policy_lapse_reviews: child('policies', 'policy_id'),
  policy_schedules: child('policies', 'policy_id'),
  billing_installments: child('billing_policies', 'policy_id'),
  invoice_lines: child('invoices', 'invoice_id'),
  invoice_status_history: child('invoices', 'invoice_id'),
  payment_allocations: child('payments', 'payment_id'),
  payment_reallocations: child('payments', 'payment_id'),
  payment_status_history: child('payments', 'payment_id'),
  refund_status_history: child('refunds', 'refund_id'),
  postings: child('journal_entries', 'entry_id'),
  premium_writings: child('policies', 'policy_id'),
  claim_status_history: child('claims', 'claim_id'),
  claim_notes: child('claims', 'claim_id'),
  claim_reserves: child('claims', 'claim_id'),
  claim_reserve_changes: child('claims', 'claim_id'),
  claim_payments: child('claims', 'claim_id'),
  claim_approvals: child('claims', 'claim_id'),
  claim_referrals: child('claims', 'claim_id'),
  claim_information_requests: child('claims', 'claim_id'),
  claim_information_request_history: child('claim_information_requests', 'request_id'),
  collections_dunning_runs: child('invoices', 'invoice_id'),
  collections_promise_history: child('collections_promises', 'promise_id'),
  service_case_status_history: child('service_cases', 'case_id'),
  service_case_escalations: child('service_cases', 'case_id'),
  service_interaction_history: child('service_interactions', 'interaction_id'),
  service_task_history: child('service_tasks', 'task_id'),
  service_playbook_milestones: child('service_playbooks', 'playbook_id'),
  service_clock_events: child('service_cases', 'subject_id'),
  voice_callbacks: child('voice_calls', 'call_id'),
  documents: child('customers', 'owner_id'), // owner_type names the owner: a customer, an order, a claim…

  // --- Reference tables: catalogue, staff, branches, limits, configuration.
  branches: reference,
  users: reference,
  user_managed_branches: reference,
  approval_limits: reference,
  products: reference,
  product_versions: reference,
  service_calendars: reference,
  service_sla_policies: reference,
  service_escalation_rules: reference,
  service_playbook_templates: reference,
  notification_templates: reference,
  notification_template_keys: reference,
  collections_dunning_plans: reference,
  collections_dunning_plan_history: reference,
  voice_phone_lines: reference,
  voice_phone_line_history: reference,
  voice_agent_availability: reference,
  ledger_accounts: reference, // postings on every node join their accounts
  accounting_periods: reference, // the ledger's period lock is checked where an entry is written
  accounting_period_history: reference,
  gl_account_map: reference,
  customer_name_terms: reference, // the search's term dictionary, no one's record
  knowledge_categories: reference,
  knowledge_articles: reference, // suggested on every customer's case, like the catalogue
  knowledge_revisions: reference,
  knowledge_article_history: reference,

  // --- Local to the coordinator.
  knex_migrations: local,
  knex_migrations_lock: local,
  rate_limit_hits: local,
  idempotency_keys: local,
  auth_sessions: local,
  refresh_tokens: local,
  user_totp: local,
  user_recovery_codes: local,
  auth_mfa_challenges: local,
  // The portal's sign-in, like staff sign-in: checked on every request, never joined with a customer's records.
  portal_sessions: local,
  portal_refresh_tokens: local,
  knowledge_case_links: local, // the articles' figures, read by article
  claim_fast_track_samples: local, // one row per day
  audit_log: local, // one hash chain in one order; partitioned by time when it grows, not by customer
  ledger_verifications: local,
  journal_export_batches: local,
  premium_earning_days: local,
  bank_statements: local,
  bank_statement_lines: local,
  reconciliation_matches: local,
  payment_webhook_events: local, // the gateway's inbox, keyed by the provider's event id
  notification_delivery_receipts: local, // keyed by the provider's message id
  notification_sink_messages: local,
  voice_webhook_requests: local,
  voice_line_alerts: local,
  kpi_daily_snapshots: local,
  kpi_snapshot_days: local,
  report_exports: local,
  report_schedules: local,
  report_schedule_history: local,
  report_schedule_recipients: local,
  report_schedule_runs: local,
  custom_reports: local,
  custom_report_history: local,
};

export interface SchemaColumn {
  table: string;
  column: string;
  notNull: boolean;
}

export interface PlanGaps {
  /** Tables of the schema the plan does not place. */
  unclassified: string[];
  /** Tables the plan places that the schema no longer has. */
  stale: string[];
  /** `table.column`: a distributed table without its distribution column. */
  missingColumn: string[];
  /** `table.column`: the plan's `nullable` disagrees with the schema (NULL allowed or not). */
  nullability: string[];
  /** A customer child whose `via` column is gone, whose parent is not the customer's, or that has `customer_id` now (make it distributed). */
  children: string[];
  /** A reference or local table that carries customer_id: a customer's data, so it belongs with the customer. */
  misplaced: string[];
}

export function planGaps(schema: readonly SchemaColumn[], plan: Record<string, Placement> = DISTRIBUTION_PLAN): PlanGaps {
  const tables = new Map<string, Map<string, SchemaColumn>>();
  for (const c of schema) tables.set(c.table, (tables.get(c.table) ?? new Map()).set(c.column, c));
  const gaps: PlanGaps = { unclassified: [], stale: [], missingColumn: [], nullability: [], children: [], misplaced: [] };
  for (const table of tables.keys()) if (!plan[table]) gaps.unclassified.push(table);
  for (const [table, placement] of Object.entries(plan)) {
    const columns = tables.get(table);
    if (!columns) {
      gaps.stale.push(table);
      continue;
    }
    if (placement.kind === 'distributed') {
      const column = columns.get(placement.column);
      if (!column) gaps.missingColumn.push(`${table}.${placement.column}`);
      else if (column.notNull === (placement.nullable ?? false)) gaps.nullability.push(`${table}.${placement.column}`);
    } else if (placement.kind === 'customer-child') {
      const parent = plan[placement.parent];
      if (!columns.has(placement.via)) gaps.children.push(`${table}: no column ${placement.via}`);
      if (!parent || (parent.kind !== 'distributed' && parent.kind !== 'customer-child')) gaps.children.push(`${table}: parent ${placement.parent} is not a customer's table`);
      if (columns.has('customer_id')) gaps.children.push(`${table}: has customer_id now, plan it as distributed`);
    } else if (columns.has('customer_id')) gaps.misplaced.push(table);
  }
  for (const list of Object.values(gaps)) list.sort();
  return gaps;
}
