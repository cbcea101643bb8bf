import { appForFile } from '../../../../test/support/test-app';
import { makeBranch, makeCustomer, type Session, sessionAs } from '../../../../test/support/factories';
import { RESCORE_AGE_BANDS_JOB } from '..';

const t = appForFile();
let agent: Session;
let branch: string;
beforeAll(async () => {
  branch = (await makeBranch(t.db)).id;
  agent = await sessionAs(t, 'agent', branch);
});
afterEach(() => t.clock.reset());

const shift = (date: string, years: number, days = 0) => {
  const d = new Date(Date.parse(`${date}T00:00:00Z`));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
};

describe('nightly re-score', () => {
  it('recomputes the score of customers who entered a new age band, once, with a history row', async () => {
    const today = t.clock.businessDate();
    const tomorrow = shift(today, 0, 1);
    // Turns 40 tomorrow (age points 0 → 5); turns 41 tomorrow (same band); a control well inside a band.
    const turning40 = (await makeCustomer(t.app, agent, branch, { dateOfBirth: shift(tomorrow, -40) })).customer;
    const turning41 = (await makeCustomer(t.app, agent, branch, { dateOfBirth: shift(tomorrow, -41) })).customer;
    const scoreOf = async (id: string) => (await t.db('customers').where({ id }).first('risk_score')).risk_score as number;
    const historyOf = (id: string) => t.db('customer_risk_scores').where({ customer_id: id }).orderBy('id').select('score', 'reason');
    const [before40, before41] = [await scoreOf(turning40.id), await scoreOf(turning41.id)];
    const history41 = await historyOf(turning41.id);

    await t.jobs.runNow(RESCORE_AGE_BANDS_JOB, {});
    expect(await scoreOf(turning40.id)).toBe(before40); // not yet: still 39 today

    t.clock.set(`${tomorrow}T03:00:00Z`);
    await t.jobs.runNow(RESCORE_AGE_BANDS_JOB, {});
    expect(await scoreOf(turning40.id)).toBe(before40 + 5);
    expect((await historyOf(turning40.id)).at(-1)).toEqual({ score: before40 + 5, reason: 'Entered a new age band' });
    expect(await scoreOf(turning41.id)).toBe(before41);
    expect(await historyOf(turning41.id)).toEqual(history41);

    // A second run (or a catch-up days later) changes nothing more.
    const rows = (await historyOf(turning40.id)).length;
    t.clock.advance(3 * 86_400_000);
    await t.jobs.runNow(RESCORE_AGE_BANDS_JOB, {});
    expect(await historyOf(turning40.id)).toHaveLength(rows);
  });
});
