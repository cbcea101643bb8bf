import { DEFAULT_LINE_THRESHOLDS, type PhoneLine } from '@contracts/voice';
import { describe, expect, it } from 'vitest';
import { menuSummary, phoneLineInitialValues, phoneLineUpdateBody } from '../phone-line-form';

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
  it('starts from the line’s words, after-hours choice, urgent label and status', () => {
    expect(phoneLineInitialValues(line)).toEqual({
      name: 'Claims hotline',
      greeting: 'Policydesk Insurance claims hotline.',
      voicemailPrompt: 'Please leave a message.',
      afterHours: 'voicemail',
      urgentLabel: 'If an accident is happening now',
      active: true,
    });
  });

  it('sends the whole line back with the changes, trimmed, keeping the number, calendar, menu and urgent key', () => {
    const body = phoneLineUpdateBody(line, { ...phoneLineInitialValues(line), name: '  Claims 24/7 ', afterHours: 'hangup', urgentLabel: ' Accident now ', active: false });
    expect(body).toEqual({
      number: line.number,
      name: 'Claims 24/7',
      greeting: line.greeting,
      calendarId: line.calendarId,
      branchId: line.branchId,
      menu: line.menu,
      urgent: { digit: '9', label: 'Accident now' },
      afterHours: 'hangup',
      voicemailPrompt: line.voicemailPrompt,
      active: false,
    });
  });

  it('keeps the urgent key’s words when the field is emptied, and has none for a line without one', () => {
    expect(phoneLineUpdateBody(line, { ...phoneLineInitialValues(line), urgentLabel: '  ' }).urgent).toEqual(line.urgent);
    expect(phoneLineUpdateBody({ ...line, urgent: null }, phoneLineInitialValues({ ...line, urgent: null })).urgent).toBeNull();
  });

  it('summarises the menu by key, the urgent key last', () => {
    expect(menuSummary(line)).toBe('0 Agent · 1 Claims · 9 urgent');
  });
});
