// The knowledge base through HTTP on PostgreSQL (its own database, so search sees only these
// articles): writing, review and publishing under If-Match with history and audit, four-eyes, stale
// articles, sanitised rendering, search ranking (title above body), typos, snippets, filters and the
// audience a customer-facing caller cannot widen, feedback and figures, and on a case: suggestions
// from its subject and product, linking the article used and sending a public one to the customer.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { createLogger } from '../../../platform/logger';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { seed as seedReference } from '../../../../../seeds/reference/002_knowledge_base';
import { Clock } from '../../../platform/clock';

let w: BillingWorld;
let writer: { session: Session; userId: string };
let reviewer: { session: Session; userId: string };
let otherReviewer: { session: Session; userId: string };
let agent: Session;
let categoryId: string;
let otherCategoryId: string;
let policy: IssuedPolicy;

const api = () => request(w.t.app);
const etag = (v: number) => `"${v}"`;

interface Made {
  id: string;
  version: number;
}

/** An article written by `writer`, submitted and published by `reviewer`. */
async function published(fields: Record<string, unknown>): Promise<Made> {
  const created = await api()
    .post('/api/knowledge/articles')
    .set(writer.session.auth)
    .send({ categoryId, audience: 'customers', body: 'Nothing much.', ...fields })
    .expect(201);
  const submitted = await api().post(`/api/knowledge/articles/${created.body.id}/submit`).set(writer.session.auth).set('If-Match', etag(created.body.version)).send({}).expect(200);
  const done = await api().post(`/api/knowledge/articles/${created.body.id}/publish`).set(reviewer.session.auth).set('If-Match', etag(submitted.body.version)).send({}).expect(200);
  return { id: done.body.id, version: done.body.version };
}

const search = (session: Session, query: Record<string, string>) => api().get('/api/knowledge/search').query(query).set(session.auth);

beforeAll(async () => {
  w = await billingWorld('policydesk_knowledge', { startAt: '2027-03-01T10:00:00Z' });
  writer = await w.userAs('senior_agent');
  reviewer = await w.userAs('manager');
  otherReviewer = await w.userAs('manager');
  agent = await w.as('agent');
  categoryId = (await api().post('/api/knowledge/categories').set(reviewer.session.auth).send({ key: 'billing', name: 'Billing' }).expect(201)).body.id;
  otherCategoryId = (await api().post('/api/knowledge/categories').set(reviewer.session.auth).send({ key: 'claims', name: 'Claims' }).expect(201)).body.id;
  policy = await w.issuedPolicy();
}, PROCESS_TEST_TIMEOUT_MS * 3);
afterAll(() => w.close());

