// The service module (issue 14): business-hours calendars (the business-time engine itself is
// platform/business-time.ts), SLA clocks, follow-up tasks, interactions, the customer timeline and
// "My work".
import { slaBreachesCollector } from './service.metrics';
import { SERVICE_AUDIT_ACTIONS, SERVICE_ERROR_CODES, SERVICE_PERMISSIONS } from '../../contracts/service';
import { defineModule } from '../../platform/module';
import { CallIntake } from './call-intake';
import { CaseFacts } from './case-facts';
import { serviceKpis } from './service-kpis';
import { registerCalendarRoutes } from './calendars.routes';
import { moveCustomer as moveCases, numbersOf as caseNumbersOf, openCasesOfCustomer } from './cases.repository';
import { registerCaseRoutes } from './cases.routes';
import { moveCustomer as moveInteractions } from './interactions.repository';
import { registerInteractionRoutes } from './interactions.routes';
import { serviceTimelineContributors } from './interactions.service';
import { registerMetricsRoutes } from './metrics.routes';
import { registerPlaybookRoutes } from './playbooks.routes';
import { SLA_JOB } from './sla-monitor.service';
import { buildServiceDesk } from './service-desk';
import { agentPerformanceReport, slaComplianceReport } from './service-reports';
import { registerSlaPolicyRoutes } from './sla-policies.routes';
import { NPS_JOB } from './nps-surveys';
import { TASK_REMINDERS_JOB } from './task-reminders';
import { registerSurveyRoutes } from './surveys.routes';
import { moveCustomer } from './tasks.repository';
import { registerTaskRoutes } from './tasks.routes';
import { TaskService } from './tasks.service';
import { WorkSources } from './work-sources';
import { CustomerCases } from './customer-cases';
import { casesDataset, interactionsDataset } from './service-datasets';

export interface ServiceServices {
  /**
   * Follow-up tasks for every module: `tasks.create(trx, actor | null, { title, dueAt, assigneeId |
   * branchId, priority, links, source, sourceKey })`, idempotent by (source, sourceKey).
   */
  tasks: TaskService;
  /**
   * What other modules add to "My work": `workSources.register({ name, load(db, actor, { now,
   * calendarOf, limit }) })` returning the caller's open items with their due instants.
   */
  workSources: WorkSources;
  /**
   * What telephony asks while a call goes on: a calendar open now, the case a call opens or joins
   * (the customer's same type and subject within 24 hours), the call's interaction and its completion.
   */
  callIntake: CallIntake;
  /** A case as other modules may know it (subject, customer, branch, linked policies), branch-scoped: `caseFacts.visible(db, actor, id)`. */
  caseFacts: CaseFacts;
  /** A customer's own open requests (the customer portal). */
  customerCases: CustomerCases;
}

export const serviceModule = defineModule({
  name: 'service',
  permissions: SERVICE_PERMISSIONS,
  auditActions: SERVICE_AUDIT_ACTIONS,
  errorCodes: SERVICE_ERROR_CODES,
  requires: ['audit', 'agents', 'branches', 'customerExtensions', 'customerProfiles', 'policyFacts', 'policies', 'policyTasks', 'notifications', 'kpis', 'reports'],
  provides: {
    tasks: ({ db, clock, services }) => new TaskService(db, clock, services.audit, services.agents, services.customerProfiles),
    workSources: () => new WorkSources(),
    callIntake: ({ clock }) => new CallIntake(clock),
    caseFacts: () => new CaseFacts(),
    customerCases: () => new CustomerCases(),
  },
  setup: (ctx) => {
    ctx.services.audit.registerRecordNumbers('case', caseNumbersOf);
    // Servicing's calls for the policy's agent (grace, lapse warnings, renewal offers) become tasks here.
    ctx.services.policyTasks.bind(ctx.services.tasks);
    const desk = buildServiceDesk(ctx);
    ctx.services.callIntake.bind(desk);
    for (const kpi of serviceKpis(desk.metrics)) ctx.services.kpis.register(kpi);
    ctx.services.reports.register(agentPerformanceReport(desk.metrics));
    ctx.services.reports.register(slaComplianceReport(desk.metrics));
    ctx.services.reports.datasets.register(casesDataset(ctx.config.businessTimeZone));
    ctx.services.reports.datasets.register(interactionsDataset(ctx.config.businessTimeZone));
    return desk;
  },
  jobs: (_ctx, { slaMonitor, nps, taskReminders }) => [
    // Daily: an NPS survey for each policy whose anniversary is today.
    { name: NPS_JOB, schedule: '30 7 * * *', handler: async () => void (await nps.run()) },
    // Every minute: warnings and breaches of the SLA clocks, once each, and their escalation rules.
    { name: SLA_JOB, schedule: '* * * * *', retryLimit: 0, expireInSeconds: 300, handler: async (data: { branchIds?: string[] }) => void (await slaMonitor.run(data)) },
    // Every minute: the reminders of follow-up tasks whose time has come, once each.
    {
      name: TASK_REMINDERS_JOB,
      schedule: '* * * * *',
      retryLimit: 0,
      expireInSeconds: 300,
      handler: async (data: { branchIds?: string[] }) => void (await taskReminders.run(data)),
    },
  ],
  customerExtensions: (_ctx, { interactions, playbooks }) => ({
    // The 360° view shows the newest interactions (the full timeline is GET /customers/{id}/timeline).
    overviewSections: [
      { key: 'interactions', title: 'Interactions', load: (db, actor, customerId) => interactions.overviewSection(db, actor, customerId) },
      // Onboarding progress: each playbook's milestones done (and overdue).
      { key: 'onboarding', title: 'Onboarding', load: (db, actor, customerId) => playbooks.overviewSection(db, actor, customerId) },
    ],
    // The screen pop's caller card: the customer's open cases, newest first (the call's own among them).
    callerCard: [
      {
        key: 'openCases',
        title: 'Open cases',
        order: 10,
        load: async (db, customerId) => {
          const { count, rows } = await openCasesOfCustomer(db, customerId, 5);
          return { count, items: rows.map((c) => ({ id: c.id, label: c.case_number, detail: `${c.subject} · ${c.status} · ${c.priority}`, href: `/cases/${c.id}` })) };
        },
      },
    ],
    lastContact: [{ name: 'service-interactions', load: (db, customerIds) => interactions.lastContacts(db, customerIds) }],
    // The customer timeline's own kinds (orders, policies and claims add their status changes the same way).
    timeline: serviceTimelineContributors(),
    // A customer's interactions and tasks follow a customer merge.
    mergeHandlers: [
      { name: 'service-interactions', move: (trx, { sourceId, targetId }) => moveInteractions(trx, sourceId, targetId) },
      { name: 'service-tasks', move: (trx, { sourceId, targetId }) => moveCustomer(trx, sourceId, targetId) },
      { name: 'service-cases', move: (trx, { sourceId, targetId }) => moveCases(trx, sourceId, targetId) },
    ],
  }),
  register: (ctx, { calendars, interactions, myWork, cases, policies, surveys, metrics, team, playbooks }) => {
    registerPlaybookRoutes(ctx, playbooks);
    ctx.metrics.registerCollector(slaBreachesCollector());
    registerMetricsRoutes(ctx, metrics, team);
    registerSurveyRoutes(ctx, surveys, cases);
    registerCalendarRoutes(ctx, calendars);
    registerSlaPolicyRoutes(ctx, policies);
    registerTaskRoutes(ctx, ctx.services.tasks, myWork);
    registerInteractionRoutes(ctx, interactions);
    registerCaseRoutes(ctx, cases);
  },
});
