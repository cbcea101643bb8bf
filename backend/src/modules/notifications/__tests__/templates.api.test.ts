// Admins' templates: versioned saves under If-Match, placeholders checked against the key's declared
// variables (field errors), previews, and the rules of who may do it.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { sessionAs } from '../../../../test/support/factories';

const t = appForFile();
// The lapse notice is this file's: other files queue payment receipts and renewal offers.
const URL = '/api/notification-templates/lapse-notice';

it('lists the seeded templates with their declared variables', async () => {
  const admin = await sessionAs(t, 'admin');
  const res = await request(t.app).get('/api/notification-templates').set(admin.auth).expect(200);
  const keys = res.body.items.map((i: { key: string; channel: string; language: string }) => `${i.key}/${i.channel}/${i.language}`);
  expect(keys).toEqual(
    expect.arrayContaining(['payment-receipt/email/en', 'payment-receipt/sms/en', 'payment-receipt/email/es', 'lapse-notice/email/en', 'renewal-offer/email/en']),
  );
  expect(res.body.items.find((i: { key: string }) => i.key === 'payment-receipt')).toMatchObject({ variables: ['customerName', 'paymentNumber', 'amount', 'receivedOn'] });
});

it('saves a new version under If-Match and audits it; a stale version is 412, none is 428', async () => {
  const admin = await sessionAs(t, 'admin');
  const current = await request(t.app).get(`${URL}/sms/en`).set(admin.auth).expect(200);
  const v = current.body.version as number;
  expect(current.headers.etag).toBe(`"${v}"`);
  const body = { body: 'Policydesk: policy {{policyNumber}} lapsed on {{ lapsedOn }}. Call us, {{customerName}}.' };
  const audits = () =>
    t.db('audit_log').where({ action: 'notification_template.update' }).whereRaw("metadata->>'key' = 'lapse-notice' and metadata->>'channel' = 'sms'").count('* as n').first();
  const before = (await audits())!.n as number;
  await request(t.app).put(`${URL}/sms/en`).set(admin.auth).send(body).expect(428);
  const saved = await request(t.app).put(`${URL}/sms/en`).set(admin.auth).set('If-Match', `"${v}"`).send(body).expect(200);
  expect(saved.body).toMatchObject({ version: v + 1, body: body.body, subject: null });
  const stale = await request(t.app).put(`${URL}/sms/en`).set(admin.auth).set('If-Match', `"${v}"`).send(body).expect(412);
  expect(stale.body.code).toBe('VERSION_MISMATCH');
  // Every version is kept.
  expect(
    await t
      .db('notification_templates')
      .where({ key: 'lapse-notice', channel: 'sms', language: 'en' })
      .whereIn('version', [v, v + 1])
      .count('* as n')
      .first(),
  ).toEqual({ n: 2 });
  expect(await audits()).toEqual({ n: before + 1 });
});

it('refuses unknown or malformed placeholders with field errors (400 NOTIFICATION_TEMPLATE_INVALID)', async () => {
  const admin = await sessionAs(t, 'admin');
  const current = await request(t.app).get(`${URL}/email/en`).set(admin.auth).expect(200);
  const res = await request(t.app)
    .put(`${URL}/email/en`)
    .set(admin.auth)
    .set('If-Match', `"${current.body.version}"`)
    .send({ subject: 'Lapsed: {{policyNumber}} {{premium}}', body: 'Dear {{customerName}}, {{ lapsedOn } and {{nationalId}}' })
    .expect(400);
  expect(res.body.code).toBe('NOTIFICATION_TEMPLATE_INVALID');
  expect(res.body.errors).toEqual([
    { path: 'subject', message: expect.stringContaining('{{premium}}') },
    { path: 'body', message: expect.stringContaining('{{nationalId}}') },
    { path: 'body', message: expect.stringContaining('malformed') },
  ]);
  const noSubject = await request(t.app).put(`${URL}/email/en`).set(admin.auth).set('If-Match', `"${current.body.version}"`).send({ body: 'Dear {{customerName}}' }).expect(400);
  expect(noSubject.body.errors).toEqual([{ path: 'subject', message: 'An email needs a subject' }]);
  const smsSubject = await request(t.app).put(`${URL}/sms/fr`).set(admin.auth).set('If-Match', '"0"').send({ subject: 'x', body: 'Police {{policyNumber}}' }).expect(400);
  expect(smsSubject.body.errors).toEqual([{ path: 'subject', message: 'An SMS has no subject' }]);
  const nul = await request(t.app).put(`${URL}/email/en`).set(admin.auth).set('If-Match', `"${current.body.version}"`).send({ subject: 'a\u0000b', body: 'b' }).expect(400);
  expect(nul.body.code).toBe('VALIDATION_FAILED');
  expect((await request(t.app).get(`${URL}/email/en`).set(admin.auth).expect(200)).body.version).toBe(current.body.version);
});

