// A customer's data export (GDPR Art. 15 and 20): a manager asks from the customer; the export job
// writes a ZIP with a JSON file per area — the customer (national id in the clear), the interactions,
// their history, the audit of who read the record — and a PDF summary; only the requester downloads it;
// another branch's customer is 404, an agent may not ask, and the file holds no other customer's data.
import request from 'supertest';
import { unzipSync, strFromU8 } from 'fflate';
import { type customerBody, makeBranch, makeCustomer, sessionAs, type Session } from '../../../../test/support/factories';
import { pdfText } from '../../../../test/support/pdf-text';
import { binary, exportTestEnv, withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';
import type { ReportExport } from '../../../contracts/reports';
import { RUN_REPORT_EXPORT_JOB } from '../../reports/report-exports.service';

const t = appForFile({ env: exportTestEnv('privacy') });
withJobSender(t);

let branchId: string;
let manager: Session;
let customer: { id: string; customerNumber: string };
let body: ReturnType<typeof customerBody>;
let other: { id: string };

beforeAll(async () => {
  branchId = (await makeBranch(t.db)).id;
  manager = await sessionAs(t, 'manager', branchId);
  ({ customer, body } = await makeCustomer(t.app, manager, branchId));
  ({ customer: other } = await makeCustomer(t.app, manager, branchId));
  await request(t.app)
    .post('/api/interactions')
    .set(manager.auth)
    .send({ channel: 'phone_inbound', customerId: customer.id, subject: 'Address change', notes: 'Moving to Elm Street next month' })
    .expect(201);
  await request(t.app).post('/api/interactions').set(manager.auth).send({ channel: 'email', customerId: other.id, subject: 'Someone else entirely' }).expect(201);
  // A sensitive read: the export's audit shows who read the national id.
  await request(t.app).get(`/api/customers/${customer.id}/national-id`).set(manager.auth).expect(200);
});

async function exportOf(auth: Record<string, string>, customerId: string) {
  const created = await request(t.app).post(`/api/customers/${customerId}/data-exports`).set(auth).expect(202);
  expect(created.body).toMatchObject({ reportKey: 'privacy.customer-data', format: 'zip', status: 'queued', params: { customerId } });
  await t.jobs.runNow(RUN_REPORT_EXPORT_JOB, { exportId: created.body.id });
  const done = (await request(t.app).get(`/api/reports/exports/${created.body.id}`).set(auth).expect(200)).body as ReportExport;
  expect(done).toMatchObject({ status: 'done', format: 'zip' });
  expect(done.fileName).toMatch(/\.zip$/);
  const file = await request(t.app).get(`/api/reports/exports/${done.id}/file`).set(auth).buffer(true).parse(binary).expect(200);
  expect(file.headers['content-type']).toBe('application/zip');
  return { done, files: unzipSync(new Uint8Array(file.body as Buffer)) };
}

it('writes a ZIP with a JSON file per area and a PDF summary, the national id in the clear and no one else’s data', async () => {
  const { files } = await exportOf(manager.auth, customer.id);
  expect(Object.keys(files).sort()).toEqual(expect.arrayContaining(['audit.json', 'customers.json', 'service.json', 'summary.pdf']));
  const customers = JSON.parse(strFromU8(files['customers.json']!)) as Record<string, Record<string, unknown>[]>;
  expect(customers.customers).toHaveLength(1);
  expect(customers.customers![0]).toMatchObject({ id: customer.id, first_name: body.firstName, last_name: body.lastName, national_id: body.nationalId });
  // What only serves search or encryption is not given out.
  expect(customers.customers![0]).not.toHaveProperty('national_id_ciphertext');
  expect(customers.customers![0]).not.toHaveProperty('search_name');
  const service = JSON.parse(strFromU8(files['service.json']!)) as Record<string, Record<string, unknown>[]>;
  expect(service.service_interactions!.map((i) => i.subject)).toEqual(['Address change']);
  const audit = JSON.parse(strFromU8(files['audit.json']!)) as Record<string, Record<string, unknown>[]>;
  expect(audit.audit_log!.map((a) => a.action)).toEqual(expect.arrayContaining(['customer.create', 'customer.sensitive_read']));
  for (const [name, bytes] of Object.entries(files)) if (name.endsWith('.json')) expect([name, strFromU8(bytes).includes(other.id)]).toEqual([name, false]);
  const summary = await pdfText(Buffer.from(files['summary.pdf']!));
  expect(summary).toContain(`Personal data of ${body.firstName} ${body.lastName} (${customer.customerNumber})`);
  expect(summary).toMatch(/Service \(service\.json\) — Service interactions: 1/);
});

it('is audited, and only the requester downloads the file', async () => {
  const { done } = await exportOf(manager.auth, customer.id);
  const actions = await t.db('audit_log').where({ entity_type: 'report_export', entity_id: done.id }).orderBy('id').pluck('action');
  expect(actions).toEqual(['report_export.request', 'report_export.complete']);
  const colleague = await sessionAs(t, 'manager', branchId);
  await request(t.app).get(`/api/reports/exports/${done.id}/file`).set(colleague.auth).expect(404);
});

it('refuses another branch’s customer (404), an agent (403) and anything but a ZIP through the generic export', async () => {
  const elsewhere = await sessionAs(t, 'manager', (await makeBranch(t.db)).id);
  expect((await request(t.app).post(`/api/customers/${customer.id}/data-exports`).set(elsewhere.auth).expect(404)).body.code).toBe('NOT_FOUND');
  const agent = await sessionAs(t, 'agent', branchId);
  await request(t.app).post(`/api/customers/${customer.id}/data-exports`).set(agent.auth).expect(403);
  await request(t.app).post('/api/customers/not-a-uuid/data-exports').set(manager.auth).expect(400);
  const csv = await request(t.app)
    .post('/api/reports/privacy.customer-data/exports')
    .set(manager.auth)
    .send({ format: 'csv', params: { customerId: customer.id } })
    .expect(400);
  expect(csv.body).toMatchObject({ code: 'REPORT_FORMAT_NOT_OFFERED', errors: [{ path: 'format' }] });
});
