// The server killed (SIGKILL) in the middle of a burst of payments, then started again and every
// request retried with its Idempotency-Key: every acknowledged payment exists exactly once, every
// key made exactly one payment, and the ledger balances. The server runs as a real child process on
// a database of its own, loaded with the demo data (local mode).
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../../db';
import { createMigratedDatabase, dropDatabase, ownerUrlOf } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';

const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
const KEY = Buffer.alloc(32, 7).toString('base64');
const BURST = 40;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function startServerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../../server.ts')], { env: { ...process.env, ...env }, stdio: 'ignore' });
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The server did not become ready');
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'agent@demo.test', password: 'Policydesk-demo-1' }),
  });
  if (!res.ok) throw new Error(`login: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

interface Attempt {
  key: string;
  body: { policyId: string; method: 'cash'; amount: number; currency: string };
}

const post = (base: string, token: string, a: Attempt) =>
  fetch(`${base}/api/payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': a.key },
    body: JSON.stringify(a.body),
  });

describe('payments survive a crash', () => {
  it(
    'kill -9 during a burst, restart, retry every request with its key: each acknowledged payment exists once, each key made one payment, the ledger balances',
    async () => {
      const url = await createMigratedDatabase(adminUrl, 'policydesk_crash', { migrate: false });
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-crash-'));
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        DATABASE_URL: url,
        MIGRATION_DATABASE_URL: ownerUrlOf(url),
        PORT: String(port),
        DATA_DIR: dataDir,
        JOBS_ENABLED: 'false',
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: '0',
        LOGIN_RATE_LIMIT_PER_MINUTE: '0',
        PASSWORD_HASH_COST: '4',
        JWT_SIGNING_KEY: KEY,
        FIELD_ENCRYPTION_KEY: `crash1:${KEY}`,
        BLIND_INDEX_KEY: KEY,
      };
      let child = startServerProcess(env);
      try {
        await waitReady(base, child);
        let token = await login(base);
        const policies = (await (await fetch(`${base}/api/policies?limit=5`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
          items: { id: string; currency: string }[];
        };
        const policy = policies.items[0]!;
        const attempts: Attempt[] = Array.from({ length: BURST }, (_, i) => ({
          key: crypto.randomUUID(),
          body: { policyId: policy.id, method: 'cash', amount: 1_00 + i, currency: policy.currency },
        }));

        // The burst: the server is killed once a few payments have been acknowledged.
        const acknowledged = new Map<string, string>();
        const killed = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        let killSent = false;
        await Promise.all(
          attempts.map(async (a, i) => {
            await new Promise((r) => setTimeout(r, i * 15));
            try {
              const res = await post(base, token, a);
              if (res.status === 201) acknowledged.set(a.key, ((await res.json()) as { id: string }).id);
            } catch {
              // connection reset by the kill: unacknowledged
            }
            if (!killSent && acknowledged.size >= 5) {
              killSent = true;
              child.kill('SIGKILL');
            }
          }),
        );
        if (!killSent) child.kill('SIGKILL');
        await killed;
        expect(acknowledged.size).toBeGreaterThanOrEqual(5);
        expect(acknowledged.size).toBeLessThan(BURST);

        // Restart and retry everything with the same keys.
        child = startServerProcess(env);
        await waitReady(base, child);
        token = await login(base);
        const finalIds = new Map<string, string>();
        for (const a of attempts) {
          const res = await post(base, token, a);
          expect(res.status).toBe(201);
          const id = ((await res.json()) as { id: string }).id;
          finalIds.set(a.key, id);
          if (acknowledged.has(a.key)) {
            expect(res.headers.get('idempotent-replayed')).toBe('true');
            expect(id).toBe(acknowledged.get(a.key));
          }
        }
        expect(new Set(finalIds.values()).size).toBe(BURST);

        const paymentsRes = await fetch(`${base}/api/policies/${policy.id}/payments?limit=100`, { headers: { Authorization: `Bearer ${token}` } });
        const recorded = ((await paymentsRes.json()) as { items: { id: string; amount: number }[] }).items.filter((p) => [...finalIds.values()].includes(p.id));
        expect(recorded).toHaveLength(BURST);
        expect(recorded.map((p) => p.amount).sort((x, y) => x - y)).toEqual(attempts.map((a) => a.body.amount).sort((x, y) => x - y));
      } finally {
        child.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 300));
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      // The ledger balances, and each payment posted exactly one paymentReceived entry.
      const db = createDb({ url });
      try {
        const imbalance = await db('postings').select(db.raw("coalesce(sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END), 0)::bigint AS d"));
        expect(Number(imbalance[0].d)).toBe(0);
        const doubled = await db('journal_entries')
          .where({ source_type: 'payment' })
          .whereNull('reverses_entry_id')
          .groupBy('source_id')
          .havingRaw('count(*) > 1')
          .select('source_id');
        expect(doubled).toEqual([]);
      } finally {
        await db.destroy();
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
