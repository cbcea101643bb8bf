// The custom report builder (issue 18) on a real PostgreSQL: fields outside a dataset's allow-list and
// operators or values a field does not take are refused (400, stable code, the field named); a South
// reader's report holds nothing of North; the national id stays masked in the rows and the export;
// grouping and totals match a small data set worked out by hand; saved reports are private to their
// owner or shared with a role, and run and export (reports.custom) as whoever runs them.
import crypto from 'node:crypto';
import request from 'supertest';
import { loggedIn, makeBranch, makeCustomer, type Session } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';
import { CustomReportDefinition } from '../../../contracts/custom-reports';
import { planReport, reportRows } from '../report-builder';
import { ReportTooLarge } from '../report-registry';

const t = appForFile({ env: exportTestEnv('custom-reports') });
withJobSender(t);

let north: string;
let south: string;
let admin: Session;
let northManager: { session: Session; id: string };
let otherNorthManager: Session;
let southAgent: Session;
let northAgent: Session;
const nationalIds: string[] = [];
// The other API test files share this database: the branches' names and the national id are this file's
// own, and what an admin reads (every branch) is narrowed to these two branches with the filter `OURS`.
const suffix = crypto.randomBytes(3).toString('hex');
const NORTH = `North ${suffix}`;
const SOUTH = `South ${suffix}`;
const LAST4 = String(crypto.randomInt(1000, 10_000));
const NATIONAL_ID = `${crypto.randomInt(100, 666)}-${crypto.randomInt(10, 100)}-${LAST4}`;
const MASKED = `***-**-${LAST4}`;
const OURS = { field: 'branch', op: 'in', value: [NORTH, SOUTH] };

// The data set (occupation class per customer, by branch and city):
//   North: Springfield 1 (national id NATIONAL_ID), Springfield 4, Shelbyville 2
//   South: Springfield 4, Capital City 2
beforeAll(async () => {
  north = (await makeBranch(t.db, { name: NORTH })).id;
  south = (await makeBranch(t.db, { name: SOUTH })).id;
  admin = (await loggedIn(t.app, t.db, { role: 'admin' })).session;
  const m = await loggedIn(t.app, t.db, { role: 'manager', branchId: north });
  northManager = { session: m.session, id: m.user.id };
  otherNorthManager = (await loggedIn(t.app, t.db, { role: 'manager', branchId: north })).session;
  southAgent = (await loggedIn(t.app, t.db, { role: 'agent', branchId: south })).session;
  northAgent = (await loggedIn(t.app, t.db, { role: 'agent', branchId: north })).session;
  const make = async (branchId: string, city: string, occupationClass: number, nationalId?: string) => {
    const { body } = await makeCustomer(t.app, admin, branchId, {
      address: { line1: '1 Main Street', city, region: 'NY', postalCode: '10001', country: 'US' },
      occupationClass,
      ...(nationalId ? { nationalId } : {}),
    });
    nationalIds.push(body.nationalId as string);
  };
  await make(north, 'Springfield', 1, NATIONAL_ID);
  await make(north, 'Springfield', 4);
  await make(north, 'Shelbyville', 2);
  await make(south, 'Springfield', 4);
  await make(south, 'Capital City', 2);
});

const preview = (who: Session, definition: object) => request(t.app).post('/api/custom-reports/preview').set(who.auth).send({ definition });

