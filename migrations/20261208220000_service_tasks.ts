import type { Knex } from 'knex';

// Follow-up tasks (issue 14): one table every module's tasks land in (renewal offers, grace
// notices, information requests…), idempotent by (source, source_key), with an append-only history.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE service_tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      description text,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      due_at timestamptz NOT NULL,
      -- NULL: waiting in the branch's queue.
      assignee_id uuid REFERENCES users(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      -- The customer among the links, for the customer's timeline.
      customer_id uuid REFERENCES customers(id),
      links jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(links) = 'array'),
      -- 'manual' (an agent) or the module that made it; with source_key, made once.
      source text NOT NULL,
      source_key text,
      outcome text,
      completed_at timestamptz,
      completed_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'done') = (completed_at IS NOT NULL)),
      CHECK ((completed_at IS NULL) = (outcome IS NULL) AND (completed_at IS NULL) = (completed_by IS NULL))
    );
    -- NULL keys are distinct: manual tasks without a key never clash.
    CREATE UNIQUE INDEX service_tasks_source_key ON service_tasks (source, source_key);
    -- My work: an agent's open tasks by due time.
    CREATE INDEX service_tasks_open_by_assignee ON service_tasks (assignee_id, due_at, id) WHERE status = 'open';
    CREATE INDEX service_tasks_branch ON service_tasks (branch_id, due_at, id);
    CREATE INDEX service_tasks_customer ON service_tasks (customer_id, created_at DESC, id DESC) WHERE customer_id IS NOT NULL;

    CREATE TABLE service_task_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES service_tasks(id),
      event text NOT NULL CHECK (event IN ('created', 'reassigned', 'due_changed', 'priority_changed', 'completed')),
      details jsonb NOT NULL DEFAULT '{}',
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX service_task_history_task ON service_task_history (task_id, id);
    CREATE TRIGGER service_task_history_no_update_delete BEFORE UPDATE OR DELETE ON service_task_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER service_task_history_no_truncate BEFORE TRUNCATE ON service_task_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE service_task_history; DROP TABLE service_tasks;');
}
