// The customer portal (/portal): its own routes, session and API client; nothing of staff's console.
export const loadPortalApp = () => import('./pages/PortalApp').then((m) => ({ Component: m.PortalApp }));
