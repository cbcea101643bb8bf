import { describe, expect, it } from 'vitest';
import { templateFor } from '../components/DunningPlanModal';
import { newPlanFor, stepsSummary, versionLabel } from '../components/DunningPlansSection';

describe('stepsSummary', () => {
  it('reads a plan day by day, with the channel of each message', () => {
    expect(
      stepsSummary({
        steps: [
          { key: 'first', days: 3, action: 'reminder', channel: 'preferred', template: 'dunning-reminder' },
          { key: 'second', days: 10, action: 'reminder', channel: 'sms', template: 'dunning-reminder' },
          { key: 'call', days: 15, action: 'call_task' },
          { key: 'final', days: 25, action: 'final_notice', channel: 'email', template: 'dunning-final-notice' },
        ],
      }),
    ).toBe('Day 3: reminder (customer’s choice) · Day 10: reminder (text message) · Day 15: call task · Day 25: final notice (email)');
  });

  it('says so when a plan has no steps', () => {
    expect(stepsSummary({ steps: [] })).toBe('No steps: nothing is sent');
  });
});

describe('templateFor', () => {
  it('follows the action while the step uses the default template, and keeps a template of its own', () => {
    expect(templateFor({ action: 'reminder', template: 'dunning-reminder' }, 'final_notice')).toBe('dunning-final-notice');
    expect(templateFor({ action: 'final_notice', template: 'dunning-final-notice' }, 'reminder')).toBe('dunning-reminder');
    expect(templateFor({ action: 'call_task', template: '' }, 'reminder')).toBe('dunning-reminder');
    expect(templateFor({ action: 'reminder', template: 'gentle-nudge' }, 'final_notice')).toBe('gentle-nudge');
  });
});

describe('newPlanFor', () => {
  const version = {
    productVersionId: '7d4c2a1e-0000-4000-8000-000000000001',
    versionNumber: 2,
    product: { id: '7d4c2a1e-0000-4000-8000-000000000002', code: 'TL', name: 'Term life' },
  };

  it('starts a version without a plan at version 0 (If-Match "0" makes it) with the usual steps', () => {
    const plan = newPlanFor(version);
    expect(plan).toMatchObject({ productVersionId: version.productVersionId, product: version.product, version: 0, updatedAt: null, updatedBy: null });
    expect(stepsSummary(plan)).toBe('Day 3: reminder (customer’s choice) · Day 10: reminder (customer’s choice) · Day 15: call task');
  });

  it('names the version with its product', () => {
    expect(versionLabel(version)).toBe('Term life (TL) · version 2');
  });
});
