// Customer use cases: create, read (a sensitive read), update with If-Match, status changes,
// revealing the national id (audited), duplicates, the 360° view, risk, and search (its SQL in
// search.repository.ts). Merging is merge.service.ts; row mappers are customer-mappers.ts.
import type { FieldError } from '../../contracts/common';
import type {
  CreateCustomerBody,
  Customer,
  CustomerOverview,
  CustomerRisk,
  CustomerSearchCriteria,
  CustomerStatus,
  DuplicateCheckBody,
  DuplicateList,
  UpdateCustomerBody,
} from '../../contracts/customers';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { ReadRouter } from '../../platform/read-router';
import type { Clock } from '../../platform/clock';
import { PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { FieldCrypto } from '../../platform/field-crypto';
import { inScope, inScopeSql, visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { AgentDirectory } from '../identity/agent-directory';
import type { BranchDirectory } from '../identity/branch-directory';
import { canChangeStatus } from './customer-status';
import type { CustomerExtensions, LifetimeValueParts } from './customer-extensions';
import { auditView, toCustomer, toSummary } from './customer-mappers';
import { customerMerged, illegalStatusChange, LikelyDuplicateError, searchTooBroad } from './customers.errors';
import { anyDuplicate, findDuplicates, type DuplicateElsewhere, type DuplicateFindings, type DuplicateProbe } from './duplicates';
import * as repo from './customers.repository';
import { dateOfBirthProblems, digitsOnly, isIsoCountry, nameWords, normalizeNationalId, normalizePhone, searchName } from './personal-data';
import type { RiskService } from './risk.service';
import { buildCustomerRow, NATIONAL_ID, protectNationalId } from './customer-row';
import * as search from './search.repository';

/** Every likely duplicate's number, in the caller's branches or not (for the audit trail only). */
const candidateNumbers = (f: DuplicateFindings) => [...f.candidates, ...f.elsewhere].map((d) => d.customerNumber);

export class CustomersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly crypto: FieldCrypto,
    private readonly risk: RiskService,
    private readonly extensions: CustomerExtensions,
    private readonly agents: AgentDirectory,
    private readonly branches: BranchDirectory,
    private readonly baseCurrency: string,
    /** Search and the 360° view's sections read through it (the replica when it may serve). */
    private readonly reads: ReadRouter = new ReadRouter(db),
  ) {}

  // --- Validation shared by create and update

  private async checkRecord(
    trx: Trx,
    actor: Actor,
    r: { date_of_birth: string; country: string; phone_input?: string | null; branch_id: string; assigned_agent_id: string | null },
  ): Promise<string | null> {
    const errors: FieldError[] = [...dateOfBirthProblems(r.date_of_birth, this.clock.businessDate())];
    if (!isIsoCountry(r.country)) errors.push({ path: 'address.country', message: 'Unknown country code' });
    let phone: string | null = null;
    if (r.phone_input) {
      phone = normalizePhone(r.phone_input, r.country) ?? null;
      if (!phone) errors.push({ path: 'phone', message: 'Not a valid phone number' });
    }
    if (!(await this.branches.isActive(trx, r.branch_id)) || !inScope(actor, r.branch_id)) errors.push({ path: 'branchId', message: 'Choose one of your active branches' });
    if (r.assigned_agent_id && !(await this.agents.isAssignable(trx, r.assigned_agent_id, r.branch_id))) {
      errors.push({ path: 'assignedAgentId', message: "Choose an active agent of the customer's branch" });
    }
    if (errors.length) throw new ValidationError(errors);
    return phone;
  }

  // --- Use cases

  /** Create; a refusal as a likely duplicate of another branch's customer is audited after its rollback. */
  create(actor: Actor, input: CreateCustomerBody): Promise<Customer> {
    return this.auditingRefusal(actor, 'create', undefined, () => this.createRecord(actor, input));
  }

  private async createRecord(actor: Actor, input: CreateCustomerBody): Promise<Customer> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const phone = await this.checkRecord(trx, actor, {
        date_of_birth: input.dateOfBirth,
        country: input.address.country,
        phone_input: input.phone,
        branch_id: input.branchId,
        assigned_agent_id: input.assignedAgentId ?? null,
      });
      const duplicates = await this.duplicatesFor(
        trx,
        actor,
        {
          nationalIdIndex: input.nationalId ? this.nationalIdIndex(input.nationalId) : null,
          email: input.email,
          phone,
          dateOfBirth: input.dateOfBirth,
          searchName: searchName(input.firstName, input.lastName),
        },
        input.confirmNotDuplicate,
      );
      const created = await repo.insertCustomer(trx, buildCustomerRow(input, phone, this.crypto, { now, createdBy: actor.userId }));
      await repo.insertStatusHistory(trx, { customer_id: created.id, from_status: null, to_status: 'prospect', reason: 'Created', changed_by: actor.userId, changed_at: now });
      await this.risk.refresh(trx, created, 'Customer created');
      await this.audit.record(trx, {
        actor,
        action: 'customer.create',
        entity: { type: 'customer', id: created.id },
        branchId: created.branch_id,
        after: auditView(created),
        metadata: anyDuplicate(duplicates) ? { confirmedNotDuplicate: true, candidates: candidateNumbers(duplicates) } : undefined,
      });
      await this.recordElsewhere(trx, actor, duplicates.elsewhere, 'create', created.id);
      return toCustomer((await repo.findCustomer(trx, created.id))!);
    });
  }

  /** Opening the full record is a sensitive read: it is audited. A merged record answers its target. */
  async get(actor: Actor, id: string): Promise<Customer | { redirectTo: string }> {
    const row = visibleOr404(actor, (await this.recordRead(actor, id)).rows[0], 'customer');
    if (row.merged_into_id) return { redirectTo: row.merged_into_id };
    return toCustomer(row);
  }

  /** The record and its sensitive-read audit row in one statement; audited exactly when `get` answers it (in scope, not merged). */
  recordRead(actor: Actor, id: string) {
    const audited = this.db.raw('r.merged_into_id IS NULL AND ?', [inScopeSql(this.db, actor, 'r.branch_id')]);
    return this.audit.readAudited<repo.CustomerRow>(this.db, actor, 'customer', 'record', repo.customerQuery(this.db, id), audited);
  }

  async findVisible(db: DbOrTrx, actor: Actor, id: string, options?: { forUpdate?: boolean }) {
    return visibleOr404(actor, await repo.findCustomer(db, id, options), 'customer');
  }

  /** Locks a visible, unmerged customer at `version` for a change (404 / 409 / 412 otherwise). */
  async lockForChange(trx: Trx, actor: Actor, id: string, version: number) {
    const row = await this.findVisible(trx, actor, id, { forUpdate: true });
    if (row.status === 'merged') throw customerMerged(row.merged_into_id!);
    if (row.version !== version) throw new PreconditionFailedError(row.version);
    return row;
  }

  /** PATCH; a refusal as a likely duplicate of another branch's customer is audited after its rollback. */
  update(actor: Actor, id: string, version: number, input: UpdateCustomerBody): Promise<Customer> {
    return this.auditingRefusal(actor, 'update', id, () => this.updateRecord(actor, id, version, input));
  }

  private async updateRecord(actor: Actor, id: string, version: number, input: UpdateCustomerBody): Promise<Customer> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      // The one read: the row, locked, at the version the caller saw.
      const before = await this.lockForChange(trx, actor, id, version);
      const address = input.address;
      const next = {
        date_of_birth: input.dateOfBirth ?? before.date_of_birth,
        country: address?.country ?? before.country,
        branch_id: input.branchId ?? before.branch_id,
        assigned_agent_id: input.assignedAgentId === undefined ? before.assigned_agent_id : input.assignedAgentId,
      };
      // Re-check the phone when it or the country (which reads national numbers) changes.
      const phoneInput = input.phone !== undefined ? input.phone : address?.country && before.phone ? before.phone : undefined;
      const phone = await this.checkRecord(trx, actor, { ...next, phone_input: phoneInput });
      const identityChanged = ['firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'nationalId'].some((k) => input[k as keyof UpdateCustomerBody] !== undefined);
      const duplicates = identityChanged
        ? await this.duplicatesFor(
            trx,
            actor,
            {
              nationalIdIndex: input.nationalId ? this.nationalIdIndex(input.nationalId) : input.nationalId === null ? null : before.national_id_index,
              email: input.email !== undefined ? input.email : before.email,
              phone: input.phone !== undefined || phoneInput ? phone : before.phone,
              dateOfBirth: next.date_of_birth,
              searchName: searchName(input.firstName ?? before.first_name, input.lastName ?? before.last_name),
              excludeId: id,
            },
            input.confirmNotDuplicate,
          )
        : { candidates: [], elsewhere: [] };
      // The one diff: every column this change writes.
      const changes: Partial<repo.CustomerRow> = {
        ...(input.firstName !== undefined ? { first_name: input.firstName } : {}),
        ...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
        search_name: searchName(input.firstName ?? before.first_name, input.lastName ?? before.last_name),
        name_words: nameWords(input.firstName ?? before.first_name, input.lastName ?? before.last_name),
        date_of_birth: next.date_of_birth,
        ...(input.gender ? { gender: input.gender } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined || phoneInput ? { phone, phone_digits: phone ? digitsOnly(phone) : null } : {}),
        ...(address
          ? {
              address_line1: address.line1,
              address_line2: address.line2 ?? null,
              city: address.city,
              region: address.region ?? null,
              postal_code: address.postalCode,
              country: address.country,
            }
          : {}),
        ...(input.nationalId !== undefined ? protectNationalId(this.crypto, input.nationalId) : {}),
        ...(input.occupation !== undefined ? { occupation: input.occupation } : {}),
        ...(input.occupationClass !== undefined ? { occupation_class: input.occupationClass } : {}),
        ...(input.smoker !== undefined ? { smoker: input.smoker } : {}),
        ...(input.preferredChannel ? { preferred_channel: input.preferredChannel } : {}),
        ...(input.consents?.marketing !== undefined && input.consents.marketing !== before.consent_marketing
          ? { consent_marketing: input.consents.marketing, consent_marketing_at: now }
          : {}),
        ...(input.consents?.dataProcessing !== undefined && input.consents.dataProcessing !== before.consent_data_processing
          ? { consent_data_processing: input.consents.dataProcessing, consent_data_processing_at: now }
          : {}),
        branch_id: next.branch_id,
        assigned_agent_id: next.assigned_agent_id,
        updated_at: now,
      };
      // The risk score of the changed record is stored by the same update.
      const { changes: risk } = await this.risk.rescore(trx, { ...before, ...changes }, 'Profile changed');
      // The one update, answering the row as it now is.
      const after = await repo.updateCustomerIfVersion(trx, id, version, { ...changes, ...risk });
      if (!after) throw new PreconditionFailedError(before.version + 1);
      const metadata = {
        ...(before.branch_id !== after.branch_id ? { movedFromBranch: before.branch_id } : {}),
        ...(anyDuplicate(duplicates) ? { confirmedNotDuplicate: true, candidates: candidateNumbers(duplicates) } : {}),
      };
      await this.audit.record(trx, {
        actor,
        action: 'customer.update',
        entity: { type: 'customer', id },
        branchId: after.branch_id,
        before: auditView(before),
        after: auditView(after),
        metadata: Object.keys(metadata).length ? metadata : undefined,
      });
      await this.recordElsewhere(trx, actor, duplicates.elsewhere, 'update', id);
      return toCustomer(after);
    });
  }

  async changeStatus(actor: Actor, id: string, version: number, status: CustomerStatus, reason: string): Promise<Customer> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await this.lockForChange(trx, actor, id, version);
      if (!canChangeStatus(before.status, status)) throw illegalStatusChange(before.status, status);
      const after = (await repo.updateCustomerIfVersion(trx, id, version, { status, status_reason: reason, updated_at: now }))!;
      await repo.insertStatusHistory(trx, { customer_id: id, from_status: before.status, to_status: status, reason, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'customer.status_change',
        entity: { type: 'customer', id },
        branchId: after.branch_id,
        before: { status: before.status },
        after: { status },
        metadata: { reason },
      });
      return toCustomer(after);
    });
  }

  /** The full national id, for roles allowed to see it; every reveal is audited. */
  async revealNationalId(actor: Actor, id: string): Promise<string | null> {
    const row = await this.findVisible(this.db, actor, id);
    await this.audit.sensitiveRead(this.db, actor, { type: 'customer', id }, row.branch_id, 'national_id');
    if (!row.national_id_ciphertext) return null;
    return this.crypto.decrypt({ keyId: row.national_id_key_id!, ciphertext: row.national_id_ciphertext }, NATIONAL_ID);
  }

  // --- Duplicates, merge, overview

  private nationalIdIndex(value: string) {
    return this.crypto.blindIndex(normalizeNationalId(value), NATIONAL_ID);
  }

  /** Candidates for a new or changed identity; 409 CUSTOMER_DUPLICATE unless the caller confirmed. */
  private async duplicatesFor(trx: Trx, actor: Actor, probe: DuplicateProbe, confirmed: boolean | undefined): Promise<DuplicateFindings> {
    const found = await findDuplicates(trx, actor, probe);
    if (anyDuplicate(found) && !confirmed) throw new LikelyDuplicateError(found.candidates, found.elsewhere);
    return found;
  }

  /**
   * Records that `actor` was told a likely duplicate exists in a branch they do not work in: one
   * entry per candidate, in that candidate's branch (so its managers see it in their trail and can
   * review it), with what matched and the record it was found for.
   */
  private async recordElsewhere(db: DbOrTrx, actor: Actor, elsewhere: DuplicateElsewhere[], via: 'duplicate_check' | 'duplicates' | 'create' | 'update', customerId?: string) {
    for (const e of elsewhere) {
      await this.audit.record(db, {
        actor,
        action: 'customer.duplicate_in_other_branch',
        entity: { type: 'customer', id: e.id },
        branchId: e.branchId,
        metadata: { via, reasons: e.reasons, ...(customerId ? { customerId } : {}) },
      });
    }
  }

  /** Runs a create or update; when it is refused as a likely duplicate (and rolled back), what it told about other branches is audited after. */
  private async auditingRefusal<T>(actor: Actor, via: 'create' | 'update', customerId: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof LikelyDuplicateError && error.elsewhere.length) await this.recordElsewhere(this.db, actor, error.elsewhere, via, customerId);
      throw error;
    }
  }

  async duplicatesOf(actor: Actor, id: string): Promise<DuplicateList> {
    const c = await this.findVisible(this.db, actor, id);
    return this.told(actor, 'duplicates', id, {
      nationalIdIndex: c.national_id_index,
      email: c.email,
      phone: c.phone,
      dateOfBirth: c.date_of_birth,
      searchName: c.search_name,
      excludeId: c.id,
    });
  }

  /** What the caller is told of a probe's duplicates: those they may see, and whether one exists elsewhere (audited). */
  private async told(actor: Actor, via: 'duplicate_check' | 'duplicates', customerId: string | undefined, probe: DuplicateProbe): Promise<DuplicateList> {
    const found = await findDuplicates(this.db, actor, probe);
    await this.recordElsewhere(this.db, actor, found.elsewhere, via, customerId);
    return { items: found.candidates, inOtherBranch: found.elsewhere.length > 0 };
  }

  /** The create form asks while the agent types. */
  async checkDraft(actor: Actor, draft: DuplicateCheckBody): Promise<DuplicateList> {
    const phone = draft.phone ? normalizePhone(draft.phone, draft.country ?? 'US') : undefined;
    const email = draft.email && /^[^@\s]+@[^@\s]+$/.test(draft.email) ? draft.email : undefined;
    return this.told(actor, 'duplicate_check', undefined, {
      nationalIdIndex: draft.nationalId && draft.nationalId.length >= 4 ? this.nationalIdIndex(draft.nationalId) : undefined,
      email,
      phone,
      dateOfBirth: draft.dateOfBirth,
      searchName: draft.firstName && draft.lastName ? searchName(draft.firstName, draft.lastName) : undefined,
    });
  }

  /** The 360° view: profile, KYC, risk, lifetime value and every registered section. Audited. */
  async overview(actor: Actor, id: string): Promise<CustomerOverview> {
    const c = await this.findVisible(this.db, actor, id);
    await this.audit.sensitiveRead(this.db, actor, { type: 'customer', id }, c.branch_id, 'overview');
    const [risk, ltvParts, sections] = await Promise.all([
      this.risk.compute(this.db, c),
      Promise.all(this.extensions.lifetimeValue.map((p) => p.load(this.db, id))),
      // The history sections: read-only, so the replica may serve them (the record itself came from the primary above).
      this.reads.run(actor, (db) => this.extensions.loadSections(db, actor, id)),
    ]);
    const sum = (key: keyof LifetimeValueParts) => ltvParts.reduce((total, part) => total + (part[key] ?? 0), 0);
    const premiumsPaid = sum('premiumsPaid');
    const claimsPaid = sum('claimsPaid');
    const expectedFuturePremiums = sum('expectedFuturePremiums');
    return {
      customer: toCustomer(c),
      kyc: { status: c.kyc_status, verifiedAt: c.kyc_verified_at?.toISOString() ?? null, expiresOn: c.kyc_expires_on },
      risk: { score: risk.score, level: risk.level, formulaVersion: risk.formulaVersion, factors: risk.factors },
      lifetimeValue: { amount: premiumsPaid - claimsPaid + expectedFuturePremiums, premiumsPaid, claimsPaid, expectedFuturePremiums, currency: this.baseCurrency },
      sections,
    };
  }

  /** The current risk score with its factors, and its history. */
  async describeRisk(actor: Actor, id: string): Promise<CustomerRisk> {
    return this.risk.describe(this.db, await this.findVisible(this.db, actor, id));
  }

  // --- Search (the SQL is in search.repository.ts)

  /** The criteria as the query takes them; a `q` under 2 characters needs another filter (400 SEARCH_TOO_BROAD). */
  private searchCriteria(criteria: CustomerSearchCriteria): search.SearchCriteria {
    const { q, limit, cursor, nationalId, sort, ...filters } = criteria;
    const hasFilter = Object.values(filters).some((v) => v !== undefined) || !!nationalId;
    if (q !== undefined && q.length < 2 && !hasFilter) {
      throw searchTooBroad();
    }
    return { q, limit, cursor, sort, ...filters, ...(nationalId ? { nationalIdIndex: this.nationalIdIndex(nationalId) } : {}) };
  }

  /** The search as a query builder (the benchmark times the same SQL raw). */
  searchQuery(actor: Actor, criteria: CustomerSearchCriteria) {
    return search.searchQuery(this.db, actor, this.searchCriteria(criteria));
  }

  async search(actor: Actor, criteria: CustomerSearchCriteria) {
    const searchCriteria = this.searchCriteria(criteria);
    const page = await this.reads.run(actor, (db) => search.searchPage(db, actor, searchCriteria));
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor, total: page.total };
  }
}
