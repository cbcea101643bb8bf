// What telephony (the voice module) asks of the service desk while a call goes on, without reading
// its tables: whether a line's calendar is open, the case a call opens (or the customer's case of
// the same type and subject opened in the last 24 hours, which it joins), the phone interaction
// logged for the call and its completion by the provider's status callback.
import type { CaseType, Priority, RecordLink } from '../../contracts/service';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import * as calendarsRepo from './calendars.repository';
import type { CalendarsService } from './calendars.service';
import * as casesRepo from './cases.repository';
import type { CasesService } from './cases.service';
import * as interactionsRepo from './interactions.repository';
import type { InteractionsService } from './interactions.service';

/** A call joins the customer's case of the same type and subject opened this recently. */
export const JOIN_CASE_WINDOW_MS = 24 * 3_600_000;

export interface CallCase {
  id: string;
  caseNumber: string;
  /** True when the call joined a case opened earlier rather than opening one. */
  joined: boolean;
}

export class CallIntake {
  private desk?: { calendars: CalendarsService; cases: CasesService; interactions: InteractionsService };

  constructor(private readonly clock: Clock) {}

  /** Wired by the service module's setup (the desk's services are built after the shared ones). */
  bind(desk: { calendars: CalendarsService; cases: CasesService; interactions: InteractionsService }) {
    this.desk = desk;
  }

  private get services() {
    if (!this.desk) throw new Error('CallIntake is used before the service module set it up');
    return this.desk;
  }

  async calendarExists(db: DbOrTrx, calendarId: string): Promise<boolean> {
    return !!(await calendarsRepo.findCalendar(db, calendarId));
  }

  /** Whether the calendar is open at `at` (business hours, not a holiday). */
  async isOpen(db: DbOrTrx, calendarId: string, at: Date): Promise<boolean> {
    return (await this.services.calendars.engineOf(db, calendarId)).isOpen(at);
  }

  /** The case the call belongs to: the customer's recent one of this type and subject still worked, else a new one. */
  async openCase(
    trx: Trx,
    actor: Actor,
    input: { customerId: string | null; type: CaseType; priority: Priority; subject: string; description?: string; links?: RecordLink[]; joinRecent?: boolean },
  ): Promise<CallCase> {
    if (input.customerId && input.joinRecent !== false) {
      const since = new Date(this.clock.now().getTime() - JOIN_CASE_WINDOW_MS);
      const recent = await casesRepo.recentOpenCase(trx, input.customerId, input.type, input.subject, since);
      if (recent) return { id: recent.id, caseNumber: recent.case_number, joined: true };
    }
    const created = await this.services.cases.createIn(trx, actor, {
      type: input.type,
      priority: input.priority,
      subject: input.subject,
      ...(input.description ? { description: input.description } : {}),
      ...(input.customerId ? { customerId: input.customerId } : {}),
      links: input.links ?? [],
    });
    return { id: created.id, caseNumber: created.caseNumber, joined: false };
  }

  /** Logs the inbound call (a customer, or an unknown contact by phone an agent links later), about the case when there is one. */
  async logCall(
    trx: Trx,
    actor: Actor,
    input: { customerId: string | null; phone: string; subject: string; caseId: string | null; notes?: string; occurredAt: Date },
  ): Promise<string> {
    const interaction = await this.services.interactions.createIn(trx, actor, {
      channel: 'phone_inbound',
      ...(input.customerId ? { customerId: input.customerId } : {}),
      contactPhone: input.phone,
      subject: input.subject,
      ...(input.notes ? { notes: input.notes } : {}),
      occurredAt: input.occurredAt.toISOString(),
      links: input.caseId ? [{ kind: 'case', id: input.caseId }] : [],
    });
    return interaction.id;
  }

  /** The provider's last word on the call: duration, outcome, recording and transcription links (once). */
  /** The agent who took the call becomes its case's assignee when the case has none (see CasesService.takeOwnershipIn). */
  assignTaker(trx: Trx, actor: Actor, caseId: string): Promise<boolean> {
    return this.services.cases.takeOwnershipIn(trx, actor, caseId);
  }

  completeCall(trx: Trx, interactionId: string, input: { durationSeconds: number | null; outcome: string; notes: string | null }): Promise<boolean> {
    return interactionsRepo.completeCall(trx, interactionId, { duration_seconds: input.durationSeconds, outcome: input.outcome, notes: input.notes });
  }
}
