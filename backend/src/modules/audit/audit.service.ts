// The audit trail: one helper every module calls inside the transaction of the change it records,
// so a failed audit write rolls the change back. The table itself refuses UPDATE and DELETE.
import type { Knex } from 'knex';
import { z } from 'zod';
import { IsoDate } from '../../contracts/common';
import type { AuditAction } from '../../contracts/audit';
import type { AuditEntry } from '../../contracts/identity';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { currentRequestContext } from '../../platform/request-context';
import type { Clock } from '../../platform/clock';
import { keysetReportRows, type ReportDefinition } from '../reports/report-registry';
import * as repo from './audit.repository';
import type { AuditFilterInput, AuditOutcome } from './audit.repository';

export type { AuditFilterInput, AuditOutcome } from './audit.repository';

/** Records whose reads are audited: each has a declared `<type>.sensitive_read` action. */
type SensitiveRecordType = AuditAction extends infer A ? (A extends `${infer T}.sensitive_read` ? T : never) : never;

/** A customer acting in the portal, as the trail records them (role `customer`, their portal account). */
export interface AuditCustomerActor {
  customerAccountId: string;
}

export interface AuditInput {
  /** A staff user, a customer in the portal, or nobody (a system event, an unknown login). */
  actor?: Pick<Actor, 'userId' | 'role'> | AuditCustomerActor | null;
  /** `<entity>.<verb>`, e.g. `user.update`, `auth.login`. */
  action: AuditAction;
  outcome?: AuditOutcome;
  entity?: { type: string; id: string };
  /** The branch the record belongs to, so managers see their branches' trail. */
  branchId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  metadata?: Record<string, unknown>;
}

/** Values of these fields never enter the audit trail; only the fact that they changed. */
const REDACTED_FIELDS =
  /^(password|passwordhash|password_hash|currentpassword|newpassword|temporarypassword|nationalid|national_id|cardnumber|card_number|iban|accountnumber|account_number|documentnumber|document_number)$|token|secret|ciphertext/i;
const REDACTED = '[redacted]';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const toJsonValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** Field-by-field before/after of what changed, secrets redacted. */
export function diffForAudit(before?: Record<string, unknown> | null, after?: Record<string, unknown> | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { before?: unknown; after?: unknown }> = {};
  for (const key of keys) {
    if (key === 'version' || key === 'updatedAt' || key === 'updated_at') continue;
    const b = toJsonValue(before?.[key]);
    const a = toJsonValue(after?.[key]);
    if (before && after && same(a, b)) continue;
    const redact = REDACTED_FIELDS.test(key);
    changes[key] = {
      ...(before ? { before: redact ? REDACTED : (b ?? null) } : {}),
      ...(after ? { after: redact ? REDACTED : (a ?? null) } : {}),
    };
  }
  return Object.keys(changes).length ? changes : null;
}

