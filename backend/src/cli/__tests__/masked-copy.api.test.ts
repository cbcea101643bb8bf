// The masked copy: a database with customers, a shared email, interactions naming them and a ledger
// entry is copied into another; no original personal value is anywhere in the copy, while row counts,
// joins, duplicates, the ledger's balance and the name search still hold.
import crypto from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { createMigratedDatabase, dropDatabase, ownerUrlOf } from '../../../test/support/test-database';
import { makeBranch, makeCustomer, sessionAs, type Session } from '../../../test/support/factories';
import { LedgerService } from '../../modules/billing/ledger.service';
import { createFieldCrypto } from '../../modules/shared-services';
import { maskedCopy } from '../masked-copy';

const adminUrl = () => process.env.POLICYDESK_TEST_ADMIN_URL!;

let source: TestApp;
let sourceUrl: string;
let targetUrl: string;
let target: pg.Client;
let session: Session;
const originals: string[] = [];
const people: { id: string; email: string }[] = [];

beforeAll(async () => {
  sourceUrl = await createMigratedDatabase(adminUrl(), 'masked_source');
  source = createTestApp({ env: { DATABASE_URL: sourceUrl } });
  const branch = await makeBranch(source.db);
  session = await sessionAs(source, 'manager', branch.id);
  const sharedEmail = `shared.${crypto.randomBytes(4).toString('hex')}@example.org`;
  for (const overrides of [{ email: sharedEmail }, { email: sharedEmail, confirmNotDuplicate: true }, {}]) {
    const { customer, body } = await makeCustomer(source.app, session, branch.id, {
      address: { line1: `${crypto.randomInt(100, 999)} Larkspur Lane`, city: 'Quahogville', postalCode: '40213', country: 'US' },
      ...overrides,
    });
    originals.push(body.lastName, body.email, body.nationalId, body.address.line1, 'Quahogville', body.dateOfBirth);
    people.push({ id: customer.id, email: body.email });
    const note = `Spoke with ${body.firstName} ${body.lastName} about the Larkspur claim`;
    originals.push(note);
    await request(source.app)
      .post('/api/interactions')
      .set(session.auth)
      .send({ channel: 'phone_inbound', customerId: customer.id, contactPhone: body.phone, subject: 'Claim question', notes: note })
      .expect(201);
    originals.push(body.phone.replace(/\D/g, '').slice(-7));
  }
  const ledger = new LedgerService(source.db, source.clock, source.services.audit, source.services.customerProfiles);
  await source.db.transaction((trx) =>
    ledger.post(trx, {
      externalId: `test:${crypto.randomUUID()}`,
      effectiveDate: source.clock.businessDate(),
      sourceType: 'allocation',
      sourceId: null,
      description: 'masked copy test',
      createdBy: null,
      customerId: people[0]!.id,
      postings: [
        { account: { kind: 'customer_credit', owner: people[0]!.id, currency: 'USD' }, direction: 'debit', amount: 12_345 },
        { account: { kind: 'premium_receivable', owner: crypto.randomUUID(), currency: 'USD' }, direction: 'credit', amount: 12_345 },
      ],
    }),
  );

  targetUrl = ownerUrlOf(await createMigratedDatabase(adminUrl(), 'masked_target', { migrate: false }));
  await maskedCopy({ sourceUrl: ownerUrlOf(sourceUrl), targetUrl, fieldCrypto: createFieldCrypto(source.config) });
  target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
}, 180_000);

afterAll(async () => {
  await target?.end();
  await source?.close();
  await dropDatabase(adminUrl(), targetUrl);
  await dropDatabase(adminUrl(), sourceUrl);
});

const count = async (client: { query: pg.Client['query'] }, table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

it('leaves no original personal value anywhere in the copy', async () => {
  const { rows: tables } = await target.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'knex%'`);
  const everything: string[] = [];
  for (const { t } of tables) for (const row of (await target.query(`SELECT row_to_json(x)::text AS j FROM ${t} x`)).rows) everything.push(row.j.toLowerCase());
  const text = everything.join('\n');
  expect(text.length).toBeGreaterThan(10_000);
  for (const value of originals) expect([value, everything.filter((line) => line.includes(value.toLowerCase()))]).toEqual([value, []]);
});

it('copies every row, and keys, joins and duplicates still hold', async () => {
  const sourceClient = new pg.Client({ connectionString: ownerUrlOf(sourceUrl) });
  await sourceClient.connect();
  try {
    for (const table of ['customers', 'service_interactions', 'audit_log', 'journal_entries', 'postings', 'users', 'branches']) {
      expect([table, await count(target, table)]).toEqual([table, await count(sourceClient, table)]);
    }
  } finally {
    await sourceClient.end();
  }
  const { rows } = await target.query(`SELECT id, email, first_name, last_name, search_name, national_id_masked FROM customers WHERE id = ANY($1) ORDER BY id`, [
    people.map((p) => p.id),
  ]);
  expect(rows).toHaveLength(3);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // The two customers who shared an email still share one (fake) email; the third has another.
  expect(byId.get(people[0]!.id)!.email).toBe(byId.get(people[1]!.id)!.email);
  expect(byId.get(people[2]!.id)!.email).not.toBe(byId.get(people[0]!.id)!.email);
  for (const r of rows) expect(r.search_name).toBe(`${r.first_name} ${r.last_name}`.toLowerCase());
  // Interactions still point at their customers.
  expect(
    Number(
      (await target.query(`SELECT count(*) AS n FROM service_interactions i JOIN customers c ON c.id = i.customer_id WHERE c.id = ANY($1)`, [people.map((p) => p.id)])).rows[0].n,
    ),
  ).toBe(3);
});

it('keeps the ledger balanced and the name search working on the masked names', async () => {
  const { rows } = await target.query(`SELECT currency, sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) AS net FROM postings GROUP BY currency`);
  for (const r of rows) expect(Number(r.net)).toBe(0);
  const someone = (await target.query(`SELECT id, last_name FROM customers WHERE id = $1`, [people[2]!.id])).rows[0];
  const found = await target.query(`SELECT customer_id FROM customer_name_index WHERE term = lower($1)`, [someone.last_name.split(/[\s-]+/)[0]]);
  expect(found.rows.map((r) => r.customer_id)).toContain(someone.id);
});

it('decrypts the masked national ids with the keys it was run with, and they are not the originals', async () => {
  const fieldCrypto = createFieldCrypto(source.config);
  const { rows } = await target.query(`SELECT national_id_ciphertext, national_id_key_id FROM customers WHERE id = ANY($1)`, [people.map((p) => p.id)]);
  for (const r of rows) {
    const plain = fieldCrypto.decrypt({ keyId: r.national_id_key_id, ciphertext: r.national_id_ciphertext }, 'customers.national_id');
    expect(originals).not.toContain(plain);
    expect(plain.length).toBeGreaterThan(5);
  }
});
