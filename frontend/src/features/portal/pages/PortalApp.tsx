// /portal — the customer portal: its own routes, session and layout (phone first), the console's
// design system. Signed-out pages: log in, register; the rest needs a portal session.
import { Anchor, AppShell, Button, Container, Group } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { BrandMark } from '@/components/BrandMark';
import { LoadingState } from '@/components/LoadingState';
import { portalApi, portalSession, restorePortalSession } from '../api/portal-client';
import { portalKeys } from '../api/portal-queries';
import { PortalHomePage } from './home';
import { PortalInvoicesPage } from './invoices';
import { PortalLoginPage } from './login';
import { PortalPolicyPage } from './policy';
import { PortalRegisterPage } from './register';

function SignedIn({ children }: { children: ReactNode }) {
  const customer = useSyncExternalStore(portalSession.subscribe, portalSession.getSnapshot);
  const [restoring, setRestoring] = useState(customer === null);
  const location = useLocation();
  useEffect(() => {
    if (customer !== null) return;
    let active = true;
    void restorePortalSession().then(() => active && setRestoring(false));
    return () => {
      active = false;
    };
  }, [customer]);
  if (customer) return <PortalShell>{children}</PortalShell>;
  if (restoring) return <LoadingState label="Opening your account…" />;
  return <Navigate to="/portal/login" replace state={{ from: location.pathname }} />;
}

function PortalShell({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const link = { component: NavLink, fw: 600, size: 'md', py: 'xs' } as const;
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Container size="sm" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor component={NavLink} to="/portal" underline="never" c="inherit" aria-label="Policydesk — home">
              <BrandMark />
            </Anchor>
            <Group gap="sm" wrap="nowrap" component="nav" aria-label="Portal">
              <Anchor {...link} to="/portal" end>
                Home
              </Anchor>
              <Anchor {...link} to="/portal/invoices">
                Invoices
              </Anchor>
              <Button
                variant="subtle"
                size="sm"
                leftSection={<IconLogout size={16} aria-hidden />}
                onClick={async () => {
                  await portalApi.logout();
                  queryClient.removeQueries({ queryKey: portalKeys.all });
                  await navigate('/portal/login');
                }}
              >
                Log out
              </Button>
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="sm" px={0}>
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

export function PortalApp() {
  return (
    <Routes>
      <Route path="login" element={<PortalLoginPage />} />
      <Route path="register" element={<PortalRegisterPage />} />
      <Route
        index
        element={
          <SignedIn>
            <PortalHomePage />
          </SignedIn>
        }
      />
      <Route
        path="policies/:id"
        element={
          <SignedIn>
            <PortalPolicyPage />
          </SignedIn>
        }
      />
      <Route
        path="invoices"
        element={
          <SignedIn>
            <PortalInvoicesPage />
          </SignedIn>
        }
      />
      <Route path="*" element={<Navigate to="/portal" replace />} />
    </Routes>
  );
}
