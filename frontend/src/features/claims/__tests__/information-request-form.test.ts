import { describe, expect, it } from 'vitest';
import { buildInformationRequestBody, defaultDueOn, deliveryLabel } from '../information-request-form';

const today = '2027-01-11';

describe('buildInformationRequestBody', () => {
  it('sends what was asked, the document when chosen, and the due date', () => {
    expect(buildInformationRequestBody({ items: '  The police report ', documentCode: 'POLICE_REPORT', dueOn: '2027-01-25' }, today)).toEqual({
      ok: true,
      body: { items: 'The police report', documentCode: 'POLICE_REPORT', dueOn: '2027-01-25' },
    });
    expect(buildInformationRequestBody({ items: 'Photos', documentCode: '', dueOn: today }, today)).toEqual({ ok: true, body: { items: 'Photos', dueOn: today } });
  });

  it('says what is missing and refuses a due date in the past or more than 90 days ahead, as the API does', () => {
    expect(buildInformationRequestBody({ items: ' ', documentCode: '', dueOn: '' }, today)).toMatchObject({ ok: false, errors: { items: expect.any(String), dueOn: 'Required' } });
    expect(buildInformationRequestBody({ items: 'Photos', documentCode: '', dueOn: '2027-01-10' }, today)).toEqual({
      ok: false,
      errors: { dueOn: 'The due date cannot be in the past' },
    });
    expect(buildInformationRequestBody({ items: 'Photos', documentCode: '', dueOn: '2027-04-12' }, today)).toEqual({
      ok: false,
      errors: { dueOn: 'At most 90 days ahead (2027-04-11)' },
    });
    expect(buildInformationRequestBody({ items: 'Photos', documentCode: '', dueOn: '2027-04-11' }, today).ok).toBe(true);
  });

  it('defaults the due date to two weeks ahead', () => {
    expect(defaultDueOn('2027-12-25')).toBe('2028-01-08');
  });
});

describe('deliveryLabel', () => {
  it('says how the request went out, or that the adjuster must phone', () => {
    expect(deliveryLabel({ channel: 'email', to: 'reporter', recipient: 'sam@example.test' })).toBe('Emailed to the reporter (sam@example.test)');
    expect(deliveryLabel({ channel: 'sms', to: 'policyholder', recipient: '+15550100' })).toBe('Texted to the policyholder (+15550100)');
    expect(deliveryLabel({ channel: null, to: null, recipient: null })).toBe('Not sent: no address on file — phone the claimant');
  });
});