/** Business numbers of a module's records by id (one query for a page of entries, never one per entry). */
export type RecordNumbers = (db: DbOrTrx, ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AuditService {
  private readonly numbers = new Map<string, RecordNumbers>();

  constructor(private readonly clock: Clock) {}

  /** A module names its records (entity type → business number) so the trail reads "O-000123", not an id. */
  registerRecordNumbers(entityType: string, numbers: RecordNumbers): void {
    if (this.numbers.has(entityType)) throw new Error(`Record numbers for ${entityType} are already registered`);
    this.numbers.set(entityType, numbers);
  }

  /** Entries with their records' business numbers (for reports built on the trail). */
  numbered(db: DbOrTrx, entries: AuditEntry[]): Promise<AuditEntry[]> {
    return this.withNumbers(db, entries);
  }

  /** Fills in each entry's business number: one lookup per record type on the page. */
  private async withNumbers(db: DbOrTrx, entries: AuditEntry[]): Promise<AuditEntry[]> {
    const idsByType = new Map<string, Set<string>>();
    for (const e of entries) {
      if (!e.entityType || !e.entityId || !UUID.test(e.entityId) || !this.numbers.has(e.entityType)) continue;
      idsByType.set(e.entityType, (idsByType.get(e.entityType) ?? new Set()).add(e.entityId));
    }
    const found = new Map<string, ReadonlyMap<string, string>>();
    for (const [type, ids] of idsByType) found.set(type, await this.numbers.get(type)!(db, [...ids]));
    return entries.map((e) => ({ ...e, entityNumber: (e.entityType && e.entityId && found.get(e.entityType)?.get(e.entityId)) || null }));
  }

  /** Writes one audit row with `db` — pass the transaction of the change being recorded. */
  async record(db: DbOrTrx, input: AuditInput): Promise<void> {
    const ctx = currentRequestContext();
    const actor = input.actor ?? null;
    const customer = actor && 'customerAccountId' in actor ? actor : null;
    const user = actor && 'userId' in actor ? actor : null;
    await repo.insertEntry(db, {
      occurred_at: this.clock.now(),
      actor_user_id: user?.userId ?? null,
      actor_role: customer ? 'customer' : (user?.role ?? null),
      actor_portal_account_id: customer?.customerAccountId ?? null,
      action: input.action,
      outcome: input.outcome ?? 'success',
      entity_type: input.entity?.type ?? null,
      entity_id: input.entity?.id ?? null,
      branch_id: input.branchId ?? null,
      changes: diffForAudit(input.before, input.after),
      metadata: input.metadata ?? null,
      request_id: ctx?.requestId ?? null,
      ip: ctx?.ip ?? null,
      user_agent: ctx?.userAgent ?? null,
    });
  }

  /** A read of sensitive personal data (a full record, an unmasked identifier). */
  sensitiveRead(db: DbOrTrx, actor: Actor, entity: { type: SensitiveRecordType; id: string }, branchId: string | null, what: string) {
    return this.record(db, { actor, action: `${entity.type}.sensitive_read`, entity, branchId, metadata: { what } });
  }

  /**
   * The record `query` reads (selecting its `id` and `branch_id`) and its sensitive-read audit row,
   * in one statement: as durable as `sensitiveRead` after a separate read, at the cost of one round
   * trip. The row is audited only when `audited` (SQL over the read row, alias `r`) holds — pass
   * the conditions under which the caller will answer it (in scope, not merged). Answers the
   * statement: awaiting it runs it (`.rows[0]` is the record); benchmarks time its SQL.
   */
  readAudited<T>(db: DbOrTrx, actor: Actor, type: SensitiveRecordType, what: string, query: Knex.QueryBuilder, audited: Knex.Raw) {
    const ctx = currentRequestContext();
    return repo.selectWithEntry<T>(
      db,
      query,
      {
        occurred_at: this.clock.now(),
        actor_user_id: actor.userId,
        actor_role: actor.role,
        action: `${type}.sensitive_read`,
        outcome: 'success',
        entity_type: type,
        metadata: { what },
        request_id: ctx?.requestId ?? null,
        ip: ctx?.ip ?? null,
        user_agent: ctx?.userAgent ?? null,
      },
      audited,
    );
  }

  async list(db: DbOrTrx, actor: Actor, filter: AuditFilterInput, page: { limit: number; cursor?: string }) {
    const result = await repo.entriesPage(db, actor, filter, page);
    return { items: await this.withNumbers(db, result.items.map(toAuditEntry)), nextCursor: result.nextCursor };
  }

  /** Rows for CSV export, newest first, capped so an export can never exhaust memory. */
  async exportRows(db: DbOrTrx, actor: Actor, filter: AuditFilterInput, max = AUDIT_EXPORT_MAX): Promise<AuditEntry[]> {
    const rows = await repo.latestEntries(db, actor, filter, max);
    return rows.map(toAuditEntry);
  }
}

export const AUDIT_EXPORT_MAX = 50_000;

const AccessReportParams = z
  .strictObject({
    from: IsoDate().meta({ description: 'Reads on or after this date' }),
    to: IsoDate().meta({ description: 'Reads on or before this date' }),
  })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'Must be on or after the start date' });
type AccessReportParams = z.infer<typeof AccessReportParams>;

/**
 * "Access to protected personal data" (issue 18's standard reports): who read which record's
 * protected data (a full customer record, an unmasked national id, a document) and when, from the
 * trail's `<type>.sensitive_read` entries, scoped as the trail is (managers: their branches). The
 * reports module registers it: audit cannot require `reports`, which requires `audit`.
 */
export function accessReport(audit: AuditService, timeZone: string): ReportDefinition<AccessReportParams> {
  return {
    key: 'audit.personal-data-access',
    title: 'Access to protected personal data',
    description: 'Who read protected personal data — full customer records, unmasked national ids, documents — and when, in your branches.',
    permission: 'audit:read',
    params: AccessReportParams,
    columns: [
      { key: 'occurredAt', header: 'When', type: 'datetime' },
      { key: 'user', header: 'Who', type: 'string' },
      { key: 'role', header: 'Role', type: 'string' },
      { key: 'recordType', header: 'Record type', type: 'string' },
      { key: 'record', header: 'Record', type: 'string' },
      { key: 'what', header: 'What was read', type: 'string' },
      { key: 'branch', header: 'Branch', type: 'string' },
      { key: 'requestId', header: 'Request', type: 'string' },
    ],
    personalData: true,
    period: { from: 'from', to: 'to' },
    rows: (db, actor, params) =>
      keysetReportRows<repo.AuditRow & { branch_name: string | null }, { occurredAt: Date; id: number }>(
        (after, size) => repo.sensitiveReadsPage(db, actor, { ...params, timeZone }, after, size),
        (r) => ({ occurredAt: r.occurred_at, id: r.id }),
        async (batch) => {
          const entries = await audit.numbered(db, batch.map(toAuditEntry));
          return entries.map((e, i) => ({
            occurredAt: e.occurredAt,
            user: e.actorName,
            role: e.actorRole,
            recordType: e.entityType,
            record: e.entityNumber ?? e.entityId,
            what: (e.metadata as { what?: string } | null)?.what ?? null,
            branch: batch[i]!.branch_name,
            requestId: e.requestId,
          }));
        },
      ),
  };
}

function toAuditEntry(r: repo.AuditRow): AuditEntry {
  return {
    id: String(r.id),
    occurredAt: r.occurred_at.toISOString(),
    actorUserId: r.actor_user_id,
    actorRole: r.actor_role,
    actorCustomerId: r.actor_customer_id ?? null,
    actorName: r.actor_name,
    action: r.action,
    outcome: r.outcome,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityNumber: null,
    branchId: r.branch_id,
    changes: r.changes,
    metadata: r.metadata,
    requestId: r.request_id,
    ip: r.ip,
    userAgent: r.user_agent,
  };
}
