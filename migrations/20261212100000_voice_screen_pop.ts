import type { Knex } from 'knex';

// The screen pop (issue 17): agents mark themselves available per queue; a call routed to a queue
// (or the urgent path) rings in the console of the agents available there until one takes it (a
// conditional UPDATE: the first wins) or the ring time passes and it becomes a missed call (a
// callback task and a text to the caller). Every insert or status change of a ringing call is
// announced at commit on the channel `voice_ringing` (payload: the ringing call's id), so every API
// instance pushes it to the agents connected to it (server-sent events).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE voice_agent_availability (
      user_id uuid NOT NULL REFERENCES users(id),
      queue text NOT NULL CHECK (queue IN ('claims', 'payments', 'policy_changes', 'agent')),
      since timestamptz NOT NULL,
      PRIMARY KEY (user_id, queue)
    );
    CREATE INDEX voice_agent_availability_queue ON voice_agent_availability (queue, user_id);

    CREATE TABLE voice_ringing_calls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL UNIQUE REFERENCES voice_calls(id),
      queue text NOT NULL CHECK (queue IN ('claims', 'payments', 'policy_changes', 'agent', 'urgent')),
      branch_id uuid NOT NULL REFERENCES branches(id),
      line_id uuid NOT NULL REFERENCES voice_phone_lines(id),
      from_number text NOT NULL,
      customer_id uuid REFERENCES customers(id),
      case_id uuid NOT NULL REFERENCES service_cases(id),
      interaction_id uuid REFERENCES service_interactions(id),
      status text NOT NULL CHECK (status IN ('ringing', 'taken', 'missed')),
      ring_until timestamptz NOT NULL,
      taken_by uuid REFERENCES users(id),
      taken_at timestamptz,
      missed_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'taken') = (taken_by IS NOT NULL AND taken_at IS NOT NULL)),
      CHECK ((status = 'missed') = (missed_at IS NOT NULL))
    );
    CREATE INDEX voice_ringing_calls_ringing ON voice_ringing_calls (ring_until) WHERE status = 'ringing';

    CREATE FUNCTION voice_ringing_announce() RETURNS trigger AS $$
      BEGIN
        PERFORM pg_notify('voice_ringing', NEW.id::text);
        RETURN NULL;
      END;
    $$ LANGUAGE plpgsql;
    CREATE TRIGGER voice_ringing_calls_announce AFTER INSERT OR UPDATE OF status ON voice_ringing_calls
      FOR EACH ROW EXECUTE FUNCTION voice_ringing_announce();
  `);
  await knex('notification_template_keys').insert({
    key: 'missed-call',
    title: 'Missed call',
    description: 'Sent to the caller when nobody answered their call in time: we will call back',
    variables: ['lineName', 'lineNumber'],
    sample: JSON.stringify({ lineName: 'Customer service', lineNumber: '+18005963057' }),
  });
  await knex('notification_templates').insert({
    key: 'missed-call',
    channel: 'sms',
    language: 'en',
    version: 1,
    subject: null,
    body: 'Policydesk: sorry we missed your call to {{lineName}}. An agent will call you back soon, or call us again on {{lineNumber}}.',
    created_at: new Date(),
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('notification_templates').where({ key: 'missed-call' }).delete();
  await knex('notification_template_keys').where({ key: 'missed-call' }).delete();
  await knex.raw(`
    DROP TABLE voice_ringing_calls;
    DROP FUNCTION voice_ringing_announce();
    DROP TABLE voice_agent_availability;
  `);
}
