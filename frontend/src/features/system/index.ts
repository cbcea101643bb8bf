// Version, environment and business date: the header's badge, the home page's panel.
export { systemInfoQueryOptions, useBusinessDate, useSystemInfo } from './api/get-system-info';
export { EnvironmentBadge } from './components/EnvironmentBadge';
export { SystemInfoPanel } from './components/SystemInfoPanel';