describe('writing, review and publishing', () => {
  it('takes an article from draft through review to published, with If-Match, history and audit', async () => {
    const created = await api()
      .post('/api/knowledge/articles')
      .set(writer.session.auth)
      .send({ slug: 'grace-period-basics', title: 'Grace period basics', body: 'The **grace period** lasts 30 days.', categoryId, audience: 'customers', tags: ['Grace'] })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ status: 'draft', latestRevision: 1, latestState: 'draft', publishedRevision: null, tags: ['grace'], published: null });
    expect(created.body.pending).toMatchObject({ revision: 1, state: 'draft', author: { id: writer.userId }, html: '<p>The <strong>grace period</strong> lasts 30 days.</p>\n' });
    const url = `/api/knowledge/articles/${created.body.id}`;

    // Stale version → 412; no If-Match → 428.
    await api().put(url).set(writer.session.auth).set('If-Match', '"7"').send({ title: 'Grace period', body: 'x', categoryId, audience: 'customers' }).expect(412);
    await api().put(url).set(writer.session.auth).send({ title: 'Grace period', body: 'x', categoryId, audience: 'customers' }).expect(428);
    const edited = await api()
      .put(url)
      .set(writer.session.auth)
      .set('If-Match', '"1"')
      .send({ title: 'The grace period', body: 'The **grace period** lasts 30 days after the due date.', categoryId, audience: 'customers', tags: ['grace'] })
      .expect(200);
    expect(edited.body).toMatchObject({ version: 2, latestRevision: 1, title: 'The grace period' });

    // A writer does not publish (no permission); a draft is not published; the author does not publish their own.
    await api().post(`${url}/publish`).set(writer.session.auth).set('If-Match', '"2"').send({}).expect(403);
    expect((await api().post(`${url}/publish`).set(reviewer.session.auth).set('If-Match', '"2"').send({}).expect(409)).body.code).toBe('KNOWLEDGE_TRANSITION_NOT_ALLOWED');
    const submitted = await api().post(`${url}/submit`).set(writer.session.auth).set('If-Match', '"2"').send({ note: 'Ready' }).expect(200);
    expect(submitted.body.latestState).toBe('in_review');
    // In review: no edits until returned.
    expect(
      (await api().put(url).set(writer.session.auth).set('If-Match', '"3"').send({ title: 'Changed', body: 'x', categoryId, audience: 'customers' }).expect(409)).body.code,
    ).toBe('KNOWLEDGE_TRANSITION_NOT_ALLOWED');
    const returned = await api().post(`${url}/return`).set(reviewer.session.auth).set('If-Match', '"3"').send({ note: 'Say what happens after' }).expect(200);
    expect(returned.body.pending).toMatchObject({ state: 'draft', reviewNote: 'Say what happens after', reviewer: { id: reviewer.userId } });
    await api().post(`${url}/submit`).set(writer.session.auth).set('If-Match', '"4"').send({}).expect(200);
    const done = await api().post(`${url}/publish`).set(reviewer.session.auth).set('If-Match', '"5"').send({ note: 'Good' }).expect(200);
    expect(done.body).toMatchObject({
      status: 'published',
      publishedRevision: 1,
      latestRevision: 1,
      latestState: 'published',
      reviewBy: '2028-03-01',
      stale: false,
      pending: null,
    });
    expect(done.body.published).toMatchObject({ revision: 1, state: 'published', author: { id: writer.userId }, reviewer: { id: reviewer.userId } });
    expect(done.body.history.map((h: { event: string }) => h.event)).toEqual(['published', 'submitted', 'returned', 'submitted', 'edited', 'created']);

    // Editing the published article starts revision 2; revision 1 stays live (and found) until 2 is published.
    const next = await api()
      .put(url)
      .set(writer.session.auth)
      .set('If-Match', '"6"')
      .send({ title: 'The grace period, explained', body: 'Thirty days after the due date; then the policy lapses.', categoryId, audience: 'customers' })
      .expect(200);
    expect(next.body).toMatchObject({ status: 'published', publishedRevision: 1, latestRevision: 2, latestState: 'draft', title: 'The grace period' });
    expect(next.body.pending).toMatchObject({ revision: 2, state: 'draft' });
    expect((await search(agent, { q: 'grace' }).expect(200)).body.items.map((i: { title: string }) => i.title)).toEqual(['The grace period']);
    await api().post(`${url}/submit`).set(writer.session.auth).set('If-Match', '"7"').send({}).expect(200);
    const republished = await api().post(`${url}/publish`).set(otherReviewer.session.auth).set('If-Match', '"8"').send({}).expect(200);
    expect(republished.body).toMatchObject({ publishedRevision: 2, title: 'The grace period, explained', pending: null });
    expect((await search(agent, { q: 'grace' }).expect(200)).body.items.map((i: { title: string }) => i.title)).toEqual(['The grace period, explained']);
    const revisions = await w.t.db('knowledge_revisions').where({ article_id: created.body.id }).orderBy('revision').select('revision', 'state');
    expect(revisions).toEqual([
      { revision: 1, state: 'superseded' },
      { revision: 2, state: 'published' },
    ]);

    const audit = await w.t.db('audit_log').where({ entity_type: 'knowledge_article', entity_id: created.body.id }).orderBy('id').pluck('action');
    expect(audit).toEqual([
      'knowledge_article.create',
      'knowledge_article.edit',
      'knowledge_article.submit',
      'knowledge_article.return',
      'knowledge_article.submit',
      'knowledge_article.publish',
      'knowledge_article.edit',
      'knowledge_article.submit',
      'knowledge_article.publish',
    ]);
  });

  it('never lets a reviewer publish a revision they wrote (409 KNOWLEDGE_FOUR_EYES)', async () => {
    const own = await api()
      .post('/api/knowledge/articles')
      .set(reviewer.session.auth)
      .send({ slug: 'own-words', title: 'My own words', body: 'x', categoryId, audience: 'staff' })
      .expect(201);
    await api().post(`/api/knowledge/articles/${own.body.id}/submit`).set(reviewer.session.auth).set('If-Match', '"1"').send({}).expect(200);
    const res = await api().post(`/api/knowledge/articles/${own.body.id}/publish`).set(reviewer.session.auth).set('If-Match', '"2"').send({}).expect(409);
    expect(res.body.code).toBe('KNOWLEDGE_FOUR_EYES');
    await api().post(`/api/knowledge/articles/${own.body.id}/publish`).set(otherReviewer.session.auth).set('If-Match', '"2"').send({}).expect(200);
  });

  it('refuses a taken slug, an unknown category or product, and a review date in the past', async () => {
    await published({ slug: 'taken-slug', title: 'Taken' });
    const taken = await api()
      .post('/api/knowledge/articles')
      .set(writer.session.auth)
      .send({ slug: 'taken-slug', title: 'Again', body: 'x', categoryId, audience: 'staff' })
      .expect(409);
    expect(taken.body.code).toBe('KNOWLEDGE_SLUG_TAKEN');
    const invalid = await api()
      .post('/api/knowledge/articles')
      .set(writer.session.auth)
      .send({ slug: 'bad-fields', title: 'Bad', body: 'x', categoryId: crypto.randomUUID(), audience: 'staff', productIds: [crypto.randomUUID()], reviewBy: '2027-02-01' })
      .expect(400);
    expect(invalid.body.code).toBe('KNOWLEDGE_ARTICLE_INVALID');
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['categoryId', 'productIds.0', 'reviewBy']);
    // Agents read but do not write.
    await api().post('/api/knowledge/articles').set(agent.auth).send({ slug: 'by-agent', title: 'Agent', body: 'x', categoryId, audience: 'staff' }).expect(403);
  });

  it('flags a published article stale once its review-by date passes, until a reviewer confirms it', async () => {
    const a = await published({ slug: 'stale-soon', title: 'Mailing address for cheques', reviewBy: '2027-03-10' });
    const before = await api().get(`/api/knowledge/articles/${a.id}`).set(agent.auth).expect(200);
    expect(before.body).toMatchObject({ reviewBy: '2027-03-10', stale: false });
    w.t.clock.set('2027-03-11T10:00:00Z');
    try {
      // Sessions of the moved clock's day.
      const agent = await w.as('agent');
      const reviewer = await w.userAs('manager');
      const writer = await w.userAs('senior_agent');
      const after = await api().get(`/api/knowledge/articles/${a.id}`).set(agent.auth).expect(200);
      expect(after.body.stale).toBe(true);
      const stale = await api().get('/api/knowledge/articles').query({ stale: 'true' }).set(reviewer.session.auth).expect(200);
      expect(stale.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
      expect((await search(agent, { q: 'cheques' }).expect(200)).body.items[0]).toMatchObject({ id: a.id, stale: true });
      const bad = await api()
        .post(`/api/knowledge/articles/${a.id}/confirm-review`)
        .set(reviewer.session.auth)
        .set('If-Match', etag(a.version))
        .send({ reviewBy: '2027-03-01' })
        .expect(400);
      expect(bad.body.code).toBe('KNOWLEDGE_REVIEW_DATE_INVALID');
      await api().post(`/api/knowledge/articles/${a.id}/confirm-review`).set(writer.session.auth).set('If-Match', etag(a.version)).send({ reviewBy: '2027-09-01' }).expect(403);
      const confirmed = await api()
        .post(`/api/knowledge/articles/${a.id}/confirm-review`)
        .set(reviewer.session.auth)
        .set('If-Match', etag(a.version))
        .send({ reviewBy: '2027-09-01', note: 'Address unchanged' })
        .expect(200);
      expect(confirmed.body).toMatchObject({ reviewBy: '2027-09-01', stale: false, version: a.version + 1 });
      expect(confirmed.body.history[0]).toMatchObject({ event: 'review_confirmed', note: 'Address unchanged', by: { id: reviewer.userId } });
      expect((await api().get('/api/knowledge/articles').query({ stale: 'true' }).set(reviewer.session.auth).expect(200)).body.items).toEqual([]);
    } finally {
      w.t.clock.set('2027-03-01T10:00:00Z');
    }
  });
});

