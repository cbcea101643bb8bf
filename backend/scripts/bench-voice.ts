// `npm run bench:voice`: issue 17's speed targets on the volume customers (npm run seed:volume, which
// without options loads 1,000,000 customers: see cli/volume-customers.ts; this script loads nothing).
// - The inbound-call webhook, through the real server at 20 concurrent calls, beside a bare Express
//   hello-world measured in the same run: each connection plays call after call, each a new call id
//   from the phone number of an existing customer (one living customer with that number, picked at
//   random from the database) to an active phone line open now (the demo's "Claims hotline" is open
//   around the clock; BENCH_LINE picks another), as Telnyx would: `incoming` (signature check, caller
//   lookup, the call written; the server answers the menu), then the menu's first key (`menu`: the
//   case opened or joined, the call logged as an interaction, the call ringing in its queue). Every
//   request is signed with the local-mode keys of DATA_DIR/secrets.json, as `npm run call:simulate`
//   signs (voice/local-signer.ts); non-2xx answers count as errors. The callers stay in the queue (no
//   final status), as call:simulate --wait leaves them. Target: p99 ≤ 200 ms for each webhook.
// - The outbox worker: 10,000 messages queued through the notifications service's `enqueue` (batches
//   of 500 in a transaction, half emails and half texts, to test recipients), then `sendDue` — what
//   the notifications.send job runs — in this process, with the local sinks (an SMTP sink started here
//   and the SMS sink), until none of them is pending. Target: ≥ 200 messages a second. Texts wait
//   out quiet hours, so at night the worker's clock is set to the end of them (printed).
// Uses DATABASE_URL, or the embedded database under DATA_DIR; local mode only (the signing keys).
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { withTransaction } from '../src/db';
import { Clock } from '../src/platform/clock';
import { createLogger } from '../src/platform/logger';
import { createSharedServices } from '../src/modules/shared-services';
import { buildServiceDesk } from '../src/modules/service/service-desk';
import { outsideQuietHours } from '../src/modules/notifications/quiet-hours';
import { SmtpSink } from '../src/modules/notifications/sink';
import { localWebhookSigner } from '../src/modules/voice/local-signer';
import { DURATION_S, fixed as f, http, openBenchDatabase, startServers, verdict, type Figures, type MadeRequest, type RequestMaker, type Servers } from './bench-support';

