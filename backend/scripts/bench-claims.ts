// `npm run bench:claims`: claims on the volume data (npm run seed:volume -- --customers 180000
// --policies 100000 --claims 20000: every claim written as the service writes each step of its life).
// Through the real server at 10 concurrent connections, beside a bare Express hello-world measured in
// the same run:
// - the claim page: GET /api/claims/{id} (the page's main request) over 500 random claims, and the
//   requests the page makes beside it on load (history, reserves, notes; payments once approved);
// - the adjuster's worklist: GET /api/claims with the console's filters (mine, unassigned, by status;
//   newest first, pages of 25) as a claims adjuster with a median load, and the home tiles' counts
//   (one page of 100 each);
// - first notice of loss: POST /api/claims (the coverage check, the claim, its history and audit) on
//   500 random in-force policies, each request a new claim.
// Then the full ledger verification (LedgerService.verify). Uses DATABASE_URL, or the embedded database
// under DATA_DIR. `-- --plans` also prints the plans (EXPLAIN ANALYZE) of the claim page's and the
// worklist's queries.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Clock } from '../src/platform/clock';
import { addDays } from '../src/platform/calendar';
import { createSharedServices } from '../src/modules/shared-services';
import { LedgerService } from '../src/modules/billing/ledger.service';
import { hashPassword } from '../src/modules/identity/passwords';
import { OPEN_CLAIM_STATUSES } from '../src/contracts/claims';
import { CLAIM_PAGE_SQL } from '../src/modules/claims/claims.repository';
import { PAGE_LIMIT_MAX } from '../src/contracts/common';
import { benchManager, CONNECTIONS, DURATION_S, fixed as f, http, openBenchDatabase, startServers, verdict, type Figures, type HttpRequest, type Servers } from './bench-support';

const MIN_POLICIES = Number(process.env.BENCH_MIN_POLICIES ?? 100_000);
const MIN_CLAIMS = Number(process.env.BENCH_MIN_CLAIMS ?? 20_000);
/** The console's page size for the claims list (frontend/src/features/claims/api/get-claims.ts). */
const PAGE_SIZE = 25;

