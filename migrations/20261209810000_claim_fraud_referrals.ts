import type { Knex } from 'knex';

// Claims (issue 13): fraud indicators and referrals. The rules' verdict is kept on the claim as made
// at submission; a referral is a row decided once (clear or uphold) by a manager. The claim carries
// the status of its latest referral, so a payment checks it on the row it locks and the managers'
// queue is an index scan.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE claims
      ADD COLUMN fraud_indicators jsonb,
      ADD COLUMN fraud_score integer CHECK (fraud_score >= 0),
      ADD COLUMN fraud_evaluated_at timestamptz,
      ADD COLUMN referral_status text CHECK (referral_status IN ('open', 'cleared', 'upheld'));
    CREATE INDEX claims_referral_queue ON claims (referral_status, created_at) WHERE referral_status IS NOT NULL;

    CREATE TABLE claim_referrals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      claim_id uuid NOT NULL REFERENCES claims(id),
      source text NOT NULL CHECK (source IN ('rules', 'adjuster')),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
      score integer NOT NULL CHECK (score >= 0),
      status text NOT NULL CHECK (status IN ('open', 'cleared', 'upheld')),
      referred_by uuid NOT NULL REFERENCES users(id),
      referred_at timestamptz NOT NULL,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_note text CHECK (length(decision_note) <= 1000),
      CHECK ((status = 'open') = (decided_at IS NULL)),
      CHECK ((status = 'open') = (decided_by IS NULL))
    );
    -- One open referral per claim at a time.
    CREATE UNIQUE INDEX claim_referrals_one_open ON claim_referrals (claim_id) WHERE status = 'open';
    CREATE INDEX claim_referrals_claim ON claim_referrals (claim_id, referred_at);
    -- A decided referral never changes again.
    CREATE FUNCTION claim_referral_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR OLD.status <> 'open' THEN
        RAISE EXCEPTION 'claim_referrals: a decided referral is history and cannot change' USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER claim_referrals_decided_once BEFORE UPDATE OR DELETE ON claim_referrals FOR EACH ROW EXECUTE FUNCTION claim_referral_decided_once();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE claim_referrals;
    DROP FUNCTION claim_referral_decided_once();
    DROP INDEX claims_referral_queue;
    ALTER TABLE claims DROP COLUMN fraud_indicators, DROP COLUMN fraud_score, DROP COLUMN fraud_evaluated_at, DROP COLUMN referral_status;
  `);
}
