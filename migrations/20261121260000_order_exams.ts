import type { Knex } from 'knex';

// Medical exams (lab orders) an application needs, from the product version's rules. Each moves
// required → ordered → scheduled → completed → results_received, or is waived or cancelled; every
// step leaves an event. `due_on` says by when the next step is expected (the worklist's overdue).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE order_exams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES orders(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      exam_type text NOT NULL CHECK (exam_type IN ('paramedical', 'blood_panel', 'urinalysis', 'ecg', 'full_medical')),
      rule_code text NOT NULL,
      reason text NOT NULL,
      status text NOT NULL DEFAULT 'required'
        CHECK (status IN ('required', 'ordered', 'scheduled', 'completed', 'results_received', 'waived', 'cancelled')),
      lab_partner text,
      lab_order_reference text,
      scheduled_at timestamptz,
      location text,
      completed_on date,
      key_results jsonb,
      result_document_id uuid REFERENCES documents(id),
      waived_by uuid REFERENCES users(id),
      waive_reason text,
      cancel_reason text,
      due_on date NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (order_id, exam_type)
    );
    CREATE INDEX order_exams_worklist ON order_exams (status, due_on);

    CREATE TABLE order_exam_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      exam_id uuid NOT NULL REFERENCES order_exams(id),
      from_status text,
      to_status text NOT NULL,
      note text,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX order_exam_events_exam ON order_exam_events (exam_id, id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE order_exam_events; DROP TABLE order_exams;');
}
