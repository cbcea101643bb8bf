// Customer use cases: create, read (a sensitive read), update with If-Match, status changes,
// revealing the national id (audited), and search.
import type { Knex } from 'knex';
import type { FieldError } from '../../contracts/common';
import type { CreateCustomerBody, Customer, CustomerOverview, CustomerSearchCriteria, CustomerStatus, CustomerSummary, DuplicateCandidate, DuplicateCheckBody, UpdateCustomerBody } from '../../contracts/customers';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { FieldCrypto } from '../../platform/field-crypto';
import { decodeCursor, keysetPage, type SortKey } from '../../platform/pagination';
import { assertInScope, inScope, scoped } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { AgentDirectory } from '../identity/agent-directory';
import type { BranchDirectory } from '../identity/branch-directory';
import { canChangeStatus } from './customer-status';
import type { CustomerExtensions, LifetimeValueParts } from './customer-extensions';
import { customerMerged, illegalStatusChange, invalidMerge, likelyDuplicate, searchTooBroad } from './customers.errors';
import { findDuplicates, type DuplicateProbe } from './duplicates';
import * as repo from './customers.repository';
import { dateOfBirthProblems, digitsOnly, isIsoCountry, nameWords, normalizeNationalId, normalizePhone, searchName } from './personal-data';
import type { RiskService } from './risk.service';
import { buildCustomerRow, NATIONAL_ID, protectNationalId } from './customer-row';
import { classifySearch } from './search-query';

