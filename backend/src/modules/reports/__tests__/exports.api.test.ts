// Report exports through the API: queued as a pg-boss job in the request's transaction, written by
// the job batch by batch with progress, downloaded only by the requester (another user: 404), gone
// after 7 days (410) and deleted by the daily clean-up; a PDF past its row limit fails saying so; a
// job run twice writes once, a crashed run is taken over; exports of personal data are audited.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { z } from 'zod';
import { loggedIn, login, sessionAs } from '../../../../test/support/factories';
import { binary, exportReport, exportTestEnv, parseCsv, withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';
import type { DbOrTrx } from '../../../db';
import type { AppModule } from '../../../platform/module';
import { keysetBatches } from '../report-registry';
import { EXPORT_LEASE_MS, PURGE_REPORT_EXPORTS_JOB, RUN_REPORT_EXPORT_JOB } from '../report-exports.service';

// A gate the numbers report waits at before its second batch (to hold a run mid-way).
let gate: Promise<void> | null = null;

// A report registered like a product module's, its rows from PostgreSQL (generate_series), 100 a batch.
const probeModule: AppModule = {
  name: 'probe-exports',
  register: ({ services }) => {
    const numbers = (key: string, personalData: boolean) => ({
      key,
      title: `Numbers ${key}`,
      description: 'The numbers 1..count with a label and an amount',
      permission: 'policies:read' as const,
      params: z.strictObject({ count: z.number().int().min(0).max(5000), from: z.iso.date().optional() }),
      columns: [
        { key: 'n', header: 'N', type: 'integer' as const },
        { key: 'label', header: 'Label', type: 'string' as const },
        { key: 'amount', header: 'Amount', type: 'money' as const },
      ],
      personalData,
      rows: (db: DbOrTrx, _actor: unknown, params: { count: number }) =>
        (async function* () {
          let first = true;
          for await (const batch of keysetBatches<{ n: number; label: string; amount: number }, number>(
            async (after, size) =>
              (
                await db.raw(`SELECT g AS n, 'Row ' || g AS label, g * 101 AS amount FROM generate_series(?::int, ?::int) g ORDER BY g LIMIT ?`, [
                  (after ?? 0) + 1,
                  params.count,
                  size,
                ])
              ).rows,
            (r) => r.n,
            100,
          )) {
            if (!first && gate) await gate;
            first = false;
            yield batch;
          }
        })(),
    });
    services.reports.register(numbers('probe.numbers', false));
    services.reports.register(numbers('probe.people', true));
    services.reports.register({ ...numbers('probe.finance', false), permission: 'finance:read' });
  },
};

const t = appForFile({ modules: [probeModule], env: exportTestEnv('reports') });
withJobSender(t);
const exportsDir = path.join(t.config.dataDir, 'exports');
afterEach(() => {
  t.clock.reset();
  gate = null;
});

const post = (auth: Record<string, string>, key: string, body: unknown) =>
  request(t.app)
    .post(`/api/reports/${key}/exports`)
    .set(auth)
    .send(body as object);
const get = (auth: Record<string, string>, id: string) => request(t.app).get(`/api/reports/exports/${id}`).set(auth);
const download = (auth: Record<string, string>, id: string) => request(t.app).get(`/api/reports/exports/${id}/file`).set(auth).buffer(true).parse(binary);
const rowOf = (id: string) => t.ownerDb('report_exports').where({ id }).first();
const auditOf = (id: string) => t.ownerDb('audit_log').where({ entity_type: 'report_export', entity_id: id }).orderBy('occurred_at');

describe('POST /api/reports/{key}/exports', () => {
  it('checks the parameters with the report’s schema (400 at params.<name>) and hides reports the caller may not run (404)', async () => {
    const agent = await sessionAs(t, 'agent');
    const bad = await post(agent.auth, 'probe.numbers', { format: 'csv', params: { count: -1, from: '2026-13-01', extra: 1 } }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['params.count', 'params.extra', 'params.from']);
    await post(agent.auth, 'probe.numbers', { format: 'docx', params: { count: 1 } }).expect(400);
    await post(agent.auth, 'probe.finance', { format: 'csv', params: { count: 1 } }).expect(404);
    await post(agent.auth, 'nothing.here', { format: 'csv', params: {} }).expect(404);
  });

  it('queues a job in the request’s transaction; the job writes the CSV with progress, size and SHA-256', async () => {
    const agent = await sessionAs(t, 'agent');
    const created = await post(agent.auth, 'probe.numbers', { format: 'csv', params: { count: 250 } }).expect(202);
    expect(created.headers.location).toBe(`/api/reports/exports/${created.body.id}`);
    expect(created.body).toMatchObject({ status: 'queued', rowsWritten: 0, format: 'csv', reportKey: 'probe.numbers', params: { count: 250 }, fileName: null, expired: false });
    const jobs = await t.ownerDb.raw(`SELECT data FROM pgboss.job WHERE name = ? AND data->>'exportId' = ?`, [RUN_REPORT_EXPORT_JOB, created.body.id]);
    expect(jobs.rows).toHaveLength(1);
    // Not written yet: no file.
    expect((await download(agent.auth, created.body.id).expect(409)).body.code).toBe('REPORT_EXPORT_NOT_READY');

    await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
    const done = (await get(agent.auth, created.body.id).expect(200)).body;
    expect(done).toMatchObject({ status: 'done', rowsWritten: 250, error: null });
    expect(done.fileName).toMatch(/^probe-numbers-\d{8}-\d{4}\.csv$/);

    const file = await download(agent.auth, created.body.id).expect(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${done.fileName}"`);
    const bytes = file.body as Buffer;
    expect(done.sizeBytes).toBe(bytes.length);
    expect(done.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual(['N', 'Label', 'Amount']);
    expect(rows).toHaveLength(251);
    expect(rows[1]).toEqual(['1', 'Row 1', '1.01']);
    expect(rows[250]).toEqual(['250', 'Row 250', '252.50']);
    // Not personal data: nothing audited.
    expect(await auditOf(created.body.id)).toHaveLength(0);
  });

  it('writes Excel with the rows and their types', async () => {
    const agent = await sessionAs(t, 'agent');
    const { export: done, file } = await exportReport(t, agent.auth, 'probe.numbers', { format: 'xlsx', params: { count: 3 } });
    expect(done.fileName).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'N', 'Label', 'Amount']);
    expect(sheet.getRow(4).values).toEqual([undefined, 3, 'Row 3', 3.03]);
  });

  it('reports progress while running, batch by batch', async () => {
    const agent = await sessionAs(t, 'agent');
    const created = await post(agent.auth, 'probe.numbers', { format: 'csv', params: { count: 350 } }).expect(202);
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    const running = t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
    await waitFor(async () => (await get(agent.auth, created.body.id)).body.rowsWritten === 100);
    expect((await get(agent.auth, created.body.id)).body).toMatchObject({ status: 'running', rowsWritten: 100 });
    gate = null;
    open();
    await running;
    expect((await get(agent.auth, created.body.id)).body).toMatchObject({ status: 'done', rowsWritten: 350 });
  });
});

describe('the export job', () => {
  it('does nothing when run again: the file and the completion audit are written once', async () => {
    const agent = await sessionAs(t, 'agent');
    const { export: done } = await exportReport(t, agent.auth, 'probe.people', { format: 'csv', params: { count: 5 } });
    const before = await rowOf(done.id);
    await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: done.id });
    const after = await rowOf(done.id);
    expect(after.version).toBe(before.version);
    expect(after.sha256).toBe(before.sha256);
    expect(fs.readdirSync(path.join(exportsDir, done.id))).toHaveLength(1);
    expect((await auditOf(done.id)).map((a) => a.action)).toEqual(['report_export.request', 'report_export.complete']);
  });

  it('leaves a live run alone, takes over a crashed one (stale heartbeat); the old run stops and keeps no file', async () => {
    const agent = await sessionAs(t, 'agent');
    const created = await post(agent.auth, 'probe.people', { format: 'csv', params: { count: 300 } }).expect(202);
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    const first = t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
    await waitFor(async () => (await rowOf(created.body.id)).rows_written === 100);
    const lease = (await rowOf(created.body.id)).run_token;

    // A second delivery while the first is alive: nothing happens.
    await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
    expect((await rowOf(created.body.id)).run_token).toBe(lease);

    // The first worker "crashed" (no heartbeat for longer than the lease): pg-boss's retry takes over.
    t.clock.advance(EXPORT_LEASE_MS + 60_000);
    gate = null;
    await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
    const done = await rowOf(created.body.id);
    expect(done).toMatchObject({ status: 'done', rows_written: 300, attempts: 2 });
    expect(done.run_token).toBeNull();

    // The old run wakes up, finds its lease gone, stops and deletes its own file.
    open();
    await first;
    expect(fs.readdirSync(path.join(exportsDir, created.body.id))).toEqual([path.basename(done.file_path)]);
    expect((await rowOf(created.body.id)).version).toBe(done.version);
    const audits = await auditOf(created.body.id);
    expect(audits.map((a) => a.action)).toEqual(['report_export.request', 'report_export.complete']);
    expect(audits[1]!.metadata).toMatchObject({ report: 'probe.people', format: 'csv', params: { count: 300 }, rows: 300 });
    const file = await download(agent.auth, created.body.id).expect(200);
    expect(parseCsv((file.body as Buffer).toString('utf8'))).toHaveLength(301);
  });

  it('gives a failing run back to the queue for pg-boss to retry', async () => {
    const agent = await sessionAs(t, 'agent');
    const created = await post(agent.auth, 'probe.numbers', { format: 'csv', params: { count: 150 } }).expect(202);
    gate = Promise.reject(new Error('the database went away'));
    gate.catch(() => undefined);
    await expect(t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id })).rejects.toThrow(/went away/);
    gate = null;
    expect(await rowOf(created.body.id)).toMatchObject({ status: 'queued', attempts: 1, run_token: null });
    expect(fs.readdirSync(path.join(exportsDir, created.body.id))).toEqual([]);
    await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
    expect(await rowOf(created.body.id)).toMatchObject({ status: 'done', attempts: 2, rows_written: 150 });
  });

  it('fails a PDF past the row limit, saying so (REPORT_EXPORT_TOO_MANY_ROWS)', async () => {
    const agent = await sessionAs(t, 'agent');
    const created = await post(agent.auth, 'probe.numbers', { format: 'pdf', params: { count: 2001 } }).expect(202);
    await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
    const failed = (await get(agent.auth, created.body.id).expect(200)).body;
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('REPORT_EXPORT_TOO_MANY_ROWS');
    expect(failed.error.message).toMatch(/at most 2,000 rows.*CSV or Excel/);
    expect((await download(agent.auth, created.body.id).expect(409)).body.code).toBe('REPORT_EXPORT_NOT_READY');

    const { export: pdf, file } = await exportReport(t, agent.auth, 'probe.numbers', { format: 'pdf', params: { count: 2000 } });
    expect(pdf.rowsWritten).toBe(2000);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('fails when the requester may no longer run the report by the time the job runs', async () => {
    const { user, session: manager } = await loggedIn(t.app, t.db, { role: 'manager' });
    const created = await post(manager.auth, 'probe.finance', { format: 'csv', params: { count: 1 } }).expect(202);
    await t.ownerDb('users').where({ id: user.id }).update({ role: 'agent' });
    await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
    expect((await rowOf(created.body.id)).error_code).toBe('REPORT_EXPORT_NOT_ALLOWED');
  });
});

