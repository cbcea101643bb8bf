// Report exports in API tests: the request queues a pg-boss job in its transaction, so the test's
// job registry must be started (as a sender only: no workers, no schedules); the test then runs the
// job here with `runNow`, as a worker would. Files go to a temporary DATA_DIR, never the repository.
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { ReportExport } from '../../src/contracts/reports';
import { withStartupLock } from '../../src/platform/database-setup';
import { RUN_REPORT_EXPORT_JOB } from '../../src/modules/reports/report-exports.service';
import type { TestApp } from './test-app';

/** The env for `appForFile` of a file that exports: its own DATA_DIR under the system's temp folder. */
export const exportTestEnv = (name: string) => ({ DATA_DIR: path.join(os.tmpdir(), `policydesk-test-exports-${name}-${process.pid}`) });

/** Starts the app's job registry on its database as a sender (pg-boss's tables made by the owner first, under the start-up lock); stop it with `t.jobs.stop()`. */
export async function startJobSender(t: TestApp) {
  // Under the start-up lock, as the server installs them: test files sharing a database would otherwise
  // create pg-boss's queues at the same time and deadlock.
  const ownerUrl = t.config.migrationDatabaseUrl!;
  await withStartupLock(ownerUrl, () => t.jobs.install(ownerUrl));
  await t.jobs.start(t.config.databaseUrl!, { runWorkers: false });
}

/** The same for the app of a test file: started before its tests, stopped after them. */
export function withJobSender(t: TestApp) {
  beforeAll(() => startJobSender(t));
  afterAll(() => t.jobs.stop(1_000));
}

/** Supertest parser: a file's bytes as a Buffer (xlsx, pdf, csv), a problem+json refusal as its object. */
export function binary(response: unknown, done: (err: Error | null, body: unknown) => void) {
  const res = response as IncomingMessage;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => {
    const bytes = Buffer.concat(chunks);
    done(null, /json/.test(String(res.headers['content-type'])) ? JSON.parse(bytes.toString('utf8')) : bytes);
  });
}

/** Asks for an export through the API, runs its job, and answers the finished export and its file's bytes. */
export async function exportReport(
  t: TestApp,
  auth: Record<string, string>,
  key: string,
  body: { format: 'csv' | 'xlsx' | 'pdf'; params?: Record<string, unknown> },
): Promise<{ export: ReportExport; file: Buffer }> {
  const created = await request(t.app).post(`/api/reports/${key}/exports`).set(auth).send(body).expect(202);
  await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
  const done = (await request(t.app).get(`/api/reports/exports/${created.body.id}`).set(auth).expect(200)).body as ReportExport;
  if (done.status !== 'done') throw new Error(`export ${done.id} is ${done.status}: ${JSON.stringify(done.error)}`);
  const file = await request(t.app).get(`/api/reports/exports/${done.id}/file`).set(auth).buffer(true).parse(binary).expect(200);
  return { export: done, file: file.body as Buffer };
}

/** CSV text → rows of cells (the writers' RFC 4180 output; the BOM dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else cell += ch;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}
