// Phone lines: configured by admins (number, greeting, business-hours calendar, menu, after-hours
// behaviour, urgent digit), read by managers. Every change checks the If-Match version and writes
// the line's history and the audit trail in its transaction.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DEFAULT_LINE_THRESHOLDS, type CreatePhoneLineBody, type PhoneLine, type PhoneLineHistory, type UpdatePhoneLineBody } from '../../contracts/voice';
import { withTransaction, type Db, type DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type { BranchDirectory } from '../identity/branch-directory';
import type { SystemUsers } from '../identity/system-users';
import type { CallIntake } from '../service/call-intake';
import * as repo from './phone-lines.repository';

export const toPhoneLine = (r: repo.PhoneLineRow): PhoneLine => ({
  id: r.id,
  number: r.number,
  name: r.name,
  greeting: r.greeting,
  calendarId: r.calendar_id,
  branchId: r.branch_id,
  menu: r.menu,
  urgent: r.urgent,
  afterHours: r.after_hours,
  voicemailPrompt: r.voicemail_prompt,
  active: r.active,
  thresholds: { ...DEFAULT_LINE_THRESHOLDS, ...r.thresholds },
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const snapshot = (r: repo.PhoneLineRow) => {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = toPhoneLine(r);
  return rest;
};

/** A number in international form as E.164, else undefined (a line's own number must be a valid one). */
export function lineNumber(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim());
  return parsed?.isValid() ? parsed.number : undefined;
}

export class PhoneLinesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly branches: BranchDirectory,
    private readonly intake: CallIntake,
    private readonly systemUsers: SystemUsers,
  ) {}

  private async check(db: DbOrTrx, body: CreatePhoneLineBody): Promise<repo.PhoneLineFields> {
    const problems: { path: string; message: string }[] = [];
    const number = lineNumber(body.number);
    if (!number) problems.push({ path: 'number', message: 'Not a valid phone number in international form (+1 800 596 3057)' });
    const digits = body.menu.map((m) => m.digit);
    body.menu.forEach((m, i) => {
      if (digits.indexOf(m.digit) !== i) problems.push({ path: `menu.${i}.digit`, message: 'Each key once' });
    });
    if (body.urgent && digits.includes(body.urgent.digit)) problems.push({ path: 'urgent.digit', message: 'The urgent key is already a menu choice' });
    if (!(await this.intake.calendarExists(db, body.calendarId))) problems.push({ path: 'calendarId', message: 'No such business-hours calendar' });
    if (!(await this.branches.isActive(db, body.branchId))) problems.push({ path: 'branchId', message: 'No such open branch' });
    if (problems.length) throw new ValidationError(problems, 'The phone line cannot be used as configured.', 'PHONE_LINE_INVALID');
    return {
      number: number!,
      name: body.name,
      greeting: body.greeting,
      calendar_id: body.calendarId,
      branch_id: body.branchId,
      menu: body.menu,
      urgent: body.urgent,
      after_hours: body.afterHours,
      voicemail_prompt: body.voicemailPrompt,
      active: body.active,
      ...(body.thresholds ? { thresholds: body.thresholds } : {}),
    };
  }

  /** Another line with the number is 409 (a race past this check is the unique index's 409 DUPLICATE). */
  private async assertNumberFree(db: DbOrTrx, number: string, id?: string) {
    const other = await repo.findLineByNumber(db, number);
    if (other && other.id !== id) throw new ConflictError('PHONE_LINE_NUMBER_TAKEN', 'Another phone line has this number.');
  }

  async list(): Promise<PhoneLine[]> {
    return (await repo.listLines(this.db)).map(toPhoneLine);
  }

  /** The stored line (404 when there is none). */
  async row(id: string): Promise<repo.PhoneLineRow> {
    const row = await repo.findLine(this.db, id);
    if (!row) throw new NotFoundError('phone line');
    return row;
  }

  async get(id: string): Promise<PhoneLine> {
    const row = await repo.findLine(this.db, id);
    if (!row) throw new NotFoundError('phone line');
    return toPhoneLine(row);
  }

  async create(actor: Actor, body: CreatePhoneLineBody): Promise<PhoneLine> {
    const fields = await this.check(this.db, body);
    // The user the line's calls are logged by exists before the first call (made outside this transaction).
    await this.systemUsers.idOf(this.db, 'telephony', fields.branch_id);
    return withTransaction(this.db, async (trx) => {
      await this.assertNumberFree(trx, fields.number);
      const now = this.clock.now();
      const row = await repo.insertLine(trx, fields, actor.userId, now);
      await repo.insertHistory(trx, { line_id: row.id, version: row.version, change: 'create', line: snapshot(row), changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, { actor, action: 'phone_line.create', entity: { type: 'phone_line', id: row.id }, branchId: row.branch_id, after: snapshot(row) });
      return toPhoneLine(row);
    });
  }

  async update(actor: Actor, id: string, version: number, body: UpdatePhoneLineBody): Promise<PhoneLine> {
    const fields = await this.check(this.db, body);
    return withTransaction(this.db, async (trx) => {
      const before = await repo.findLine(trx, id, true);
      if (!before) throw new NotFoundError('phone line');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      await this.assertNumberFree(trx, fields.number, id);
      const now = this.clock.now();
      const row = (await repo.updateLineIfVersion(trx, id, version, fields, actor.userId, now))!;
      await repo.insertHistory(trx, { line_id: id, version: row.version, change: 'update', line: snapshot(row), changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'phone_line.update',
        entity: { type: 'phone_line', id },
        branchId: row.branch_id,
        before: snapshot(before),
        after: snapshot(row),
      });
      return toPhoneLine(row);
    });
  }

  async history(id: string): Promise<PhoneLineHistory> {
    if (!(await repo.findLine(this.db, id))) throw new NotFoundError('phone line');
    const rows = await repo.historyOf(this.db, id);
    return {
      items: rows.map((h) => ({
        version: h.version,
        change: h.change,
        line: h.line,
        changedBy: { id: h.changed_by, name: h.changed_by_name },
        changedAt: h.changed_at.toISOString(),
      })),
    };
  }
}
