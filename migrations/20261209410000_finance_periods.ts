import type { Knex } from 'knex';

// Finance (issue 20), first step: the finance roles (users and approval limits accept them) and the
// accounting periods — calendar months in the company's time zone that a finance manager closes.
// The database itself refuses a journal entry dated in a closed month, whoever writes it.
const BEFORE = "'admin', 'manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster'";
const AFTER = `${BEFORE}, 'finance', 'finance_manager'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${AFTER}));
    ALTER TABLE approval_limits DROP CONSTRAINT approval_limits_role_check;
    ALTER TABLE approval_limits ADD CONSTRAINT approval_limits_role_check CHECK (role IN (${AFTER}));

    -- A month that was ever closed has a row; status says whether it is closed now.
    CREATE TABLE accounting_periods (
      period_start date PRIMARY KEY CHECK (extract(day FROM period_start) = 1),
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closed_by IS NOT NULL))
    );
    CREATE TABLE accounting_period_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      period_start date NOT NULL REFERENCES accounting_periods(period_start),
      event text NOT NULL CHECK (event IN ('closed', 'reopened')),
      reason text,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX accounting_period_history_period ON accounting_period_history (period_start, id);
    CREATE TRIGGER accounting_period_history_no_update_delete BEFORE UPDATE OR DELETE ON accounting_period_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER accounting_period_history_no_truncate BEFORE TRUNCATE ON accounting_period_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    -- Months close in order, so the books are locked through the end of the latest closed month: no
    -- entry dated on or before it, whoever writes it (the ledger service dates it in the open month).
    CREATE FUNCTION journal_entry_in_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.effective_date < (SELECT max(period_start) + interval '1 month' FROM accounting_periods WHERE status = 'closed') THEN
        RAISE EXCEPTION 'journal entry % is dated % in a closed accounting period', NEW.external_id, NEW.effective_date
          USING ERRCODE = 'PD001';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER journal_entries_open_period BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION journal_entry_in_open_period();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER journal_entries_open_period ON journal_entries;
    DROP FUNCTION journal_entry_in_open_period();
    DROP TABLE accounting_period_history;
    DROP TABLE accounting_periods;
    ALTER TABLE approval_limits DROP CONSTRAINT approval_limits_role_check;
    ALTER TABLE approval_limits ADD CONSTRAINT approval_limits_role_check CHECK (role IN (${BEFORE}));
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${BEFORE}));
  `);
}