describe('the allow-list', () => {
  it('refuses a field outside the dataset’s allow-list (400 REPORT_FIELD_NOT_ALLOWED, the field named)', async () => {
    const res = await preview(admin, { dataset: 'customers', columns: ['customerNumber', 'national_id_ciphertext'] }).expect(400);
    expect(res.body.code).toBe('REPORT_FIELD_NOT_ALLOWED');
    expect(res.body.fields).toEqual(['national_id_ciphertext']);
    expect(res.body.errors).toEqual([{ path: 'columns.1', message: '"national_id_ciphertext" is not a field of customers' }]);
    // In a filter, a grouping or a total too; SQL is never taken for a field.
    const filter = await preview(admin, { dataset: 'customers', columns: ['city'], filters: [{ field: 'city; DROP TABLE customers', op: 'eq', value: 'x' }] }).expect(400);
    expect(filter.body).toMatchObject({ code: 'REPORT_FIELD_NOT_ALLOWED', fields: ['city; DROP TABLE customers'] });
    expect(filter.body.errors[0].path).toBe('filters.0.field');
    const total = await preview(admin, { dataset: 'customers', groupBy: ['city'], totals: [{ fn: 'sum', field: 'password_hash' }] }).expect(400);
    expect(total.body).toMatchObject({ code: 'REPORT_FIELD_NOT_ALLOWED', fields: ['password_hash'] });
  });

  it('refuses a dataset the reader may not use, an unknown operator, an operator the field does not take and a value of the wrong type', async () => {
    expect((await preview(admin, { dataset: 'users', columns: ['email'] }).expect(400)).body.code).toBe('REPORT_DATASET_UNKNOWN');
    // Claims adjusters do not read payments.
    const adjuster = (await loggedIn(t.app, t.db, { role: 'claims_adjuster', branchId: north })).session;
    expect((await preview(adjuster, { dataset: 'payments', columns: ['amount'] }).expect(400)).body.code).toBe('REPORT_DATASET_UNKNOWN');

    const unknownOp = await preview(admin, { dataset: 'customers', columns: ['city'], filters: [{ field: 'city', op: 'like', value: 'S%' }] }).expect(400);
    expect(unknownOp.body.code).toBe('VALIDATION_FAILED');
    expect(unknownOp.body.errors[0].path).toBe('definition.filters.0.op');

    const wrongOp = await preview(admin, { dataset: 'customers', columns: ['city'], filters: [{ field: 'smoker', op: 'contains', value: 'tr' }] }).expect(400);
    expect(wrongOp.body).toMatchObject({ code: 'REPORT_OPERATOR_NOT_ALLOWED', errors: [{ path: 'filters.0.op' }] });

    const wrongValue = await preview(admin, {
      dataset: 'customers',
      columns: ['city'],
      filters: [
        { field: 'occupationClass', op: 'gt', value: '2' },
        { field: 'createdOn', op: 'gte', value: '2026-02-30' },
        { field: 'status', op: 'eq', value: 'asleep' },
        { field: 'city', op: 'in', value: [] },
      ],
    }).expect(400);
    expect(wrongValue.body.code).toBe('REPORT_VALUE_INVALID');
    expect(wrongValue.body.errors.map((e: { path: string }) => e.path)).toEqual(['filters.0.value', 'filters.1.value', 'filters.2.value', 'filters.3.value']);
  });

  it('refuses shapes it cannot build: an ungrouped column beside totals, a total of money over several currencies', async () => {
    const ungrouped = await preview(admin, { dataset: 'customers', columns: ['city', 'lastName'], groupBy: ['city'], totals: [{ fn: 'count' }] }).expect(400);
    expect(ungrouped.body).toMatchObject({ code: 'REPORT_DEFINITION_INVALID', errors: [{ path: 'columns.1' }] });
    const currencies = await preview(admin, { dataset: 'policies', groupBy: ['product'], totals: [{ fn: 'sum', field: 'annualPremium' }] }).expect(400);
    expect(currencies.body).toMatchObject({ code: 'REPORT_DEFINITION_INVALID', errors: [{ path: 'totals.0.field' }] });
    // With one currency it builds (no policies here: no groups).
    const one = await preview(admin, { dataset: 'policies', groupBy: ['product', 'currency'], totals: [{ fn: 'sum', field: 'annualPremium' }] }).expect(200);
    expect(one.body.rows).toEqual([]);
  });

  it('lists the datasets a reader may use, each field with its operators and totals; the national id is marked masked', async () => {
    const res = await request(t.app).get('/api/custom-reports/datasets').set(admin.auth).expect(200);
    expect(res.body.items.map((d: { key: string }) => d.key).sort()).toEqual(['applications', 'cases', 'claims', 'customers', 'interactions', 'payments', 'policies']);
    const customers = res.body.items.find((d: { key: string }) => d.key === 'customers');
    expect(customers.fields.find((f: { key: string }) => f.key === 'nationalId')).toMatchObject({ masked: true, type: 'string', groupable: true });
    expect(customers.fields.find((f: { key: string }) => f.key === 'occupationClass')).toMatchObject({ aggregates: ['count', 'sum', 'avg', 'min', 'max'] });
  });

  it('runs every field of every dataset, shown, filtered on and grouped by', async () => {
    const datasets = (await request(t.app).get('/api/custom-reports/datasets').set(admin.auth).expect(200)).body.items as {
      key: string;
      fields: { key: string; type: string; groupable: boolean; operators: string[] }[];
    }[];
    for (const d of datasets) {
      const all = await preview(admin, { dataset: d.key, columns: d.fields.map((f) => f.key), filters: d.fields.map((f) => ({ field: f.key, op: 'not_null' })).slice(0, 20) });
      expect([d.key, all.status]).toEqual([d.key, 200]);
      for (const f of d.fields.filter((x) => x.groupable)) {
        const grouped = await preview(admin, { dataset: d.key, groupBy: [f.key], totals: [{ fn: 'count' }] });
        expect([d.key, f.key, grouped.status]).toEqual([d.key, f.key, 200]);
      }
    }
  });
});

