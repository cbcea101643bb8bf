// Builds the service desk's own services and wires them together (the module's setup, and scripts
// such as the demo seed that work through the same services).
import type { Config } from '../../config';
import type { Db } from '../../db';
import type { Clock } from '../../platform/clock';
import type { SharedServices } from '../shared-services';
import { CalendarsService } from './calendars.service';
import { CaseClocks } from './case-clocks';
import { CasesService } from './cases.service';
import { ClocksService } from './clocks.service';
import { EscalationsService } from './escalations.service';
import { InteractionsService } from './interactions.service';
import { MetricsService } from './metrics.service';
import { MyWorkService } from './my-work.service';
import { NpsSurveys } from './nps-surveys';
import { PlaybooksService } from './playbooks.service';
import { SlaMonitor } from './sla-monitor.service';
import { SlaPoliciesService } from './sla-policies.service';
import { SurveysService } from './surveys.service';
import { TaskReminders } from './task-reminders';
import { TeamService } from './team.service';

export function buildServiceDesk({
  db,
  clock,
  config,
  services,
}: {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'businessTimeZone' | 'publicUrl'>;
  services: Pick<
    SharedServices,
    'audit' | 'agents' | 'branches' | 'customerExtensions' | 'customerProfiles' | 'policyFacts' | 'policies' | 'tasks' | 'notifications' | 'workSources' | 'reads'
  >;
}) {
  const calendars = new CalendarsService(db, clock, services.audit, config.businessTimeZone);
  const interactions = new InteractionsService(db, clock, services.audit, services.customerProfiles, services.customerExtensions, services.reads);
  const clocks = new ClocksService(clock, calendars);
  const policies = new SlaPoliciesService(db, clock, services.audit);
  const caseClocks = new CaseClocks(clocks, policies);
  const escalations = new EscalationsService(clock, services.audit, services.agents, services.tasks, calendars, policies, caseClocks);
  const surveys = new SurveysService(db, clock, services.audit, services.agents, services.tasks, calendars, services.notifications, services.customerProfiles, config.publicUrl);
  const cases = new CasesService(db, clock, services.audit, services.agents, services.customerProfiles, caseClocks, escalations, interactions, services.tasks, surveys);
  const nps = new NpsSurveys(db, clock, services.policyFacts, surveys);
  // Interactions about a case drive its response clocks (and may escalate it).
  interactions.onCaseInteraction = (trx, actor, caseId, direction) => cases.onInteraction(trx, actor, caseId, direction);
  const myWork = new MyWorkService(db, clock, calendars, services.tasks, cases, services.workSources);
  const slaMonitor = new SlaMonitor(db, clock, calendars, clocks, policies, escalations);
  const taskReminders = new TaskReminders(db, clock, services.notifications, config.publicUrl);
  const playbooks = new PlaybooksService(
    db,
    clock,
    services.audit,
    services.agents,
    services.customerProfiles,
    services.policyFacts,
    calendars,
    clocks,
    services.tasks,
    services.notifications,
  );
  // Onboarding milestones: done tasks fulfil their clocks, breaches alert the branch, issued policies start playbooks.
  services.tasks.onCompleted = (trx, actor, taskId) => playbooks.onTaskCompleted(trx, actor, taskId);
  slaMonitor.alerts = (trx, taskId) => playbooks.alertBreach(trx, taskId);
  services.policies.onIssued('service-onboarding', (trx, actor, policy) => playbooks.onPolicyIssued(trx, actor, policy));
  const metrics = new MetricsService(db, clock, calendars, services.branches);
  const team = new TeamService(db, clock, calendars, services.agents, services.tasks, cases);
  return { calendars, clocks, interactions, myWork, cases, policies, slaMonitor, taskReminders, surveys, nps, metrics, team, playbooks };
}