describe('safe rendering', () => {
  it('stores an article with script, event handlers and javascript: links, and renders none of them', async () => {
    const body = [
      '# Hostile',
      '<script>alert("x")</script>',
      '<img src=x onerror="alert(1)">',
      '<a href="javascript:alert(1)" onclick="steal()">raw link</a>',
      '[md link](javascript:alert(2)) and [fine](https://example.com/help)',
    ].join('\n\n');
    const a = await published({ slug: 'hostile', title: 'Hostile input', body });
    const got = await api().get(`/api/knowledge/articles/${a.id}`).set(agent.auth).expect(200);
    expect(got.body.published.body).toBe(body);
    const html: string = got.body.published.html;
    // Raw HTML shows as text; no element, no event handler attribute, no script link survives.
    const tags = [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
    expect(tags.filter((tag) => /^<(script|img|iframe)|\son\w+=|javascript:/i.test(tag))).toEqual([]);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://example.com/help" rel="noopener noreferrer" target="_blank">fine</a>');
    const preview = await api().post('/api/knowledge/preview').set(writer.session.auth).send({ body }).expect(200);
    expect(preview.body.html).toBe(html);
    // The customers' view of the same article, and the snippet of a search hit, are as safe.
    expect((await w.t.services.knowledge.publicArticle(w.t.db, 'hostile')).html).toBe(html);
    const hit = (await search(agent, { q: 'hostile script' }).expect(200)).body.items[0];
    expect(hit.snippet).not.toMatch(/<script|<img/);
  });
});

describe('search', () => {
  let inTitle: Made, inBody: Made, staffOnly: Made;

  beforeAll(async () => {
    inBody = await published({
      slug: 'body-only',
      title: 'Paying by bank transfer',
      body: 'Reimbursement rules. The reimbursement is made to the account on file. A reimbursement can take five days; each reimbursement is confirmed by email.',
    });
    inTitle = await published({ slug: 'title-hit', title: 'Reimbursement of overpaid premium', body: 'When you paid twice we pay it back.', tags: ['refunds'] });
    staffOnly = await published({
      slug: 'staff-reimbursement',
      title: 'Reimbursement fraud signals',
      body: 'Internal checklist for reimbursements.',
      audience: 'staff',
      categoryId: otherCategoryId,
    });
  });

  it('ranks a match in the title above matches in the body, with stemming and highlighted snippets', async () => {
    const res = await search(agent, { q: 'reimbursements', audience: 'customers' }).expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([inTitle.id, inBody.id]);
    const [first, second] = res.body.items;
    expect(first.rank).toBeGreaterThan(second.rank);
    expect(second.snippet).toContain('<mark>Reimbursement</mark>');
  });

  it('tolerates typos through trigram similarity', async () => {
    const res = await search(agent, { q: 'reimbursment' }).expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toContain(inTitle.id);
    const misspelt = await search(agent, { q: 'overpayed premum' }).expect(200);
    expect(misspelt.body.items[0]?.id).toBe(inTitle.id);
  });

  it('filters by category, product and audience; staff see staff-only articles, customers never', async () => {
    expect((await search(agent, { q: 'reimbursement' }).expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(staffOnly.id);
    expect((await search(agent, { q: 'reimbursement', categoryId: otherCategoryId }).expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([staffOnly.id]);
    expect((await search(agent, { q: 'reimbursement', audience: 'customers' }).expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(staffOnly.id);
    // The portal's function has no audience to widen, and cuts a long text instead of failing.
    const kb = w.t.services.knowledge;
    const forCustomers = await kb.searchForCustomers(w.t.db, { q: 'reimbursement fraud signals', ...({ audience: 'staff' } as object) });
    expect(forCustomers.items.map((i) => i.id)).not.toContain(staffOnly.id);
    expect(forCustomers.items.every((i) => i.audience === 'customers')).toBe(true);
    expect((await kb.searchForCustomers(w.t.db, { q: 'reimbursement '.repeat(200) })).items.every((i) => i.audience === 'customers')).toBe(true);
    await expect(kb.publicArticle(w.t.db, 'staff-reimbursement')).rejects.toMatchObject({ status: 404 });
    await expect(kb.recordDeflection(w.t.db, staffOnly.id)).rejects.toMatchObject({ status: 404 });
    // Product filter: an article for another product is left out, one for every product stays.
    const forProduct = await published({ slug: 'term-life-reimbursement', title: 'Reimbursement on a term life policy', productIds: [w.productId] });
    const other = await w.f.publishTermLife(w.admin);
    const ids = (await search(agent, { q: 'reimbursement', productId: other }).expect(200)).body.items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(forProduct.id);
    expect(ids).toContain(inTitle.id);
    expect((await search(agent, { q: 'reimbursement', productId: w.productId }).expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(forProduct.id);
  });

  it('answers a 2,000-character query with 400, and odd text with a safe result', async () => {
    const res = await search(agent, { q: 'x'.repeat(2000) }).expect(400);
    expect(res.body.errors[0].path).toBe('query.q');
    for (const q of ['!!! & | :* ( ) <-> \'"', 'the and of', '%_\\', 'OR OR -', '<script>alert(1)</script>']) {
      const ok = await search(agent, { q }).expect(200);
      for (const hit of ok.body.items) expect(hit.snippet).not.toMatch(/<script/);
    }
  });
});

describe('feedback and figures', () => {
  it('counts views, helpful and not helpful (one opinion per person), links, sends and deflections', async () => {
    const a = await published({ slug: 'figures', title: 'Changing your address' });
    await api().post(`/api/knowledge/articles/${a.id}/view`).set(agent.auth).expect(204);
    await api().post(`/api/knowledge/articles/${a.id}/view`).set(writer.session.auth).expect(204);
    await api().put(`/api/knowledge/articles/${a.id}/feedback`).set(agent.auth).send({ helpful: false }).expect(200);
    const changed = await api().put(`/api/knowledge/articles/${a.id}/feedback`).set(agent.auth).send({ helpful: true, comment: 'Clear now' }).expect(200);
    expect(changed.body.myFeedback).toEqual({ helpful: true, comment: 'Clear now' });
    await api().put(`/api/knowledge/articles/${a.id}/feedback`).set(writer.session.auth).send({ helpful: false }).expect(200);
    await w.t.services.knowledge.recordDeflection(w.t.db, a.id);
    await w.t.services.knowledge.recordCustomerFeedback(w.t.db, policy.customer.id, a.id, { helpful: true });
    const got = await api().get(`/api/knowledge/articles/${a.id}`).set(reviewer.session.auth).expect(200);
    expect(got.body.figures).toEqual({ views: 2, caseLinks: 0, sends: 0, helpful: 2, notHelpful: 1, deflections: 1 });
    await api().put(`/api/knowledge/articles/${crypto.randomUUID()}/feedback`).set(agent.auth).send({ helpful: true }).expect(404);
  });
});

describe('on a case', () => {
  let caseId: string;
  let pub: Made, staff: Made, otherProduct: Made;

  beforeAll(async () => {
    pub = await published({ slug: 'beneficiary-change', title: 'Changing the beneficiaries of a life policy', body: 'Send us the signed form.', productIds: [w.productId] });
    staff = await published({ slug: 'beneficiary-checks', title: 'Beneficiary change checks', body: 'Verify the signature.', audience: 'staff' });
    const other = await w.f.publishTermLife(w.admin);
    otherProduct = await published({ slug: 'beneficiary-other', title: 'Beneficiaries on another product', productIds: [other] });
    const created = await api()
      .post('/api/cases')
      .set(agent.auth)
      .send({ type: 'policy_change_request', subject: 'Wants to change beneficiary', customerId: policy.customer.id, links: [{ kind: 'policy', id: policy.policy.id }] })
      .expect(201);
    caseId = created.body.id;
  });

  it('suggests articles from the case’s subject and its policy’s product', async () => {
    const res = await api().get(`/api/cases/${caseId}/knowledge`).set(agent.auth).expect(200);
    expect(res.body.basis).toMatchObject({ text: 'Wants to change beneficiary', products: [{ id: w.productId }] });
    const ids = res.body.suggestions.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([pub.id, staff.id]));
    expect(ids).not.toContain(otherProduct.id);
  });

  it('links the article used to the case once, and counts it', async () => {
    const first = await api().put(`/api/cases/${caseId}/knowledge/links/${staff.id}`).set(agent.auth).expect(201);
    expect(first.body.linked).toEqual([expect.objectContaining({ article: expect.objectContaining({ id: staff.id }) })]);
    expect(first.body.suggestions.map((s: { id: string }) => s.id)).not.toContain(staff.id);
    await api().put(`/api/cases/${caseId}/knowledge/links/${staff.id}`).set(agent.auth).expect(200);
    expect((await api().get(`/api/knowledge/articles/${staff.id}`).set(agent.auth).expect(200)).body.figures.caseLinks).toBe(1);
    expect(await w.t.db('audit_log').where({ action: 'knowledge_article.link_case', entity_id: staff.id }).count('* as n').first()).toEqual({ n: 1 });
    // Another branch's agent does not see the case.
    await api()
      .put(`/api/cases/${caseId}/knowledge/links/${pub.id}`)
      .set((await w.as('agent', w.otherBranch)).auth)
      .expect(404);
  });

  it('sends a public article to the customer through the outbox, once per revision; never a staff-only one', async () => {
    const sent = await api().post(`/api/cases/${caseId}/knowledge/sends/${pub.id}`).set(agent.auth).expect(201);
    expect(sent.body).toMatchObject({ articleId: pub.id, caseId, channel: 'email' });
    const message = await w.t.db('notification_outbox').where({ id: sent.body.messageId }).first();
    expect(message).toMatchObject({ template_key: 'knowledge-article', customer_id: policy.customer.id, status: 'pending' });
    expect(message.data).toMatchObject({ articleTitle: 'Changing the beneficiaries of a life policy', articleText: 'Send us the signed form.' });
    const again = await api().post(`/api/cases/${caseId}/knowledge/sends/${pub.id}`).set(agent.auth).expect(200);
    expect(again.body.messageId).toBe(sent.body.messageId);
    expect((await w.t.db('notification_outbox').where({ template_key: 'knowledge-article' }).count('* as n').first())?.n).toBe(1);

    const refused = await api().post(`/api/cases/${caseId}/knowledge/sends/${staff.id}`).set(agent.auth).expect(409);
    expect(refused.body.code).toBe('KNOWLEDGE_NOT_PUBLIC');
    const view = await api().get(`/api/cases/${caseId}/knowledge`).set(agent.auth).expect(200);
    expect(view.body.sent).toEqual([expect.objectContaining({ article: expect.objectContaining({ id: pub.id }), messageId: sent.body.messageId })]);
    expect((await api().get(`/api/knowledge/articles/${pub.id}`).set(agent.auth).expect(200)).body.figures.sends).toBe(1);
    // Underwriters read articles but do not use them on cases.
    await api()
      .post(`/api/cases/${caseId}/knowledge/sends/${pub.id}`)
      .set((await w.as('underwriter')).auth)
      .expect(403);
  });

  it('refuses to send when the case has no customer', async () => {
    const bare = await api().post('/api/cases').set(agent.auth).send({ type: 'question', subject: 'Caller asks about beneficiaries' }).expect(201);
    expect((await api().post(`/api/cases/${bare.body.id}/knowledge/sends/${pub.id}`).set(agent.auth).expect(409)).body.code).toBe('KNOWLEDGE_NO_RECIPIENT');
  });
});

describe('the reference seed', () => {
  it('publishes the role manuals as staff articles, and running it again changes nothing', async () => {
    const ctx = { clock: new Clock(), logger: createLogger('silent') } as Parameters<typeof seedReference>[1];
    await w.t.db.transaction((trx) => seedReference(trx, ctx));
    await w.t.db.transaction((trx) => seedReference(trx, ctx));
    const manuals = await w.t.db('knowledge_articles').where('slug', 'like', 'manual-%').orderBy('slug').select('slug', 'status', 'audience', 'published_revision');
    expect(manuals.map((m) => m.slug)).toEqual([
      'manual-admin',
      'manual-agent',
      'manual-claims-adjuster',
      'manual-finance',
      'manual-manager',
      'manual-senior-agent',
      'manual-underwriter',
    ]);
    expect(manuals.every((m) => m.status === 'published' && m.audience === 'staff' && m.published_revision === 1)).toBe(true);
    const manual = await api().get('/api/knowledge/articles/by-slug/manual-agent').set(agent.auth).expect(200);
    expect(manual.body.published.html).toContain('id="section-working-a-case"');
    expect(manual.body.published.author.name).toBe('Policydesk');
    expect((await w.t.services.knowledge.searchForCustomers(w.t.db, { q: 'agent manual' })).items).toEqual([]);
  });
});