describe('grouping and totals', () => {
  const byCity = {
    dataset: 'customers',
    groupBy: ['city'],
    totals: [
      { fn: 'count' },
      { fn: 'sum', field: 'occupationClass' },
      { fn: 'avg', field: 'occupationClass' },
      { fn: 'min', field: 'occupationClass' },
      { fn: 'max', field: 'occupationClass' },
    ],
  };

  it('gives each group its totals and the totals over all groups, in the reader’s branches', async () => {
    // North's manager: Shelbyville 2 → count 1, sum 2, avg 2, min 2, max 2; Springfield 1 + 4 → count 2,
    // sum 5, avg 2.50, min 1, max 4. Over both: count 3, sum 7, avg 7 / 3 = 2.33, min 1, max 4.
    const mine = (await preview(northManager.session, byCity).expect(200)).body;
    expect(mine.columns.map((c: { key: string; type: string }) => `${c.key}:${c.type}`)).toEqual([
      'city:string',
      'count_rows:integer',
      'sum_occupationClass:integer',
      'avg_occupationClass:decimal',
      'min_occupationClass:integer',
      'max_occupationClass:integer',
    ]);
    expect(mine.rows).toEqual([
      { city: 'Shelbyville', count_rows: 1, sum_occupationClass: 2, avg_occupationClass: 2, min_occupationClass: 2, max_occupationClass: 2 },
      { city: 'Springfield', count_rows: 2, sum_occupationClass: 5, avg_occupationClass: 2.5, min_occupationClass: 1, max_occupationClass: 4 },
    ]);
    expect(mine.grandTotals).toEqual({ count_rows: 3, sum_occupationClass: 7, avg_occupationClass: 2.33, min_occupationClass: 1, max_occupationClass: 4 });
    expect(mine.truncated).toBe(false);

    // An admin: + South's Springfield 4 and Capital City 2 → Capital City 1, 2, 2, 2, 2; Springfield 1 + 4 + 4
    // → 3, 9, 3, 1, 4. Over all: 5, 13, 13 / 5 = 2.60, 1, 4.
    const all = (await preview(admin, { ...byCity, filters: [OURS] }).expect(200)).body;
    expect(all.rows).toEqual([
      { city: 'Capital City', count_rows: 1, sum_occupationClass: 2, avg_occupationClass: 2, min_occupationClass: 2, max_occupationClass: 2 },
      { city: 'Shelbyville', count_rows: 1, sum_occupationClass: 2, avg_occupationClass: 2, min_occupationClass: 2, max_occupationClass: 2 },
      { city: 'Springfield', count_rows: 3, sum_occupationClass: 9, avg_occupationClass: 3, min_occupationClass: 1, max_occupationClass: 4 },
    ]);
    expect(all.grandTotals).toEqual({ count_rows: 5, sum_occupationClass: 13, avg_occupationClass: 2.6, min_occupationClass: 1, max_occupationClass: 4 });
  });

  it('writes every group of a grouped report, or none: beyond the limit the rows end in an error that fails the export', async () => {
    // North's manager sees two cities (Shelbyville, Springfield): with room for two they are written; with room for one, none.
    const actor = (await t.services.actors.actorOf(t.db, northManager.id, 'test'))!;
    const plan = planReport(t.services.reports.datasets, actor, CustomReportDefinition.parse({ dataset: 'customers', groupBy: ['city'], totals: [{ fn: 'count' }] }));
    const written = async (maxGroups: number) => {
      const rows: unknown[] = [];
      for await (const batch of reportRows(t.db, actor, plan, 1000, maxGroups)) rows.push(...batch);
      return rows;
    };
    expect(await written(2)).toHaveLength(2);
    await expect(written(1)).rejects.toThrow(new ReportTooLarge('This report has more than 1 groups: group by fewer fields or narrow its filters.'));
  });

  it('filters before grouping; totals without grouping make one row', async () => {
    // Occupation class ≥ 2 in every branch: 4, 2, 4, 2 → count 4, sum 12.
    const res = (
      await preview(admin, {
        dataset: 'customers',
        filters: [{ field: 'occupationClass', op: 'gte', value: 2 }, OURS],
        totals: [{ fn: 'count' }, { fn: 'sum', field: 'occupationClass' }],
      }).expect(200)
    ).body;
    expect(res.rows).toEqual([{ count_rows: 4, sum_occupationClass: 12 }]);
    // Springfield in North or South, by branch: North 1 + 4 (2 customers), South 4 (1).
    const byBranch = (
      await preview(admin, {
        dataset: 'customers',
        filters: [{ field: 'city', op: 'in', value: ['Springfield'] }, OURS],
        groupBy: ['branch'],
        totals: [{ fn: 'count' }, { fn: 'sum', field: 'occupationClass' }],
      }).expect(200)
    ).body;
    expect(byBranch.rows).toEqual([
      { branch: NORTH, count_rows: 2, sum_occupationClass: 5 },
      { branch: SOUTH, count_rows: 1, sum_occupationClass: 4 },
    ]);
  });
});

