// `npm run seed:volume -- --cases N --open-cases K --interactions M`: the service desk's volume data on
// the volume customers (volume-customers.ts), written in bulk through volume-rows.ts but row for row
// what the service desk writes (interactions.service.ts, cases.service.ts, case-clocks.ts):
//
//   a case (CS- number from its sequence, type, priority, subject, the customer's branch, an agent of
//   the branch or the branch queue, the customer link) with its status history (null → new, → open at
//   the first reply, → pending, → resolved, → closed) and its clocks in service_clock_events as
//   CaseClocks writes them — `start` of first_response and resolution (a complaint's acknowledgement
//   and final_response too) with the targets of the case's SLA policy (service_sla_policies) on the
//   branch calendar (CalendarsService.rowForBranch), `fulfil` of the response clocks at the first
//   reply, `pause` of the resolution clock when pending, `fulfil` of every clock still counting at the
//   resolution; the contact that opened the case (inbound, linked to the customer and the case) and the
//   reply (outbound, linked to both);
//   for an open case, the `warning` and `breach` facts the every-minute SLA job would have recorded by
//   now (clockState on the same engine, the policy's warning share), so the job's next run sees the
//   steady state rather than a year of catching up;
//   the rest of the interactions up to M: contacts on every channel over the last year, by the
//   branch's agents, with the customer link (3% from an unknown phone number), a share resolved on
//   first contact.
//
// Not written: the audit rows of these creations, and the escalations a breach would have triggered
// (rules, reassignment, notify tasks) — the seeded breaches are facts on the clock log only. Resolved
// cases met their targets (they carry no warning or breach). Cases are spread over the year; the open
// ones (the newest K) over the last 30 days. Each branch gets one service agent per 100 open cases and
// two senior agents. Deterministic (a fixed hash of each row's number) apart from the generated ids;
// tops up to the totals (rows already in the database count), so running it again adds nothing.
import crypto from 'node:crypto';
import type { CaseStatus, ClockMetric } from '../contracts/service';
import type { Db, Trx } from '../db';
import { withTransaction } from '../db';
import { hashPassword } from '../modules/identity/passwords';
import type { CalendarsService } from '../modules/service/calendars.service';
import { clockState, type ClockEvent, type ClockEventType } from '../modules/service/sla-clock';
import type { SlaPoliciesService } from '../modules/service/sla-policies.service';
import { addDays } from '../platform/calendar';
import type { BusinessTime } from '../platform/business-time';
import { zonedInstant } from '../platform/business-time';
import type { Clock } from '../platform/clock';
import { unit } from './volume-claims';
import { insertRows } from './volume-rows';

const BATCH = 2_000;
const INTERACTION_BATCH = 10_000;
/** Open cases per service agent of a branch. */
const OPEN_CASES_PER_AGENT = 100;
const OPEN_DAYS = 30;
const YEAR_DAYS = 365;
/** Resolved and closed cases were opened at least this many days ago. */
const CLOSED_MIN_DAYS = 7;

export interface VolumeServiceOptions {
  /** Cases wanted in total (existing ones count). */
  cases?: number;
  /** Of them open (new, open, pending): the newest. Default: a fifth of the cases. */
  openCases?: number;
  /** Interactions wanted in total (the cases' own contacts and replies count). */
  interactions?: number;
  clock: Clock;
  /** The service desk's calendars (each branch's, made on first use) and SLA policies, as the app reads them. */
  calendars: Pick<CalendarsService, 'rowForBranch' | 'engineOf'>;
  policies: Pick<SlaPoliciesService, 'all'>;
  progress?: (what: string, done: number, total: number) => void;
}

/** The tables this seeding fills: the caller refreshes their planner statistics. */
export const VOLUME_SERVICE_TABLES = ['service_cases', 'service_case_status_history', 'service_clock_events', 'service_interactions', 'users'];

const pick = <T>(list: readonly (readonly [T, number])[], u: number): T => {
  let k = u * list.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of list) {
    if (k < w) return v;
    k -= w;
  }
  return list[list.length - 1]![0];
};

