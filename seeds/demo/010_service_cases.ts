// The service desk's cases in the demo: North cases in every state and priority — some breached,
// some at risk (they were opened in the past, so their clocks have run), a complaint escalated when
// opened, resolved cases whose customers answered the satisfaction survey (one low score, with its
// follow-up task for the senior agent), interactions on every channel over the last weeks, and
// onboarding playbooks for the most recently issued North policies, and relationship (NPS) answers
// about a few of Alex Agent's policies for the performance figures. Made through the service
// module's own services (backdated by setting the seed's clock), so clocks, history and audit are
// what the product writes. Runs once: only while there are no cases.
import type { Knex } from 'knex';
import type { CreateCaseBody } from '../../backend/src/contracts/service';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { Db } from '../../backend/src/db';
import type { Actor } from '../../backend/src/platform/actor';
import { Clock } from '../../backend/src/platform/clock';
import { branchScopeFor } from '../../backend/src/platform/scope';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { buildServiceDesk } from '../../backend/src/modules/service/service-desk';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Step = { after: number; action: 'open' | 'pend' | 'resolve' | 'close' | 'reply'; text: string; survey?: { score: number; comment?: string } };
interface DemoCase {
  body: Omit<CreateCaseBody, 'links'>;
  ago: number;
  /** `ago` is business time on the branch calendar (so the clock stands where the demo wants it whenever it is loaded). */
  business?: boolean;
  steps: Step[];
  /** Unassigned: waits in the branch queue. */
  queue?: boolean;
}

