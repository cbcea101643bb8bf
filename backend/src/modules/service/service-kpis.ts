// The service desk's KPIs (issue 18), from its own records: CSAT from the surveys answered in the
// period, first-contact resolution from the inbound interactions logged in it, the average first
// response from the cases' SLA clocks. Each counts the agent's own work by the agent the survey
// rates, the agent who took the contact, the case's assignee.
import type { KpiDefinition } from '../analytics/kpi-registry';
import { ratioOf, scopeKpi } from '../analytics/kpi-registry';
import type { MetricsService } from './metrics.service';

export const serviceKpis = (metrics: MetricsService): KpiDefinition[] => [
  {
    key: 'service.csat',
    title: 'Customer satisfaction (CSAT)',
    formula: 'Sum of the CSAT scores (1–5) ÷ number of CSAT surveys answered in the period',
    source: 'CSAT surveys of resolved cases, by the date the customer answered, for the agent the survey rates',
    unit: 'score',
    target: { comparison: 'above', value: 4.5 },
    permission: 'service-metrics:read',
    dimensions: ['branch', 'agent'],
    async compute(db, scope, period) {
      const row = await scopeKpi(
        db('service_surveys as s').where('s.kind', 'csat').whereNotNull('s.answered_at').where('s.answered_at', '>=', period.start).where('s.answered_at', '<', period.end),
        scope,
        { branch: 's.branch_id', agent: 's.agent_id' },
      ).first(db.raw('coalesce(sum(s.score), 0)::int AS total'), db.raw('count(*)::int AS answers'));
      return ratioOf(row.total, row.answers);
    },
  },
  {
    key: 'service.first-contact-resolution',
    title: 'First-contact resolution',
    formula: 'Inbound contacts marked resolved on first contact ÷ inbound contacts logged in the period',
    source: 'Interactions logged with direction inbound (calls, emails, chats, texts, letters, visits), by the agent who took them',
    unit: 'ratio',
    target: { comparison: 'above', value: 0.85 },
    permission: 'service-metrics:read',
    dimensions: ['branch', 'agent'],
    async compute(db, scope, period) {
      const row = await scopeKpi(
        db('service_interactions as i').where('i.direction', 'inbound').where('i.occurred_at', '>=', period.start).where('i.occurred_at', '<', period.end),
        scope,
        { branch: 'i.branch_id', agent: 'i.agent_id' },
      ).first(db.raw('count(*) FILTER (WHERE i.resolved_on_first_contact)::int AS resolved'), db.raw('count(*)::int AS inbound'));
      return ratioOf(row.resolved, row.inbound);
    },
  },
  {
    key: 'service.first-response-time',
    title: 'Average first response time',
    formula: 'Sum of the business hours each case waited for its first response ÷ cases first answered in the period',
    source:
      'The first-response SLA clocks of cases, in business hours of the case’s calendar (paused time not counted), by the date the response was given, for the case’s assignee',
    unit: 'hours',
    target: { comparison: 'below', value: 2 },
    permission: 'service-metrics:read',
    dimensions: ['branch', 'agent'],
    async compute(_db, scope, period) {
      let hours = 0;
      let cases = 0;
      for await (const batch of metrics.clocksMetBetween(period.start, period.end, (q) => scopeKpi(q, scope, { branch: 'c.branch_id', agent: 'c.assignee_id' })))
        for (const clock of batch)
          if (clock.metric === 'first_response') {
            hours += clock.usedHours;
            cases++;
          }
      // The hours summed are shown beside the figure: two decimals are enough there.
      return { ...ratioOf(hours, cases), numerator: Math.round(hours * 100) / 100 };
    },
  },
];