const CASE_TYPES = [
  ['question', 34],
  ['billing_question', 20],
  ['policy_change_request', 15],
  ['claim_follow_up', 10],
  ['complaint', 8],
  ['cancellation_request', 7],
  ['onboarding', 6],
] as const;
const PRIORITIES = [
  ['low', 15],
  ['normal', 60],
  ['high', 20],
  ['urgent', 5],
] as const;
const OPEN_STATUSES = [
  ['new', 15],
  ['open', 55],
  ['pending', 30],
] as const;
const CHANNELS = [
  ['phone_inbound', 35],
  ['email', 25],
  ['phone_outbound', 12],
  ['chat', 12],
  ['sms', 8],
  ['in_person', 5],
  ['letter', 3],
] as const;
const SUBJECTS: Record<string, string[]> = {
  question: ['Question about the cover', 'What does my policy include?', 'How do I add a driver?'],
  billing_question: ['Why did my premium change?', 'Direct debit date', 'Invoice not received'],
  policy_change_request: ['Change of address', 'Add a named driver', 'Increase the sum insured'],
  claim_follow_up: ['Where is my claim?', 'Documents for the claim', 'Claim payment date'],
  complaint: ['Unhappy with the claim decision', 'Complaint about a call', 'Premium increase complaint'],
  cancellation_request: ['Cancel at renewal', 'Cancel the policy', 'Moving abroad'],
  onboarding: ['Welcome call', 'Policy documents', 'First payment set up'],
};
const CONTACT_SUBJECTS = ['Payment question', 'Address update', 'Policy documents request', 'Renewal question', 'Claim status', 'General enquiry', 'Cover question', 'Callback'];
const OUTCOMES = ['Answered', 'Information sent', 'Callback agreed', 'Passed to the branch', 'No answer'];

interface Staff {
  agents: string[];
  senior: string;
}

/** One service agent per OPEN_CASES_PER_AGENT open cases of the branch, and two senior agents (made once). */
async function serviceStaff(db: Db, branchIds: string[], agentsPerBranch: number, now: Date): Promise<Map<string, Staff>> {
  const passwordHash = await hashPassword(crypto.randomBytes(24).toString('base64'), 4);
  const wanted = branchIds.flatMap((b) => [
    ...[1, 2].map((i) => ({ email: `volume-senior-${i}-${b}@volume.test`, name: `Volume Senior Agent ${i}`, role: 'senior_agent', branch_id: b })),
    ...Array.from({ length: agentsPerBranch }, (_, i) => ({
      email: `volume-service-${i + 1}-${b}@volume.test`,
      name: `Volume Service Agent ${i + 1}`,
      role: 'agent',
      branch_id: b,
    })),
  ]);
  for (let i = 0; i < wanted.length; i += 1000)
    await db('users')
      .insert(wanted.slice(i, i + 1000).map((r) => ({ ...r, password_hash: passwordHash, password_changed_at: now, created_at: now, updated_at: now })))
      .onConflict('email')
      .ignore();
  const users: { id: string; email: string; branch_id: string }[] = await db('users')
    .where('email', 'like', 'volume-%@volume.test')
    .whereIn('role', ['agent', 'senior_agent'])
    .select('id', 'email', 'branch_id');
  const staff = new Map<string, Staff>();
  for (const b of branchIds) {
    const number = (email: string) => Number(email.split('-')[2]);
    const agents = users
      .filter((u) => u.branch_id === b && /^volume-service-\d+-/.test(u.email))
      .sort((x, y) => number(x.email) - number(y.email))
      .map((u) => u.id);
    const senior = users.find((u) => u.branch_id === b && u.email.toLowerCase() === `volume-senior-1-${b}@volume.test`);
    if (!agents.length || !senior) throw new Error(`Volume service staff of branch ${b} is missing`);
    staff.set(b, { agents, senior: senior.id });
  }
  return staff;
}

interface Customer {
  id: string;
  branch_id: string;
}

