// Merging two records of the same person: the source's KYC records and every module's records
// (through their registered merge handlers) move to the target, what the target lacks is copied
// from the source, and the source becomes `merged`, pointing at the target — in one transaction.
import type { Customer } from '../../contracts/customers';
import { withTransaction, type Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit/audit.service';
import type { CustomerExtensions } from './customer-extensions';
import { auditView, toCustomer } from './customer-mappers';
import { invalidMerge } from './customers.errors';
import * as repo from './customers.repository';
import type { CustomerRow } from './customers.repository';
import type { CustomersService } from './customers.service';
import * as kycRepo from './kyc.repository';

/** Fields merged from the source when the target has none (each group moves whole). */
const MERGE_FILL_GROUPS: (keyof CustomerRow)[][] = [
  ['email'],
  ['phone', 'phone_digits'],
  ['national_id_ciphertext', 'national_id_key_id', 'national_id_index', 'national_id_masked'],
  ['occupation'],
  ['address_line2'],
  ['assigned_agent_id'],
];

function mergeFill(target: CustomerRow, source: CustomerRow): Partial<CustomerRow> {
  const filled: Partial<CustomerRow> = {};
  for (const group of MERGE_FILL_GROUPS) {
    if (target[group[0]!] === null && source[group[0]!] !== null) for (const field of group) Object.assign(filled, { [field]: source[field] });
  }
  return filled;
}

export class MergeService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly customers: CustomersService,
    private readonly extensions: CustomerExtensions,
  ) {}

  /**
   * Folds `sourceId` into `targetId` in one transaction: KYC records and every module's records
   * (through their merge handlers) move to the target; the source becomes `merged`, pointing there.
   */
  async merge(actor: Actor, targetId: string, targetVersion: number, sourceId: string): Promise<Customer> {
    if (sourceId === targetId) throw invalidMerge('A customer cannot be merged into itself.');
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      // Lock both rows in a fixed order so two opposite merges cannot deadlock.
      await repo.lockInOrder(trx, [sourceId, targetId]);
      const target = await this.customers.lockForChange(trx, actor, targetId, targetVersion);
      const source = await this.customers.findVisible(trx, actor, sourceId);
      if (source.status === 'merged') throw invalidMerge(`${source.customer_number} was already merged.`);
      await kycRepo.moveToCustomer(trx, sourceId, targetId);
      for (const handler of this.extensions.mergeHandlers) await handler.move(trx, { sourceId, targetId, actor });
      await repo.updateCustomer(trx, sourceId, { status: 'merged', merged_into_id: targetId, status_reason: `Merged into ${target.customer_number}`, updated_at: now });
      await repo.insertStatusHistory(trx, {
        customer_id: sourceId,
        from_status: source.status,
        to_status: 'merged',
        reason: `Merged into ${target.customer_number}`,
        changed_by: actor.userId,
        changed_at: now,
      });
      // What the target lacks and the source knows is kept: contact details, national id, occupation, agent.
      const filled = mergeFill(target, source);
      const merged = await repo.updateCustomer(trx, targetId, { ...filled, updated_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'customer.merge',
        entity: { type: 'customer', id: targetId },
        branchId: target.branch_id,
        before: auditView(target),
        after: auditView({ ...target, ...filled }),
        metadata: {
          sourceId,
          sourceNumber: source.customer_number,
          filledFromSource: Object.keys(filled).filter((k) => !k.startsWith('national_id_') || k === 'national_id_masked'),
        },
      });
      await this.audit.record(trx, {
        actor,
        action: 'customer.merged_into',
        entity: { type: 'customer', id: sourceId },
        branchId: source.branch_id,
        before: { status: source.status },
        after: { status: 'merged', mergedIntoId: targetId },
      });
      return toCustomer(merged);
    });
  }
}
