// What other modules may end a policy for, through policy servicing (`services.policyEndings`):
// claims, on the death of the insured. Provided before the module starts and bound to its
// transactions service at start, so a module set up earlier or later reaches the same one.
import type { Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { PolicyTransactionsService } from './policy-transactions.service';

export class PolicyEndings {
  private transactions: PolicyTransactionsService | undefined;

  bind(transactions: PolicyTransactionsService): void {
    this.transactions = transactions;
  }

  /**
   * Terminates the policy from the day after the insured's death, in the caller's transaction (a
   * termination transaction with its billing settlement); null when it is no longer in force.
   */
  onDeath(trx: Trx, actor: Actor, death: { policyId: string; dateOfDeath: string; claimId: string; claimNumber: string }): Promise<{ transactionNumber: string } | null> {
    if (!this.transactions) throw new Error('Policy servicing has not started: policyEndings is not bound');
    return this.transactions.issueTermination(trx, actor, death);
  }
}
