// Interactions: every contact logged in seconds, on any channel, with a customer or an unknown
// contact; the customer's interactions and timeline; what the customer 360° view shows of them.
import type { Page } from '../../contracts/common';
import {
  TIMELINE_KINDS,
  TimelineKind,
  type CreateInteractionBody,
  type Interaction,
  type InteractionListQuery,
  type LinkInteractionCustomerBody,
  type RecordLink,
  type TimelineItem,
  type TimelineQuery,
} from '../../contracts/service';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { ReadRouter } from '../../platform/read-router';
import type { Clock } from '../../platform/clock';
import { isDataException } from '../../platform/db-errors';
import { ConflictError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { decodeCursor, encodeCursor, invalidCursor, type SortKey } from '../../platform/pagination';
import { visibleOr404 } from '../../platform/scope';
import { compareTimeline, type TimelineEntry, type TimelinePoint } from '../../platform/timeline';
import type { AuditService } from '../audit/audit.service';
import type { CustomerContact, CustomerExtensions, TimelineContributor } from '../customers/customer-extensions';
import type { CustomerProfiles } from '../customers/customer-profiles';
import * as repo from './interactions.repository';

/** How far ahead of the server's clock a logged contact may be (clock skew of the agent's machine). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The timeline cursor's fields (its fingerprint: a cursor of another list is refused); see platform/timeline.ts. */
const TIMELINE_CURSOR: SortKey[] = [
  { column: 'at', field: 'atKey', dir: 'desc' },
  { column: 'kind', field: 'kind', dir: 'asc' },
  { column: 'id', field: 'id', dir: 'desc' },
];
const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function timelinePoint(cursor: string): TimelinePoint {
  const [atKey, kind, id] = decodeCursor(TIMELINE_CURSOR, cursor);
  const parsedKind = TimelineKind.safeParse(kind);
  if (typeof atKey !== 'string' || !AT_KEY.test(atKey) || Number.isNaN(Date.parse(atKey)) || !parsedKind.success || typeof id !== 'string' || !id) throw invalidCursor();
  return { atKey, kind: parsedKind.data, id };
}

/** The service desk's own kinds on the customer timeline; the other modules' come through customerExtensions. */
export function serviceTimelineContributors(): TimelineContributor[] {
  return [
    { kind: 'interaction', load: (db, _actor, customerId, window) => repo.interactionTimeline(db, customerId, window) },
    { kind: 'task', load: (db, actor, customerId, window) => repo.taskTimeline(db, actor, customerId, window) },
    { kind: 'case', load: (db, actor, customerId, window) => repo.caseTimeline(db, actor, customerId, window) },
  ];
}

export class InteractionsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly customers: CustomerProfiles,
    /** Where every module's timeline kinds are installed (the service desk's own among them). */
    private readonly extensions: Pick<CustomerExtensions, 'timeline'>,
    /** The timeline reads through it (the replica when it may serve). */
    private readonly reads: ReadRouter = new ReadRouter(db),
  ) {}

  private async toInteractions(db: DbOrTrx, rows: repo.InteractionView[]): Promise<Interaction[]> {
    const customers = await this.customers.summaries(db, [...new Set(rows.map((r) => r.customer_id).filter((id): id is string => !!id))]);
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel as Interaction['channel'],
      direction: r.direction,
      customer: (r.customer_id && customers.get(r.customer_id)) || null,
      contactPhone: r.contact_phone,
      contactEmail: r.contact_email,
      subject: r.subject,
      notes: r.notes,
      outcome: r.outcome,
      durationSeconds: r.duration_seconds,
      agent: { id: r.agent_id, name: r.agent_name },
      branchId: r.branch_id,
      occurredAt: r.occurred_at.toISOString(),
      links: r.links as RecordLink[],
      resolvedOnFirstContact: r.resolved_on_first_contact,
      createdAt: r.created_at.toISOString(),
      version: r.version,
    }));
  }

  /**
   * Told of each interaction linked to a case, in its transaction (the cases workflow: replies meet
   * the response clocks, the customer's contacts owe a next response and may escalate).
   */
  onCaseInteraction?: (trx: Trx, actor: Actor, caseId: string, direction: 'inbound' | 'outbound') => Promise<void>;

  /** Logs a contact by the current agent (in the customer's branch, else the agent's). */
  async create(actor: Actor, body: CreateInteractionBody): Promise<Interaction> {
    return withTransaction(this.db, (trx) => this.createIn(trx, actor, body));
  }

  /** `create` in the caller's transaction. */
  async createIn(
    trx: Trx,
    actor: Actor,
    body: Omit<CreateInteractionBody, 'links' | 'resolvedOnFirstContact'> & Partial<Pick<CreateInteractionBody, 'links' | 'resolvedOnFirstContact'>>,
  ): Promise<Interaction> {
    const now = this.clock.now();
    const occurredAt = body.occurredAt ? new Date(body.occurredAt) : now;
    if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new ValidationError([{ path: 'occurredAt', message: 'A contact cannot have happened in the future' }], 'The contact is dated in the future.', 'INTERACTION_IN_FUTURE');
    }
    const direction = body.channel === 'phone_inbound' ? 'inbound' : body.channel === 'phone_outbound' ? 'outbound' : (body.direction ?? 'inbound');
    const given = body.links ?? [];
    const branchId = body.customerId ? await this.customers.branchOf(trx, actor, body.customerId) : actor.branchId;
    const links = body.customerId && !given.some((l) => l.kind === 'customer' && l.id === body.customerId) ? [{ kind: 'customer' as const, id: body.customerId }, ...given] : given;
    const row = await repo.insertInteraction(trx, {
      channel: body.channel,
      direction,
      customer_id: body.customerId ?? null,
      contact_phone: body.contactPhone ?? null,
      contact_email: body.contactEmail ?? null,
      subject: body.subject,
      notes: body.notes ?? null,
      outcome: body.outcome ?? null,
      duration_seconds: body.durationSeconds ?? null,
      agent_id: actor.userId,
      branch_id: branchId,
      occurred_at: occurredAt,
      links,
      resolved_on_first_contact: body.resolvedOnFirstContact ?? false,
      created_at: now,
    });
    await this.audit.record(trx, {
      actor,
      action: 'interaction.create',
      entity: { type: 'interaction', id: row.id },
      branchId,
      after: { channel: row.channel, customerId: row.customer_id, subject: row.subject, occurredAt: row.occurred_at },
    });
    for (const caseId of new Set(links.filter((l) => l.kind === 'case').map((l) => l.id))) await this.onCaseInteraction?.(trx, actor, caseId, direction);
    return (await this.toInteractions(trx, [(await repo.findInteraction(trx, row.id))!]))[0]!;
  }

  /**
   * Links an unknown contact's interaction to the customer it turned out to be (If-Match, once): it
   * then belongs to the customer's branch and shows on their timeline. Both the interaction and the
   * customer must be in your branches (else 404); an interaction that has a customer is 409.
   */
  async linkCustomer(actor: Actor, id: string, version: number, body: LinkInteractionCustomerBody): Promise<Interaction> {
    return withTransaction(this.db, async (trx) => {
      const before = visibleOr404(actor, await repo.findInteractionForUpdate(trx, id), 'interaction');
      const branchId = await this.customers.branchOf(trx, actor, body.customerId);
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      if (before.customer_id) throw new ConflictError('INTERACTION_ALREADY_LINKED', 'The interaction is already linked to a customer.');
      const links = [{ kind: 'customer' as const, id: body.customerId }, ...(before.links as RecordLink[]).filter((l) => !(l.kind === 'customer' && l.id === body.customerId))];
      await repo.linkCustomer(trx, id, { customer_id: body.customerId, branch_id: branchId, links });
      await repo.insertInteractionHistory(trx, {
        interaction_id: id,
        event: 'customer_linked',
        details: { customerId: body.customerId, fromBranchId: before.branch_id, toBranchId: branchId },
        changed_by: actor.userId,
        changed_at: this.clock.now(),
      });
      await this.audit.record(trx, {
        actor,
        action: 'interaction.link_customer',
        entity: { type: 'interaction', id },
        branchId,
        before: { customerId: null },
        after: { customerId: body.customerId },
      });
      return (await this.toInteractions(trx, [(await repo.findInteraction(trx, id))!]))[0]!;
    });
  }

  /** Interactions linked to any of the cases, newest first (the case workspace; the caller checked the case's scope). */
  async aboutCases(db: DbOrTrx, caseIds: readonly string[]): Promise<Interaction[]> {
    const rows = await repo.aboutCases(db, caseIds);
    return this.toInteractions(db, rows);
  }

  async get(actor: Actor, id: string): Promise<Interaction> {
    const row = visibleOr404(actor, await repo.findInteraction(this.db, id), 'interaction');
    return (await this.toInteractions(this.db, [row]))[0]!;
  }

  /** A customer's interactions, newest first (404 when the customer is outside your branches). */
  async forCustomer(actor: Actor, query: InteractionListQuery): Promise<Page<Interaction>> {
    await this.customers.branchOf(this.db, actor, query.customerId);
    const page = await repo.interactionsOf(this.db, query.customerId, query);
    return { items: await this.toInteractions(this.db, page.items), nextCursor: page.nextCursor };
  }

  /**
   * The customer's timeline, newest first, of the kinds asked for (all by default): each kind's
   * contributor reads the page's worth after the cursor, the lists are merged in the timeline's order
   * (platform/timeline.ts) and the cursor is the last item shown — so pages never skip or repeat an
   * item, whichever kinds they hold.
   */
  async timeline(actor: Actor, customerId: string, query: TimelineQuery): Promise<Page<TimelineItem>> {
    await this.customers.branchOf(this.db, actor, customerId);
    const kinds = query.kind ?? TIMELINE_KINDS;
    const after = query.cursor ? timelinePoint(query.cursor) : undefined;
    const window = { limit: query.limit + 1, ...(after ? { after } : {}) };
    let lists: TimelineEntry[][];
    try {
      const contributors = this.extensions.timeline.filter((c) => kinds.includes(c.kind));
      lists = await this.reads.run(actor, (db) => Promise.all(contributors.map((c) => c.load(db, actor, customerId, window))));
    } catch (err) {
      // A cursor id of the wrong type for its kind (a forged one): PostgreSQL refuses the comparison.
      if (after && isDataException(err)) throw invalidCursor();
      throw err;
    }
    const merged = lists.flat().sort(compareTimeline);
    const items = merged.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((e) => ({
        kind: e.kind,
        id: e.id,
        at: new Date(e.atKey).toISOString(),
        title: e.title,
        detail: e.detail,
        by: e.by,
        record: e.record,
        statusChange: e.statusChange,
      })),
      nextCursor: merged.length > query.limit && last ? encodeCursor(TIMELINE_CURSOR, last as unknown as Record<string, unknown>) : null,
    };
  }

  /** The 360° section: how many interactions, and the newest five. */
  async overviewSection(db: DbOrTrx, actor: Actor, customerId: string) {
    if (!actor.permissions.has('interactions:read')) return { count: 0, items: [] };
    const count = await repo.countOf(db, customerId);
    const page = await repo.interactionsOf(db, customerId, { limit: 5 });
    const items = await this.toInteractions(db, page.items);
    return { count, items: items.map((i) => ({ id: i.id, channel: i.channel, subject: i.subject, occurredAt: i.occurredAt, agent: i.agent.name, outcome: i.outcome })) };
  }

  /** The latest interaction per customer, for the customers list's "last contact". */
  async lastContacts(db: DbOrTrx, customerIds: readonly string[]): Promise<Map<string, CustomerContact>> {
    const rows = customerIds.length ? await repo.lastInteractions(db, customerIds) : [];
    return new Map(rows.map((r) => [r.customer_id, { at: r.occurred_at, kind: r.channel, summary: r.subject }]));
  }
}