const MIN_CUSTOMERS = Number(process.env.BENCH_MIN_CUSTOMERS ?? 1_000_000);
/** Concurrent calls (issue 17: 20). */
const CALLS = 20;
/** Distinct callers picked from the customers (so that few calls join a case opened earlier in the run). */
const CALLERS = Number(process.env.BENCH_CALLERS ?? 5_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const BATCH = 500;
const TEMPLATE = 'payment-receipt';
const PROVIDER = 'telnyx';

const statuses = (h: Figures) => {
  const entries = Object.entries(h.errorStatuses ?? {});
  return entries.length ? ` (${entries.map(([status, n]) => `${n}× ${status}`).join(', ')})` : '';
};
const attr = (tag: string, name: string) => tag.match(new RegExp(`${name}="([^"]*)"`))?.[1]?.replace(/&amp;/g, '&');

interface Line {
  id: string;
  number: string;
  name: string;
  calendar_id: string;
  menu: { digit: string; queue: string }[];
}

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  const signer = localWebhookSigner(config, 'bench:voice');
  const clock = new Clock(config.businessTimeZone);
  const logger = createLogger('warn');
  const services = createSharedServices(db, clock, config, { logger });
  services.callIntake.bind(buildServiceDesk({ db, clock, config, services }));
  let servers: Servers | undefined;
  try {
    const customers = Number((await db('customers').count({ n: '*' }))[0]!.n);
    if (customers < MIN_CUSTOMERS) throw new Error(`Only ${customers} customers (BENCH_MIN_CUSTOMERS ${MIN_CUSTOMERS}): load the volume data first (npm run seed:volume).`);

    // The line: an active one with a menu whose business hours are open now (else callers get the voicemail).
    const lines: Line[] = await db('voice_phone_lines')
      .where({ active: true })
      .modify((q) => (process.env.BENCH_LINE ? q.where({ number: process.env.BENCH_LINE }) : q))
      .orderBy('number')
      .select('id', 'number', 'name', 'calendar_id', 'menu');
    let line: Line | undefined;
    for (const l of lines) if (!line && l.menu.length && (await services.callIntake.isOpen(db, l.calendar_id, clock.now()))) line = l;
    if (!line) throw new Error('No active phone line with a menu is open now (the demo data\'s "Claims hotline" is open around the clock; BENCH_LINE names one).');
    const key = line.menu[0]!;

    // The callers: customers whose phone number no other living customer has (identified at once), at random.
    const percent = Math.min(100, (100 * 4 * CALLERS) / Math.max(customers, 1));
    const callers: string[] = (
      await db.raw(
        `SELECT c.phone FROM customers c TABLESAMPLE SYSTEM (${percent})
          WHERE c.phone LIKE '+%' AND c.status <> 'merged'
            AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.phone = c.phone AND o.id <> c.id AND o.status <> 'merged')
          ORDER BY random() LIMIT ?`,
        [CALLERS],
      )
    ).rows.map((r: { phone: string }) => r.phone);
    if (!callers.length) throw new Error('No customer with a phone number of their own: load the volume data first (npm run seed:volume).');

    // Each connection plays its calls one after the other: incoming, then the menu key the server's Gather asks for.
    const run = crypto.randomBytes(4).toString('hex');
    let calls = 0;
    let routed = 0;
    let unrouted = 0;
    let warm = true;
    const signed = (call: { sid: string; from: string }, label: string, path: string, params: Record<string, string>, onResponse: MadeRequest['onResponse']): MadeRequest => {
      const all = { CallSid: call.sid, AccountSid: 'ACbench', From: call.from, To: line.number, ...params };
      const body = new URLSearchParams(all).toString();
      return { label, method: 'POST', path, body, headers: signer.headers(PROVIDER, path, all, body), onResponse };
    };
    const playCalls: RequestMaker = (context) => {
      const pending = context.menu as { call: { sid: string; from: string }; path: string } | undefined;
      context.menu = undefined;
      if (pending)
        return signed(pending.call, 'menu', pending.path, { Digits: key.digit }, (status, document) => {
          if (status < 300 && document.includes('<Enqueue')) routed++;
          else unrouted++;
        });
      const call = { sid: `${warm ? 'WARM' : 'BENCH'}${run}${(calls++).toString(36)}`, from: callers[calls % callers.length]! };
      return signed(call, 'incoming', `/api/voice/${PROVIDER}/incoming`, { CallStatus: 'ringing' }, (status, document) => {
        const gather = status < 300 ? document.match(/<Gather[^>]*>/)?.[0] : undefined;
        const action = gather && attr(gather, 'action');
        if (action?.includes('/menu')) context.menu = { call, path: action };
        else unrouted++;
      });
    };

    servers = await startServers(databaseUrl, config.appEnv, CALLS);
    // Warm-up (untimed): a round of calls played to the end, so the measurement starts on a warm server.
    const appUrl = servers.appUrl;
    const send = async (request: MadeRequest) => {
      const res = await fetch(`${appUrl}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
      request.onResponse?.(res.status, await res.text());
    };
    await Promise.all(
      Array.from({ length: CALLS }, async () => {
        const context: Record<string, unknown> = {};
        await send(playCalls(context));
        if (context.menu) await send(playCalls(context));
      }),
    );
    [calls, routed, unrouted, warm] = [0, 0, 0, false];
    const hello = await http(servers.helloUrl, ['/hello'], {}, { connections: CALLS });
    const webhooks = await http(servers.appUrl, [playCalls], {}, { connections: CALLS });
    servers.stop();
    servers = undefined;
    const incoming = webhooks.byLabel?.incoming;
    const menu = webhooks.byLabel?.menu;
    const [written] = (
      await db.raw(
        `SELECT count(*) FILTER (WHERE case_id IS NOT NULL AND interaction_id IS NOT NULL) AS logged, count(*) FILTER (WHERE caller_match = 'identified') AS identified
           FROM voice_calls WHERE provider = ? AND call_id LIKE ?`,
        [PROVIDER, `BENCH${run}%`],
      )
    ).rows as { logged: string; identified: string }[];

    const ratio = (h: Figures | undefined) => (h ? `${f((100 * h.rps) / hello.rps, 0)}% of hello world` : 'not measured');
    const row = (label: string, h: Figures | undefined) =>
      `| ${label} | ${f(h?.p50)} | ${f(h?.p95)} | ${f(h?.p99)} | ${f(h?.rps, 0)} | ${h === webhooks ? `${h.errors ?? 0}${statuses(h)}` : ''} |`;
    process.stdout.write(
      [
        `Customers ${customers.toLocaleString('en-US')}; line ${line.name} (${line.number}), key ${key.digit} (${key.queue}); ${callers.length.toLocaleString('en-US')} callers; ` +
          `${CALLS} concurrent calls, ${DURATION_S} s per measurement, Node ${process.version}`,
        '',
        '| request | p50 ms | p95 ms | p99 ms | req/s | errors |',
        '| --- | --- | --- | --- | --- | --- |',
        row('Hello world (bare Express)', hello),
        row('POST /api/voice/telnyx/incoming (signature, caller lookup, call written)', incoming),
        row('POST /api/voice/telnyx/menu (key pressed: case and interaction written, call ringing)', menu),
        row('Both webhooks', webhooks),
        '',
        `Calls ${calls.toLocaleString('en-US')}: ${routed.toLocaleString('en-US')} routed to the ${key.queue} queue, ${unrouted} not; ` +
          `${Number(written!.identified).toLocaleString('en-US')} callers identified, ${Number(written!.logged).toLocaleString('en-US')} calls with their case and interaction`,
        '',
      ].join('\n') + '\n',
    );

    // The outbox: queue the messages, then the worker as the job runs it, until none is pending.
    const realNow = clock.now();
    const at = outsideQuietHours(realNow, config.businessTimeZone);
    if (at.getTime() !== realNow.getTime()) clock.set(at);
    const sink = new SmtpSink(db, clock, logger);
    services.notifications.useSmtpServer(await sink.start());
    const outbox = await (async () => {
      try {
        process.stderr.write('Outbox: sending what was due already (untimed)…\n');
        await services.notifications.sendDue({ maxMessages: Number.MAX_SAFE_INTEGER });
        const queueStarted = performance.now();
        for (let from = 0; from < MESSAGES; from += BATCH) {
          await withTransaction(db, async (trx) => {
            for (let i = from; i < Math.min(from + BATCH, MESSAGES); i++) {
              const sms = i % 2 === 1;
              await services.notifications.enqueue(trx, {
                channel: sms ? 'sms' : 'email',
                template: TEMPLATE,
                recipient: sms ? `+1202555${String(i % 10_000).padStart(4, '0')}` : `bench-voice-${i}@bench.test`,
                data: { customerName: 'Bench Customer', paymentNumber: `PAY-BENCH-${i}`, amount: '$12.34', receivedOn: '2026-12-07' },
                idempotencyKey: `bench-voice:${run}:${i}`,
                purpose: 'service',
              });
            }
          });
        }
        const queueSeconds = (performance.now() - queueStarted) / 1000;
        process.stderr.write(`Outbox: ${MESSAGES} messages queued in ${f(queueSeconds, 2)} s; sending…\n`);
        const pending = async () =>
          Number(
            (await db('notification_outbox').where('idempotency_key', 'like', `bench-voice:${run}:%`).whereIn('status', ['pending', 'failed', 'sending']).count({ n: '*' }))[0]!.n,
          );
        const started = performance.now();
        const report = { sent: 0, failed: 0, dead: 0, superseded: 0 };
        let runs = 0;
        while ((await pending()) > 0 && runs < 100) {
          const r = await services.notifications.sendDue({ maxMessages: MESSAGES });
          runs++;
          for (const k of Object.keys(report) as (keyof typeof report)[]) report[k] += r[k];
          if (r.sent + r.failed + r.dead + r.superseded === 0) break; // nothing due (failed ones wait for their backoff)
        }
        return { queueSeconds, seconds: (performance.now() - started) / 1000, report, runs, left: await pending() };
      } finally {
        services.notifications.close();
        await sink.stop();
      }
    })();
    const perSecond = outbox.report.sent / outbox.seconds;

    const webhookErrors = webhooks.errors ?? 0;
    process.stdout.write(
      [
        `Outbox at ${at.toISOString()}${at.getTime() === realNow.getTime() ? '' : ' (the end of quiet hours: texts wait till then)'}: ` +
          `${MESSAGES.toLocaleString('en-US')} messages (${TEMPLATE}, half emails, half texts) queued in ${f(outbox.queueSeconds, 2)} s; ` +
          `sent ${outbox.report.sent.toLocaleString('en-US')} in ${f(outbox.seconds, 2)} s (${outbox.runs} sendDue runs): ${f(perSecond, 0)} a second; ` +
          `${outbox.report.failed} failed, ${outbox.report.dead} dead, ${outbox.left} still pending`,
        '',
        verdict((incoming?.p99 ?? Infinity) <= 200, `Incoming-call webhook: p99 ${f(incoming?.p99)} ms ≤ 200 ms at ${CALLS} concurrent calls (${ratio(incoming)})`),
        verdict((menu?.p99 ?? Infinity) <= 200, `Menu webhook (case and interaction written): p99 ${f(menu?.p99)} ms ≤ 200 ms at ${CALLS} concurrent calls (${ratio(menu)})`),
        verdict(!webhookErrors, `Webhooks: no errors (${webhookErrors})`),
        verdict(
          routed > 0 && unrouted === 0 && Number(written!.identified) >= routed && Number(written!.logged) >= routed,
          'Every call identified its caller and was routed to the queue with its case and interaction',
        ),
        verdict(perSecond >= 200 && outbox.left === 0, `Outbox worker: ${f(perSecond, 0)} messages a second ≥ 200, none left pending`),
        verdict(!outbox.report.failed && !outbox.report.dead, 'Outbox worker: no failures'),
      ].join('\n') + '\n',
    );
  } finally {
    servers?.stop();
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
