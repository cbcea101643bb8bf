// A record page opened by its address (a bookmark, a link in an email, a reload) asks for what it
// needs at once, not one thing after another (issue 16, "load a record page's data in parallel").
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createCustomer, uniqueSurname } from './support/customers';
import { apiSession, logIn } from './support/session';

/** The order in which requests start and finish, as `start <name>` and `end <name>`, named by `name`. */
function recordSequence(page: Page, name: (url: URL) => string | null): string[] {
  const events: string[] = [];
  page.on('request', (request) => {
    const label = name(new URL(request.url()));
    if (label) events.push(`start ${label}`);
  });
  page.on('requestfinished', (request) => {
    const label = name(new URL(request.url()));
    if (label) events.push(`end ${label}`);
  });
  return events;
}

test('a customer page opened by its address fetches its code while the session is restored and its premium due beside the record', async ({ page, request }) => {
  const agent = await apiSession(request, 'agent@demo.test');
  const lastName = uniqueSurname('Firstload');
  const customer = await createCustomer(request, agent, { firstName: 'Fenna', lastName });
  await logIn(page, 'agent@demo.test');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();

  // A slow network for the session restore (the refresh answers after a second): what the page does
  // while it waits shows.
  await page.route('**/api/auth/refresh', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  const events = recordSequence(page, ({ pathname }) => {
    if (pathname === '/api/auth/refresh') return 'session restore';
    if (/\/assets\/customer-detail-[^/]+\.js$/.test(pathname)) return 'page code';
    if (pathname === `/api/customers/${customer.id}`) return 'record';
    if (pathname === `/api/customers/${customer.id}/billing`) return 'billing';
    return null;
  });
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole('heading', { name: `Fenna ${lastName}`, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Policies, claims and other records' })).toBeVisible();
  await expect.poll(() => events.includes('end billing')).toBe(true);

  const at = (event: string) => {
    const index = events.indexOf(event);
    expect(index, `${event} in ${events.join(', ')}`).toBeGreaterThanOrEqual(0);
    return index;
  };
  // The page's code is asked for while the session is restored (not once the layout shows, after it).
  expect(at('start page code'), events.join(', ')).toBeLessThan(at('end session restore'));
  // The premium due in the header is asked for before the record has arrived (not once the header shows).
  expect(at('start billing'), events.join(', ')).toBeLessThan(at('end record'));
});