describe('reading and downloading exports', () => {
  it('shows each user only their own exports; another user gets 404 on the export and its file', async () => {
    const agent = await sessionAs(t, 'agent');
    const other = await sessionAs(t, 'manager');
    const { export: done } = await exportReport(t, agent.auth, 'probe.numbers', { format: 'csv', params: { count: 2 } });
    const mine = (await request(t.app).get('/api/reports/exports').set(agent.auth).expect(200)).body.items;
    expect(mine.map((e: { id: string }) => e.id)).toEqual([done.id]);
    const theirs = (await request(t.app).get('/api/reports/exports').set(other.auth).expect(200)).body.items;
    expect(theirs.map((e: { id: string }) => e.id)).not.toContain(done.id);
    await get(other.auth, done.id).expect(404);
    await download(other.auth, done.id).expect(404);
    // Keyset-paged, newest first.
    const second = (await post(agent.auth, 'probe.numbers', { format: 'pdf', params: { count: 1 } }).expect(202)).body;
    const third = (await post(agent.auth, 'probe.numbers', { format: 'xlsx', params: { count: 1 } }).expect(202)).body;
    const first = (await request(t.app).get('/api/reports/exports?limit=2').set(agent.auth).expect(200)).body;
    expect(first.items.map((e: { id: string }) => e.id)).toEqual([third.id, second.id]);
    const rest = (
      await request(t.app)
        .get(`/api/reports/exports?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
        .set(agent.auth)
        .expect(200)
    ).body;
    expect(rest).toEqual({ items: [expect.objectContaining({ id: done.id })], nextCursor: null });
    await get(agent.auth, '00000000-0000-4000-8000-000000000000').expect(404);
    await get(agent.auth, 'not-a-uuid').expect(400);
  });

  it('refuses the file after 7 days (410 REPORT_EXPORT_EXPIRED); the daily clean-up deletes it', async () => {
    const { user, session: agent } = await loggedIn(t.app, t.db, { role: 'agent' });
    const { export: done } = await exportReport(t, agent.auth, 'probe.numbers', { format: 'csv', params: { count: 2 } });
    const expiresAt = new Date(done.expiresAt).getTime();
    expect(expiresAt - new Date(done.finishedAt!).getTime()).toBe(7 * 24 * 60 * 60_000);
    t.clock.set(new Date(expiresAt - 1_000));
    const later = await login(t.app, user); // a week on, the first session's token has expired
    await download(later.auth, done.id).expect(200);
    await t.jobs.runNow(PURGE_REPORT_EXPORTS_JOB, {});
    expect(fs.existsSync(path.join(exportsDir, done.id))).toBe(true);

    t.clock.set(new Date(expiresAt + 1_000));
    const gone = await download(later.auth, done.id).expect(410);
    expect(gone.body.code).toBe('REPORT_EXPORT_EXPIRED');
    expect((await get(later.auth, done.id)).body.expired).toBe(true);
    await t.jobs.runNow(PURGE_REPORT_EXPORTS_JOB, {});
    expect(fs.existsSync(path.join(exportsDir, done.id))).toBe(false);
    expect((await rowOf(done.id)).file_deleted_at).not.toBeNull();
  });

  it('audits the request of a personal-data export with who, which report and the parameters', async () => {
    const { user, session: agent } = await loggedIn(t.app, t.db, { role: 'agent' });
    const created = await post(agent.auth, 'probe.people', { format: 'xlsx', params: { count: 4, from: '2026-11-01' } }).expect(202);
    const [requested] = await auditOf(created.body.id);
    expect(requested).toMatchObject({ action: 'report_export.request', actor_user_id: user.id });
    expect(requested.metadata).toEqual({ report: 'probe.people', format: 'xlsx', params: { count: 4, from: '2026-11-01' } });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
