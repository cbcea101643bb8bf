import type { Knex } from 'knex';

// Surrender (issue 12): a whole-life policy is ended for its surrender value — the cash value less
// the version's surrender charge — approved within the new `surrender_amount` limits and paid
// through billing from the company's `surrender_benefits` expense account to the customer's credit.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE policy_transactions DROP CONSTRAINT policy_transactions_type_check;
    ALTER TABLE policy_transactions ADD CONSTRAINT policy_transactions_type_check
      CHECK (type IN ('endorsement', 'renewal', 'cancellation', 'reinstatement', 'lapse', 'surrender'));
    ALTER TABLE approval_limits DROP CONSTRAINT approval_limits_kind_check;
    ALTER TABLE approval_limits ADD CONSTRAINT approval_limits_kind_check
      CHECK (kind IN ('order_sum_insured', 'claim_amount', 'refund_amount', 'write_off_amount', 'surrender_amount'));
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check
      CHECK (kind IN ('premium_receivable', 'customer_credit', 'cash_clearing', 'premium_income', 'unearned_premium',
                      'fee_income', 'refunds_payable', 'write_offs', 'claims_reserve', 'claims_paid', 'claims_incurred', 'surrender_benefits'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check
      CHECK (kind IN ('premium_receivable', 'customer_credit', 'cash_clearing', 'premium_income', 'unearned_premium',
                      'fee_income', 'refunds_payable', 'write_offs', 'claims_reserve', 'claims_paid', 'claims_incurred'));
    ALTER TABLE approval_limits DROP CONSTRAINT approval_limits_kind_check;
    ALTER TABLE approval_limits ADD CONSTRAINT approval_limits_kind_check
      CHECK (kind IN ('order_sum_insured', 'claim_amount', 'refund_amount', 'write_off_amount'));
    ALTER TABLE policy_transactions DROP CONSTRAINT policy_transactions_type_check;
    ALTER TABLE policy_transactions ADD CONSTRAINT policy_transactions_type_check
      CHECK (type IN ('endorsement', 'renewal', 'cancellation', 'reinstatement', 'lapse'));
  `);
}
