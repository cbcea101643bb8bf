import { DEFAULT_LINE_THRESHOLDS, type PhoneLine } from '@contracts/voice';
import { describe, expect, it } from 'vitest';
import { formFieldOf, freeKey, menuSummary, phoneLineInitialValues, phoneLineUpdateBody } from '../phone-line-form';

const line: PhoneLine = {
  id: '9d7f1e2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a',
  number: '+18002524669',
  name: 'Claims hotline',
  greeting: 'Policydesk Insurance claims hotline.',
  calendarId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  branchId: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c',
  menu: [
    { digit: '1', queue: 'claims', label: 'To report a claim' },
    { digit: '0', queue: 'agent', label: 'To speak to an agent' },
  ],
  urgent: { digit: '9', label: 'If an accident is happening now' },
  afterHours: 'voicemail',
  voicemailPrompt: 'Please leave a message.',
  active: true,
  thresholds: { ...DEFAULT_LINE_THRESHOLDS, maxCalls: 100 },
  version: 3,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-02T00:00:00.000Z',
};

describe('the phone line form', () => {
  it('starts from the line: words, calendar, menu, urgent key, after hours, status and thresholds (empty: not watched)', () => {
    expect(phoneLineInitialValues(line)).toEqual({
      name: 'Claims hotline',
      greeting: 'Policydesk Insurance claims hotline.',
      calendarId: line.calendarId,
      menu: line.menu,
      urgentEnabled: true,
      urgentDigit: '9',
      urgentLabel: 'If an accident is happening now',
      voicemailPrompt: 'Please leave a message.',
      afterHours: 'voicemail',
      active: true,
      windowMinutes: 60,
      maxCalls: 100,
      minAnsweredWithin20sPercent: '',
      maxAbandoned: '',
      maxMissed: '',
      maxWebhookP95Ms: '',
      maxWebhookErrorPercent: '',
    });
  });

  it('sends the whole line back with the edited menu (trimmed), urgent key, calendar and thresholds, keeping number and branch', () => {
    const values = {
      ...phoneLineInitialValues(line),
      name: '  Claims 24/7 ',
      calendarId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      menu: [
        { digit: '#', queue: 'payments' as const, label: ' Payments ' },
        { digit: '0', queue: 'agent' as const, label: 'An agent' },
      ],
      urgentDigit: '*',
      urgentLabel: ' Accident now ',
      afterHours: 'hangup' as const,
      active: false,
      maxWebhookP95Ms: 200,
      maxCalls: '' as const,
    };
    expect(phoneLineUpdateBody(line, values)).toEqual({
      number: line.number,
      name: 'Claims 24/7',
      greeting: line.greeting,
      calendarId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      branchId: line.branchId,
      menu: [
        { digit: '#', queue: 'payments', label: 'Payments' },
        { digit: '0', queue: 'agent', label: 'An agent' },
      ],
      urgent: { digit: '*', label: 'Accident now' },
      afterHours: 'hangup',
      voicemailPrompt: line.voicemailPrompt,
      active: false,
      thresholds: { ...DEFAULT_LINE_THRESHOLDS, maxWebhookP95Ms: 200 },
    });
  });

  it('has no urgent key when it is switched off', () => {
    expect(phoneLineUpdateBody(line, { ...phoneLineInitialValues(line), urgentEnabled: false }).urgent).toBeNull();
  });

  it('places the server’s field errors on the form’s fields', () => {
    expect(formFieldOf('menu.1.digit')).toBe('menu.1.digit');
    expect(formFieldOf('urgent.digit')).toBe('urgentDigit');
    expect(formFieldOf('calendarId')).toBe('calendarId');
    expect(formFieldOf('thresholds.windowMinutes')).toBe('windowMinutes');
    expect(formFieldOf('number')).toBeUndefined();
  });

  it('offers a free key for a new choice', () => {
    expect(freeKey({ menu: line.menu, urgentEnabled: true, urgentDigit: '2' })).toBe('3');
  });

  it('summarises the menu by key, the urgent key last', () => {
    expect(menuSummary(line)).toBe('0 Agent · 1 Claims · 9 urgent');
  });
});
