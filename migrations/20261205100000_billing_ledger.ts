import type { Knex } from 'knex';

// Billing's ledger: accounts, journal entries and postings (double entry, integer minor units), the
// database's own guards (every entry balances at commit; nothing is ever updated or deleted), the
// record of ledger verifications, and billing's own copy of each issued policy.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- What billing knows about an issued policy, written in the issuance transaction, so billing
    -- never reads the policies table.
    CREATE TABLE billing_policies (
      policy_id uuid PRIMARY KEY REFERENCES policies(id),
      policy_number text NOT NULL UNIQUE,
      customer_id uuid NOT NULL REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      product_version_id uuid NOT NULL,
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      annual_premium bigint NOT NULL CHECK (annual_premium >= 0),
      payment_frequency text NOT NULL,
      installment_count integer NOT NULL CHECK (installment_count > 0),
      installment_amount bigint NOT NULL CHECK (installment_amount >= 0),
      first_installment_amount bigint NOT NULL CHECK (first_installment_amount >= 0),
      start_date date NOT NULL,
      end_date date NOT NULL CHECK (end_date >= start_date),
      payment_method jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (first_installment_amount + installment_amount * (installment_count - 1) = annual_premium)
    );
    CREATE INDEX billing_policies_customer ON billing_policies (customer_id);

    -- Policies issued before billing existed.
    INSERT INTO billing_policies (policy_id, policy_number, customer_id, branch_id, product_version_id, currency, annual_premium, payment_frequency,
                                  installment_count, installment_amount, first_installment_amount, start_date, end_date, payment_method, created_at, updated_at)
    SELECT id, policy_number, customer_id, branch_id, product_version_id, currency, annual_premium, payment_frequency,
           installment_count, installment_amount, first_installment_amount, start_date, end_date, payment_method, issued_at, issued_at
    FROM policies;

    -- One account per (kind, owner, currency). Company-wide accounts have owner_key ''. Which kinds
    -- exist, who owns each and its normal side: modules/billing/chart-of-accounts.ts.
    CREATE TABLE ledger_accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('premium_receivable', 'customer_credit', 'cash_clearing', 'premium_income', 'unearned_premium',
                                         'fee_income', 'refunds_payable', 'write_offs', 'claims_reserve', 'claims_paid')),
      owner_type text NOT NULL CHECK (owner_type IN ('policy', 'customer', 'payment_method', 'company')),
      owner_key text NOT NULL CHECK ((owner_type = 'company') = (owner_key = '')),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, owner_type, owner_key, currency)
    );

    CREATE TABLE journal_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      external_id text NOT NULL UNIQUE CHECK (length(external_id) BETWEEN 1 AND 200),
      effective_date date NOT NULL,
      source_type text NOT NULL CHECK (source_type IN ('invoice', 'payment', 'allocation', 'fee', 'waiver', 'refund', 'write_off',
                                                       'claim_payment', 'claim_reserve', 'reallocation')),
      source_id uuid,
      reverses_entry_id uuid UNIQUE REFERENCES journal_entries(id),
      description text NOT NULL,
      policy_id uuid REFERENCES billing_policies(policy_id),
      customer_id uuid REFERENCES customers(id),
      branch_id uuid REFERENCES branches(id),
      created_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id),
      -- The transaction that wrote the entry: postings may be added only by that same transaction.
      tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      CHECK (reverses_entry_id IS DISTINCT FROM id)
    );
    CREATE INDEX journal_entries_policy ON journal_entries (policy_id, seq DESC) WHERE policy_id IS NOT NULL;
    CREATE INDEX journal_entries_customer ON journal_entries (customer_id, seq DESC) WHERE customer_id IS NOT NULL;
    CREATE INDEX journal_entries_source ON journal_entries (source_type, source_id);

    CREATE TABLE postings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      entry_id uuid NOT NULL REFERENCES journal_entries(id),
      account_id uuid NOT NULL REFERENCES ledger_accounts(id),
      direction text NOT NULL CHECK (direction IN ('debit', 'credit')),
      amount bigint NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL
    );
    CREATE INDEX postings_entry ON postings (entry_id);
    CREATE INDEX postings_account ON postings (account_id) INCLUDE (direction, amount);

    -- Postings join their entry in the entry's own transaction; a committed entry never changes.
    CREATE FUNCTION ledger_posting_same_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id AND tx_id = pg_current_xact_id()) THEN
        RAISE EXCEPTION 'ledger entry % is committed: postings cannot be added to it', NEW.entry_id USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER postings_same_transaction BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION ledger_posting_same_transaction();

    -- At commit: each touched entry has at least two postings, each in its account's currency, and
    -- its debits equal its credits in every currency.
    CREATE FUNCTION ledger_check_entry() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      entry uuid;
      posting_count integer;
      bad_currency text;
    BEGIN
      IF TG_TABLE_NAME = 'postings' THEN entry := NEW.entry_id; ELSE entry := NEW.id; END IF;
      SELECT count(*) INTO posting_count FROM postings WHERE entry_id = entry;
      IF posting_count < 2 THEN
        RAISE EXCEPTION 'ledger entry % has % posting(s): at least two are required', entry, posting_count USING ERRCODE = 'check_violation';
      END IF;
      IF EXISTS (SELECT 1 FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = entry AND p.currency <> a.currency) THEN
        RAISE EXCEPTION 'ledger entry % has a posting in a currency other than its account''s', entry USING ERRCODE = 'check_violation';
      END IF;
      SELECT currency INTO bad_currency FROM postings WHERE entry_id = entry GROUP BY currency
        HAVING sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) <> 0 LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'ledger entry % is unbalanced in %: debits differ from credits', entry, bad_currency USING ERRCODE = 'check_violation';
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry();
    CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry();

    -- Append-only: a mistake is corrected by a reversal entry, never by editing or deleting.
    CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER journal_entries_no_update_delete BEFORE UPDATE OR DELETE ON journal_entries FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
    CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
    CREATE TRIGGER postings_no_update_delete BEFORE UPDATE OR DELETE ON postings FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
    CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
    CREATE TRIGGER ledger_accounts_no_update_delete BEFORE UPDATE OR DELETE ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
    CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();

    -- What each run of the daily verification found (the health endpoint reads the latest).
    CREATE TABLE ledger_verifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_at timestamptz NOT NULL,
      entries_checked bigint NOT NULL,
      unbalanced_count bigint NOT NULL,
      -- The first 1,000 of them, oldest first.
      unbalanced_entry_ids uuid[] NOT NULL,
      trial_balance jsonb NOT NULL,
      trial_balance_ok boolean NOT NULL,
      balanced boolean GENERATED ALWAYS AS (unbalanced_count = 0 AND trial_balance_ok) STORED,
      duration_ms integer NOT NULL
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE ledger_verifications;
    DROP TABLE postings;
    DROP TABLE journal_entries;
    DROP TABLE ledger_accounts;
    DROP TABLE billing_policies;
    DROP FUNCTION ledger_is_append_only();
    DROP FUNCTION ledger_check_entry();
    DROP FUNCTION ledger_posting_same_transaction();
  `);
}