describe('scope and masking', () => {
  it('a South agent’s report holds nothing of North, in the preview and the export', async () => {
    const definition = { dataset: 'customers', columns: ['customerNumber', 'city', 'branch'] };
    const rows = (await preview(southAgent, definition).expect(200)).body.rows as { city: string; branch: string }[];
    expect(rows.map((r) => r.branch)).toEqual([SOUTH, SOUTH]);
    expect(rows.map((r) => r.city).sort()).toEqual(['Capital City', 'Springfield']);

    const saved = (await request(t.app).post('/api/custom-reports').set(southAgent.auth).send({ name: 'My customers', definition }).expect(201)).body;
    const { file, export: done } = await exportReport(t, southAgent.auth, 'reports.custom', { format: 'csv', params: { reportId: saved.id } });
    expect(done.reportTitle).toBe('My customers');
    const csv = parseCsv(file.toString('utf8'));
    expect(csv[0]).toEqual(['Customer', 'City', 'Branch']);
    expect(csv.slice(1).map((r) => r[2])).toEqual([SOUTH, SOUTH]);
  });

  it('shows the national id only masked — to an admin too — in the rows and the export (audited as personal data)', async () => {
    const definition = { dataset: 'customers', columns: ['customerNumber', 'nationalId'], filters: [{ field: 'nationalId', op: 'eq', value: MASKED }, OURS] };
    const rows = (await preview(admin, definition).expect(200)).body.rows;
    expect(rows).toEqual([{ customerNumber: expect.any(String), nationalId: MASKED }]);
    const all = (await preview(admin, { dataset: 'customers', columns: ['nationalId'], filters: [OURS] }).expect(200)).body.rows as { nationalId: string }[];
    expect(all).toHaveLength(5);
    for (const r of all) expect(r.nationalId).toMatch(/^\*\*\*-\*\*-\d{4}$/);

    const saved = (
      await request(t.app)
        .post('/api/custom-reports')
        .set(admin.auth)
        .send({ name: 'National ids', definition: { dataset: 'customers', columns: ['customerNumber', 'nationalId'], filters: [OURS] } })
        .expect(201)
    ).body;
    const { file, export: done } = await exportReport(t, admin.auth, 'reports.custom', { format: 'csv', params: { reportId: saved.id } });
    const text = file.toString('utf8');
    for (const id of nationalIds) expect(text).not.toContain(id);
    expect(text).toContain(MASKED);
    const audit = await t.ownerDb('audit_log').where({ entity_type: 'report_export', entity_id: done.id }).orderBy('occurred_at').pluck('action');
    expect(audit).toEqual(['report_export.request', 'report_export.complete']);
  });
});

