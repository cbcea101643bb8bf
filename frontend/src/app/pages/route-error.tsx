import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorPage } from '@/components/ErrorPage';

/** errorElement of the router: full page at the root, inside the shell for console pages. */
export function RouteErrorPage({ fullPage = true }: { fullPage?: boolean }) {
  const error = useRouteError();
  const shown = isRouteErrorResponse(error) ? new Error(`${error.status} ${error.statusText}`) : error;
  return <ErrorPage error={shown} fullPage={fullPage} />;
}
