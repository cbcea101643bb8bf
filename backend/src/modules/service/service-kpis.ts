// The service desk's KPIs (issue 18), from its own records: CSAT from the surveys answered in the
// period, first-contact resolution from the inbound interactions logged in it, the average first
// response from the cases' SLA clocks. Each counts the agent's own work by the agent the survey
// rates, the agent who took the contact, the case's assignee.
import type { DbOrTrx } from '../../db';
import type { KpiDefinition, KpiPeriod, KpiScope } from '../analytics/kpi-registry';
import { counted, orderBy, ratioOf, scopeKpi, summed } from '../analytics/kpi-registry';
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
    additive: true,
    dimensions: ['branch', 'agent'],
    async compute(db, scope, period) {
      const row = await csatAnswered(db, scope, period).first(db.raw('coalesce(sum(s.score), 0)::int AS total'), db.raw('count(*)::int AS answers'));
      return ratioOf(row.total, row.answers);
    },
    drill: {
      rows: 'CSAT surveys answered in the period',
      columns: [
        { key: 'answeredAt', header: 'Answered', type: 'datetime' },
        { key: 'case', header: 'Case', type: 'string' },
        { key: 'agent', header: 'Agent rated', type: 'string' },
        { key: 'score', header: 'Score', type: 'integer' },
      ],
      reconcile: { numerator: summed('score'), denominator: counted() },
      query: (db, scope, period) =>
        csatAnswered(db, scope, period)
          .leftJoin('service_cases as c', 'c.id', 's.case_id')
          .leftJoin('users as u', 'u.id', 's.agent_id')
          .select('s.id', 's.answered_at as answeredAt', 'c.case_number as case', 'u.name as agent', 's.score'),
      order: orderBy('s.answered_at', 'answeredAt', 's.id'),
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
    additive: true,
    dimensions: ['branch', 'agent'],
    async compute(db, scope, period) {
      const row = await inboundContacts(db, scope, period).first(
        db.raw('count(*) FILTER (WHERE i.resolved_on_first_contact)::int AS resolved'),
        db.raw('count(*)::int AS inbound'),
      );
      return ratioOf(row.resolved, row.inbound);
    },
    drill: {
      rows: 'Inbound contacts logged in the period',
      columns: [
        { key: 'occurredAt', header: 'When', type: 'datetime' },
        { key: 'channel', header: 'Channel', type: 'string' },
        { key: 'subject', header: 'Subject', type: 'string' },
        { key: 'agent', header: 'Agent', type: 'string' },
        { key: 'resolved', header: 'Resolved on first contact', type: 'boolean' },
      ],
      reconcile: { numerator: counted('resolved'), denominator: counted() },
      query: (db, scope, period) =>
        inboundContacts(db, scope, period)
          .leftJoin('users as u', 'u.id', 'i.agent_id')
          .select('i.id', 'i.occurred_at as occurredAt', 'i.channel', 'i.subject', 'u.name as agent', 'i.resolved_on_first_contact as resolved'),
      order: orderBy('i.occurred_at', 'occurredAt', 'i.id'),
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
    drill: {
      rows: 'Cases first answered in the period',
      columns: [
        { key: 'case', header: 'Case', type: 'string' },
        { key: 'respondedAt', header: 'First response', type: 'datetime' },
        { key: 'agent', header: 'Assignee', type: 'string' },
        { key: 'hours', header: 'Business hours waited', type: 'decimal' },
      ],
      reconcile: { numerator: summed('hours'), denominator: counted() },
      query: (db, scope, period) =>
        scopeKpi(
          db('service_clock_events as e')
            .join('service_cases as c', 'c.id', 'e.subject_id')
            .leftJoin('users as u', 'u.id', 'c.assignee_id')
            .where('e.subject_type', 'case')
            .where('e.type', 'fulfil')
            .where('e.metric', 'first_response')
            .where('e.at', '>=', period.start)
            .where('e.at', '<', period.end),
          scope,
          { branch: 'c.branch_id', agent: 'c.assignee_id' },
        )
          .groupBy('c.id', 'c.case_number', 'u.name')
          .select('c.id', 'c.case_number as case', db.raw('min(e.at) AS "respondedAt"'), 'u.name as agent'),
      order: [{ column: 'c.id', field: 'id', dir: 'asc' }],
      // The hours on each case's calendar, from the same walk as the figure, for this page's cases.
      async complete(rows, period) {
        const hours = new Map<string, number>();
        const ids = rows.map((r) => r.id as string);
        for await (const batch of metrics.clocksMetBetween(period.start, period.end, (q) => q.whereIn('c.id', ids) as typeof q))
          for (const clock of batch) if (clock.metric === 'first_response') hours.set(clock.caseId, (hours.get(clock.caseId) ?? 0) + clock.usedHours);
        return rows.map((r) => ({ ...r, hours: Math.round((hours.get(r.id as string) ?? 0) * 100) / 100 }));
      },
    },
  },
];

/** CSAT surveys answered in the period, in the scope (by the agent rated). */
function csatAnswered(db: DbOrTrx, scope: KpiScope, period: KpiPeriod) {
  return scopeKpi(
    db('service_surveys as s').where('s.kind', 'csat').whereNotNull('s.answered_at').where('s.answered_at', '>=', period.start).where('s.answered_at', '<', period.end),
    scope,
    { branch: 's.branch_id', agent: 's.agent_id' },
  );
}

/** Inbound contacts logged in the period, in the scope (by the agent who took them). */
function inboundContacts(db: DbOrTrx, scope: KpiScope, period: KpiPeriod) {
  return scopeKpi(db('service_interactions as i').where('i.direction', 'inbound').where('i.occurred_at', '>=', period.start).where('i.occurred_at', '<', period.end), scope, {
    branch: 'i.branch_id',
    agent: 'i.agent_id',
  });
}