it('creates a template for a new language with If-Match "0" (201), and 404s unknown keys', async () => {
  const admin = await sessionAs(t, 'admin');
  await request(t.app).get(`${URL}/email/de`).set(admin.auth).expect(404);
  const body = { subject: 'Ihre Police {{policyNumber}} ist erloschen', body: 'Guten Tag {{customerName}}, Ihre Police ist am {{lapsedOn}} erloschen.' };
  await request(t.app).put(`${URL}/email/de`).set(admin.auth).set('If-Match', '"1"').send(body).expect(412);
  const res = await request(t.app).put(`${URL}/email/de`).set(admin.auth).set('If-Match', '"0"').send(body).expect(201);
  expect(res.body).toMatchObject({ key: 'lapse-notice', channel: 'email', language: 'de', version: 1 });
  expect(res.headers.etag).toBe('"1"');
  await request(t.app).put('/api/notification-templates/no-such-key/email/en').set(admin.auth).set('If-Match', '"0"').send({ subject: 'x', body: 'y' }).expect(404);
  await request(t.app).get('/api/notification-templates/lapse-notice/fax/en').set(admin.auth).expect(400);
  await request(t.app).get('/api/notification-templates/lapse-notice/email/english').set(admin.auth).expect(400);
});

it('previews the current version or a draft with the sample values, HTML escaped', async () => {
  const admin = await sessionAs(t, 'admin');
  const current = await request(t.app).post('/api/notification-templates/renewal-offer/email/en/preview').set(admin.auth).send({}).expect(200);
  expect(current.body).toMatchObject({
    subject: 'Renew your policy P-000042',
    text: expect.stringContaining('Dear Ada Lovelace'),
    html: expect.stringContaining('<p>Dear Ada Lovelace,</p>'),
  });
  const draft = await request(t.app)
    .post('/api/notification-templates/renewal-offer/email/en/preview')
    .set(admin.auth)
    .send({ subject: 'Offer {{policyNumber}}', body: 'Hello {{customerName}}', data: { customerName: '<script>alert(1)</script>' } })
    .expect(200);
  expect(draft.body.text).toBe('Hello <script>alert(1)</script>');
  expect(draft.body.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(draft.body.html).not.toContain('<script>');
  const bad = await request(t.app).post('/api/notification-templates/renewal-offer/email/en/preview').set(admin.auth).send({ body: '{{ssn}}' }).expect(400);
  expect(bad.body).toMatchObject({ code: 'NOTIFICATION_TEMPLATE_INVALID', errors: [{ path: 'body' }] });
});

it('is for admins only', async () => {
  const manager = await sessionAs(t, 'manager');
  await request(t.app).get('/api/notification-templates').set(manager.auth).expect(403);
  await request(t.app).put(`${URL}/sms/en`).set(manager.auth).set('If-Match', '"1"').send({ body: 'x' }).expect(403);
  await request(t.app).post(`${URL}/sms/en/preview`).set(manager.auth).send({}).expect(403);
});
