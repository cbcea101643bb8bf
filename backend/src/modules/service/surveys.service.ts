// CSAT and NPS. A CSAT survey is made at each resolution of a case (one per resolution, none while
// the case suppresses it) with a public link: a single-use random token that expires after
// SURVEY_LINK_DAYS; an NPS survey around each policy anniversary (the daily job). An answer comes
// once — by the customer through the link (no login; the page shows only the question and the
// survey keeps only the answer) or recorded by an agent on the phone. A low answer (CSAT ≤ 2,
// NPS ≤ 6) makes a follow-up task for a senior agent of the branch (tasks service).
//
// The link goes to the customer through the notifications outbox in the survey's own transaction
// (once per survey): by email, or by text when the customer prefers texts or has no email address;
// the channel is kept on the survey. A customer with neither (or a case without a customer) gets
// nothing sent: the case shows the link for the agent to pass on.
import crypto from 'node:crypto';
import type { CaseSurvey, CsatAnswerBody, PublicSurvey, SurveyAnswerBody } from '../../contracts/service';
import { CSAT_REASON_CODES } from '../../contracts/service';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { AgentDirectory } from '../identity/agent-directory';
import type { NotificationService } from '../notifications/notifications.service';
import type { CalendarsService } from './calendars.service';
import * as repo from './surveys.repository';
import type { TaskService } from './tasks.service';

export const SURVEY_LINK_DAYS = 14;
const DAY_MS = 86_400_000;
export const surveyPath = (token: string) => `/survey/${token}`;

const QUESTIONS = {
  csat: 'How satisfied are you with how we handled your request?',
  nps: 'How likely are you to recommend us to a friend or colleague?',
} as const;

/** Low answers get a call back from a senior agent. */
export const isLow = (kind: 'csat' | 'nps', score: number) => (kind === 'csat' ? score <= 2 : score <= 6);

class SurveyGone extends AppError {
  constructor() {
    super(410, 'SURVEY_EXPIRED', 'Survey expired', 'This survey link has expired.');
  }
}

