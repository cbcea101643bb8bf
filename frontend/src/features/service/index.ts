import { IconChecklist, IconListCheck, IconUsersGroup } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { lazyComponent } from '@/lib/lazy-page';
import { serviceAuditLabels } from './audit-labels';
import { serviceHomeTiles } from './home-tiles';
import { logCallSpotlightSource } from './log-call-spotlight-source';
import { onboardingOverviewSection } from './onboarding-section';
import { MY_WORK_PATH, PLAYBOOK_TEMPLATES_PATH, serviceRoutes, TEAM_PATH } from './routes';

/** Service desk: "My work", the case workspace, the team queue, playbook templates, logging a call (also from Ctrl/Cmd+K),
 *  and on the customer page the timeline and "Start a playbook…". */
export const serviceFeature = {
  routes: serviceRoutes,
  navigation: [
    { label: 'My work', to: MY_WORK_PATH, icon: IconChecklist, permission: 'tasks:read' },
    { label: 'Team queue', to: TEAM_PATH, icon: IconUsersGroup, permission: 'service-team:read' },
    { label: 'Onboarding playbooks', to: PLAYBOOK_TEMPLATES_PATH, icon: IconListCheck, permission: 'playbooks:manage' },
  ] satisfies NavigationEntry[],
  auditLabels: serviceAuditLabels,
  spotlightSources: [logCallSpotlightSource],
  homeTiles: serviceHomeTiles,
  customerSections: [onboardingOverviewSection],
  policyPanels: [
    lazyComponent(
      () => import('./components/PolicyOnboardingPanel'),
      (m) => m.PolicyOnboardingPanel,
    ),
  ],
  customerPanels: [
    lazyComponent(
      () => import('./components/CustomerTimelinePanel'),
      (m) => m.CustomerTimelinePanel,
    ),
  ],
  customerActions: [
    lazyComponent(
      () => import('./components/StartPlaybookButton'),
      (m) => m.StartPlaybookButton,
    ),
  ],
};

export { LogCallModal } from './components/LogCallModal';

/** The public survey page (`/survey/:token`, no login): loaded on its own, outside the console. */
export const loadSurveyPage = () => import('./pages/survey').then((m) => ({ Component: m.SurveyPage }));