export async function seed(db: Knex, { config, clock: appClock }: SeedContext): Promise<void> {
  if (await db('service_cases').first('id')) return;
  const users: { id: string; role: Actor['role']; branch_id: string; email: string }[] = await db('users')
    .whereIn('email', ['agent@demo.test', 'senior@demo.test'])
    .select('id', 'role', 'branch_id', 'email');
  const agent = users.find((u) => u.email === 'agent@demo.test');
  if (!agent || !users.find((u) => u.email === 'senior@demo.test')) return;
  const clock = new Clock(config.businessTimeZone);
  // The seed's transaction stands in for the pool: every service call runs inside it.
  const services = createSharedServices(db as Db, clock, config);
  const desk = buildServiceDesk({ db: db as Db, clock, config, services });
  const actor: Actor = {
    userId: agent.id,
    role: agent.role,
    branchId: agent.branch_id,
    branchIds: branchScopeFor(agent.role, agent.branch_id, []),
    permissions: new Set(ROLE_PERMISSIONS[agent.role]),
    mustChangePassword: false,
    sessionId: '',
  };
  const customers: { id: string }[] = await db('customers').where({ branch_id: agent.branch_id, status: 'active' }).orderBy('customer_number').offset(4).limit(8).select('id');
  if (customers.length < 8) return;
  const now = appClock.now().getTime();
  const calendar = await desk.calendars.forBranch(db as Db, agent.branch_id);

  const cases: DemoCase[] = [
    // Breached: 5 business hours without the urgent first response (30 minutes).
    { body: { type: 'billing_question', priority: 'urgent', subject: 'Charged twice for this month' }, ago: 5 * HOUR, business: true, steps: [] },
    // At risk: its first response (4 business hours) is due within the next 2.
    {
      body: { type: 'question', priority: 'normal', subject: 'How do I add a second driver?' },
      ago: 2 * HOUR,
      business: true,
      steps: [{ after: 0.5 * HOUR, action: 'open', text: 'Looking into it' }],
    },
    {
      body: { type: 'complaint', priority: 'high', subject: 'Claim payment took too long', description: 'The customer waited six weeks for the payment of a small claim.' },
      ago: 4 * DAY,
      steps: [
        { after: 2 * HOUR, action: 'reply', text: 'Acknowledged the complaint by letter' },
        { after: 3 * HOUR, action: 'open', text: 'Reviewing the claim file' },
      ],
    },
    {
      body: { type: 'policy_change_request', priority: 'low', subject: 'Change of address after the move' },
      ago: 2 * DAY,
      steps: [
        { after: HOUR, action: 'reply', text: 'Asked for proof of the new address' },
        { after: HOUR, action: 'pend', text: 'Waiting for the proof of address' },
      ],
    },
    {
      body: { type: 'cancellation_request', priority: 'normal', subject: 'Wants to cancel the travel policy' },
      ago: 9 * DAY,
      steps: [
        { after: HOUR, action: 'reply', text: 'Explained the cancellation terms' },
        { after: 2 * DAY, action: 'resolve', text: 'Customer kept the policy after the explanation', survey: { score: 5, comment: 'Very clear, thank you' } },
      ],
    },
    {
      body: { type: 'question', priority: 'normal', subject: 'Why did my premium go up?' },
      ago: 6 * DAY,
      steps: [
        { after: 3 * DAY, action: 'reply', text: 'Explained the renewal pricing' },
        { after: HOUR, action: 'resolve', text: 'Premium explained', survey: { score: 2, comment: 'Took days to get an answer' } },
      ],
    },
    {
      body: { type: 'claim_follow_up', priority: 'high', subject: 'Status of the water damage claim' },
      ago: 12 * DAY,
      steps: [
        { after: HOUR, action: 'reply', text: 'Gave the adjuster’s timeline' },
        { after: DAY, action: 'resolve', text: 'Adjuster visit booked' },
        { after: 3 * DAY, action: 'close', text: 'Closed after the visit' },
      ],
    },
    { body: { type: 'onboarding', priority: 'low', subject: 'Welcome pack not received' }, ago: 3 * HOUR, steps: [], queue: true },
  ];

  try {
    for (const [i, spec] of cases.entries()) {
      let at = spec.business ? calendar.subtractMs(new Date(now), spec.ago).getTime() : now - spec.ago;
      clock.set(new Date(at));
      const customerId = customers[i]!.id;
      let kase = await desk.cases.create(actor, { ...spec.body, customerId, ...(spec.queue ? {} : { assigneeId: agent.id }), links: [] });
      // The call that opened it.
      await desk.interactions.create(actor, {
        channel: i % 2 ? 'email' : 'phone_inbound',
        customerId,
        subject: spec.body.subject,
        occurredAt: new Date(at).toISOString(),
        links: [{ kind: 'case', id: kase.id }],
        resolvedOnFirstContact: false,
      });
      for (const step of spec.steps) {
        at += step.after;
        clock.set(new Date(at));
        kase =
          step.action === 'reply'
            ? await desk.cases.reply(actor, kase.id, kase.version, { channel: 'letter', notes: step.text })
            : await desk.cases.transition(actor, kase.id, kase.version, step.action, step.action === 'resolve' ? { resolution: step.text } : { reason: step.text });
        if (step.survey && kase.survey?.link) {
          clock.set(new Date(at + 2 * HOUR));
          await desk.surveys.answerByLink(kase.survey.link.replace('/survey/', ''), {
            score: step.survey.score,
            reasonCodes: ['speed'],
            ...(step.survey.comment ? { comment: step.survey.comment } : {}),
          });
        }
      }
    }

    // A few weeks of contacts on every channel.
    const channels = ['phone_inbound', 'phone_outbound', 'email', 'chat', 'sms', 'letter', 'in_person'] as const;
    for (const [i, channel] of channels.entries()) {
      clock.set(new Date(now - (i + 1) * 3 * DAY));
      await desk.interactions.create(actor, {
        channel,
        ...(channel === 'email' || channel === 'chat' || channel === 'sms' ? { direction: i % 2 ? 'outbound' : 'inbound' } : {}),
        customerId: customers[i % customers.length]!.id,
        subject: [
          'Asked about the excess',
          'Returned the call about the renewal',
          'Sent the green card',
          'Chat about payment dates',
          'Payment reminder',
          'Signed mandate received',
          'Visited the branch with documents',
        ][i]!,
        occurredAt: clock.now().toISOString(),
        durationSeconds: channel.startsWith('phone') ? 240 + i * 30 : undefined,
        links: [],
        resolvedOnFirstContact: i % 3 === 0,
      });
    }
  } finally {
    clock.reset();
  }

  // Warnings, breaches and their escalations as the every-minute job would have raised them (nothing
  // is raised while the calendar is closed: then the breached clocks show as such, without the facts).
  await desk.slaMonitor.run({ branchIds: [agent.branch_id] });

  // Onboarding playbooks for the most recently issued North policies.
  const policies: { id: string; customer_id: string; branch_id: string; agent_id: string; product_id: string; policy_number: string; start_date: string }[] = await db('policies')
    .where({ branch_id: agent.branch_id, status: 'active' })
    .orderBy('issued_at', 'desc')
    .limit(3)
    .select('id', 'customer_id', 'branch_id', 'agent_id', 'product_id', 'policy_number', db.raw("to_char(start_date, 'YYYY-MM-DD') AS start_date"));
  for (const p of policies) {
    await desk.playbooks.onPolicyIssued(db as unknown as Parameters<typeof desk.playbooks.onPolicyIssued>[0], actor, {
      policyId: p.id,
      policyNumber: p.policy_number,
      customerId: p.customer_id,
      branchId: p.branch_id,
      agentId: p.agent_id,
      productId: p.product_id,
      startDate: p.start_date,
    });
  }

  // Relationship (NPS) surveys about four of Alex Agent's policies, answered by their customers over
  // the last days: 10, 9, 7 and 4 — NPS (2 promoters − 1 detractor) / 4 = +25 for Alex, and the 4
  // makes a follow-up task for the senior agent. The demo's policies are younger than a year, so
  // these stand in for the first anniversary's survey (keyed by the policy's start date).
  const rated: { id: string; customer_id: string; branch_id: string; policy_number: string; start_date: string }[] = await db('policies')
    .where({ branch_id: agent.branch_id, agent_id: agent.id, status: 'active' })
    .orderBy('policy_number')
    .limit(4)
    .select('id', 'customer_id', 'branch_id', 'policy_number', db.raw("to_char(start_date, 'YYYY-MM-DD') AS start_date"));
  try {
    for (const [i, p] of rated.entries()) {
      clock.set(new Date(now - (8 - i) * DAY));
      await desk.surveys.npsFor(db as unknown as Parameters<typeof desk.surveys.npsFor>[0], {
        policyId: p.id,
        policyNumber: p.policy_number,
        anniversary: p.start_date,
        customerId: p.customer_id,
        branchId: p.branch_id,
        agentId: agent.id,
      });
      const { token } = await db('service_surveys')
        .where({ source_key: `nps:${p.id}:${p.start_date}` })
        .first('token');
      clock.set(new Date(now - (7 - i) * DAY));
      await desk.surveys.answerByLink(token, { score: [10, 9, 7, 4][i]!, reasonCodes: [], ...(i === 3 ? { comment: 'The premium is too high for what it covers' } : {}) });
    }
  } finally {
    clock.reset();
  }
}
