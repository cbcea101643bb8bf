// The plan's rules and the step an invoice is due for, without a database.
import type { DunningStep } from '../../../contracts/collections';
import { dueStep, planProblems } from '../dunning-plan';

const steps: DunningStep[] = [
  { key: 'a', days: 3, action: 'reminder', template: 'dunning-reminder' },
  { key: 'b', days: 10, action: 'reminder', template: 'dunning-reminder' },
  { key: 'c', days: 15, action: 'call_task' },
  { key: 'd', days: 25, action: 'final_notice', template: 'dunning-final-notice' },
];
const state = (over: Partial<Parameters<typeof dueStep>[1]> = {}) => ({ daysPastDue: 0, doneKeys: new Set<string>(), ranToday: false, paused: false, ...over });

describe('dueStep', () => {
  it('is the first step not run once its day has come', () => {
    expect(dueStep(steps, state({ daysPastDue: 2 }))).toBeUndefined();
    expect(dueStep(steps, state({ daysPastDue: 3 }))?.key).toBe('a');
    expect(dueStep(steps, state({ daysPastDue: 9, doneKeys: new Set(['a']) }))).toBeUndefined();
    expect(dueStep(steps, state({ daysPastDue: 30, doneKeys: new Set(['a', 'b', 'c', 'd']) }))).toBeUndefined();
  });

  it('resumes at the next step after a pause, one step a day (never several at once)', () => {
    expect(dueStep(steps, state({ daysPastDue: 16, doneKeys: new Set(['a']), paused: true }))).toBeUndefined();
    expect(dueStep(steps, state({ daysPastDue: 16, doneKeys: new Set(['a']) }))?.key).toBe('b');
    expect(dueStep(steps, state({ daysPastDue: 16, doneKeys: new Set(['a', 'b']), ranToday: true }))).toBeUndefined();
    expect(dueStep(steps, state({ daysPastDue: 17, doneKeys: new Set(['a', 'b']) }))?.key).toBe('c');
  });
});

describe('planProblems', () => {
  it('accepts a well-formed plan and an empty one', () => {
    expect(planProblems(steps, 30)).toEqual([]);
    expect(planProblems([], 30)).toEqual([]);
  });

  it('names each broken rule by its field', () => {
    const paths = (s: DunningStep[], grace = 30) => planProblems(s, grace).map((e) => e.path);
    expect(paths([steps[0]!, { ...steps[1]!, key: 'a' }])).toEqual(['steps.1.key']);
    expect(paths([steps[1]!, steps[0]!])).toEqual(['steps.1.days']);
    expect(paths([{ key: 'x', days: 1, action: 'final_notice' }])).toEqual(['steps.0.template']);
    expect(paths([{ key: 'x', days: 1, action: 'call_task', channel: 'sms' }])).toEqual(['steps.0.channel']);
    expect(
      paths([
        { ...steps[3]!, days: 5 },
        { ...steps[2]!, days: 6 },
      ]),
    ).toEqual(['steps.0.action']);
    expect(paths([steps[3]!], 25)).toEqual(['steps.0.days']);
  });
});
