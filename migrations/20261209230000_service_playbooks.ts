import type { Knex } from 'knex';

// Onboarding playbooks (issue 14): templates of milestones (due so many hours after the start) per
// product category, edited by admins; a playbook started on a customer (automatically when a policy
// is issued, or by hand) makes each milestone a task with an SLA clock (service_clock_events,
// subject 'task', metric 'milestone').
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE service_playbook_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      product_category text NOT NULL UNIQUE CHECK (product_category IN ('life', 'health', 'auto', 'home', 'travel', 'personal_accident')),
      name text NOT NULL,
      -- [{ key, title, dueInHours }]
      milestones jsonb NOT NULL CHECK (jsonb_typeof(milestones) = 'array'),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id)
    );

    CREATE TABLE service_playbooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      template_id uuid NOT NULL REFERENCES service_playbook_templates(id),
      name text NOT NULL,
      customer_id uuid NOT NULL REFERENCES customers(id),
      policy_id uuid REFERENCES policies(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      trigger text NOT NULL CHECK (trigger IN ('policy_issued', 'manual')),
      started_at timestamptz NOT NULL,
      started_by uuid REFERENCES users(id)
    );
    -- One automatic playbook per policy.
    CREATE UNIQUE INDEX service_playbooks_policy ON service_playbooks (policy_id) WHERE trigger = 'policy_issued';
    CREATE INDEX service_playbooks_customer ON service_playbooks (customer_id, started_at DESC);

    CREATE TABLE service_playbook_milestones (
      playbook_id uuid NOT NULL REFERENCES service_playbooks(id),
      key text NOT NULL,
      position integer NOT NULL,
      title text NOT NULL,
      task_id uuid NOT NULL UNIQUE REFERENCES service_tasks(id),
      PRIMARY KEY (playbook_id, key)
    );
  `);
  const milestones = (extra: { key: string; title: string; dueInHours: number }[] = []) =>
    JSON.stringify([
      { key: 'welcome_call', title: 'Welcome call', dueInHours: 24 },
      { key: 'policy_pack', title: 'Policy pack and schedule sent', dueInHours: 48 },
      { key: 'first_payment', title: 'First payment confirmed', dueInHours: 72 },
      ...extra,
    ]);
  await knex('service_playbook_templates').insert([
    { product_category: 'life', name: 'Life onboarding', milestones: milestones([{ key: 'beneficiaries', title: 'Beneficiaries confirmed with the customer', dueInHours: 168 }]) },
    { product_category: 'health', name: 'Health onboarding', milestones: milestones() },
    { product_category: 'auto', name: 'Motor onboarding', milestones: milestones([{ key: 'green_card', title: 'Proof of insurance sent', dueInHours: 24 }]) },
    { product_category: 'home', name: 'Home onboarding', milestones: milestones() },
    { product_category: 'travel', name: 'Travel onboarding', milestones: JSON.stringify([{ key: 'documents', title: 'Travel documents sent', dueInHours: 24 }]) },
    { product_category: 'personal_accident', name: 'Personal accident onboarding', milestones: milestones() },
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE service_playbook_milestones; DROP TABLE service_playbooks; DROP TABLE service_playbook_templates;');
}
