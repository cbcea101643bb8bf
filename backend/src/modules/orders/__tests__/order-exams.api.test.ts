import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { type Session, sessionAs } from '../../../../test/support/factories';
import { orderFixtures } from './order-fixtures';

const t = appForFile();
const f = orderFixtures(t);
let agent: Session;
let underwriter: Session;
let branch: string;
let productId: string;

beforeAll(async () => {
  ({ branch, agent, underwriter, productId } = await f.team());
});
afterEach(() => t.clock.reset());

const exam = (session: Session, id: string, step: string, version: number, body: object) =>
  request(t.app).post(`/api/exams/${id}/${step}`).set(session.auth).set('If-Match', `"${version}"`).send(body);
const inDays = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();

describe('medical exams', () => {
  it('are created with the order when the product rules ask for them (age 55: paramedical, blood panel, urinalysis)', async () => {
    const young = await f.draft(agent, branch, productId);
    expect(young.order.exams).toEqual([]);
    const { order } = await f.draft(agent, branch, productId, { age: 55 });
    expect(order.exams.map((e: { examType: string; status: string; rule: string }) => `${e.examType}:${e.status}:${e.rule}`)).toEqual([
      'blood_panel:required:AGE_50',
      'paramedical:required:AGE_50',
      'urinalysis:required:AGE_50',
    ]);
    expect(order.exams[0]).toMatchObject({ orderNumber: order.orderNumber, overdue: false, labPartner: null });
  });

  it('walk required → ordered → scheduled → completed → results_received, one endpoint per step, with events and audit', async () => {
    const { order } = await f.draft(agent, branch, productId, { age: 55 });
    const blood = order.exams.find((e: { examType: string }) => e.examType === 'blood_panel');
    expect((await exam(agent, blood.id, 'order', blood.version, { labPartner: 'Dr. Nick’s Lab', labOrderReference: 'Q-123' }).expect(400)).body.errors[0].path).toBe('labPartner');
    const partners = (await request(t.app).get('/api/exams/lab-partners').set(agent.auth).expect(200)).body.items;
    const ordered = (await exam(agent, blood.id, 'order', blood.version, { labPartner: partners[0], labOrderReference: 'QD-778812' }).expect(200)).body;
    expect(ordered).toMatchObject({ status: 'ordered', labPartner: partners[0], labOrderReference: 'QD-778812' });
    expect((await exam(agent, blood.id, 'complete', ordered.version, { completedOn: t.clock.businessDate() }).expect(409)).body).toMatchObject({
      code: 'ILLEGAL_EXAM_TRANSITION',
      currentStatus: 'ordered',
    });
    expect((await exam(agent, blood.id, 'schedule', ordered.version, { scheduledAt: inDays(-1), location: 'Quest, 5th Ave' }).expect(400)).body.errors[0].path).toBe('scheduledAt');
    await exam(agent, blood.id, 'schedule', ordered.version + 3, { scheduledAt: inDays(2), location: 'Quest, 5th Ave' }).expect(412);
    const scheduled = (await exam(agent, blood.id, 'schedule', ordered.version, { scheduledAt: inDays(2), location: 'Quest, 5th Ave' }).expect(200)).body;
    expect(scheduled).toMatchObject({ status: 'scheduled', location: 'Quest, 5th Ave', dueOn: inDays(2).slice(0, 10) });
    const completed = (await exam(agent, blood.id, 'complete', scheduled.version, { completedOn: t.clock.businessDate() }).expect(200)).body;
    const report = (await f.upload(agent, order.id, 'PROOF_OF_IDENTITY').expect(201)).body; // any document of this order
    const done = (
      await exam(agent, blood.id, 'results', completed.version, {
        keyResults: [
          { name: 'HbA1c', value: '5.4', unit: '%' },
          { name: 'Cholesterol', value: '6.9', unit: 'mmol/L', abnormal: true },
        ],
        resultDocumentId: report.id,
      }).expect(200)
    ).body;
    expect(done).toMatchObject({ status: 'results_received', keyResults: [{ name: 'HbA1c' }, { name: 'Cholesterol', abnormal: true }], resultDocumentId: report.id });
    const events = await t.db('order_exam_events').where({ exam_id: blood.id }).orderBy('id');
    expect(events.map((e) => e.to_status)).toEqual(['required', 'ordered', 'scheduled', 'completed', 'results_received']);
    const actions = (await t.db('audit_log').where({ entity_type: 'exam', entity_id: blood.id }).orderBy('id')).map((a) => a.action);
    expect(actions).toEqual(['exam.order', 'exam.schedule', 'exam.complete', 'exam.record_results']);
  });

  it('only underwriters waive; a cancelled lab order can be ordered again', async () => {
    const { order } = await f.draft(agent, branch, productId, { age: 55 });
    const [a, b, c] = order.exams;
    await exam(agent, a.id, 'waive', a.version, { reason: 'Recent results on file' }).expect(403);
    expect((await exam(underwriter, a.id, 'waive', a.version, { reason: 'Recent results on file' }).expect(200)).body).toMatchObject({
      status: 'waived',
      waiveReason: 'Recent results on file',
    });
    const ordered = (await exam(agent, b.id, 'order', b.version, { labPartner: 'Labcorp', labOrderReference: 'LC-1' }).expect(200)).body;
    const cancelled = (await exam(agent, b.id, 'cancel', ordered.version, { reason: 'Customer moved' }).expect(200)).body;
    expect((await exam(agent, b.id, 'order', cancelled.version, { labPartner: 'ExamOne', labOrderReference: 'EO-2' }).expect(200)).body).toMatchObject({
      status: 'ordered',
      labPartner: 'ExamOne',
      cancelReason: null,
    });
    // The open worklist leaves out the waived one.
    const open = (await request(t.app).get(`/api/exams?orderId=${order.id}&open=true`).set(agent.auth).expect(200)).body.items;
    expect(open.map((e: { id: string }) => e.id).sort()).toEqual([b.id, c.id].sort());
  });

  it('the worklist shows the most urgent first and highlights overdue exams; other branches see none', async () => {
    const { order } = await f.draft(agent, branch, productId, { age: 55 });
    const list = (await request(t.app).get(`/api/exams?orderId=${order.id}`).set(underwriter.auth).expect(200)).body;
    expect(list.items).toHaveLength(3);
    expect(list.items.every((e: { overdue: boolean }) => !e.overdue)).toBe(true);
    t.clock.advance(6 * 86_400_000); // past the 5 days allowed to order them
    const later = await sessionAs(t, 'underwriter', branch);
    const overdue = (await request(t.app).get(`/api/exams?orderId=${order.id}&overdue=true`).set(later.auth).expect(200)).body;
    expect(overdue.items).toHaveLength(3);
    expect(overdue.items.every((e: { overdue: boolean; status: string }) => e.overdue && e.status === 'required')).toBe(true);
    const outsider = await sessionAs(t, 'agent');
    expect((await request(t.app).get(`/api/exams?orderId=${order.id}`).set(outsider.auth).expect(200)).body.items).toEqual([]);
    await request(t.app).get(`/api/exams/${order.exams[0].id}`).set(outsider.auth).expect(404);
  });
});
