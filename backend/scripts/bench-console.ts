// `npm run bench:console`: the console's first load, measured in headless Chromium (the system one)
// against the built app on this machine, beside the time to fetch `/livez` as the floor. Prints the
// median of several runs of each and verdicts against the targets:
//   - login page JavaScript ≤ 200 KB as transferred (compressed);
//   - the customer page and the quote builder show their content ≤ 0.8 s from navigation (timed in
//     the page: navigation start to the DOM change that completes the content);
//   - a warm reload of the customer page ≤ 0.5 s.
// Uses DATABASE_URL, or the embedded database under DATA_DIR (demo data is loaded in local mode).
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { fixed as f, openBenchDatabase, startServers, verdict } from './bench-support';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const DEMO_AGENT = { email: 'agent@demo.test', password: 'Policydesk-demo-1' };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** What a page shows once its content is there: an element matching `selector` whose text starts with `text`. */
interface Mark {
  selector: string;
  text: string;
}

/**
 * Runs in every page of the context before its own scripts: notes the time from navigation start
 * (`performance.now()` in the new document) at which every mark of `window.__benchMarks` is in the
 * document, watching each DOM change — not Playwright's polling of the page, which waits up to
 * 500 ms between looks and so adds its own delay to what it measures.
 */
// A string, not a function: tsx (esbuild, keepNames) would wrap a function's inner functions in a
// `__name` helper the page does not have.
const watchForMarks = `(() => {
  const present = (mark) => [...document.querySelectorAll(mark.selector)].some((e) => (e.textContent ?? '').trim().startsWith(mark.text));
  const check = () => {
    if (window.__benchShownAt === undefined && window.__benchMarks?.length && window.__benchMarks.every(present)) window.__benchShownAt = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Navigates (or reloads) and answers the time from navigation start until every mark was in the page. */
async function shownAfter(page: Page, marks: Mark[], navigate: () => Promise<unknown>, seen: () => Promise<unknown>): Promise<{ inPage: number; seenByPlaywright: number }> {
  await page.context().addInitScript(`window.__benchMarks = ${JSON.stringify(marks)};`);
  const seenByPlaywright = await timed(() => navigate().then(seen));
  const inPage = (await page.evaluate('window.__benchShownAt')) as number | undefined;
  if (inPage === undefined) throw new Error(`The page never held ${JSON.stringify(marks)}`);
  return { inPage, seenByPlaywright };
}

/** A fresh context (empty cache) logged in through the login page, as an agent starts the day. */
async function loggedInContext(browser: Browser, appUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: appUrl, viewport: { width: 1440, height: 900 } });
  await context.addInitScript(watchForMarks);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).fill(DEMO_AGENT.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_AGENT.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
  return { context, page };
}

/** JavaScript the login page loads, as transferred (compressed) bytes, on an empty cache. */
async function loginPageScriptBytes(browser: Browser, appUrl: string): Promise<{ bytes: number; files: number }> {
  const context = await browser.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  const scripts: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.sizes().then((s) => s.responseBodySize));
  });
  await page.goto('/login', { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  const sizes = await Promise.all(scripts);
  await context.close();
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: sizes.length };
}

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  let servers: Awaited<ReturnType<typeof startServers>> | undefined;
  let browser: Browser | undefined;
  try {
    servers = await startServers(databaseUrl, config.appEnv);
    const { appUrl } = servers;
    // A demo customer of the agent's branch with policies: the page an agent opens most.
    const customer = await db('customers as c')
      .join('branches as b', 'b.id', 'c.branch_id')
      .join('policies as p', 'p.customer_id', 'c.id')
      .where('b.code', 'NORTH')
      .whereNot('c.status', 'merged')
      .first('c.id', 'c.first_name', 'c.last_name');
    if (!customer) throw new Error('No demo customer with a policy in North: start once in local mode (APP_ENV=local) so the demo data loads.');
    const heading = `${customer.first_name} ${customer.last_name}`;

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const floor: number[] = [];
    for (let i = 0; i < RUNS * 3; i++) floor.push(await timed(() => fetch(`${appUrl}/livez`).then((r) => r.text())));

    const login = await loginPageScriptBytes(browser, appUrl);
    const customerPage: number[] = [];
    const quoteBuilder: number[] = [];
    const warmReload: number[] = [];
    const polled = { customerPage: [] as number[], quoteBuilder: [] as number[], warmReload: [] as number[] };
    const customerMarks: Mark[] = [
      { selector: 'h1', text: heading },
      { selector: 'h2', text: 'Policies, claims and other records' },
    ];
    const quoteMarks: Mark[] = [
      { selector: 'h2', text: 'New quote' },
      { selector: 'label', text: 'Product' },
    ];
    for (let run = 0; run < RUNS; run++) {
      const { context, page } = await loggedInContext(browser, appUrl);
      // Each is a full navigation (a typed address or a link from another app), the shell's assets
      // cached from the login as they would be.
      const content = () => Promise.all([page.getByRole('heading', { name: heading, level: 1 }).waitFor(), page.getByText('Policies, claims and other records').waitFor()]);
      const shown = await shownAfter(page, customerMarks, () => page.goto(`/customers/${customer.id}`), content);
      customerPage.push(shown.inPage);
      polled.customerPage.push(shown.seenByPlaywright);
      const reloaded = await shownAfter(page, customerMarks, () => page.reload(), content);
      warmReload.push(reloaded.inPage);
      polled.warmReload.push(reloaded.seenByPlaywright);
      const builder = await shownAfter(
        page,
        quoteMarks,
        () => page.goto(`/customers/${customer.id}/quotes/new`),
        () => page.getByRole('region', { name: 'New quote' }).getByRole('combobox', { name: 'Product' }).waitFor(),
      );
      quoteBuilder.push(builder.inPage);
      polled.quoteBuilder.push(builder.seenByPlaywright);
      await context.close();
    }

    const figures: [string, number, number][] = [
      ['Floor: fetch /livez', median(floor), 0],
      ['Customer page, content shown', median(customerPage), 800],
      ['Quote builder, form shown', median(quoteBuilder), 800],
      ['Customer page, warm reload', median(warmReload), 500],
    ];
    const lines = [
      `Console first load: median of ${RUNS} runs, headless Chromium, Node ${process.version}`,
      '',
      '| measurement | median ms | target ms |',
      '| --- | --- | --- |',
      ...figures.map(([label, ms, target]) => `| ${label} | ${f(ms)} | ${target || '—'} |`),
      `| (seen by Playwright's polling: customer page ${f(median(polled.customerPage))}, quote builder ${f(median(polled.quoteBuilder))}, warm reload ${f(median(polled.warmReload))}) | | |`,
      `| Login page JavaScript (transferred) | ${f(login.bytes / 1024)} KB in ${login.files} files | 200 KB |`,
      '',
      verdict(login.bytes <= 200 * 1024, `login page JavaScript ${f(login.bytes / 1024)} KB ≤ 200 KB compressed`),
      ...figures.slice(1).map(([label, ms, target]) => verdict(ms <= target, `${label}: ${f(ms)} ms ≤ ${target} ms`)),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await browser?.close();
    servers?.stop();
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