const statuses = (h: Figures) => {
  const entries = Object.entries(h.errorStatuses ?? {});
  return entries.length ? ` (${entries.map(([status, n]) => `${n}× ${status}`).join(', ')})` : '';
};

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  let servers: Servers | undefined;
  try {
    const [volume] = (
      await db.raw(
        `SELECT (SELECT count(*) FROM policies) AS policies, (SELECT count(*) FROM claims) AS claims,
                           (SELECT count(*) FROM claims WHERE status = ANY(?)) AS open,
                           (SELECT count(*) FROM claim_status_history) AS history, (SELECT count(*) FROM journal_entries) AS entries`,
        [[...OPEN_CLAIM_STATUSES]],
      )
    ).rows as Record<string, string>[];
    const [policies, claims] = [Number(volume!.policies), Number(volume!.claims)];
    if (policies < MIN_POLICIES || claims < MIN_CLAIMS)
      throw new Error(
        `Only ${policies} policies and ${claims} claims (BENCH_MIN_POLICIES ${MIN_POLICIES}, BENCH_MIN_CLAIMS ${MIN_CLAIMS}): load the volume data first (npm run seed:volume -- --customers 180000 --policies 100000 --claims 20000).`,
      );
    const branchIds: string[] = await db('branches').whereIn('code', ['NORTH', 'SOUTH']).pluck('id');
    const clock = new Clock(config.businessTimeZone);
    const today = clock.businessDate();
    const yesterday = addDays(today, -1);

    // The adjuster: the North claims adjuster with the median number of open claims assigned.
    const adjusters: { id: string; email: string; branch_id: string; open: string; total: string }[] = (
      await db.raw(
        `SELECT u.id, u.email, u.branch_id, count(c.id) FILTER (WHERE c.status = ANY(?)) AS open, count(c.id) AS total
           FROM users u JOIN branches b ON b.id = u.branch_id AND b.code = 'NORTH'
           LEFT JOIN claims c ON c.assignee_id = u.id
          WHERE u.role = 'claims_adjuster' AND u.active GROUP BY u.id ORDER BY 3, u.email`,
        [[...OPEN_CLAIM_STATUSES]],
      )
    ).rows;
    const adjuster = adjusters[Math.floor(adjusters.length / 2)];
    if (!adjuster) throw new Error('No claims adjuster in the North branch: seed claims first (--claims).');
    const adjusterBranch = adjuster.branch_id;

    // Inputs from the data. Claim pages: 500 claims at random in the two branches.
    const claimIds: string[] = await db('claims').whereIn('branch_id', branchIds).orderByRaw('md5(id::text)').limit(500).pluck('id');
    // First notices: 500 policies in force yesterday, each for a loss its product's catalog and its coverages answer.
    const inForce: { id: string; coverages: { code: string }[]; loss_types: { lossType: string; coverages: string[] }[] | null }[] = await db('policies as p')
      .join('product_versions as v', 'v.id', 'p.product_version_id')
      .whereIn('p.branch_id', branchIds)
      .where('p.status', 'active')
      .where('p.start_date', '<=', yesterday)
      .where('p.end_date', '>=', yesterday)
      .orderByRaw('md5(p.id::text)')
      .limit(500)
      .select('p.id', 'p.coverages', db.raw(`v.definition->'claims'->'lossTypes' AS loss_types`));
    const fnols: HttpRequest[] = inForce.flatMap((p, i) => {
      const held = new Set(p.coverages.map((c) => c.code));
      const loss = (p.loss_types ?? []).find((l) => l.coverages.some((c) => held.has(c)));
      return loss
        ? [
            {
              method: 'POST' as const,
              path: '/api/claims',
              body: {
                policyId: p.id,
                lossDate: yesterday,
                lossTime: '09:15',
                lossType: loss.lossType,
                description: 'Reported by phone: the loss happened yesterday morning.',
                location: 'Home address',
                reporter: { kind: 'policyholder', name: 'Bench Reporter', phone: `+1 555 02${String(i % 100).padStart(2, '0')}` },
                claimedAmount: 2_500_00,
              },
            },
          ]
        : [];
    });

    servers = await startServers(databaseUrl, config.appEnv);
    const { appUrl } = servers;
    // A manager of both branches (claims:create, claims:read) takes the first notices and opens claim pages.
    const { auth } = await benchManager(db, appUrl, branchIds);
    const adjusterAuth = await loginAs(db, appUrl, adjuster.id, adjuster.email);

    const approved = new Set<string>(await db('claims').whereIn('id', claimIds).whereNotNull('approved_amount').pluck('id'));
    const pageMain = claimIds.map((id) => `/api/claims/${id}`);
    const pageBeside = claimIds.flatMap((id) => [
      `/api/claims/${id}/history`,
      `/api/claims/${id}/reserves`,
      `/api/claims/${id}/notes`,
      ...(approved.has(id) ? [`/api/claims/${id}/payments`] : []),
    ]);
    const worklistFilters = [
      'assignee=me',
      'assignee=me&status=under_investigation',
      'assignee=unassigned',
      'assignee=unassigned&status=submitted',
      'status=submitted',
      'status=under_investigation',
      'status=assessed',
      'status=approved',
      'status=reopened',
      '',
    ];
    const worklist = worklistFilters.map((q) => `/api/claims?${q ? `${q}&` : ''}limit=${PAGE_SIZE}`);
    // The adjuster's home tiles (claims:investigate, claims:decide): one capped page each.
    const tiles = ['status=submitted&assignee=unassigned', 'status=under_investigation&assignee=me', 'status=assessed'].map((q) => `/api/claims?${q}&limit=${PAGE_LIMIT_MAX}`);

    const rows: [string, Figures][] = [];
    const hello = await http(servers.helloUrl, ['/hello']);
    rows.push(['Hello world (bare Express)', hello]);
    const page = await http(appUrl, pageMain, auth);
    rows.push(['GET /api/claims/{id} (claim page)', page]);
    rows.push(['Claim page, beside it: history, reserves, notes, payments', await http(appUrl, pageBeside, auth)]);
    const list = await http(appUrl, worklist, adjusterAuth);
    rows.push([`Adjuster worklist: GET /api/claims (${worklistFilters.length} filters, ${PAGE_SIZE} a page)`, list]);
    rows.push([`Adjuster home tiles (3 counts, ${PAGE_LIMIT_MAX} a page)`, await http(appUrl, tiles, adjusterAuth)]);
    const fnol = await http(appUrl, fnols, auth);
    rows.push(['POST /api/claims (first notice + coverage check)', fnol]);

    const plans: string[] = [];
    if (process.argv.includes('--plans')) {
      const explain = async (label: string, sql: string, bindings: unknown[]) => {
        const { rows: plan } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings);
        plans.push(`### ${label}\n\n\`\`\`\n${plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
      };
      // The claim page's statement itself, and the same SQL as claims.repository's listPage with keysetPage's order and limit.
      await explain('Claim page: the claim with its names, reserves, approvals and referral (one statement)', CLAIM_PAGE_SQL, [claimIds[0]]);
      const listSelect = `SELECT cl.id, cl.claim_number, cl.status, cl.policy_id, cl.customer_id, cl.branch_id, cl.loss_date, cl.loss_type, cl.claimed_amount, cl.currency,
          cl.coverage_doubtful, cl.assignee_id, cl.created_at, cl.referral_status, cl.fraud_score, cl.coverage_check->>'policyNumber' AS policy_number,
          c.customer_number, c.first_name, c.last_name, a.name AS assignee_name
        FROM claims cl JOIN customers c ON c.id = cl.customer_id LEFT JOIN users a ON a.id = cl.assignee_id`;
      for (const q of worklistFilters) {
        const params = new URLSearchParams(q);
        const where = ['cl.branch_id = $1'];
        const bindings: unknown[] = [adjusterBranch];
        if (params.get('status')) where.push(`cl.status = $${bindings.push(params.get('status'))}`);
        if (params.get('assignee') === 'me') where.push(`cl.assignee_id = $${bindings.push(adjuster.id)}`);
        if (params.get('assignee') === 'unassigned') where.push('cl.assignee_id IS NULL');
        await explain(`Worklist: ${q || 'all'}`, `${listSelect} WHERE ${where.join(' AND ')} ORDER BY cl.created_at DESC, cl.id DESC LIMIT ${PAGE_SIZE + 1}`, bindings);
      }
    }

    const services = createSharedServices(db, clock, config);
    const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
    const verifyStarted = performance.now();
    const verification = await ledger.verify();
    const verifySeconds = (performance.now() - verifyStarted) / 1000;

    const ratio = (h: Figures) => `${f((100 * h.rps) / hello.rps, 0)}% of hello world`;
    const lines = [
      `Policies: ${policies.toLocaleString('en-US')}, claims ${claims.toLocaleString('en-US')} (${Number(volume!.open).toLocaleString('en-US')} open), ` +
        `claim history rows ${Number(volume!.history).toLocaleString('en-US')}, ledger entries ${Number(volume!.entries).toLocaleString('en-US')}; ` +
        `adjuster ${adjuster.email} with ${adjuster.open} open claims (${adjuster.total} in all); ${CONNECTIONS} connections, ${DURATION_S} s per measurement, Node ${process.version}`,
      '',
      '| request | p50 ms | p95 ms | p99 ms | req/s | errors |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(([label, h]) => `| ${label} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${f(h.rps, 0)} | ${h.errors ?? 0}${statuses(h)} |`),
      '',
      `Ledger verification (verify): ${verification.entriesChecked.toLocaleString('en-US')} entries, balanced: ${verification.balanced}, ${f(verifySeconds, 2)} s`,
      '',
      verdict(fnol.p95 <= 50, `POST /api/claims (first notice with its coverage check): p95 ${f(fnol.p95)} ms ≤ 50 ms (${ratio(fnol)})`),
      verdict(!fnol.errors, 'POST /api/claims: no errors'),
      verdict(page.p95 <= 30, `Claim page GET /api/claims/{id}: p95 ${f(page.p95)} ms ≤ 30 ms (${ratio(page)})`),
      verdict(!page.errors, 'Claim page: no errors'),
      verdict(list.p95 <= 30, `Adjuster worklist GET /api/claims: p95 ${f(list.p95)} ms ≤ 30 ms (${ratio(list)})`),
      verdict(!list.errors, 'Adjuster worklist: no errors'),
      verdict(verification.balanced, 'Ledger verifies balanced'),
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (plans.length) process.stdout.write(`\n## Query plans (EXPLAIN ANALYZE, after the load)\n\n${plans.join('\n\n')}\n`);
  } finally {
    servers?.stop();
    await pool.end();
    await close();
  }
}

/** Logs in as an existing user (a volume adjuster), giving them a bench password first. */
async function loginAs(db: Awaited<ReturnType<typeof openBenchDatabase>>['db'], appUrl: string, userId: string, email: string): Promise<{ authorization: string }> {
  const password = 'Bench-adjuster-passphrase';
  await db('users')
    .where({ id: userId })
    .update({ password_hash: await hashPassword(password, 4), must_change_password: false, failed_login_count: 0, locked_until: null });
  const login = await fetch(`${appUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!login.ok) throw new Error(`bench login of ${email} failed: ${login.status}`);
  return { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