export class SurveysService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly agents: AgentDirectory,
    private readonly tasks: TaskService,
    private readonly calendars: CalendarsService,
    private readonly notifications: NotificationService,
    private readonly customers: CustomerProfiles,
    /** The console's address as customers reach it (config.publicUrl): the start of every link sent. */
    private readonly publicUrl: string,
  ) {}

  private newToken(): string {
    return crypto.randomBytes(32).toString('base64url');
  }

  /** The CSAT survey of a resolution (in the resolve's transaction); nothing when the case suppresses it. */
  async onResolved(
    trx: Trx,
    c: { id: string; case_number: string; branch_id: string; customer_id: string | null; assignee_id: string | null; csat_suppressed: boolean; resolved_at: Date | null },
  ) {
    if (c.csat_suppressed || !c.resolved_at) return;
    const now = this.clock.now();
    const { row, created } = await repo.insertOnce(trx, {
      kind: 'csat',
      source_key: `csat:${c.id}:${c.resolved_at.toISOString()}`,
      case_id: c.id,
      policy_id: null,
      customer_id: c.customer_id,
      branch_id: c.branch_id,
      agent_id: c.assignee_id,
      token: this.newToken(),
      sent_at: now,
      expires_at: new Date(now.getTime() + SURVEY_LINK_DAYS * DAY_MS),
      sent_via: null,
    });
    if (created) await this.send(trx, row, { template: 'survey-csat', caseNumber: c.case_number });
  }

  /** An NPS survey for a policy year (idempotent by policy and anniversary), its link sent in the same transaction. */
  async npsFor(trx: Trx, p: { policyId: string; policyNumber: string; anniversary: string; customerId: string; branchId: string; agentId: string | null }): Promise<boolean> {
    const now = this.clock.now();
    const { row, created } = await repo.insertOnce(trx, {
      kind: 'nps',
      source_key: `nps:${p.policyId}:${p.anniversary}`,
      case_id: null,
      policy_id: p.policyId,
      customer_id: p.customerId,
      branch_id: p.branchId,
      agent_id: p.agentId,
      token: this.newToken(),
      sent_at: now,
      expires_at: new Date(now.getTime() + SURVEY_LINK_DAYS * DAY_MS),
      sent_via: null,
    });
    if (created) await this.send(trx, row, { template: 'survey-nps', policyNumber: p.policyNumber });
    return created;
  }

  /**
   * Queues the survey's invitation to its customer on their preferred channel (the outbox falls back
   * to the other); records the channel. Nothing when there is no customer or no address.
   */
  private async send(trx: Trx, row: repo.SurveyRow, about: { template: 'survey-csat'; caseNumber: string } | { template: 'survey-nps'; policyNumber: string }) {
    if (!row.customer_id) return;
    const contact = await this.customers.contactOf(trx, row.customer_id);
    if (!contact) return;
    const { template, ...subject } = about;
    const queued = await this.notifications.enqueue(trx, {
      channel: 'preferred',
      template,
      customerId: row.customer_id,
      data: { customerName: contact.name, ...subject, link: `${this.publicUrl}${surveyPath(row.token)}`, expiresOn: this.clock.businessDate(row.expires_at) },
      idempotencyKey: `survey:${row.id}:invitation`,
      purpose: 'service',
    });
    if (queued.queued) await repo.markSent(trx, row.id, queued.message.channel);
  }

  /** The latest CSAT survey of a case, for its view. */
  async ofCase(db: DbOrTrx, caseId: string): Promise<CaseSurvey | null> {
    const row = await repo.latestOfCase(db, caseId);
    if (!row) return null;
    const now = this.clock.now();
    const status = row.answered_at ? 'answered' : row.expires_at <= now ? 'expired' : 'sent';
    return {
      id: row.id,
      status,
      link: status === 'sent' ? surveyPath(row.token) : null,
      sentAt: row.sent_at.toISOString(),
      sentVia: row.sent_via,
      expiresAt: row.expires_at.toISOString(),
      score: row.score,
      reasonCodes: row.reason_codes as CaseSurvey['reasonCodes'],
      comment: row.comment,
      answeredVia: row.answered_via,
      answeredAt: row.answered_at ? row.answered_at.toISOString() : null,
    };
  }

  /** Why a token cannot be answered: unknown 404, answered 409, expired 410. */
  private usable(row: repo.SurveyRow | undefined): repo.SurveyRow {
    if (!row) throw new NotFoundError('survey', 'SURVEY_NOT_FOUND');
    if (row.answered_at) throw new ConflictError('SURVEY_ALREADY_ANSWERED', 'This survey has been answered already. Thank you!');
    if (row.expires_at <= this.clock.now()) throw new SurveyGone();
    return row;
  }

  /** GET /public/surveys/{token}: the question only. */
  async publicView(token: string): Promise<PublicSurvey> {
    const row = this.usable(await repo.findByToken(this.db, token));
    return {
      kind: row.kind,
      question: QUESTIONS[row.kind],
      min: row.kind === 'csat' ? 1 : 0,
      max: row.kind === 'csat' ? 5 : 10,
      reasonCodes: row.kind === 'csat' ? [...CSAT_REASON_CODES] : [],
      expiresAt: row.expires_at.toISOString(),
    };
  }

  /** POST /public/surveys/{token}: the customer's answer, once. */
  async answerByLink(token: string, body: SurveyAnswerBody): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const row = this.usable(await repo.findByToken(trx, token));
      if (row.kind === 'csat' && (body.score < 1 || body.score > 5)) {
        throw new ValidationError([{ path: 'score', message: 'From 1 (very unhappy) to 5 (very happy)' }], 'The answer is not valid.');
      }
      await this.answer(trx, null, row, { score: body.score, reasonCodes: row.kind === 'csat' ? body.reasonCodes : [], comment: body.comment ?? null, via: 'link' });
    });
  }

  /** An agent records the answer given on the phone to the case's latest survey. */
  async answerByPhone(trx: Trx, actor: Actor, caseId: string, body: CsatAnswerBody): Promise<void> {
    const row = await repo.latestOfCase(trx, caseId);
    if (!row) throw new ConflictError('CSAT_NOT_AVAILABLE', 'The case has no CSAT survey: it is not resolved, or surveys are suppressed for it.');
    this.usable(row);
    await this.answer(trx, actor, row, { score: body.score, reasonCodes: body.reasonCodes, comment: body.comment ?? null, via: 'phone' });
  }

  private async answer(trx: Trx, actor: Actor | null, row: repo.SurveyRow, a: { score: number; reasonCodes: string[]; comment: string | null; via: 'phone' | 'link' }) {
    const now = this.clock.now();
    const done = await repo.answerIfOpen(trx, row.id, now, {
      score: a.score,
      reason_codes: a.reasonCodes,
      comment: a.comment || null,
      answered_via: a.via,
      recorded_by: actor?.userId ?? null,
    });
    // Someone answered (or it expired) between the read and the update.
    if (!done) this.usable(await repo.findByToken(trx, row.token));
    await this.audit.record(trx, {
      actor,
      action: 'survey.answer',
      entity: { type: 'survey', id: row.id },
      branchId: row.branch_id,
      metadata: { kind: row.kind, via: a.via, score: a.score },
    });
    if (isLow(row.kind, a.score)) await this.followUp(trx, done!);
  }

  /** A follow-up task for a senior agent of the branch (the first by name; else the branch queue). */
  private async followUp(trx: Trx, row: repo.SurveyRow) {
    const senior = (await this.agents.list(trx, row.branch_id)).find((a) => a.role === 'senior_agent');
    const due = (await this.calendars.forBranch(trx, row.branch_id)).addMinutes(this.clock.now(), 480);
    const label = row.kind === 'csat' ? `CSAT ${row.score}/5` : `NPS ${row.score}/10`;
    await this.tasks.create(trx, null, {
      title: `Low ${label}: call the customer back`,
      ...(row.comment ? { description: row.comment } : {}),
      dueAt: due,
      branchId: row.branch_id,
      ...(senior ? { assigneeId: senior.id } : {}),
      priority: 'high',
      links: [
        ...(row.customer_id ? [{ kind: 'customer' as const, id: row.customer_id }] : []),
        ...(row.case_id ? [{ kind: 'case' as const, id: row.case_id }] : []),
        ...(row.policy_id ? [{ kind: 'policy' as const, id: row.policy_id }] : []),
      ],
      source: 'service',
      sourceKey: `survey-low:${row.id}`,
    });
  }
}