interface EventRow {
  subject_type: 'case';
  subject_id: string;
  metric: ClockMetric;
  type: ClockEventType;
  at: string;
  target_minutes: number | null;
  calendar_id: string;
  reason: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

/** A business-hours-looking instant `daysAgo` days before today (08:00–18:00 in the zone). */
function instant(today: string, daysAgo: number, u: number, timeZone: string): Date {
  return new Date(zonedInstant(addDays(today, -daysAgo), 8 * 60 + Math.floor(u * 600), timeZone));
}

function interactionRow(n: number, customer: Customer, agentId: string, at: Date, fields: Partial<Record<string, unknown>> = {}) {
  const channel = pick(CHANNELS, unit(n, 41));
  const direction = channel === 'phone_inbound' ? 'inbound' : channel === 'phone_outbound' ? 'outbound' : unit(n, 42) < 0.8 ? 'inbound' : 'outbound';
  const unknown = unit(n, 43) < 0.03;
  const phone = channel.startsWith('phone');
  return {
    id: crypto.randomUUID(),
    channel,
    direction,
    customer_id: unknown ? null : customer.id,
    contact_phone: unknown ? `+1 555 ${String(Math.floor(unit(n, 44) * 1e7)).padStart(7, '0')}` : null,
    contact_email: null,
    subject: CONTACT_SUBJECTS[Math.floor(unit(n, 45) * CONTACT_SUBJECTS.length)]!,
    notes: unit(n, 46) < 0.6 ? 'Spoke with the customer and noted the request.' : null,
    outcome: OUTCOMES[Math.floor(unit(n, 47) * OUTCOMES.length)]!,
    duration_seconds: phone || channel === 'in_person' ? 30 + Math.floor(unit(n, 48) * 1200) : null,
    agent_id: agentId,
    branch_id: customer.branch_id,
    occurred_at: at.toISOString(),
    links: unknown ? [] : [{ kind: 'customer', id: customer.id }],
    resolved_on_first_contact: direction === 'inbound' && unit(n, 49) < 0.45,
    created_at: at.toISOString(),
    ...fields,
  };
}

export async function seedVolumeService(
  db: Db,
  options: VolumeServiceOptions,
): Promise<{ cases: number; interactions: number; existingCases: number; existingInteractions: number }> {
  const { clock } = options;
  const now = clock.now();
  const today = clock.businessDate(now);
  const count = async (table: string, where = 'true') => Number((await db.raw(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0].n);
  const existingCases = await count('service_cases');
  const existingOpen = await count('service_cases', `status IN ('new', 'open', 'pending')`);
  const existingInteractions = await count('service_interactions');
  const casesToAdd = Math.max(0, (options.cases ?? 0) - existingCases);
  const openWanted = Math.min(options.openCases ?? Math.round((options.cases ?? 0) / 5), options.cases ?? 0);
  const openToAdd = Math.min(casesToAdd, Math.max(0, openWanted - existingOpen));
  const result = { cases: 0, interactions: 0, existingCases, existingInteractions };
  if (!casesToAdd && (options.interactions ?? 0) <= existingInteractions) return result;

  const customers: Customer[] = await db('customers').where('status', 'active').whereNull('merged_into_id').orderBy('customer_number').select('id', 'branch_id');
  if (!customers.length) throw new Error('No active customers: seed customers first (--customers).');
  const branches = [...new Set(customers.map((c) => c.branch_id))].sort();
  const agentsPerBranch = Math.max(2, Math.ceil(Math.max(openWanted, existingOpen) / branches.length / OPEN_CASES_PER_AGENT));
  const staff = await serviceStaff(db, branches, agentsPerBranch, now);
  const calendars = new Map<string, { id: string; engine: BusinessTime; timeZone: string }>();
  for (const b of branches) {
    const row = await options.calendars.rowForBranch(db, b);
    calendars.set(b, { id: row.id, engine: await options.calendars.engineOf(db, row.id), timeZone: row.time_zone });
  }
  const policies = await options.policies.all(db);

  // Cases: the closed part first (over the year), then the open ones (the last 30 days), each batch in creation order.
  let interactionN = existingInteractions;
  for (let done = 0; done < casesToAdd; done += BATCH) {
    const size = Math.min(BATCH, casesToAdd - done);
    const cases: Record<string, unknown>[] = [];
    const history: Record<string, unknown>[] = [];
    const events: EventRow[] = [];
    const interactions: Record<string, unknown>[] = [];
    const planned = Array.from({ length: size }, (_, i) => {
      const k = done + i;
      const open = k >= casesToAdd - openToAdd;
      const n = existingCases + k;
      // Creation: spread over the window, older first (so the numbers follow the dates).
      const [from, to] = open ? [OPEN_DAYS, 0] : [YEAR_DAYS, CLOSED_MIN_DAYS];
      const index = open ? k - (casesToAdd - openToAdd) : k;
      const of = open ? openToAdd : casesToAdd - openToAdd;
      const daysAgo = Math.floor(from - ((index + 0.5) / of) * (from - to));
      return { n, open, created: instant(today, daysAgo, unit(n, 2), calendars.get(branches[0]!)!.timeZone) };
    }).sort((a, b) => a.created.getTime() - b.created.getTime());

    for (const { n, open, created: createdAt } of planned) {
      const customer = customers[Math.floor(unit(n, 3) * customers.length)]!;
      const branch = customer.branch_id;
      const { id: calendarId, engine } = calendars.get(branch)!;
      const people = staff.get(branch)!;
      const type = pick(CASE_TYPES, unit(n, 4));
      const priority = pick(PRIORITIES, unit(n, 5));
      const targets = policies.get(`${type}:${priority}`)!;
      const created = createdAt > now ? new Date(now.getTime() - 60_000) : createdAt;
      const agent = people.agents[Math.floor(unit(n, 6) * people.agents.length)]!;
      const creator = agent;
      const id = crypto.randomUUID();
      const subjects = SUBJECTS[type]!;
      // Where it ends up: open ones new, open or pending; the rest resolved (a third of them still not closed).
      let status: CaseStatus = open ? pick(OPEN_STATUSES, unit(n, 7)) : unit(n, 7) < 0.3 ? 'resolved' : 'closed';
      const assignee = status === 'new' && unit(n, 8) < 0.5 ? null : agent;
      const metrics: ClockMetric[] = ['first_response', 'resolution', ...(type === 'complaint' ? (['acknowledgement', 'final_response'] as const) : [])];
      const clockEvents = new Map<ClockMetric, ClockEvent[]>(metrics.map((m) => [m, []]));
      const event = (metric: ClockMetric, type: ClockEventType, at: Date, by: string | null, target?: number | null, reason: string | null = null) => {
        clockEvents.get(metric)!.push({ type, at, ...(target !== undefined ? { targetMinutes: target } : {}) });
        events.push({
          subject_type: 'case',
          subject_id: id,
          metric,
          type,
          at: at.toISOString(),
          target_minutes: target ?? null,
          calendar_id: calendarId,
          reason,
          recorded_by: by,
          recorded_at: (type === 'warning' || type === 'breach' ? now : at).toISOString(),
        });
      };
      const hist = (from: CaseStatus | null, to: CaseStatus, at: Date, by: string, reason: string | null = null) =>
        history.push({ case_id: id, from_status: from, to_status: to, reason, changed_by: by, changed_at: at.toISOString() });
      for (const m of metrics) event(m, 'start', created, creator, targets.minutes[m as keyof typeof targets.minutes]);
      hist(null, 'new', created, creator);
      const contact = interactionRow(interactionN++, customer, creator, created, {
        customer_id: customer.id,
        contact_phone: null,
        subject: subjects[Math.floor(unit(n, 9) * subjects.length)]!,
        direction: 'inbound',
        channel: pick(
          [
            ['phone_inbound', 60],
            ['email', 30],
            ['chat', 10],
          ] as const,
          unit(n, 10),
        ),
        duration_seconds: null,
        resolved_on_first_contact: false,
        links: [
          { kind: 'customer', id: customer.id },
          { kind: 'case', id },
        ],
      });
      interactions.push(contact);

      // The first reply: within the first-response target (60%–95% of it, so some warned first), before now.
      let last = created;
      let resolvedAt: Date | null = null;
      let closedAt: Date | null = null;
      if (status !== 'new') {
        const reply = engine.addMinutes(created, Math.max(1, Math.floor((targets.minutes.first_response ?? 240) * (0.1 + 0.5 * unit(n, 11)))));
        if (reply >= now) status = 'new';
        else {
          event('first_response', 'fulfil', reply, agent, undefined, 'reply');
          if (type === 'complaint') event('acknowledgement', 'fulfil', reply, agent, undefined, 'reply');
          hist('new', 'open', reply, agent);
          interactions.push(
            interactionRow(interactionN++, customer, agent, reply, {
              customer_id: customer.id,
              contact_phone: null,
              channel: 'email',
              direction: 'outbound',
              subject: `Re: ${contact.subject}`,
              duration_seconds: null,
              resolved_on_first_contact: false,
              links: [
                { kind: 'customer', id: customer.id },
                { kind: 'case', id },
              ],
            }),
          );
          last = reply;
        }
      }
      if (status === 'pending') {
        const pend = new Date(last.getTime() + Math.floor(unit(n, 12) * 2 * 3_600_000));
        if (pend >= now) status = 'open';
        else {
          event('resolution', 'pause', pend, agent, undefined, 'pend');
          hist('open', 'pending', pend, agent, 'Waiting on the customer');
          last = pend;
        }
      }
      if (status === 'resolved' || status === 'closed') {
        // Resolved within the resolution target (20%–70% of it).
        const at = engine.addMinutes(created, Math.max(1, Math.floor((targets.minutes.resolution ?? 1440) * (0.2 + 0.5 * unit(n, 13)))));
        resolvedAt = at > last ? at : new Date(last.getTime() + 60_000);
        for (const m of metrics) if (!(m === 'first_response' || m === 'acknowledgement')) event(m, 'fulfil', resolvedAt, agent, undefined, 'resolve');
        hist('open', 'resolved', resolvedAt, agent, 'Answered');
        if (status === 'closed') {
          closedAt = new Date(resolvedAt.getTime() + 3 * 86_400_000);
          if (closedAt >= now) {
            status = 'resolved';
            closedAt = null;
          } else hist('resolved', 'closed', closedAt, agent, 'Answered');
        }
      }
      if (open) {
        // The facts the SLA job would have recorded by now: a warning at the policy's share, a breach past the target.
        for (const [metric, list] of clockEvents) {
          const state = clockState(list, engine, now);
          if (state.targetMs === null || state.status === 'fulfilled') continue;
          if (state.usedMs >= (state.targetMs * targets.warningPercent) / 100) event(metric, 'warning', now, null);
          if (state.breached) event(metric, 'breach', now, null);
        }
      }
      const updated = closedAt ?? resolvedAt ?? last;
      cases.push({
        id,
        type,
        priority,
        status,
        subject: contact.subject,
        description: null,
        customer_id: customer.id,
        branch_id: branch,
        assignee_id: assignee,
        links: [{ kind: 'customer', id: customer.id }],
        resolution: resolvedAt ? 'Answered' : null,
        resolved_at: resolvedAt?.toISOString() ?? null,
        closed_at: closedAt?.toISOString() ?? null,
        version: history.filter((h) => h.case_id === id).length,
        created_at: created.toISOString(),
        created_by: creator,
        updated_at: updated.toISOString(),
      });
    }
    await withTransaction(db, async (trx: Trx) => {
      await insertRows(trx, 'service_cases', cases);
      await insertRows(trx, 'service_case_status_history', history);
      await insertRows(trx, 'service_clock_events', events as unknown as Record<string, unknown>[]);
      await insertRows(trx, 'service_interactions', interactions);
    });
    result.cases += size;
    result.interactions += interactions.length;
    options.progress?.('cases', done + size, casesToAdd);
  }

  // The other contacts, over the last year, up to the total.
  const total = options.interactions ?? 0;
  const already = existingInteractions + result.interactions;
  const toAdd = Math.max(0, total - already);
  const zone = calendars.get(branches[0]!)!.timeZone;
  for (let done = 0; done < toAdd; done += INTERACTION_BATCH) {
    const size = Math.min(INTERACTION_BATCH, toAdd - done);
    const rows = Array.from({ length: size }, (_, i) => {
      const n = already + done + i;
      const customer = customers[Math.floor(unit(n, 31) * customers.length)]!;
      const agents = staff.get(customer.branch_id)!.agents;
      const at = instant(today, Math.floor(unit(n, 32) * YEAR_DAYS), unit(n, 33), zone);
      return interactionRow(n, customer, agents[Math.floor(unit(n, 34) * agents.length)]!, at > now ? new Date(now.getTime() - 60_000) : at);
    }).sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
    await withTransaction(db, (trx) => insertRows(trx, 'service_interactions', rows));
    result.interactions += size;
    options.progress?.('interactions', done + size, toAdd);
  }
  return result;
}