export function toCustomer(r: repo.CustomerRow): Customer {
  return {
    id: r.id,
    customerNumber: r.customer_number,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    gender: r.gender,
    email: r.email,
    phone: r.phone,
    address: { line1: r.address_line1, ...(r.address_line2 ? { line2: r.address_line2 } : {}), city: r.city, ...(r.region ? { region: r.region } : {}), postalCode: r.postal_code, country: r.country },
    nationalIdMasked: r.national_id_masked,
    occupation: r.occupation,
    occupationClass: r.occupation_class,
    smoker: r.smoker,
    preferredChannel: r.preferred_channel,
    consents: {
      marketing: { given: r.consent_marketing, changedAt: r.consent_marketing_at?.toISOString() ?? null },
      dataProcessing: { given: r.consent_data_processing, changedAt: r.consent_data_processing_at?.toISOString() ?? null },
    },
    branchId: r.branch_id,
    assignedAgentId: r.assigned_agent_id,
    assignedAgentName: r.assigned_agent_name ?? null,
    status: r.status,
    statusReason: r.status_reason,
    mergedIntoId: r.merged_into_id,
    kycStatus: r.kyc_status,
    riskScore: r.risk_score,
    riskLevel: r.risk_level,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const toSummary = (r: repo.CustomerRow): CustomerSummary => ({
  id: r.id,
  customerNumber: r.customer_number,
  firstName: r.first_name,
  lastName: r.last_name,
  dateOfBirth: r.date_of_birth,
  email: r.email,
  phone: r.phone,
  city: r.city,
  postalCode: r.postal_code,
  status: r.status,
  kycStatus: r.kyc_status,
  branchId: r.branch_id,
});

/** What the audit trail keeps of a customer: everything but the national id, which shows as changed. */
function auditView(r: repo.CustomerRow) {
  const { national_id_ciphertext, national_id_key_id, national_id_index, national_id_masked, search_name, name_words, phone_digits, assigned_agent_name, version, created_at, updated_at, created_by, ...rest } = r;
  void [national_id_key_id, national_id_index, national_id_masked, search_name, name_words, phone_digits, assigned_agent_name, version, created_at, updated_at, created_by];
  return { ...rest, nationalId: national_id_ciphertext ? `set (${national_id_masked})` : null };
}

const NAME_ORDER: SortKey[] = [
  { column: 's.sort_last', field: 'sort_last', dir: 'asc' },
  { column: 's.sort_first', field: 'sort_first', dir: 'asc' },
  { column: 's.id', field: 'id', dir: 'asc' },
];
const RANKED_ORDER: SortKey[] = [{ column: 's.rank', field: 'rank', dir: 'desc' }, ...NAME_ORDER];

/** Fields merged from the source when the target has none (each group moves whole). */
const MERGE_FILL_GROUPS: (keyof repo.CustomerRow)[][] = [
  ['email'],
  ['phone', 'phone_digits'],
  ['national_id_ciphertext', 'national_id_key_id', 'national_id_index', 'national_id_masked'],
  ['occupation'],
  ['address_line2'],
  ['assigned_agent_id'],
];

function mergeFill(target: repo.CustomerRow, source: repo.CustomerRow): Partial<repo.CustomerRow> {
  const filled: Partial<repo.CustomerRow> = {};
  for (const group of MERGE_FILL_GROUPS) {
    if (target[group[0]!] === null && source[group[0]!] !== null) for (const field of group) Object.assign(filled, { [field]: source[field] });
  }
  return filled;
}

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
  ) {}

  // --- Validation shared by create and update

  private async checkRecord(trx: Trx, actor: Actor, r: { date_of_birth: string; country: string; phone_input?: string | null; branch_id: string; assigned_agent_id: string | null }): Promise<string | null> {
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

  async create(actor: Actor, input: CreateCustomerBody): Promise<Customer> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const phone = await this.checkRecord(trx, actor, { date_of_birth: input.dateOfBirth, country: input.address.country, phone_input: input.phone, branch_id: input.branchId, assigned_agent_id: input.assignedAgentId ?? null });
      const duplicates = await this.duplicatesFor(trx, actor, {
        nationalIdIndex: input.nationalId ? this.nationalIdIndex(input.nationalId) : null,
        email: input.email,
        phone,
        dateOfBirth: input.dateOfBirth,
        searchName: searchName(input.firstName, input.lastName),
      }, input.confirmNotDuplicate);
      const created = await repo.insertCustomer(trx, buildCustomerRow(input, phone, this.crypto, { now, createdBy: actor.userId }));
      await repo.insertStatusHistory(trx, { customer_id: created.id, from_status: null, to_status: 'prospect', reason: 'Created', changed_by: actor.userId, changed_at: now });
      await this.risk.refresh(trx, created, 'Customer created');
      await this.audit.record(trx, {
        actor,
        action: 'customer.create',
        entity: { type: 'customer', id: created.id },
        branchId: created.branch_id,
        after: auditView(created),
        metadata: duplicates.length ? { confirmedNotDuplicate: true, candidates: duplicates.map((d) => d.customerNumber) } : undefined,
      });
      return toCustomer((await repo.findCustomer(trx, created.id))!);
    });
  }

  /** Opening the full record is a sensitive read: it is audited. A merged record answers its target. */
  async get(actor: Actor, id: string): Promise<Customer | { redirectTo: string }> {
    const row = await this.findVisible(this.db, actor, id);
    if (row.merged_into_id) return { redirectTo: row.merged_into_id };
    await this.audit.sensitiveRead(this.db, actor, { type: 'customer', id }, row.branch_id, 'record');
    return toCustomer(row);
  }

  async findVisible(db: DbOrTrx, actor: Actor, id: string, options?: { forUpdate?: boolean }) {
    const row = await repo.findCustomer(db, id, options);
    if (!row) throw new NotFoundError('customer');
    assertInScope(actor, row.branch_id, 'customer');
    return row;
  }

  /** Locks a visible, unmerged customer at `version` for a change (404 / 409 / 412 otherwise). */
  async lockForChange(trx: Trx, actor: Actor, id: string, version: number) {
    const row = await this.findVisible(trx, actor, id, { forUpdate: true });
    if (row.status === 'merged') throw customerMerged(row.merged_into_id!);
    if (row.version !== version) throw new PreconditionFailedError(row.version);
    return row;
  }

  async update(actor: Actor, id: string, version: number, input: UpdateCustomerBody): Promise<Customer> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
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
        : [];
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
          ? { address_line1: address.line1, address_line2: address.line2 ?? null, city: address.city, region: address.region ?? null, postal_code: address.postalCode, country: address.country }
          : {}),
        ...(input.nationalId !== undefined ? protectNationalId(this.crypto, input.nationalId) : {}),
        ...(input.occupation !== undefined ? { occupation: input.occupation } : {}),
        ...(input.occupationClass !== undefined ? { occupation_class: input.occupationClass } : {}),
        ...(input.smoker !== undefined ? { smoker: input.smoker } : {}),
        ...(input.preferredChannel ? { preferred_channel: input.preferredChannel } : {}),
        ...(input.consents?.marketing !== undefined && input.consents.marketing !== before.consent_marketing ? { consent_marketing: input.consents.marketing, consent_marketing_at: now } : {}),
        ...(input.consents?.dataProcessing !== undefined && input.consents.dataProcessing !== before.consent_data_processing
          ? { consent_data_processing: input.consents.dataProcessing, consent_data_processing_at: now }
          : {}),
        branch_id: next.branch_id,
        assigned_agent_id: next.assigned_agent_id,
        updated_at: now,
      };
      if (!(await repo.updateCustomerIfVersion(trx, id, version, changes))) throw new PreconditionFailedError(before.version + 1);
      await this.risk.refresh(trx, (await repo.findCustomer(trx, id))!, 'Profile changed');
      const after = (await repo.findCustomer(trx, id))!;
      const metadata = {
        ...(before.branch_id !== after.branch_id ? { movedFromBranch: before.branch_id } : {}),
        ...(duplicates.length ? { confirmedNotDuplicate: true, candidates: duplicates.map((d) => d.customerNumber) } : {}),
      };
      await this.audit.record(trx, { actor, action: 'customer.update', entity: { type: 'customer', id }, branchId: after.branch_id, before: auditView(before), after: auditView(after), metadata: Object.keys(metadata).length ? metadata : undefined });
      return toCustomer(after);
    });
  }

  async changeStatus(actor: Actor, id: string, version: number, status: CustomerStatus, reason: string): Promise<Customer> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await this.lockForChange(trx, actor, id, version);
      if (!canChangeStatus(before.status, status)) throw illegalStatusChange(before.status, status);
      await repo.updateCustomerIfVersion(trx, id, version, { status, status_reason: reason, updated_at: now });
      await repo.insertStatusHistory(trx, { customer_id: id, from_status: before.status, to_status: status, reason, changed_by: actor.userId, changed_at: now });
      const after = (await repo.findCustomer(trx, id))!;
      await this.audit.record(trx, { actor, action: 'customer.status_change', entity: { type: 'customer', id }, branchId: after.branch_id, before: { status: before.status }, after: { status }, metadata: { reason } });
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
  private async duplicatesFor(trx: Trx, actor: Actor, probe: DuplicateProbe, confirmed: boolean | undefined): Promise<DuplicateCandidate[]> {
    const candidates = await findDuplicates(trx, actor, probe);
    if (candidates.length && !confirmed) throw likelyDuplicate(candidates);
    return candidates;
  }

  async duplicatesOf(actor: Actor, id: string): Promise<DuplicateCandidate[]> {
    const c = await this.findVisible(this.db, actor, id);
    return findDuplicates(this.db, actor, { nationalIdIndex: c.national_id_index, email: c.email, phone: c.phone, dateOfBirth: c.date_of_birth, searchName: c.search_name, excludeId: c.id });
  }

  /** The create form asks while the agent types. */
  async checkDraft(actor: Actor, draft: DuplicateCheckBody): Promise<DuplicateCandidate[]> {
    const phone = draft.phone ? normalizePhone(draft.phone, draft.country ?? 'US') : undefined;
    const email = draft.email && /^[^@\s]+@[^@\s]+$/.test(draft.email) ? draft.email : undefined;
    return findDuplicates(this.db, actor, {
      nationalIdIndex: draft.nationalId && draft.nationalId.length >= 4 ? this.nationalIdIndex(draft.nationalId) : undefined,
      email,
      phone,
      dateOfBirth: draft.dateOfBirth,
      searchName: draft.firstName && draft.lastName ? searchName(draft.firstName, draft.lastName) : undefined,
    });
  }

  /**
   * Folds `sourceId` into `targetId` in one transaction: KYC records and every module's records
   * (through their merge handlers) move to the target; the source becomes `merged`, pointing there.
   */
  async merge(actor: Actor, targetId: string, targetVersion: number, sourceId: string): Promise<Customer> {
    if (sourceId === targetId) throw invalidMerge('A customer cannot be merged into itself.');
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      // Lock both rows in a fixed order so two opposite merges cannot deadlock.
      await trx('customers').whereIn('id', [sourceId, targetId]).orderBy('id').forUpdate().select('id');
      const target = await this.lockForChange(trx, actor, targetId, targetVersion);
      const source = await this.findVisible(trx, actor, sourceId);
      if (source.status === 'merged') throw invalidMerge(`${source.customer_number} was already merged.`);
      await trx('kyc_verifications').where({ customer_id: sourceId }).update({ customer_id: targetId });
      for (const handler of this.extensions.mergeHandlers) await handler.move(trx, { sourceId, targetId, actor });
      await trx('customers')
        .where({ id: sourceId })
        .update({ status: 'merged', merged_into_id: targetId, status_reason: `Merged into ${target.customer_number}`, updated_at: now, version: trx.raw('version + 1') });
      await repo.insertStatusHistory(trx, { customer_id: sourceId, from_status: source.status, to_status: 'merged', reason: `Merged into ${target.customer_number}`, changed_by: actor.userId, changed_at: now });
      // What the target lacks and the source knows is kept: contact details, national id, occupation, agent.
      const filled = mergeFill(target, source);
      await trx('customers').where({ id: targetId }).update({ ...filled, updated_at: now, version: trx.raw('version + 1') });
      await this.audit.record(trx, {
        actor,
        action: 'customer.merge',
        entity: { type: 'customer', id: targetId },
        branchId: target.branch_id,
        before: auditView(target),
        after: auditView({ ...target, ...filled }),
        metadata: { sourceId, sourceNumber: source.customer_number, filledFromSource: Object.keys(filled).filter((k) => !k.startsWith('national_id_') || k === 'national_id_masked') },
      });
      await this.audit.record(trx, { actor, action: 'customer.merged_into', entity: { type: 'customer', id: sourceId }, branchId: source.branch_id, before: { status: source.status }, after: { status: 'merged', mergedIntoId: targetId } });
      return toCustomer((await repo.findCustomer(trx, targetId))!);
    });
  }

  /** The 360° view: profile, KYC, risk, lifetime value and every registered section. Audited. */
  async overview(actor: Actor, id: string): Promise<CustomerOverview> {
    const c = await this.findVisible(this.db, actor, id);
    await this.audit.sensitiveRead(this.db, actor, { type: 'customer', id }, c.branch_id, 'overview');
    const [risk, ltvParts, sections] = await Promise.all([
      this.risk.compute(this.db, c),
      Promise.all(this.extensions.lifetimeValue.map((p) => p.load(this.db, id))),
      this.extensions.loadSections(this.db, actor, id),
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

  // --- Search

  /** The search as a query builder (the benchmark times the same SQL raw). */
  searchQuery(actor: Actor, criteria: CustomerSearchCriteria): { query: Knex.QueryBuilder; order: SortKey[] } {
    const { q, limit, cursor, nationalId, ...filters } = criteria;
    const hasFilter = Object.values(filters).some((v) => v !== undefined) || !!nationalId;
    if (q !== undefined && q.length < 2 && !hasFilter) {
      throw searchTooBroad();
    }
    // Scope and filters on a query whose customers alias is `c`.
    const filtered = <QB extends Knex.QueryBuilder>(query: QB): QB => {
      scoped(query, actor, 'c.branch_id');
      // Merged records are history: listed only when asked for by status.
      if (filters.status) query.where('c.status', filters.status);
      else query.whereNot('c.status', 'merged');
      if (filters.kycStatus) query.where('c.kyc_status', filters.kycStatus);
      if (filters.branchId) query.where('c.branch_id', filters.branchId);
      if (filters.assignedAgentId) query.where('c.assigned_agent_id', filters.assignedAgentId);
      if (filters.dateOfBirth) query.where('c.date_of_birth', filters.dateOfBirth);
      if (filters.postalCode) query.where('c.postal_code', filters.postalCode);
      if (nationalId) query.where('c.national_id_index', this.nationalIdIndex(nationalId));
      return query;
    };
    const ordered = (inner: Knex.QueryBuilder, order: SortKey[]) => ({ query: this.db.from(inner.as('s')).select('s.*'), order });

    const term = q && q.length >= 2 ? classifySearch(q) : undefined;
    const words = term?.kind === 'name' ? term.text.split(/[\s-]+/).filter((w) => w.length >= 2).slice(0, MAX_NAME_WORDS) : [];
    const expansion = (w: string) => this.db.raw(TERM_EXPANSION, [w, `${escapeLike(w)}%`, w, w]);

    if (words.length === 1 && filters.status !== 'merged') {
      // One word: for each dictionary word it may mean, read that word's customers in result order
      // straight from customer_name_index, one page's worth (after the cursor), then rank the few.
      const pageSize = (limit ?? 25) + 1;
      const lateral = this.db('customer_name_index as i')
        .select('i.customer_id', 'i.sort_last', 'i.sort_first')
        .whereRaw('i.term = w0.term')
        .orderBy(['i.sort_last', 'i.sort_first', 'i.customer_id'])
        .limit(pageSize);
      if (hasFilter) filtered(lateral.join('customers as c', 'c.id', 'i.customer_id'));
      else scoped(lateral, actor, 'i.branch_id');
      if (cursor) {
        const [rank, last, first, id] = decodeCursor(RANKED_ORDER, cursor);
        lateral.whereRaw('(w0.sim < ? OR (w0.sim = ? AND (i.sort_last, i.sort_first, i.customer_id) > (?, ?, ?)))', [rank, rank, last, first, id] as Knex.Value[]);
      }
      // The page is chosen from index rows alone; only its customers are then read.
      const hits = this.db
        .from('w0')
        .joinRaw('CROSS JOIN LATERAL (?) x', [lateral as unknown as Knex.Raw])
        .select('x.customer_id', 'x.sort_last', 'x.sort_first', 'w0.sim')
        .orderByRaw('w0.sim DESC, x.sort_last, x.sort_first, x.customer_id')
        .limit(pageSize);
      const inner = this.db
        .with('w0', expansion(words[0]!))
        .with('hits', hits)
        .from('hits')
        .join('customers as c', 'c.id', 'hits.customer_id')
        .select([...repo.summaryColumns(this.db), this.db.raw('hits.sim AS rank')]);
      return ordered(inner, RANKED_ORDER);
    }

    const inner = filtered(this.db('customers as c').select(repo.summaryColumns(this.db)));
    if (term?.kind === 'number') inner.where('c.customer_number', term.customerNumber);
    else if (term?.kind === 'email') inner.whereRaw('lower(c.email::text) LIKE ?', [`${escapeLike(term.prefix)}%`]);
    else if (term?.kind === 'phone') inner.whereRaw('c.phone_digits LIKE ?', [`%${term.digits}%`]);
    else if (words.length) {
      // Several words (or merged records, which the one-word index leaves out): each word expands
      // once (a CTE); a customer matches when every typed word is among their name words, and the
      // rank adds up how well each word matched.
      words.forEach((w, i) => inner.with(`w${i}`, expansion(w)));
      words.forEach((_, i) => inner.whereRaw(`c.name_words && (SELECT array_agg(term) FROM w${i})`));
      const rank = words.map((_, i) => `(SELECT coalesce(max(sim), 0) FROM w${i} WHERE term = ANY(c.name_words))`).join(' + ');
      inner.select(this.db.raw(`(${rank})::float8 AS rank`));
      return ordered(inner, RANKED_ORDER);
    }
    return ordered(inner, NAME_ORDER);
  }

  async search(actor: Actor, criteria: CustomerSearchCriteria) {
    const { query, order } = this.searchQuery(actor, criteria);
    const page = await keysetPage<repo.CustomerRow & Record<string, unknown>>(query, order, { limit: criteria.limit, cursor: criteria.cursor });
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const MAX_NAME_WORDS = 3;
/** Dictionary words a typed word may mean, best first: exact 1, prefix 0.9, else trigram similarity. */
const TERM_EXPANSION = `SELECT term, max(sim) AS sim FROM (
    SELECT t.term, (CASE WHEN t.term = ? THEN 1.0 ELSE 0.9 END)::float8 AS sim FROM customer_name_terms t WHERE t.term LIKE ?
    UNION ALL
    SELECT t.term, similarity(t.term, ?)::float8 FROM customer_name_terms t WHERE t.term % ?
  ) e GROUP BY term ORDER BY sim DESC, term LIMIT 30`;