describe('saved reports', () => {
  const definition = { dataset: 'customers', groupBy: ['city'], totals: [{ fn: 'count' }] };

  it('are private to their owner until shared with a role; the shared report runs in the reader’s own scope; only the owner changes it', async () => {
    const created = await request(t.app).post('/api/custom-reports').set(northManager.session.auth).send({ name: 'Customers by city', definition }).expect(201);
    const id = created.body.id as string;
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ name: 'Customers by city', sharedWithRole: null, mine: true, owner: { id: northManager.id } });

    // Private: another manager does not see it.
    await request(t.app).get(`/api/custom-reports/${id}`).set(otherNorthManager.auth).expect(404);
    const otherList = (await request(t.app).get('/api/custom-reports').set(otherNorthManager.auth).expect(200)).body.items as { id: string }[];
    expect(otherList.map((r) => r.id)).not.toContain(id);
    await request(t.app)
      .post('/api/reports/reports.custom/exports')
      .set(otherNorthManager.auth)
      .send({ format: 'csv', params: { reportId: id } })
      .expect(404);

    // Shared with managers: they see it, run it, but may not change it; agents still do not see it.
    await request(t.app).patch(`/api/custom-reports/${id}`).set(northManager.session.auth).set('If-Match', '"1"').send({ sharedWithRole: 'manager' }).expect(200);
    const seen = (await request(t.app).get(`/api/custom-reports/${id}`).set(otherNorthManager.auth).expect(200)).body;
    expect(seen).toMatchObject({ sharedWithRole: 'manager', mine: false, version: 2 });
    expect((await request(t.app).get('/api/custom-reports').set(otherNorthManager.auth).expect(200)).body.items.map((r: { id: string }) => r.id)).toContain(id);
    const run = (await request(t.app).get(`/api/custom-reports/${id}/rows`).set(otherNorthManager.auth).expect(200)).body;
    // North: Shelbyville 1, Springfield 2.
    expect(run.rows).toEqual([
      { city: 'Shelbyville', count_rows: 1 },
      { city: 'Springfield', count_rows: 2 },
    ]);
    const refused = await request(t.app).patch(`/api/custom-reports/${id}`).set(otherNorthManager.auth).set('If-Match', '"2"').send({ name: 'Mine now' }).expect(403);
    expect(refused.body.code).toBe('CUSTOM_REPORT_NOT_OWNER');
    await request(t.app).delete(`/api/custom-reports/${id}`).set(otherNorthManager.auth).set('If-Match', '"2"').expect(403);
    await request(t.app).get(`/api/custom-reports/${id}`).set(northAgent.auth).expect(404);

    // A shared report exports as its reader: the other manager's file.
    const { file } = await exportReport(t, otherNorthManager.auth, 'reports.custom', { format: 'csv', params: { reportId: id } });
    expect(parseCsv(file.toString('utf8'))).toEqual([
      ['City', 'Count'],
      ['Shelbyville', '1'],
      ['Springfield', '2'],
    ]);

    // Unshared again: gone for the other manager; history and audit kept every change.
    await request(t.app).patch(`/api/custom-reports/${id}`).set(northManager.session.auth).set('If-Match', '"2"').send({ sharedWithRole: null }).expect(200);
    await request(t.app).get(`/api/custom-reports/${id}/rows`).set(otherNorthManager.auth).expect(404);
    await request(t.app).delete(`/api/custom-reports/${id}`).set(northManager.session.auth).set('If-Match', '"2"').expect(412);
    await request(t.app).delete(`/api/custom-reports/${id}`).set(northManager.session.auth).set('If-Match', '"3"').expect(204);
    await request(t.app).get(`/api/custom-reports/${id}`).set(northManager.session.auth).expect(404);
    const history = await t.ownerDb('custom_report_history').where({ report_id: id }).orderBy('version').pluck('change');
    expect(history).toEqual(['create', 'update', 'update', 'delete']);
    const audit = await t.ownerDb('audit_log').where({ entity_type: 'custom_report', entity_id: id }).orderBy('occurred_at').pluck('action');
    expect(audit).toEqual(['custom_report.create', 'custom_report.update', 'custom_report.update', 'custom_report.delete']);
  });

  it('checks a saved definition against the allow-list too, and is not listed among the standard reports', async () => {
    const bad = await request(t.app)
      .post('/api/custom-reports')
      .set(admin.auth)
      .send({ name: 'Bad', definition: { dataset: 'customers', columns: ['search_name'] } })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'REPORT_FIELD_NOT_ALLOWED', fields: ['search_name'] });
    const reports = (await request(t.app).get('/api/reports').set(admin.auth).expect(200)).body.items as { key: string }[];
    expect(reports.map((r) => r.key)).not.toContain('reports.custom');
  });
});
